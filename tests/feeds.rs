//! The feeds room against a real HTTP server on 127.0.0.1 (wiremock) and real files, with
//! small Arabic fixtures written here.

use khabar_feeds::{
    FeedError, FeedRequest, FetchOptions, FetchedFeed, Fetcher, FullText, ParsedArticle,
    ParsedFeed, parse_feed,
};
use std::io::Write;
use std::time::{Duration, Instant};
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>أخبار الشام</title>
  <link>https://sham.example/</link>
  <description>آخر الأخبار</description>
  <item>
    <title>قصف مدفعي على ريف حمص</title>
    <link>https://sham.example/news/1</link>
    <guid isPermaLink="false">sham-1</guid>
    <dc:creator>سامر الحلبي</dc:creator>
    <pubDate>Tue, 10 Jun 2025 07:05:06 +0300</pubDate>
    <description>&lt;p&gt;قتل &lt;b&gt;ثلاثة&lt;/b&gt; مدنيين.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>قتل ثلاثة مدنيين   في قصف مدفعي.</p><p>وقال مصدر محلي إن القصف استمر ساعتين.</p>]]></content:encoded>
  </item>
  <item>
    <title>اجتماع وزاري في عمّان</title>
    <link>https://sham.example/news/2</link>
    <pubDate>Wed, 11 Jun 2025 09:00:00 GMT</pubDate>
    <description>التقى وزراء خارجية خمس دول في عمّان.</description>
  </item>
</channel>
</rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">نشرة النيل</title>
  <link rel="alternate" href="https://nile.example/"/>
  <link rel="self" href="https://nile.example/atom.xml"/>
  <id>urn:nile</id>
  <updated>2025-06-10T10:00:00Z</updated>
  <entry>
    <title type="html">افتتاح &lt;em&gt;معرض&lt;/em&gt; الكتاب في القاهرة</title>
    <link rel="alternate" href="/books/7"/>
    <id>urn:nile:7</id>
    <author><name>منى عبد الله</name></author>
    <updated>2025-06-10T10:00:00Z</updated>
    <summary>يفتتح المعرض أبوابه غداً.</summary>
    <content type="html">&lt;p&gt;يفتتح المعرض أبوابه غداً بمشاركة 40 دولة.&lt;/p&gt;</content>
  </entry>
</feed>"#;

const JSON_FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "موجز الخليج",
  "home_page_url": "https://gulf.example/",
  "items": [
    {"id": "g-1", "url": "https://gulf.example/g-1", "title": "ارتفاع أسعار النفط",
     "content_html": "<p>ارتفعت أسعار النفط 3 في المئة.</p>", "date_published": "2025-06-09T08:00:00+04:00",
     "authors": [{"name": "خالد"}]}
  ]
}"#;

fn fetcher_with(options: FetchOptions) -> Fetcher {
    Fetcher::new(options).expect("the HTTP client is set up")
}

fn fetcher() -> Fetcher {
    fetcher_with(FetchOptions::default())
}

fn request(url: String) -> FeedRequest {
    FeedRequest {
        url,
        etag: None,
        last_modified: None,
        full_text: FullText::Never,
    }
}

fn updated(fetched: FetchedFeed) -> ParsedFeed {
    match fetched {
        FetchedFeed::Updated(feed) => feed,
        FetchedFeed::NotModified => panic!("expected a fresh feed, got NotModified"),
    }
}

/// Serves `body` with `content_type` at `route`.
async fn serve(server: &MockServer, route: &str, body: impl Into<Vec<u8>>, content_type: &str) {
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.into(), content_type))
        .mount(server)
        .await;
}

/// Fetches `route` from `server` with the default fetcher and expects a fresh feed.
async fn fetch_feed(server: &MockServer, route: &str) -> ParsedFeed {
    updated(
        fetcher()
            .fetch(&request(format!("{}{route}", server.uri())))
            .await
            .unwrap(),
    )
}

/// Fetches `route` from `server` and expects an error.
async fn fetch_error(fetcher: &Fetcher, server: &MockServer, route: &str) -> FeedError {
    match fetcher
        .fetch(&request(format!("{}{route}", server.uri())))
        .await
    {
        Err(err) => err,
        Ok(_) => panic!("expected {route} to fail"),
    }
}

fn encode(text: &str, label: &str) -> Vec<u8> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "fixture not representable in {label}");
    bytes.into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A one-item RSS document (no XML declaration) with this title and description.
fn rss_with(title: &str, description: &str) -> String {
    format!(
        "<rss version=\"2.0\"><channel><title>قناة</title><item><title>{title}</title>\
         <link>https://x.example/1</link><description>{description}</description></item></channel></rss>"
    )
}

