//! The command line end to end: the real `khabar` binary, a real SQLite file, and feeds served
//! by a real HTTP server on 127.0.0.1 (wiremock). Every feed here is written for these tests.

#![allow(
    clippy::unwrap_used,
    reason = "a test or benchmark fails on what it cannot set up"
)]

use khabar_extract::{Actor, ActorKind, Event, EventType, Place, PlaceKind, Summary};
use khabar_feeds::ParsedArticle;
use khabar_store::{ArticleFilter, Incoming, Store};
use std::path::PathBuf;
use std::process::{Output, Stdio};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A temporary home for one test: its config file and database.
struct Env {
    dir: tempfile::TempDir,
    config: PathBuf,
    db: PathBuf,
}

impl Env {
    fn new(config: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let config_path = dir.path().join("config.toml");
        std::fs::write(&config_path, config).unwrap();
        let db = dir.path().join("data").join("khabar.db");
        Env {
            dir,
            config: config_path,
            db,
        }
    }

    fn command(&self, args: &[&str]) -> tokio::process::Command {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_khabar"));
        command
            .arg("--config")
            .arg(&self.config)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("KHABAR_CONFIG")
            .env_remove("KHABAR_DB")
            .env("HOME", self.dir.path())
            .stdin(Stdio::null())
            .kill_on_drop(true);
        command
    }

    async fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().await.unwrap()
    }

    /// Runs khabar and expects success; returns its standard output.
    async fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args).await;
        assert!(
            out.status.success(),
            "khabar {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn store(&self) -> Store {
        Store::open(&self.db).unwrap()
    }

    /// Subscribes to `url` with `khabar feeds add` (and `extra` arguments); returns the feed's id.
    async fn add_feed(&self, url: &str, extra: &[&str]) -> i64 {
        self.ok(&[&["feeds", "add", url][..], extra].concat()).await;
        self.store().feed_by_url(url).unwrap().unwrap().id
    }
}

/// The config of a test: these feed URLs and tight limits.
fn config(urls: &[String]) -> String {
    let mut text = String::from(
        "[fetch]\ntimeout_secs = 5\nmax_bytes = 16384\nconcurrency = 4\nper_host = 4\n\n",
    );
    for url in urls {
        text.push_str(&format!("[[feeds]]\nurl = \"{url}\"\n\n"));
    }
    text
}

/// An RSS 2.0 feed of `(guid, title, description)` items.
fn rss(title: &str, items: &[(&str, &str, &str)]) -> String {
    let items: String = items
        .iter()
        .enumerate()
        .map(|(i, (guid, title, text))| {
            format!(
                "<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title>\
                 <link>https://news.example/{guid}</link>\
                 <pubDate>Mon, 0{} Jan 2024 10:00:00 GMT</pubDate>\
                 <description>{text}</description></item>",
                i + 1
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>{title}</title><link>https://news.example/</link><description>أخبار</description>\
         {items}</channel></rss>"
    )
}

/// An Atom feed of `(id, title, summary)` entries.
fn atom(title: &str, entries: &[(&str, &str, &str)]) -> String {
    let entries: String = entries
        .iter()
        .map(|(id, title, text)| {
            format!(
                "<entry><id>urn:test:{id}</id><title>{title}</title>\
                 <link href=\"https://atom.example/{id}\"/>\
                 <updated>2024-02-01T08:00:00Z</updated><summary>{text}</summary></entry>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>{title}</title><id>urn:test:feed</id><updated>2024-02-01T08:00:00Z</updated>\
         {entries}</feed>"
    )
}

const RSS_ITEMS: [(&str, &str, &str); 3] = [
    (
        "r1",
        "افتتاح مدرسة جديدة في حلب",
        "افتتحت مدرسة جديدة في حي من أحياء حلب اليوم.",
    ),
    (
        "r2",
        "ارتفاع أسعار الخبز في دمشق",
        "ارتفعت أسعار الخبز في أسواق دمشق هذا الأسبوع.",
    ),
    (
        "r3",
        "مباراة كرة قدم في حمص",
        "أقيمت مباراة ودية في ملعب مدينة حمص.",
    ),
];

const ATOM_ENTRIES: [(&str, &str, &str); 2] = [
    (
        "a1",
        "أمطار غزيرة في اللاذقية",
        "هطلت أمطار غزيرة على مدينة اللاذقية ليلة أمس.",
    ),
    (
        "a2",
        "معرض للكتاب في طرطوس",
        "افتتح معرض للكتاب في طرطوس بمشاركة عشرات الدور.",
    ),
];

/// The line `khabar fetch` printed for `url` (standard output is not a terminal here): the
/// feed's title then its URL in parentheses, or the URL alone.
fn line_for<'a>(stdout: &'a str, url: &str) -> &'a str {
    stdout
        .lines()
        .find(|line| line.starts_with(&format!("{url}:")) || line.contains(&format!("({url}):")))
        .unwrap_or_else(|| panic!("no line for {url} in:\n{stdout}"))
}

fn mock(route: &str, response: ResponseTemplate) -> Mock {
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(response)
}

fn mock_if(route: &str, validator: (&str, &str), response: ResponseTemplate) -> Mock {
    Mock::given(method("GET"))
        .and(path(route))
        .and(header(validator.0, validator.1))
        .respond_with(response)
}

fn xml(body: String) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "application/xml; charset=utf-8")
        .set_body_string(body)
}

