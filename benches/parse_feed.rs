//! How long `parse_feed` takes for a 100-item Arabic feed (decode, feed-rs, HTML to text,
//! sanitising, keys). Run: `cargo bench --bench parse_feed`.
//!
//! Besides a composed feed, one is built from the first 100 real news items of
//! `../shared/data/ant/articles.jsonl` (title, link, pubDate and description as their feeds
//! carried them, the body as `content:encoded`) when that file is present.

use khabar_feeds::parse_feed;

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

/// A 100-item RSS 2.0 feed of real news items, if the shared corpus is at hand.
fn hundred_real_items() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/ant/articles.jsonl"
    );
    let corpus = std::fs::read_to_string(path).ok()?;
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut doc = String::from(
        "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
         <channel><title>ANT</title>",
    );
    for line in corpus.lines().take(100) {
        let item: serde_json::Value = serde_json::from_str(line).ok()?;
        let field = |name: &str| escape(item[name].as_str().unwrap_or_default());
        let body: String = field("text")
            .lines()
            .map(|p| format!("&lt;p&gt;{p}&lt;/p&gt;"))
            .collect();
        doc.push_str(&format!(
            "<item><title>{}</title><link>{}</link><pubDate>{}</pubDate>\
             <description>{}</description><content:encoded>{body}</content:encoded></item>",
            field("title"),
            field("url"),
            field("published"),
            field("abstract"),
        ));
    }
    doc.push_str("</channel></rss>");
    Some(doc)
}

#[divan::bench]
fn real_news_feed_of_100_items(bencher: divan::Bencher) {
    let Some(doc) = hundred_real_items() else {
        eprintln!("../shared/data/ant/articles.jsonl not found: nothing to measure");
        return;
    };
    let parsed = parse_feed(doc.as_bytes(), None).unwrap();
    assert_eq!(parsed.articles.len(), 100);
    assert!(parsed.articles.iter().all(|a| a.published.is_some()));
    bencher.bench(|| parse_feed(divan::black_box(doc.as_bytes()), None).unwrap());
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