#[tokio::test]
async fn rss2_gives_clean_articles_and_validators() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rss"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(RSS, "application/rss+xml; charset=utf-8")
                .insert_header("ETag", "\"v1\"")
                .insert_header("Last-Modified", "Tue, 10 Jun 2025 04:10:00 GMT"),
        )
        .mount(&server)
        .await;
    let feed = fetch_feed(&server, "/rss").await;
    assert_eq!(feed.title.as_deref(), Some("أخبار الشام"));
    assert_eq!(feed.site_link.as_deref(), Some("https://sham.example/"));
    assert_eq!(feed.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        feed.last_modified.as_deref(),
        Some("Tue, 10 Jun 2025 04:10:00 GMT")
    );
    assert_eq!(feed.articles.len(), 2);

    let first = &feed.articles[0];
    assert_eq!(first.key, "sham-1");
    assert_eq!(first.guid.as_deref(), Some("sham-1"));
    assert_eq!(first.link.as_deref(), Some("https://sham.example/news/1"));
    assert_eq!(first.title, "قصف مدفعي على ريف حمص");
    assert_eq!(first.author.as_deref(), Some("سامر الحلبي"));
    assert_eq!(
        first.published.unwrap().to_rfc3339(),
        "2025-06-10T04:05:06+00:00"
    );
    assert_eq!(first.teaser, "قتل ثلاثة مدنيين.");
    assert_eq!(
        first.text,
        "قتل ثلاثة مدنيين في قصف مدفعي.\n\nوقال مصدر محلي إن القصف استمر ساعتين."
    );
    assert_eq!(first.full_text_error, None);

    let second = &feed.articles[1];
    assert_eq!(second.guid, None);
    assert_eq!(
        second.key, "https://sham.example/news/2",
        "without a guid the link is the key"
    );
    assert_eq!(second.text, "التقى وزراء خارجية خمس دول في عمّان.");
    assert_eq!(second.teaser, second.text);
}

#[tokio::test]
async fn atom_resolves_relative_links_and_html_titles() {
    let server = MockServer::start().await;
    serve(&server, "/atom.xml", ATOM, "application/atom+xml").await;
    let feed = fetch_feed(&server, "/atom.xml").await;
    assert_eq!(feed.title.as_deref(), Some("نشرة النيل"));
    assert_eq!(feed.site_link.as_deref(), Some("https://nile.example/"));
    let entry = &feed.articles[0];
    assert_eq!(entry.title, "افتتاح معرض الكتاب في القاهرة");
    assert_eq!(entry.key, "urn:nile:7");
    assert_eq!(
        entry.link.as_deref(),
        Some(format!("{}/books/7", server.uri()).as_str())
    );
    assert_eq!(entry.author.as_deref(), Some("منى عبد الله"));
    assert_eq!(entry.teaser, "يفتتح المعرض أبوابه غداً.");
    assert_eq!(entry.text, "يفتتح المعرض أبوابه غداً بمشاركة 40 دولة.");
    assert_eq!(
        entry.published.unwrap().to_rfc3339(),
        "2025-06-10T10:00:00+00:00"
    );
}

/// Atom 0.3 (2003), still served by old blog engines: its own namespace, `issued`/`modified`
/// dates, and text constructs with a MIME `type` and a `mode`.
const ATOM_0_3: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="ar">
  <title mode="escaped" type="text/html">مدونة &lt;b&gt;الوادي&lt;/b&gt;</title>
  <tagline>يوميات من وادي النيل</tagline>
  <link rel="alternate" type="text/html" href="https://wadi.example/"/>
  <modified>2024-03-02T18:30:00Z</modified>
  <entry>
    <title>انقطاع الكهرباء عن أحياء في أسوان</title>
    <link rel="alternate" type="text/html" href="https://wadi.example/2024/03/power.html"/>
    <id>tag:wadi.example,2024:power</id>
    <author><name>هالة مصطفى</name><url>https://wadi.example/hala</url></author>
    <issued>2024-03-02T20:15:00+02:00</issued>
    <modified>2024-03-02T19:00:00Z</modified>
    <content type="text/html" mode="escaped">&lt;p&gt;انقطعت الكهرباء عن &lt;b&gt;ثلاثة&lt;/b&gt; أحياء في أسوان مساء السبت.&lt;/p&gt;&lt;p&gt;وقالت الشركة إن الإصلاح يستغرق ساعات.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="text/plain">افتتاح جسر جديد في الأقصر</title>
    <link rel="alternate" type="text/html" href="/2024/03/bridge.html"/>
    <id>tag:wadi.example,2024:bridge</id>
    <issued>2024-03-01T09:00:00</issued>
    <summary type="text/plain">جسر يربط ضفتي النيل.</summary>
    <content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>افتتح المحافظ جسراً يربط ضفتي النيل في الأقصر.</p></div></content>
  </entry>