#[tokio::test]
async fn each_bad_feed_fails_alone_and_a_second_run_stores_nothing_twice() {
    let server = MockServer::start().await;
    // The RSS feed answers 304 to a request carrying its ETag.
    mock_if(
        "/rss.xml",
        ("if-none-match", "\"rss-v1\""),
        ResponseTemplate::new(304),
    )
    .with_priority(1)
    .mount(&server)
    .await;
    mock(
        "/rss.xml",
        xml(rss("أخبار الشام", &RSS_ITEMS)).insert_header("etag", "\"rss-v1\""),
    )
    .mount(&server)
    .await;
    mock("/atom.xml", xml(atom("نشرة الساحل", &ATOM_ENTRIES)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mock("/missing.xml", ResponseTemplate::new(404))
        .mount(&server)
        .await;
    mock(
        "/broken.xml",
        xml("<rss><channel><item><title>نص مقطوع".to_string()),
    )
    .mount(&server)
    .await;
    mock(
        "/huge.xml",
        xml(rss("ضخم", &[("h", "كبير", &"كلام كثير ".repeat(4000))])),
    )
    .mount(&server)
    .await;
    mock(
        "/slow.xml",
        xml(rss("بطيء", &RSS_ITEMS)).set_delay(Duration::from_secs(20)),
    )
    .mount(&server)
    .await;

    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved.xml");
    std::fs::write(
        &saved,
        rss(
            "محفوظ",
            &[("f1", "خبر محفوظ على القرص", "نص محفوظ للقراءة دون اتصال.")],
        ),
    )
    .unwrap();
    let file_url = format!("file://{}", saved.display());
    let url = |p: &str| format!("{}{p}", server.uri());
    let urls = [
        url("/rss.xml"),
        url("/atom.xml"),
        url("/missing.xml"),
        url("/broken.xml"),
        url("/huge.xml"),
        url("/slow.xml"),
        file_url.clone(),
    ];
    let env = Env::new(&config(&urls));

    let first = env.ok(&["fetch"]).await;
    assert!(line_for(&first, &urls[0]).contains("3 new"), "{first}");
    assert!(
        line_for(&first, &urls[0]).starts_with("أخبار الشام ("),
        "{first}"
    );
    assert!(line_for(&first, &urls[1]).contains("2 new"), "{first}");
    assert!(line_for(&first, &file_url).contains("1 new"), "{first}");
    assert!(line_for(&first, &urls[2]).contains("404"), "{first}");
    assert!(line_for(&first, &urls[3]).contains("not a feed"), "{first}");
    assert!(
        line_for(&first, &urls[4]).contains("larger than"),
        "{first}"
    );
    assert!(line_for(&first, &urls[5]).contains("timed out"), "{first}");
    assert!(
        first.contains("6 new articles from 7 feeds, 4 failed"),
        "{first}"
    );

    let mut store = env.store();
    assert_eq!(store.count(&ArticleFilter::default()).unwrap(), 6);
    let feeds = store.feeds().unwrap();
    let missing = feeds.iter().find(|f| f.url == urls[2]).unwrap();
    assert_eq!(missing.last_status.as_deref(), Some("HTTP 404 Not Found"));
    let atom_feed = feeds.iter().find(|f| f.url == urls[1]).unwrap();
    assert_eq!(atom_feed.title, "نشرة الساحل");
    let rows = store.articles(&ArticleFilter::default(), 0, 10).unwrap();
    let latakia = rows
        .iter()
        .find(|r| r.title == ATOM_ENTRIES[0].1)
        .unwrap()
        .id;
    let aleppo = rows.iter().find(|r| r.title == RSS_ITEMS[0].1).unwrap().id;
    store.set_read(latakia, true).unwrap();
    store.set_starred(aleppo, true).unwrap();
    drop(store);

    // The atom feed now corrects a title; the RSS feed has not changed (304).
    let mut corrected = ATOM_ENTRIES;
    corrected[0].1 = "أمطار غزيرة وسيول في اللاذقية";
    mock("/atom.xml", xml(atom("نشرة الساحل", &corrected)))
        .mount(&server)
        .await;
    let second = env.ok(&["fetch"]).await;
    assert!(
        line_for(&second, &urls[0]).contains("0 new, 0 updated, not modified"),
        "{second}"
    );
    assert!(
        line_for(&second, &urls[1]).contains("0 new, 1 updated, ok"),
        "{second}"
    );
    assert!(
        line_for(&second, &file_url).contains("0 new, 0 updated"),
        "{second}"
    );
    let rss_requests = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/rss.xml")
        .collect::<Vec<_>>();
    assert_eq!(rss_requests.len(), 2);
    assert_eq!(
        rss_requests[1].headers.get("if-none-match").unwrap(),
        "\"rss-v1\""
    );

    let store = env.store();
    assert_eq!(store.count(&ArticleFilter::default()).unwrap(), 6);
    let latakia = store.article(latakia).unwrap().unwrap();
    assert_eq!(latakia.row.title, "أمطار غزيرة وسيول في اللاذقية");
    assert!(latakia.row.read, "the read mark survives the update");
    assert!(store.article(aleppo).unwrap().unwrap().row.starred);

    // `feeds list` keeps showing each error.
    let listed = env.ok(&["feeds", "list"]).await;
    assert!(
        listed.contains("HTTP 404 Not Found (2 failures"),
        "{listed}"
    );
    assert!(listed.contains("timed out"), "{listed}");
}

#[tokio::test]
async fn a_feed_failing_again_and_again_is_backed_off_until_forced() {
    let server = MockServer::start().await;
    mock("/gone.xml", ResponseTemplate::new(410))
        .mount(&server)
        .await;
    // The rate-limited feed has a host of its own: a host's Retry-After keeps every feed of
    // that host waiting, which would hide whether the other feed was requested.
    let busy_server = MockServer::start().await;
    mock(
        "/busy.xml",
        ResponseTemplate::new(429).insert_header("retry-after", "3600"),
    )
    .mount(&busy_server)
    .await;
    let gone = format!("{}/gone.xml", server.uri());
    let busy = format!("{}/busy.xml", busy_server.uri());
    let env = Env::new(&config(&[gone.clone(), busy.clone()]));
    let requests = |route: &'static str| {
        let (server, busy_server) = (&server, &busy_server);
        async move {
            let mut all = server.received_requests().await.unwrap();
            all.extend(busy_server.received_requests().await.unwrap());
            all.iter().filter(|r| r.url.path() == route).count()
        }
    };
    env.ok(&["fetch"]).await;
    let (gone_1, busy_1) = (requests("/gone.xml").await, requests("/busy.xml").await);
    assert!(gone_1 >= 1 && busy_1 >= 1);
    // A 429 with Retry-After is left alone at once; a plain error from the second failure.
    let second = env.ok(&["fetch"]).await;
    assert!(
        line_for(&second, &busy).contains("backed off until"),
        "{second}"
    );
    assert!(line_for(&second, &gone).contains("HTTP 410"), "{second}");
    assert_eq!(
        requests("/busy.xml").await,
        busy_1,
        "a backed-off feed is not requested"
    );
    let gone_2 = requests("/gone.xml").await;
    assert!(gone_2 > gone_1);
    let third = env.ok(&["fetch"]).await;
    assert!(
        line_for(&third, &gone).contains("backed off until"),
        "{third}"
    );
    assert!(line_for(&third, &gone).contains("HTTP 410"), "{third}");
    assert_eq!(
        requests("/gone.xml").await,
        gone_2,
        "a backed-off feed is not requested"
    );
    let forced = env.ok(&["fetch", "--force"]).await;
    assert!(!line_for(&forced, &gone).contains("backed off"), "{forced}");
    assert!(requests("/gone.xml").await > gone_2);
    assert!(requests("/busy.xml").await > busy_1);
}

#[tokio::test]
async fn feeds_are_added_listed_removed_and_round_trip_through_opml() {
    let env = Env::new("");
    let newsboat_export = r#"<?xml version="1.0"?>
<opml version="1.0">
  <head><title>newsboat - Exported Feeds</title></head>
  <body>
    <outline type="rss" xmlUrl="https://one.example/rss" htmlUrl="https://one.example/" title="الأولى"/>
    <outline title="أخبار">
      <outline type="rss" xmlUrl="https://two.example/feed.xml" title="الثانية"/>
    </outline>
  </body>
</opml>
"#;
    let opml_in = env.dir.path().join("in.opml");
    std::fs::write(&opml_in, newsboat_export).unwrap();
    let imported = env.ok(&["import-opml", opml_in.to_str().unwrap()]).await;
    assert!(imported.contains("2 new"), "{imported}");
    env.ok(&[
        "feeds",
        "add",
        "https://three.example/atom",
        "--title",
        "الثالثة",
    ])
    .await;
    let again = env
        .ok(&["feeds", "add", "https://three.example/atom"])
        .await;
    assert!(again.contains("already subscribed"), "{again}");
    env.ok(&["feeds", "add", "file:///f10", "--title", "Feed 10"])
        .await;
    env.ok(&["feeds", "add", "file:///f2", "--title", "Feed 2"])
        .await;
    let bad = env.run(&["feeds", "add", "ftp://four.example/feed"]).await;
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("scheme"));

    let listed = env.ok(&["feeds", "list"]).await;
    for name in ["الأولى", "الثانية", "الثالثة", "never fetched"] {
        assert!(listed.contains(name), "{name} missing from:\n{listed}");
    }
    assert!(listed.find("Feed 2") < listed.find("Feed 10"), "{listed}");
    for url in ["file:///f10", "file:///f2"] {
        env.ok(&["feeds", "remove", url]).await;
    }

    let opml_out = env.dir.path().join("out.opml");
    env.ok(&["export-opml", opml_out.to_str().unwrap()]).await;
    let exported = khabar_feeds::opml::parse(&std::fs::read_to_string(&opml_out).unwrap()).unwrap();
    let mut pairs: Vec<(String, Option<String>)> =
        exported.into_iter().map(|o| (o.url, o.title)).collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            (
                "https://one.example/rss".to_string(),
                Some("الأولى".to_string())
            ),
            (
                "https://three.example/atom".to_string(),
                Some("الثالثة".to_string())
            ),
            (
                "https://two.example/feed.xml".to_string(),
                Some("الثانية".to_string())
            ),
        ]
    );
    // Into a second database, through standard output.
    let stdout_opml = env.ok(&["export-opml"]).await;
    let other = Env::new("");
    let path = other.dir.path().join("copy.opml");
    std::fs::write(&path, stdout_opml).unwrap();
    other.ok(&["import-opml", path.to_str().unwrap()]).await;
    assert_eq!(other.store().feeds().unwrap().len(), 3);

    env.ok(&["feeds", "remove", "https://two.example/feed.xml"])
        .await;
    let again = env
        .run(&["feeds", "remove", "https://two.example/feed.xml"])
        .await;
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("no feed with the URL"));
    assert_eq!(env.store().feeds().unwrap().len(), 2);
}

