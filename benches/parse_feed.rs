//! How long `parse_feed` takes for a 100-item Arabic feed (decode, feed-rs, HTML to text,
//! sanitising, keys). Run: `cargo bench --bench parse_feed`.

use khabar::feeds::parse_feed;

fn main() {
    divan::main();
}

/// A 100-item RSS 2.0 feed with HTML descriptions and content, composed here.
fn hundred_items() -> String {
    let mut doc = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>نشرة</title>",
    );
    for i in 0..100 {
        doc.push_str(&format!(
            "<item><title>خبر رقم {i} عن اجتماع في دمشق</title><link>https://n.example/{i}</link>\
             <guid>n-{i}</guid><pubDate>Tue, 10 Jun 2025 07:05:06 +0300</pubDate>\
             <description>&lt;p&gt;قال مسؤول إن &lt;b&gt;{i}&lt;/b&gt; شخصاً حضروا.&lt;/p&gt;</description>\
             <content:encoded><![CDATA[{}]]></content:encoded></item>",
            "<p>عقد الوزراء اجتماعاً مطولاً في العاصمة لبحث الأوضاع الاقتصادية والخدمية، \
             وأكدوا ضرورة الإسراع في تنفيذ المشاريع المتأخرة.</p>"
                .repeat(6)
        ));
    }
    doc.push_str("</channel></rss>");
    doc
}

#[divan::bench]
fn utf8_feed_of_100_items(bencher: divan::Bencher) {
    let doc = hundred_items();
    bencher.bench(|| parse_feed(divan::black_box(doc.as_bytes()), None).unwrap());
}

#[divan::bench]
fn windows_1256_feed_of_100_items(bencher: divan::Bencher) {
    let doc = hundred_items().replacen("UTF-8", "windows-1256", 1);
    let bytes = encoding_rs::WINDOWS_1256.encode(&doc).0.into_owned();
    bencher.bench(|| parse_feed(divan::black_box(&bytes), None).unwrap());
}