</feed>"#;

#[tokio::test]
async fn atom_0_3_feeds_are_read() {
    let server = MockServer::start().await;
    serve(&server, "/atom03.xml", ATOM_0_3, "application/atom+xml").await;
    let feed = fetch_feed(&server, "/atom03.xml").await;
    assert_eq!(feed.title.as_deref(), Some("مدونة الوادي"));
    assert_eq!(feed.site_link.as_deref(), Some("https://wadi.example/"));
    assert_eq!(feed.articles.len(), 2, "{:#?}", feed.articles);

    let power = &feed.articles[0];
    assert_eq!(power.title, "انقطاع الكهرباء عن أحياء في أسوان");
    assert_eq!(power.key, "tag:wadi.example,2024:power");
    assert_eq!(
        power.link.as_deref(),
        Some("https://wadi.example/2024/03/power.html")
    );
    assert_eq!(power.author.as_deref(), Some("هالة مصطفى"));
    assert_eq!(
        power.published.unwrap().to_rfc3339(),
        "2024-03-02T18:15:00+00:00",
        "issued is the publication time"
    );
    assert_eq!(
        power.text,
        "انقطعت الكهرباء عن ثلاثة أحياء في أسوان مساء السبت.\n\nوقالت الشركة إن الإصلاح يستغرق ساعات."
    );

    let bridge = &feed.articles[1];
    assert_eq!(bridge.title, "افتتاح جسر جديد في الأقصر");
    assert_eq!(
        bridge.link.as_deref(),
        Some(format!("{}/2024/03/bridge.html", server.uri()).as_str())
    );
    assert_eq!(
        bridge.published.unwrap().to_rfc3339(),
        "2024-03-01T09:00:00+00:00"
    );
    assert_eq!(bridge.teaser, "جسر يربط ضفتي النيل.");
    assert_eq!(bridge.text, "افتتح المحافظ جسراً يربط ضفتي النيل في الأقصر.");
}

#[tokio::test]
async fn json_feed_is_read() {
    let server = MockServer::start().await;
    serve(&server, "/feed.json", JSON_FEED, "application/feed+json").await;
    let feed = fetch_feed(&server, "/feed.json").await;
    assert_eq!(feed.title.as_deref(), Some("موجز الخليج"));
    let item = &feed.articles[0];
    assert_eq!(
        (item.key.as_str(), item.title.as_str()),
        ("g-1", "ارتفاع أسعار النفط")
    );
    assert_eq!(item.text, "ارتفعت أسعار النفط 3 في المئة.");
    assert_eq!(item.author.as_deref(), Some("خالد"));
    assert_eq!(
        item.published.unwrap().to_rfc3339(),
        "2025-06-09T04:00:00+00:00"
    );
}

#[tokio::test]
async fn legacy_arabic_charsets_decode_wherever_they_are_named() {
    let server = MockServer::start().await;
    let title = "عاجل: وصول قافلة مساعدات إلى غزة";
    let body = "قالت الأمم المتحدة إن القافلة تضم 20 شاحنة.";

    // windows-1256 named only in the HTTP header; the declaration is silent.
    let mut only_header = b"<?xml version=\"1.0\"?>\n".to_vec();
    only_header.extend(encode(&rss_with(title, body), "windows-1256"));
    serve(
        &server,
        "/header",
        only_header,
        "text/xml; charset=windows-1256",
    )
    .await;

    // windows-1256 named in the XML declaration, while the header wrongly claims UTF-8.
    let mut in_declaration = b"<?xml version=\"1.0\" encoding=\"windows-1256\"?>\n".to_vec();
    in_declaration.extend(encode(&rss_with(title, body), "windows-1256"));
    serve(
        &server,
        "/declaration",
        in_declaration,
        "application/xml; charset=utf-8",
    )
    .await;

    // ISO-8859-6, named in the declaration with no header charset.
    let mut iso = b"<?xml version='1.0' encoding='ISO-8859-6'?>".to_vec();
    iso.extend(encode(&rss_with(title, body), "iso-8859-6"));
    serve(&server, "/iso", iso, "application/rss+xml").await;

    for route in ["/header", "/declaration", "/iso"] {
        let feed = fetch_feed(&server, route).await;
        assert_eq!(feed.title.as_deref(), Some("قناة"), "{route}");
        assert_eq!(feed.articles[0].title, title, "{route}");
        assert_eq!(feed.articles[0].text, body, "{route}");
    }
}

#[tokio::test]
async fn gzip_bodies_are_decompressed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/gz"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(gzip(RSS.as_bytes()), "application/rss+xml")
                .insert_header("Content-Encoding", "gzip"),
        )
        .mount(&server)
        .await;
    let feed = fetch_feed(&server, "/gz").await;
    assert_eq!(feed.articles[0].title, "قصف مدفعي على ريف حمص");
    let received = server.received_requests().await.unwrap();
    let accepted = received[0]
        .headers
        .get("accept-encoding")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        accepted.contains("gzip") && accepted.contains("br"),
        "{accepted}"
    );
}