fn parsed(key: &str, title: &str, text: &str) -> ParsedArticle {
    ParsedArticle {
        key: key.to_string(),
        guid: Some(key.to_string()),
        link: Some(format!("https://news.example/{key}")),
        title: title.to_string(),
        author: None,
        published: None,
        teaser: text.to_string(),
        text: text.to_string(),
        full_text_error: None,
    }
}

fn summary(place: &str, actor: &str, event: EventType) -> Summary {
    Summary {
        engine: "test".to_string(),
        who: vec![Actor {
            name: actor.to_string(),
            kind: ActorKind::Organization,
            role: None,
            aliases: vec![],
            mentions: vec![[0, 2]],
            salience: 0.8,
        }],
        places: vec![Place {
            name: place.to_string(),
            kind: PlaceKind::City,
            country: None,
            lat: None,
            lon: None,
            within: None,
            mentions: vec![[3, 6]],
            salience: 0.9,
        }],
        how_many: vec![],
        events: vec![Event {
            event_type: event,
            trigger: "t".to_string(),
            span: [0, 1],
            sentence: 0,
            who: vec![],
            places: vec![],
            how_many: vec![],
            agents: vec![],
            targets: vec![],
            sources: vec![],
            background: false,
        }],
        said: vec![],
    }
}

#[tokio::test]
async fn list_filters_by_place_in_any_spelling_event_feed_and_words() {
    let env = Env::new("");
    let news = env
        .add_feed("https://news.example/rss", &["--title", "أخبار"])
        .await;
    let other = env.add_feed("https://other.example/rss", &[]).await;
    let mut store = env.store();
    let at = chrono::Utc::now();
    let items = [
        (
            parsed("1", "قصف على إدلب", "قصفت الطائرات مدينة إدلب."),
            summary("إدلب", "الدفاع المدني", EventType::Attack),
        ),
        (
            parsed("2", "مساعدات إلى ادلب", "وصلت قافلة مساعدات."),
            summary("ادلب", "الهلال الأحمر", EventType::Aid),
        ),
    ];
    store
        .store_articles(news, at, &items.map(|(a, s)| Incoming::new(a, s)))
        .unwrap();
    let mut talks = summary("حمص", "الأمم المتحدة", EventType::Talks);
    let mut aid = talks.events[0].clone();
    aid.event_type = EventType::Aid;
    talks
        .events
        .extend([talks.events[0].clone(), aid.clone(), aid]);
    let elsewhere = [(
        parsed("3", "اجتماع في حمص", "اجتماع \u{1b}[31mمطول في حمص."),
        talks,
    )];
    store
        .store_articles(other, at, &elsewhere.map(|(a, s)| Incoming::new(a, s)))
        .unwrap();
    drop(store);

    let titles = |json: &str| -> Vec<String> {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    let idlib = env.ok(&["list", "--place", "ادلب", "--json"]).await;
    let mut found = titles(&idlib);
    found.sort();
    assert_eq!(found, ["قصف على إدلب", "مساعدات إلى ادلب"]);
    let value: serde_json::Value = serde_json::from_str(&idlib).unwrap();
    let first = &value[0];
    for field in [
        "id",
        "feed",
        "title",
        "url",
        "published",
        "who",
        "where",
        "what",
    ] {
        assert!(first.get(field).is_some(), "{field} missing in {first}");
    }
    assert_eq!(first["feed"], "أخبار");

    let attack = env.ok(&["list", "--event", "attack", "--json"]).await;
    assert_eq!(titles(&attack), ["قصف على إدلب"]);
    let value: serde_json::Value = serde_json::from_str(&attack).unwrap();
    assert_eq!(value[0]["where"], serde_json::json!(["إدلب"]));
    assert_eq!(value[0]["who"], serde_json::json!(["الدفاع المدني"]));
    assert_eq!(value[0]["what"], serde_json::json!(["attack"]));

    let twice = env.ok(&["list", "--place", "حمص", "--json"]).await;
    let value: serde_json::Value = serde_json::from_str(&twice).unwrap();
    assert_eq!(value[0]["what"], serde_json::json!(["talks", "aid"]));

    let by_actor = env.ok(&["list", "--actor", "الامم المتحده", "--json"]).await;
    assert_eq!(titles(&by_actor), ["اجتماع في حمص"]);
    let searched = env.ok(&["list", "--search", "قافله", "--json"]).await;
    assert_eq!(titles(&searched), ["مساعدات إلى ادلب"]);
    let by_feed = env
        .ok(&["list", "--feed", "https://other.example/rss", "--json"])
        .await;
    assert_eq!(titles(&by_feed), ["اجتماع في حمص"]);
    let limited = env.ok(&["list", "--limit", "1", "--json"]).await;
    assert_eq!(titles(&limited).len(), 1);

    let plain = env.ok(&["list"]).await;
    assert!(plain.contains("3 of 3 articles"), "{plain}");
    assert!(
        plain.contains("مساعدات") && plain.contains("هجوم"),
        "{plain}"
    );
    assert!(!plain.contains('\u{1b}'));

    let bad = env.run(&["list", "--event", "party"]).await;
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("attack, casualties"));
    let unknown = env
        .run(&["list", "--feed", "https://nowhere.example/"])
        .await;
    assert!(!unknown.status.success());
}

#[tokio::test]
async fn a_run_that_cannot_start_fails_with_a_clear_reason() {
    let env = Env::new("[fetch]\ntimeout_secs = = 3\n");
    let out = env.run(&["fetch"]).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");

    let mut env = Env::new("");
    let blocker = env.dir.path().join("not-a-dir");
    std::fs::write(&blocker, "").unwrap();
    env.db = blocker.join("khabar.db");
    let out = env.run(&["fetch"]).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot open the database"), "{err}");
}

#[tokio::test]
async fn a_mistyped_config_path_is_an_error_and_only_fetch_applies_removals() {
    let mut env = Env::new(&config(&["https://kept.example/rss".to_string()]));
    env.ok(&["feeds", "list"]).await;
    let mut store = env.store();
    let kept = store
        .feed_by_url("https://kept.example/rss")
        .unwrap()
        .unwrap()
        .id;
    let items = [Incoming::new(
        parsed("1", "خبر محفوظ", "نص."),
        summary("حمص", "الأمم المتحدة", EventType::Talks),
    )];
    store
        .store_articles(kept, chrono::Utc::now(), &items)
        .unwrap();
    drop(store);

    let real = env.config.clone();
    env.config = env.dir.path().join("confg.toml");
    let out = env.run(&["list"]).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config file not found") && err.contains("confg.toml"),
        "{err}"
    );
    assert!(!env.config.exists());

    // A config without the feed: reading commands keep it, a fetch removes it.
    std::fs::write(&env.config, config(&[])).unwrap();
    let listed = env.ok(&["list"]).await;
    assert!(listed.contains("خبر محفوظ"), "{listed}");
    env.ok(&["feeds", "list"]).await;
    assert_eq!(env.store().count(&ArticleFilter::default()).unwrap(), 1);
    let emptied = std::mem::replace(&mut env.config, real);
    env.ok(&["list"]).await;
    assert_eq!(env.store().count(&ArticleFilter::default()).unwrap(), 1);
    env.config = emptied;
    env.ok(&["fetch"]).await;
    assert_eq!(env.store().count(&ArticleFilter::default()).unwrap(), 0);
}