#[tokio::test]
async fn conditional_get_returns_not_modified() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rss"))
        .and(header("If-None-Match", "\"v1\""))
        .and(header_exists("If-Modified-Since"))
        .respond_with(ResponseTemplate::new(304))
        .mount(&server)
        .await;
    let conditional = FeedRequest {
        etag: Some("\"v1\"".into()),
        last_modified: Some("Tue, 10 Jun 2025 04:10:00 GMT".into()),
        ..request(format!("{}/rss", server.uri()))
    };
    assert_eq!(
        fetcher().fetch(&conditional).await.unwrap(),
        FetchedFeed::NotModified
    );
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.headers.get("if-none-match").unwrap(), "\"v1\"");
    // Checked here: wiremock's `header` matcher splits values at the comma of an HTTP date.
    assert_eq!(
        sent.headers.get("if-modified-since").unwrap(),
        "Tue, 10 Jun 2025 04:10:00 GMT"
    );
    assert!(
        sent.headers
            .get("user-agent")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("khabar/")
    );
}

#[tokio::test]
async fn rate_limits_report_when_to_come_back() {
    let server = MockServer::start().await;
    Mock::given(path("/busy"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let date =
        (chrono::Utc::now() + chrono::Duration::seconds(3600)).format("%a, %d %b %Y %H:%M:%S GMT");
    Mock::given(path("/down"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", date.to_string()))
        .mount(&server)
        .await;
    let err = fetch_error(&fetcher(), &server, "/busy").await;
    assert_eq!(err.to_string(), "HTTP 429: rate limited, retry after 120 s");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    // The same fetcher keeps away from that host for the announced time, without asking.
    serve(&server, "/other", RSS, "application/rss+xml").await;
    let polite = fetcher();
    fetch_error(&polite, &server, "/busy").await;
    let held_back = fetch_error(&polite, &server, "/other").await;
    assert!(
        held_back.retry_after().unwrap() <= Duration::from_secs(120),
        "{held_back}"
    );
    assert!(
        held_back
            .to_string()
            .starts_with("HTTP 429: rate limited, retry after 1"),
        "{held_back}"
    );
    let asked = server.received_requests().await.unwrap();
    assert!(!asked.iter().any(|r| r.url.path() == "/other"));
    assert!(
        fetcher()
            .fetch(&request(format!("{}/other", server.uri())))
            .await
            .is_ok()
    );

    let wait = fetch_error(&fetcher(), &server, "/down")
        .await
        .retry_after()
        .unwrap();
    assert!((3590..=3600).contains(&wait.as_secs()), "{wait:?}");
}

#[tokio::test]
async fn every_failure_has_its_own_message() {
    let server = MockServer::start().await;
    serve(
        &server,
        "/broken",
        "<rss version=\"2.0\"><channel><item><title>نص</item></channel>",
        "text/xml",
    )
    .await;
    serve(
        &server,
        "/page",
        "<!DOCTYPE html><html><body><p>موقع</p></body></html>",
        "text/html",
    )
    .await;
    serve(
        &server,
        "/cp864",
        rss_with("عنوان", "نص"),
        "text/xml; charset=cp864",
    )
    .await;
    Mock::given(path("/loop"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", "/loop"))
        .mount(&server)
        .await;
    Mock::given(path("/gone"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let fetcher = fetcher();
    let mut messages = Vec::new();
    for route in ["/broken", "/page", "/cp864", "/loop", "/gone"] {
        messages.push(fetch_error(&fetcher, &server, route).await.to_string());
    }
    assert!(
        messages[0].starts_with("not a feed: ") && messages[0].contains("`</title>`"),
        "feed-rs' reason is kept: {}",
        messages[0]
    );
    assert_eq!(
        messages[1],
        "not a feed: the document is an HTML page, not RSS, Atom or JSON Feed"
    );
    assert_eq!(
        messages[2],
        "unknown charset \"cp864\" (named in the HTTP header)"
    );
    assert_eq!(messages[3], "too many redirects (more than 5)");
    assert_eq!(messages[4], "HTTP 404 Not Found");
    let loops = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/loop")
        .count();
    assert_eq!(loops, 6, "the first request and five redirects");

    let ftp = fetcher
        .fetch(&request("ftp://files.example/feed.xml".into()))
        .await
        .unwrap_err();
    assert_eq!(
        ftp.to_string(),
        "unsupported URL scheme \"ftp:\" (only http, https and file are fetched)"
    );
    let nonsense = fetcher.fetch(&request("أخبار".into())).await.unwrap_err();
    assert!(
        nonsense
            .to_string()
            .starts_with("not a valid URL \"أخبار\""),
        "{nonsense}"
    );
}

#[tokio::test]
async fn unreachable_hosts_are_named_in_the_error() {
    // RFC 6761: `.invalid` never resolves, so no network is needed to see the failure.
    let fetcher = fetcher();
    let unresolved = fetcher
        .fetch(&request("http://news.example.invalid/rss".into()))
        .await
        .unwrap_err();
    assert!(
        unresolved
            .to_string()
            .starts_with("cannot resolve host news.example.invalid ("),
        "{unresolved}"
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let refused = fetcher
        .fetch(&request(format!("http://127.0.0.1:{port}/rss")))
        .await
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        format!("cannot connect to 127.0.0.1:{port}: connection refused")
    );
}

#[tokio::test]
async fn bodies_over_the_cap_are_refused_even_when_compressed() {
    let server = MockServer::start().await;
    let big = rss_with("كبير", &"نص طويل ".repeat(2000));
    serve(&server, "/big", big, "application/rss+xml").await;
    let bomb = gzip(&vec![b' '; 8 * 1024 * 1024]);
    assert!(bomb.len() < 64 * 1024, "a bomb is small on the wire");
    Mock::given(path("/bomb"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(bomb, "application/rss+xml")
                .insert_header("Content-Encoding", "gzip"),
        )
        .mount(&server)
        .await;
    let small = fetcher_with(FetchOptions {
        max_bytes: 16 * 1024,
        ..FetchOptions::default()
    });
    assert_eq!(
        fetch_error(&small, &server, "/big").await.to_string(),
        "body larger than the 16 KiB cap"
    );
    let capped = fetcher_with(FetchOptions {
        max_bytes: 1024 * 1024,
        ..FetchOptions::default()
    });
    assert_eq!(
        fetch_error(&capped, &server, "/bomb").await.to_string(),
        "body larger than the 1 MiB cap"
    );
}

#[tokio::test]
async fn a_silent_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(path("/slow"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(RSS, "text/xml")
                .set_delay(Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    let impatient = fetcher_with(FetchOptions {
        timeout: Duration::from_millis(300),
        ..FetchOptions::default()
    });
    let started = Instant::now();
    let err = fetch_error(&impatient, &server, "/slow").await;
    assert_eq!(
        err.to_string(),
        format!(
            "timed out: no complete answer from {} within 0.3 s",
            server.address()
        )
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn requests_wait_for_the_per_host_and_global_limits() {
    let delay = Duration::from_millis(250);
    let slow = || {
        ResponseTemplate::new(200)
            .set_body_raw(RSS, "text/xml")
            .set_delay(delay)
    };
    let (a, b) = (MockServer::start().await, MockServer::start().await);
    Mock::given(method("GET"))
        .respond_with(slow())
        .mount(&a)
        .await;
    Mock::given(method("GET"))
        .respond_with(slow())
        .mount(&b)
        .await;

    let one_per_host = fetcher_with(FetchOptions {
        per_host: 1,
        ..FetchOptions::default()
    });
    let same_host: Vec<_> = (0..3)
        .map(|i| request(format!("{}/f{i}", a.uri())))
        .collect();
    let started = Instant::now();
    let results = futures::future::join_all(same_host.iter().map(|r| one_per_host.fetch(r))).await;
    assert!(results.iter().all(Result::is_ok));
    assert!(
        started.elapsed() >= delay * 3,
        "one at a time per host: {:?}",
        started.elapsed()
    );

    // Two hosts, each allowed two, but one request overall.
    let one_overall = fetcher_with(FetchOptions {
        concurrency: 1,
        ..FetchOptions::default()
    });
    let two_hosts = [
        request(format!("{}/x", a.uri())),
        request(format!("{}/y", b.uri())),
    ];
    let started = Instant::now();
    let results = futures::future::join_all(two_hosts.iter().map(|r| one_overall.fetch(r))).await;
    assert!(results.iter().all(Result::is_ok));
    assert!(
        started.elapsed() >= delay * 2,
        "one at a time overall: {:?}",
        started.elapsed()
    );

    // With the defaults, the three same-host feeds overlap two at a time.
    let defaults = fetcher();
    let started = Instant::now();
    let results = futures::future::join_all(same_host.iter().map(|r| defaults.fetch(r))).await;
    assert!(results.iter().all(Result::is_ok));
    assert!(
        started.elapsed() < delay * 3,
        "parallel fetching: {:?}",
        started.elapsed()
    );
}

#[test]
fn items_without_guid_or_link_get_stable_distinct_keys() {
    let doc = "<rss version=\"2.0\"><channel><title>ق</title>\
        <item><title>خبر أول</title><description>نص أول</description></item>\
        <item><title>خبر ثان</title><description>نص ثان</description></item>\
        <item><title>خبر أول</title><description>نص مختلف</description></item>\
        <item><title>خبر ثان</title><description>نص ثان</description></item>\
        </channel></rss>";
    let keys = |feed: ParsedFeed| feed.articles.into_iter().map(|a| a.key).collect::<Vec<_>>();
    let first = keys(parse_feed(doc.as_bytes(), None).unwrap());
    let second = keys(parse_feed(doc.as_bytes(), None).unwrap());
    assert_eq!(first, second, "keys survive a second parse");
    assert!(
        first
            .iter()
            .all(|k| k.starts_with("fnv1a64:") && k.len() == "fnv1a64:".len() + 16),
        "{first:?}"
    );
    assert_ne!(first[0], first[1]);
    assert_ne!(first[0], first[2], "same title, other text");
    assert_eq!(first.len(), 3, "a repeated item is kept once");

    let untitled = "<rss version=\"2.0\"><channel><title>ق</title><item><description>\
        انقطع التيار الكهربائي عن أحياء واسعة من المدينة مساء أمس بسبب عطل في محطة التحويل الرئيسية\
        </description></item></channel></rss>";
    let feed = parse_feed(untitled.as_bytes(), None).unwrap();
    assert_eq!(
        feed.articles[0].title,
        "انقطع التيار الكهربائي عن أحياء واسعة من المدينة مساء أمس بسبب عطل في محطة…",
        "an untitled item is named by its first words"
    );
}

#[test]
fn impossible_dates_keep_the_item_without_a_date() {
    let doc = "<rss version=\"2.0\"><channel><title>ق</title>\
        <item><guid>a</guid><title>منتصف الليل</title><pubDate>Tue, 10 Jun 2025 24:15:00 +0300</pubDate></item>\
        <item><guid>b</guid><title>صباحاً</title><pubDate>Tue, 10 Jun 2025 09:15:00 +0300</pubDate></item>\
        </channel></rss>";
    let feed = parse_feed(doc.as_bytes(), None).unwrap();
    assert_eq!(feed.articles.len(), 2);
    assert_eq!(feed.articles[0].title, "منتصف الليل");
    assert_eq!(feed.articles[0].published, None);
    assert_eq!(
        feed.articles[1].published.unwrap().to_rfc3339(),
        "2025-06-10T06:15:00+00:00"
    );
}

#[test]
fn hostile_titles_come_out_sanitised() {
    let doc = "<rss version=\"2.0\"><channel><title>قناة\u{1B}]0;pwned\u{07}</title>\
        <item><guid>1</guid><title>خبر &amp;#27;[31mأحمر&amp;#27;[0m \u{202E}مقلوب</title>\
        <author>محرر\u{1B}[2J</author>\
        <description>&lt;p&gt;نص \u{1B}[5m وامض&lt;/p&gt;</description></item>\
        </channel></rss>";
    let feed = parse_feed(doc.as_bytes(), None).unwrap();
    let article: &ParsedArticle = &feed.articles[0];
    assert_eq!(feed.title.as_deref(), Some("قناة"));
    assert_eq!(article.title, "خبر أحمر مقلوب");
    assert_eq!(article.author.as_deref(), Some("محرر"));
    assert_eq!(article.text, "نص وامض");
    for text in [&article.title, &article.text, &article.teaser] {
        assert!(
            !text.contains(['\u{1B}', '\u{202E}', '\u{07}']) && !text.contains("[31m"),
            "{text:?}"
        );
    }
}

#[tokio::test]
async fn file_feeds_are_read_and_revalidated() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("saved feed.xml");
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"windows-1256\"?>".to_vec();
    bytes.extend(encode(
        &rss_with("خبر محفوظ", "نص محفوظ للقراءة دون اتصال"),
        "windows-1256",
    ));
    std::fs::write(&file, bytes).unwrap();
    let url = reqwest::Url::from_file_path(&file).unwrap().to_string();

    let feed = updated(fetcher().fetch(&request(url.clone())).await.unwrap());
    assert_eq!(feed.articles[0].title, "خبر محفوظ");
    assert_eq!(feed.articles[0].text, "نص محفوظ للقراءة دون اتصال");
    let again = FeedRequest {
        last_modified: feed.last_modified.clone(),
        ..request(url)
    };
    assert!(again.last_modified.is_some());
    assert_eq!(
        fetcher().fetch(&again).await.unwrap(),
        FetchedFeed::NotModified
    );

    let missing = dir.path().join("missing.xml");
    let err = fetcher()
        .fetch(&request(
            reqwest::Url::from_file_path(&missing).unwrap().to_string(),
        ))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("cannot read {}: ", missing.display())),
        "{err}"
    );
}

/// A news page: navigation and footer around the article body.
fn article_page(paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>خبر</title></head><body>\
         <nav class=\"menu\"><a href=\"/\">الرئيسية</a> <a href=\"/sport\">رياضة</a> <a href=\"/eco\">اقتصاد</a></nav>\
         <article class=\"post\"><h1>خبر</h1>{body}</article>\
         <footer class=\"footer\">جميع الحقوق محفوظة للموقع</footer></body></html>"
    )
}

#[tokio::test]
async fn full_text_replaces_teasers_and_explains_failures() {
    let server = MockServer::start().await;
    let paragraphs = [
        "أعلنت وزارة الصحة في بيروت أن حصيلة الانفجار الذي وقع صباح اليوم في المرفأ ارتفعت إلى خمسة عشر قتيلاً وعشرات الجرحى، بينهم عمال ومارة كانوا قرب المستودعات.",
        "وقال وزير الصحة في مؤتمر صحفي إن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت الأنقاض، وإن المستشفيات القريبة استقبلت أكثر من مئة مصاب منذ الصباح.",
        "وأضاف أن الحكومة شكلت لجنة تحقيق ستقدم تقريرها خلال أسبوع، داعياً المواطنين إلى التبرع بالدم في المراكز المعتمدة في العاصمة وضواحيها.",
    ];
    serve(
        &server,
        "/article/1",
        article_page(&paragraphs),
        "text/html; charset=utf-8",
    )
    .await;
    Mock::given(path("/article/2"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let long_text = "نص كامل طويل في الخلاصة. ".repeat(30);
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>بيروت اليوم</title>\
         <item><guid>1</guid><title>انفجار في المرفأ</title><link>{0}/article/1</link><description>ارتفاع الحصيلة.</description></item>\
         <item><guid>2</guid><title>صفحة مفقودة</title><link>{0}/article/2</link><description>موجز قصير.</description></item>\
         <item><guid>3</guid><title>خبر كامل</title><link>{0}/article/3</link><description>{1}</description></item>\
         </channel></rss>",
        server.uri(),
        long_text
    );
    serve(&server, "/feed", feed, "application/rss+xml").await;

    let auto = FeedRequest {
        full_text: FullText::Auto,
        ..request(format!("{}/feed", server.uri()))
    };
    let feed = updated(fetcher().fetch(&auto).await.unwrap());
    let [fetched, failed, complete] = &feed.articles[..] else {
        panic!("three articles")
    };

    assert_eq!(
        fetched.text,
        paragraphs.join("\n\n"),
        "the page's main text, navigation and footer left out"
    );
    assert_eq!(fetched.teaser, "ارتفاع الحصيلة.");
    assert_eq!(fetched.full_text_error, None);

    assert_eq!(failed.text, "موجز قصير.", "the teaser is kept");
    assert_eq!(
        failed.full_text_error.as_deref(),
        Some("article page: HTTP 404 Not Found")
    );

    assert_eq!(complete.full_text_error, None);
    assert_eq!(complete.text, long_text.trim());
    let asked = server.received_requests().await.unwrap();
    assert!(
        !asked.iter().any(|r| r.url.path() == "/article/3"),
        "Auto leaves feeds with full text alone"
    );

    let never = FeedRequest {
        full_text: FullText::Never,
        ..auto.clone()
    };
    let feed = updated(fetcher().fetch(&never).await.unwrap());
    assert_eq!(feed.articles[0].text, "ارتفاع الحصيلة.");
    let always = FeedRequest {
        full_text: FullText::Always,
        ..auto
    };
    let feed = updated(fetcher().fetch(&always).await.unwrap());
    assert_eq!(
        feed.articles[2].full_text_error.as_deref(),
        Some("article page: HTTP 404 Not Found")
    );
    assert_eq!(
        feed.articles[2].text,
        long_text.trim(),
        "a failed page keeps the feed's text"
    );
}

#[test]
fn full_text_setting_reads_true_false_and_auto() {
    #[derive(serde::Deserialize, serde::Serialize)]
    struct Feed {
        full_text: FullText,
    }
    let read = |toml_text: &str| toml::from_str::<Feed>(toml_text).map(|f| f.full_text);
    assert_eq!(read("full_text = true").unwrap(), FullText::Always);
    assert_eq!(read("full_text = false").unwrap(), FullText::Never);
    assert_eq!(read("full_text = \"auto\"").unwrap(), FullText::Auto);
    assert!(read("full_text = \"sometimes\"").is_err());
    assert_eq!(FullText::default(), FullText::Auto);
    for mode in [FullText::Never, FullText::Always, FullText::Auto] {
        let written = toml::to_string(&Feed { full_text: mode }).unwrap();
        assert_eq!(read(&written).unwrap(), mode, "{written}");
    }
}

#[test]
fn rss_1_0_and_0_91_are_read() {
    let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://maghreb.example/"><title>صحف المغرب</title><link>https://maghreb.example/</link></channel>
  <item rdf:about="https://maghreb.example/m/3">
    <title>أمطار غزيرة في الرباط</title><link>https://maghreb.example/m/3</link>
    <description>هطلت أمطار غزيرة على الرباط.</description><dc:date>2025-01-05T06:00:00Z</dc:date>
  </item>
</rdf:RDF>"#;
    let feed = parse_feed(rdf.as_bytes(), None).unwrap();
    assert_eq!(feed.title.as_deref(), Some("صحف المغرب"));
    let item = &feed.articles[0];
    assert_eq!(item.key, "https://maghreb.example/m/3");
    assert_eq!(item.title, "أمطار غزيرة في الرباط");
    assert_eq!(item.text, "هطلت أمطار غزيرة على الرباط.");
    assert_eq!(
        item.published.unwrap().to_rfc3339(),
        "2025-01-05T06:00:00+00:00"
    );

    let old = "<rss version=\"0.91\"><channel><title>قديم</title><link>https://old.example/</link>\
        <item><title>خبر قديم</title><link>https://old.example/1</link><description>نص قديم</description></item>\
        </channel></rss>";
    let feed = parse_feed(old.as_bytes(), None).unwrap();
    assert_eq!(feed.articles[0].title, "خبر قديم");
    assert_eq!(feed.articles[0].key, "https://old.example/1");
}

mod hostile_input {
    use super::*;
    use proptest::prelude::*;

    /// Text a hostile feed might carry: Arabic, markup, entities, controls, bidi overrides.
    fn hostile_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "خبر",
            " ",
            "\n",
            "\n\n",
            "<p>",
            "</p>",
            "<b>",
            "&amp;",
            "&#27;",
            "&#x1B;",
            "&#",
            "&",
            "[31m",
            "\u{1B}",
            "\u{1B}[2J",
            "\u{1B}]0;x\u{7}",
            "\u{9B}",
            "\u{202E}",
            "\u{2066}",
            "\u{0}",
            "\r",
            "\t",
            "<",
            ">",
            "]]>",
            "٣",
            "é",
            "\u{FEFF}",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
    }

    fn is_dangerous(c: char) -> bool {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }

    proptest! {
        #[test]
        fn feed_text_never_reaches_the_reader_armed(title in hostile_text(), body in hostile_text()) {
            let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            let doc = format!(
                "<rss version=\"2.0\"><channel><title>ق</title><item><title>{}</title>\
                 <description>{}</description></item></channel></rss>",
                escape(&title),
                escape(&body)
            );
            if let Ok(feed) = parse_feed(doc.as_bytes(), None) {
                for article in &feed.articles {
                    for text in [&article.title, &article.teaser, &article.text] {
                        prop_assert!(!text.chars().any(is_dangerous), "{:?}", text);
                    }
                    prop_assert!(!article.title.contains('\n'));
                }
            }
        }

        #[test]
        fn arbitrary_bytes_give_a_feed_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..600),
                                                    charset in prop::sample::select(vec![None, Some("windows-1256"), Some("cp864")])) {
            let _ = parse_feed(&bytes, charset);
        }
    }
}

#[tokio::test]
async fn full_text_pages_in_windows_1256_decode_from_their_meta_tag() {
    let server = MockServer::start().await;
    let paragraphs = [
        "افتتحت بلدية طرابلس صباح اليوم جسراً جديداً فوق النهر يربط الأحياء الشرقية بوسط المدينة بعد أشهر من الأعمال المتواصلة.",
        "وقال رئيس البلدية إن الجسر سيخفف الازدحام المروري في ساعات الذروة وإن مشاريع أخرى مماثلة ستنفذ خلال العام المقبل في المدينة.",
    ];
    let page = article_page(&paragraphs).replace(
        "<meta charset=\"utf-8\">",
        "<meta charset=\"windows-1256\">",
    );
    serve(&server, "/p", encode(&page, "windows-1256"), "text/html").await;
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>ق</title><item><guid>1</guid><title>جسر جديد</title>\
         <link>{}/p</link><description>افتتاح جسر.</description></item></channel></rss>",
        server.uri()
    );
    serve(&server, "/feed", feed, "application/rss+xml").await;
    let always = FeedRequest {
        full_text: FullText::Always,
        ..request(format!("{}/feed", server.uri()))
    };
    let feed = updated(fetcher().fetch(&always).await.unwrap());
    assert_eq!(feed.articles[0].full_text_error, None);
    assert_eq!(feed.articles[0].text, paragraphs.join("\n\n"));
}