#[tokio::test]
async fn a_read_only_database_can_be_listed_and_a_write_names_it() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new(&config(&["https://ro.example/rss".to_string()]));
    env.ok(&["feeds", "add", "https://added.example/rss"]).await;
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let listed = env.ok(&["list"]).await;
    assert!(listed.contains("0 of 0 articles"), "{listed}");
    let feeds = env.ok(&["feeds", "list"]).await;
    assert!(feeds.contains("https://added.example/rss"), "{feeds}");
    let out = env.run(&["feeds", "add", "https://new.example/rss"]).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&env.db.display().to_string()), "{err}");
}

#[tokio::test]
async fn the_first_run_writes_the_default_config_in_the_platform_directory() {
    let home = tempfile::tempdir().unwrap();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["feeds", "list"])
        .env_remove("KHABAR_CONFIG")
        .env_remove("KHABAR_DB")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("cfg"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(home.path().join("cfg/khabar/config.toml")).unwrap();
    assert_eq!(written, khabar::config::DEFAULT_CONFIG);
    assert!(home.path().join("data/khabar/khabar.db").exists());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("https://feeds.bbci.co.uk/arabic/rss.xml")
    );
}

/// Serves `count` feeds of 5 items each, the n-th answering after n × `step`.
async fn slow_feeds(server: &MockServer, count: usize, step: Duration) -> Vec<String> {
    let mut urls = Vec::new();
    for n in 0..count {
        let route = format!("/feed/{n}.xml");
        let items: Vec<(String, String, String)> = (0..5)
            .map(|i| {
                (
                    format!("f{n}-{i}"),
                    format!("الخبر {i} من النشرة {n}"),
                    format!("نص الخبر {i} في النشرة رقم {n}."),
                )
            })
            .collect();
        let items: Vec<(&str, &str, &str)> = items
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        mock(
            &route,
            xml(rss(&format!("نشرة {n}"), &items)).set_delay(step * n as u32),
        )
        .mount(server)
        .await;
        urls.push(format!("{}{route}", server.uri()));
    }
    urls
}

#[tokio::test]
async fn a_process_killed_mid_ingest_leaves_a_whole_database_with_what_it_reported() {
    let server = MockServer::start().await;
    let urls = slow_feeds(&server, 30, Duration::from_millis(150)).await;
    let env = Env::new(&config(&urls).replace("timeout_secs = 5", "timeout_secs = 30"));
    let mut child = env
        .command(&["fetch"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut reported = Vec::new();
    while let Some(line) = lines.next_line().await.unwrap() {
        if line.contains(" new,") {
            reported.push(line);
        }
        if reported.len() == 6 {
            break;
        }
    }
    child.start_kill().unwrap();
    child.wait().await.unwrap();
    assert_eq!(
        reported.len(),
        6,
        "khabar reported too few feeds before the kill"
    );

    let store = env.store();
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
    let total = store.count(&ArticleFilter::default()).unwrap();
    assert!(
        total < 150,
        "the kill came after the whole run ({total} articles)"
    );
    for line in &reported {
        let (feed, rest) = line.split_once(": ").unwrap();
        assert!(rest.starts_with("5 new"), "{line}");
        let url = feed
            .rsplit_once(" (")
            .map_or(feed, |(_, url)| url.trim_end_matches(')'));
        let feed = store.feed_by_url(url).unwrap().unwrap();
        assert_eq!(
            feed.article_count, 5,
            "{url} reported stored but holds {}",
            feed.article_count
        );
    }
    drop(store);
    // The next run completes the rest.
    let finished = env.ok(&["fetch"]).await;
    assert!(finished.contains("from 30 feeds, 0 failed"), "{finished}");
    assert_eq!(env.store().count(&ArticleFilter::default()).unwrap(), 150);
}

#[tokio::test]
async fn two_processes_on_one_database_both_finish_and_store_each_article_once() {
    let server = MockServer::start().await;
    let urls = slow_feeds(&server, 12, Duration::from_millis(20)).await;
    let env = Env::new(&config(&urls));
    let (a, b, listing) = tokio::join!(env.run(&["fetch"]), env.run(&["fetch"]), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        env.run(&["list", "--limit", "3"]).await
    });
    for out in [&a, &b, &listing] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = env.store();
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
    assert_eq!(store.count(&ArticleFilter::default()).unwrap(), 60);
}

#[tokio::test]
async fn a_reader_closing_the_pipe_early_ends_the_output_quietly() {
    let env = Env::new("");
    let feed = env.add_feed("https://news.example/rss", &[]).await;
    let mut store = env.store();
    let items: Vec<Incoming> = (0..3000)
        .map(|i| {
            let title = format!("خبر رقم {i} عن الأحداث الجارية في المنطقة");
            Incoming::new(parsed(&i.to_string(), &title, "نص"), Summary::default())
        })
        .collect();
    store
        .store_articles(feed, chrono::Utc::now(), &items)
        .unwrap();
    drop(store);
    for args in [
        &["list", "--limit", "3000"][..],
        &["list", "--limit", "3000", "--json"],
    ] {
        let mut child = env
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert!(lines.next_line().await.unwrap().is_some());
        drop(lines);
        let out = child.wait_with_output().await.unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[tokio::test]
async fn reextract_summarises_again_what_an_older_engine_wrote() {
    let env = Env::new("");
    let feed = env.add_feed("https://news.example/rss", &[]).await;
    let mut store = env.store();
    let old = Summary {
        engine: "khabar-extract 0.0.1".to_string(),
        ..Summary::default()
    };
    let items: Vec<Incoming> = (0..300)
        .map(|i| {
            let article = parsed(
                &i.to_string(),
                "قصف على مدينة حمص",
                "قصفت الطائرات أحياء في مدينة حمص السورية صباح اليوم.",
            );
            Incoming::new(article, old.clone())
        })
        .collect();
    store
        .store_articles(feed, chrono::Utc::now(), &items)
        .unwrap();
    let homs = ArticleFilter {
        place: Some("حمص".to_string()),
        ..Default::default()
    };
    assert_eq!(store.count(&homs).unwrap(), 0);
    drop(store);

    let out = env.ok(&["reextract"]).await;
    assert!(out.contains("300 articles re-extracted"), "{out}");
    let store = env.store();
    let version = khabar_extract::ENGINE_VERSION;
    assert!(store.stale_summaries(version, 0, 10).unwrap().is_empty());
    assert_eq!(store.stale_count(version).unwrap(), 0);
    assert_eq!(
        store.count(&homs).unwrap(),
        300,
        "the current engine finds حمص"
    );
    drop(store);
    let again = env.ok(&["reextract"]).await;
    assert!(again.contains("0 articles re-extracted"), "{again}");
}
