//! The reader on ratatui's test backend, over a real SQLite file filled through the store:
//! events go through `App::update`, its queries to the database thread, and the screen shows
//! what a user would see after each key.

#![allow(
    clippy::unwrap_used,
    reason = "a test or benchmark fails on what it cannot set up"
)]

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use khabar::config::{BidiMode, Config, Lang};
use khabar::tui::keys::Action;
use khabar::tui::{self, App, Database, Effect, Request};
use khabar_extract::{
    Actor, ActorKind, Event, EventType, Place, PlaceKind, Quantity, QuantityKind, Summary,
};
use khabar_feeds::ParsedArticle;
use khabar_store::{Incoming, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// The Arabic article of the split-pane tests: title, then a body whose place and count are
/// mentioned in its first paragraph and its last.
const TITLE: &str = "قصف مدفعي على مدينة حلب";
const BODY: &str = "قالت مصادر محلية إن قوات النظام قصفت أحياء حلب الشرقية صباح اليوم.\n\n\
وأفاد المرصد السوري لحقوق الإنسان (المرصد) بمقتل 12 مدنيا وإصابة العشرات.\n\n\
وقال محافظ حلب حسين دياب «الوضع تحت السيطرة» في تصريح لوكالة AFP.";

/// Char span of the `n`-th occurrence of `needle` in `doc`.
fn span(doc: &str, needle: &str, n: usize) -> [usize; 2] {
    let (byte, _) = doc.match_indices(needle).nth(n).expect("needle in doc");
    let start = doc[..byte].chars().count();
    [start, start + needle.chars().count()]
}

/// The summary the engine would give the test article.
fn summary_of(title: &str, text: &str) -> Summary {
    let doc = format!("{title}\n\n{text}");
    Summary {
        engine: "test".into(),
        who: vec![Actor {
            name: "حسين دياب".into(),
            kind: ActorKind::Person,
            role: Some("محافظ حلب".into()),
            aliases: vec![],
            mentions: vec![span(&doc, "حسين دياب", 0)],
            salience: 0.8,
        }],
        places: vec![Place {
            name: "حلب".into(),
            kind: PlaceKind::City,
            country: Some("SY".into()),
            lat: Some(36.2),
            lon: Some(37.15),
            within: None,
            mentions: vec![
                span(&doc, "حلب", 0),
                span(&doc, "حلب", 1),
                span(&doc, "حلب", 2),
            ],
            salience: 0.9,
        }],
        how_many: vec![Quantity {
            text: "12 مدنيا".into(),
            min: Some(12.0),
            max: Some(12.0),
            approx: false,
            vague: None,
            kind: QuantityKind::Count,
            unit: Some("مدنيا".into()),
            span: span(&doc, "12 مدنيا", 0),
        }],
        events: vec![Event {
            event_type: EventType::Attack,
            trigger: "قصف".into(),
            span: span(&doc, "قصف", 0),
            sentence: 0,
            who: vec![],
            places: vec!["حلب".into()],
            how_many: vec![0],
            agents: vec![],
            targets: vec![],
            sources: vec![],
            background: false,
        }],
        said: vec![],
    }
}

/// An article as the feeds module would parse it.
fn parsed(key: &str, title: &str, text: &str, hour: u32, link: &str) -> ParsedArticle {
    ParsedArticle {
        key: key.into(),
        guid: Some(key.into()),
        link: Some(link.into()),
        title: title.into(),
        author: None,
        published: Some(Utc.with_ymd_and_hms(2026, 11, 28, hour, 5, 0).unwrap()),
        teaser: String::new(),
        text: text.into(),
        full_text_error: None,
    }
}

/// Articles with their summaries, ready to store.
fn incoming(items: Vec<(ParsedArticle, Summary)>) -> Vec<Incoming> {
    items
        .into_iter()
        .map(|(article, summary)| Incoming::new(article, summary))
        .collect()
}

/// A database with two feeds and four articles, the newest being the Arabic test article.
fn fixture(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("khabar.db");
    let mut store = Store::open(&path).unwrap();
    let fetched = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let enab = store
        .add_feed("http://127.0.0.1/enab.xml", Some("عنب بلدي"))
        .unwrap();
    let wire = store
        .add_feed("http://127.0.0.1/wire.xml", Some("Wire"))
        .unwrap();
    let homs_text = "خرجت حافلات تقل مقاتلين من حي الوعر في حمص.";
    let homs_title = "خروج دفعة جديدة من حي الوعر";
    let homs_doc = format!("{homs_title}\n\n{homs_text}");
    let homs = Summary {
        engine: "test".into(),
        places: vec![Place {
            name: "حمص".into(),
            kind: PlaceKind::City,
            country: Some("SY".into()),
            lat: None,
            lon: None,
            within: None,
            mentions: vec![span(&homs_doc, "حمص", 0)],
            salience: 0.9,
        }],
        events: vec![Event {
            event_type: EventType::Displacement,
            trigger: "خروج".into(),
            span: span(&homs_doc, "خروج", 0),
            sentence: 0,
            who: vec![],
            places: vec!["حمص".into()],
            how_many: vec![],
            agents: vec![],
            targets: vec![],
            sources: vec![],
            background: false,
        }],
        ..Summary::default()
    };
    store
        .store_articles(
            enab,
            fetched,
            &incoming(vec![
                (
                    parsed("a1", TITLE, BODY, 10, "https://enab.example/a1"),
                    summary_of(TITLE, BODY),
                ),
                (
                    parsed("a2", homs_title, homs_text, 8, "javascript:alert(1)"),
                    homs,
                ),
            ]),
        )
        .unwrap();
    let talks_title = "محادثات في جنيف حول الدستور";
    store
        .store_articles(
            wire,
            fetched,
            &incoming(vec![
                (
                    parsed(
                        "w1",
                        talks_title,
                        "بدأت الجولة الثالثة من المحادثات.",
                        9,
                        "https://wire.example/w1",
                    ),
                    Summary {
                        engine: "test".into(),
                        events: vec![Event {
                            event_type: EventType::Talks,
                            trigger: "محادثات".into(),
                            span: [0, 7],
                            sentence: 0,
                            who: vec![],
                            places: vec![],
                            how_many: vec![],
                            agents: vec![],
                            targets: vec![],
                            sources: vec![],
                            background: false,
                        }],
                        ..Summary::default()
                    },
                ),
                (
                    parsed(
                        "w2",
                        "Prices rise in Damascus markets",
                        "Prices of bread rose again.",
                        7,
                        "https://wire.example/w2",
                    ),
                    Summary::default(),
                ),
            ]),
        )
        .unwrap();
    path
}

/// The reader and its database thread, driven as the terminal runner drives them.
struct Reader {
    app: App,
    database: Database,
}

impl Reader {
    /// Gives the app an event; its queries go to the database thread, the rest comes back.
    fn update(&mut self, event: tui::Event) -> Vec<Effect> {
        let effects = self.app.update(event);
        self.send_queries(effects)
    }

    /// Sends the queries among `effects` to the database thread; the others come back.
    fn send_queries(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        effects
            .into_iter()
            .filter_map(|effect| match effect {
                Effect::Query(request) => {
                    self.database.send(request);
                    None
                }
                other => Some(other),
            })
            .collect()
    }

    /// Lets the database answer everything asked, each answer taken in; what the answers
    /// asked beyond the database.
    fn settle(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        while let Some(reply) = self.database.wait() {
            effects.extend(self.update(tui::Event::Data(reply)));
        }
        effects
    }
}

/// The reader over the database at `path` as `config` says, times in UTC, in an 80×24
/// terminal, once the database has answered.
fn open(path: &Path, config: &Config) -> Reader {
    let mut app = App::new(config).unwrap();
    app.set_utc_offset(chrono::FixedOffset::east_opt(0).unwrap());
    let mut reader = Reader {
        app,
        database: Database::start(Store::open(path).unwrap()),
    };
    reader.update(tui::Event::Resize(80, 24));
    reader.settle();
    reader
}

/// The reader over the database at `path`, shown in `lang`.
fn app(path: &Path, lang: Lang) -> Reader {
    let mut config = Config::default();
    config.display.lang = lang;
    config.display.bidi = BidiMode::App;
    open(path, &config)
}

/// The reader opened again on the same file.
fn reopen(path: &Path) -> Reader {
    app(path, Lang::En)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses a key and lets the database answer what it asked; what the runner must do.
fn press(app: &mut Reader, code: KeyCode) -> Vec<Effect> {
    let mut effects = app.update(tui::Event::Key(key(code)));
    effects.extend(app.settle());
    effects
}

fn type_text(app: &mut Reader, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Resizes the terminal to `width` × `height`, lets the database answer what the new size
/// asked for, and draws one frame on a test terminal of that size.
fn draw(app: &mut Reader, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(tui::Event::Resize(width, height));
    app.settle();
    frame(&app.app, width, height)
}

/// One frame of `app` on a `width` × `height` test terminal, as it stands.
fn frame(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal
}

/// The screen as text, one row per line, trailing spaces removed.
fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| row(terminal, y, 0, buf.area.width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cells `x0..x1` of row `y`, trailing spaces removed.
fn row(terminal: &Terminal<TestBackend>, y: u16, x0: u16, x1: u16) -> String {
    let buf = terminal.backend().buffer();
    let s: String = (x0..x1).map(|x| buf[(x, y)].symbol()).collect();
    s.trim_end().to_string()
}

/// A word as a right-to-left reader sees it drawn left to right.
fn visual(word: &str) -> String {
    word.graphemes(true).rev().collect()
}

#[test]
fn the_list_shows_time_outlet_title_event_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    let terminal = draw(&mut app, 100, 12);
    let text = screen(&terminal);
    insta::assert_snapshot!("list_en", text);
    // Newest first; the Arabic title is drawn right to left; the event named in English.
    let first = row(&terminal, 0, 0, 100);
    assert!(first.contains("11-28 10:05"), "{first}");
    assert!(first.contains(&visual("مدينة حلب")), "{first}");
    assert!(first.contains("attack"), "{first}");
    assert!(row(&terminal, 3, 0, 100).contains("Prices rise in Damascus"));
    assert!(text.contains("1/4"));
}

#[test]
fn arabic_labels_name_events_in_arabic_and_columns_run_from_the_right() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::Ar);
    let terminal = draw(&mut app, 100, 12);
    insta::assert_snapshot!("list_ar", screen(&terminal));
    let first = row(&terminal, 0, 0, 100);
    assert!(first.contains(&visual("هجوم")), "{first}");
    // The time column is at the right end, the place column at the left.
    let time_at = first.find("10:05").unwrap();
    let title_at = first.find(&visual("حلب")).unwrap();
    assert!(time_at > title_at, "{first}");
}

#[test]
fn the_split_pane_reads_arabic_right_to_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&mut app, 120, 30);
    insta::assert_snapshot!("split_pane", screen(&terminal));
    let text = screen(&terminal);
    // The text pane holds the first 60% of the width; its lines are right-aligned and their
    // first logical word is at their right end.
    let body_row = (0..30)
        .find(|&y| row(&terminal, y, 0, 72).contains(&visual("مصادر")))
        .expect("first paragraph on screen");
    let line = row(&terminal, body_row, 0, 72);
    assert!(line.ends_with(&visual("قالت")), "{line:?}");
    // Brackets mirrored, Latin and digits in reading order.
    assert!(text.contains(&format!("({})", visual("المرصد"))), "{text}");
    assert!(
        text.contains(&format!("AFP {}", visual("لوكالة"))),
        "{text}"
    );
    assert!(text.contains(&format!("{} 12", visual("مدنيا"))), "{text}");
    // The summary: WHO with role, WHERE with country, HOW MANY, WHAT.
    for expected in ["WHO", "WHERE", "HOW MANY", "WHAT HAPPENED", "SY", "attack"] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    assert!(text.contains(&visual("محافظ حلب")), "{text}");
}

#[test]
fn mentions_are_coloured_and_a_selected_item_is_highlighted_in_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Enter);
    // Focus the summary (text → summary) and go down to the place (WHO has one item).
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    let terminal = draw(&mut app, 120, 30);
    let buf = terminal.backend().buffer();
    let reversed: String = (0..30)
        .flat_map(|y| (0..72).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::REVERSED))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    // Three mentions of حلب, each drawn reversed (in visual order).
    assert_eq!(reversed, visual("حلب").repeat(3), "{reversed:?}");
    // The count is coloured differently from plain text.
    let count_cell = (0..30)
        .flat_map(|y| (0..72).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "1")
        .unwrap();
    assert_ne!(buf[count_cell].fg, ratatui::style::Color::Reset);
}

#[test]
fn the_picker_lists_places_with_counts_and_filters_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Char('p'));
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("picker_places", screen(&terminal));
    let values = |text: &str| text.lines().filter(|l| l.ends_with(" 1│")).count();
    assert_eq!(values(&screen(&terminal)), 2);
    // Typed with a haraka, matched folded: one value left.
    type_text(&mut app, "حِمص");
    let text = screen(&draw(&mut app, 80, 24));
    assert_eq!(values(&text), 1, "{text}");
    assert!(text.contains(&format!("{} 1│", visual("حمص"))), "{text}");
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&mut app, 80, 24);
    let text = screen(&terminal);
    assert!(text.contains("1/1"), "{text}");
    assert!(text.contains(&visual("الوعر")), "{text}");
    assert!(text.contains("place: "), "{text}");
    // Clearing brings every article back.
    press(&mut app, KeyCode::Char('c'));
    assert!(screen(&draw(&mut app, 80, 24)).contains("1/4"));
}

#[test]
fn the_event_picker_counts_follow_the_other_filters() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    // Filter by the feed عنب بلدي first: its two articles are an attack and a displacement.
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "عنب");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("attack") && text.contains("displacement"),
        "{text}"
    );
    assert!(!text.contains("talks"), "{text}");
    type_text(&mut app, "disp");
    press(&mut app, KeyCode::Enter);
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("1/1") && text.contains("event: displacement"),
        "{text}"
    );
}

#[test]
fn search_finds_folded_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "جنيف");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains(&format!("/ {}", "جنيف")) || text.contains(&visual("جنيف")));
    press(&mut app, KeyCode::Enter);
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("1/1"), "{text}");
    assert!(text.contains(&visual("الدستور")), "{text}");
}

#[test]
fn help_lists_every_binding() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Char('?'));
    let terminal = draw(&mut app, 80, 24);
    let text = screen(&terminal);
    insta::assert_snapshot!("help_en", text);
    for expected in [
        "filter by place",
        "open the link",
        "full-text search",
        "quit",
        "j/↓",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    // Any key closes it.
    press(&mut app, KeyCode::Char('x'));
    assert!(!screen(&draw(&mut app, 80, 24)).contains("filter by place"));
}

#[test]
fn an_empty_database_says_how_to_begin() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir.path().join("empty.db"), Lang::En);
    let terminal = draw(&mut app, 80, 24);
    let text = screen(&terminal);
    insta::assert_snapshot!("empty_en", text);
    assert!(text.contains("No articles yet"));
    // Keys do nothing harmful on an empty list.
    for code in [
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Char('m'),
        KeyCode::Char('o'),
    ] {
        press(&mut app, code);
    }
    draw(&mut app, 80, 24);
}

#[test]
fn a_narrow_terminal_still_shows_list_text_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::Ar);
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("narrow_ar", screen(&terminal));
    // Resizing re-lays the text out: narrower lines, still right-aligned.
    let wide = screen(&draw(&mut app, 120, 30));
    let narrow = screen(&draw(&mut app, 80, 24));
    assert_ne!(wide, narrow);
    assert!(narrow.contains(&visual("مصادر")));
}

#[test]
fn read_and_star_marks_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Char('s'));
    drop(app);
    let mut app = reopen(&path);
    press(&mut app, KeyCode::Char('u'));
    // The second article is read now: three unread remain.
    assert!(screen(&draw(&mut app, 80, 24)).contains("1/3"));
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Char('S'));
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains("1/1") && text.contains('★'), "{text}");
}

#[test]
fn only_http_links_are_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    assert_eq!(
        press(&mut app, KeyCode::Char('o')),
        vec![Effect::OpenLink("https://enab.example/a1".into())]
    );
    // The second newest is the Homs article, whose link is javascript:.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(press(&mut app, KeyCode::Char('o')), vec![]);
    assert!(screen(&draw(&mut app, 80, 24)).contains("refused link"));
}

#[test]
fn key_releases_are_ignored_and_ctrl_c_quits() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    let mut release = key(KeyCode::Char('j'));
    release.kind = KeyEventKind::Release;
    app.update(tui::Event::Key(release));
    app.settle();
    assert!(screen(&draw(&mut app, 80, 24)).contains("1/4"));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.update(tui::Event::Key(ctrl_c)), vec![Effect::Quit]);
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
}

#[test]
fn remapped_keys_work_and_bad_tables_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut config = Config::default();
    config.display.lang = Lang::En;
    config.keys.insert("quit".into(), "x".into());
    let mut app = open(&path, &config);
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![]);
    assert_eq!(press(&mut app, KeyCode::Char('x')), vec![Effect::Quit]);
    config.keys.insert("explode".into(), "z".into());
    let err = App::new(&config).err().unwrap();
    assert!(err.to_string().contains("explode"));
}

#[test]
fn escape_sequences_in_feed_strings_never_reach_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.db");
    let mut store = Store::open(&path).unwrap();
    let feed = store
        .add_feed(
            "http://127.0.0.1/evil.xml",
            Some("evil\u{1b}]0;pwned\u{7}feed"),
        )
        .unwrap();
    let title = "خبر\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7} عاجل \u{202E}txt.exe";
    store
        .store_articles(
            feed,
            Utc::now(),
            &incoming(vec![(
                parsed("e1", title, "نص\u{1b}[31m أحمر", 10, "https://e.example/"),
                Summary::default(),
            )]),
        )
        .unwrap();
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&mut app, 100, 24);
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
            "control char in {:?}",
            cell.symbol()
        );
    }
    let text = screen(&terminal);
    assert!(!text.contains("52;c") && !text.contains("pwned"), "{text}");
    assert!(
        text.contains("txt.exe") && text.contains("evilfeed"),
        "{text}"
    );
}

#[test]
fn refresh_progress_shows_and_new_articles_join_the_list_under_the_cursor() {
    use khabar::refresh::{FeedStatus, RefreshEvent};
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Char('j')); // on the Geneva talks article
    assert_eq!(
        app.update(tui::Event::Action(Action::Refresh)),
        vec![Effect::Refresh]
    );
    app.update(tui::Event::Refresh(RefreshEvent::Started { feeds: 2 }));
    // Meanwhile the refresh stores a newer article.
    let mut writer = Store::open(&path).unwrap();
    let feed = writer.add_feed("http://127.0.0.1/wire.xml", None).unwrap();
    writer
        .store_articles(
            feed,
            Utc::now(),
            &incoming(vec![(
                parsed(
                    "w3",
                    "Breaking: new talks round",
                    "Text.",
                    11,
                    "https://wire.example/w3",
                ),
                Summary::default(),
            )]),
        )
        .unwrap();
    app.update(tui::Event::Refresh(RefreshEvent::FeedDone {
        url: "http://127.0.0.1/wire.xml".into(),
        title: "Wire".into(),
        new: 1,
        updated: 0,
        status: FeedStatus::Ok,
    }));
    app.update(tui::Event::Refresh(RefreshEvent::FeedDone {
        url: "http://127.0.0.1/enab.xml".into(),
        title: "عنب بلدي".into(),
        new: 0,
        updated: 0,
        status: FeedStatus::Failed("HTTP 503".into()),
    }));
    app.settle();
    let text = screen(&draw(&mut app, 100, 12));
    assert!(text.contains("Breaking: new talks round"), "{text}");
    // The cursor stayed on its article, now the third of five.
    assert!(text.contains("3/5"), "{text}");
    assert!(
        text.contains("refreshing 2/2") && text.contains("HTTP 503"),
        "{text}"
    );
    app.update(tui::Event::Refresh(RefreshEvent::Finished {
        new: 1,
        failed: 1,
    }));
    let text = screen(&draw(&mut app, 100, 12));
    assert!(text.contains("refreshed +1 new, 1 failed"), "{text}");
}

#[test]
fn arabic_help_reads_from_the_right() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::Ar);
    press(&mut app, KeyCode::Char('?'));
    let terminal = draw(&mut app, 80, 24);
    let text = screen(&terminal);
    insta::assert_snapshot!("help_ar", text);
    // Each entry: the key at the right end of its column, its meaning to the left of it.
    let quit = text
        .lines()
        .find(|l| l.contains(&visual("خروج")) && !l.contains(&visual("ثحب")))
        .unwrap_or_else(|| panic!("{text}"));
    let key_at = quit.find(" q").unwrap();
    let word_at = quit.find(&visual("خروج")).unwrap();
    assert!(word_at < key_at, "{quit}");
}

#[test]
fn the_text_pane_scrolls_with_the_movement_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, KeyCode::Enter);
    // Short enough for the text not to fit.
    let before = screen(&draw(&mut app, 80, 16));
    let title = visual("مدفعي");
    // The title's row inside the text pane (below its border, which names the pane).
    let title_row = |s: &str| {
        let pane = s.lines().position(|l| l.contains(" Text"))?;
        s.lines().skip(pane).position(|l| l.contains(&title))
    };
    press(&mut app, KeyCode::Char('j'));
    let after = screen(&draw(&mut app, 80, 16));
    // The list cursor did not move (still 1/4); the text moved up one line.
    assert!(after.contains("1/4"), "{after}");
    // The title was the pane's first line; it has scrolled out.
    let (b, a) = (title_row(&before), title_row(&after));
    assert_eq!((b, a), (Some(1), None), "{before}\n---\n{after}");
}

#[test]
fn tiny_terminals_do_not_break_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    for lang in [Lang::Ar, Lang::En] {
        let mut app = app(&path, lang);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Tab);
        for (w, h) in [(1, 1), (5, 3), (20, 6), (40, 10), (79, 23)] {
            draw(&mut app, w, h);
            press(&mut app, KeyCode::Char('?'));
            draw(&mut app, w, h);
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Char('p'));
            draw(&mut app, w, h);
            press(&mut app, KeyCode::Esc);
        }
    }
}

#[test]
fn terminal_bidi_mode_leaves_the_text_in_logical_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut config = Config::default();
    config.display.lang = Lang::Ar;
    config.display.bidi = BidiMode::Terminal;
    let mut app = open(&path, &config);
    press(&mut app, KeyCode::Enter);
    let text = screen(&draw(&mut app, 100, 24));
    // Stored order, for a terminal that reorders itself; nothing reversed.
    assert!(text.contains("قصف مدفعي على مدينة حلب"), "{text}");
    assert!(text.contains("قالت مصادر"), "{text}");
    assert!(!text.contains(&visual("مدفعي")), "{text}");
}

#[test]
fn pickers_find_latin_input_event_names_and_feed_urls() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    // Arabic labels, English event type typed.
    let mut app = app(&path, Lang::Ar);
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "attack");
    press(&mut app, KeyCode::Enter);
    let text = screen(&draw(&mut app, 100, 12));
    assert!(
        text.contains("1/1") && text.contains(&visual("مدينة حلب")),
        "{text}"
    );
    // The feed titled عنب بلدي, found by its URL.
    let mut app = self::app(&path, Lang::En);
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "enab");
    let text = screen(&draw(&mut app, 80, 24));
    assert!(text.contains(&visual("عنب بلدي")), "{text}");
    press(&mut app, KeyCode::Enter);
    let text = screen(&draw(&mut app, 100, 12));
    assert!(text.contains("1/2"), "{text}");
    assert!(!text.contains("Prices rise"), "{text}");
}

#[test]
fn an_empty_summary_says_nothing_was_found_not_that_none_exists() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    // The fourth article was extracted and nothing was found in it.
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let text = screen(&draw(&mut app, 120, 30));
    assert!(text.contains("Prices of bread"), "{text}");
    assert!(text.contains("nothing found"), "{text}");
    assert!(!text.contains("no summary yet"), "{text}");
}

#[test]
fn summary_lines_without_arabic_are_right_aligned_in_arabic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khabar.db");
    let mut store = Store::open(&path).unwrap();
    let feed = store.add_feed("http://127.0.0.1/x.xml", Some("X")).unwrap();
    let (title, body) = ("ارتفاع الأسعار في حلب", "ارتفعت الأسعار في حلب بنسبة 0.24 %.");
    let doc = format!("{title}\n\n{body}");
    let summary = Summary {
        engine: "test".into(),
        places: vec![Place {
            name: "حلب".into(),
            kind: PlaceKind::City,
            country: Some("SY".into()),
            lat: None,
            lon: None,
            within: None,
            mentions: vec![span(&doc, "حلب", 0)],
            salience: 0.9,
        }],
        how_many: vec![Quantity {
            text: "0.24 %".into(),
            min: Some(0.24),
            max: Some(0.24),
            approx: false,
            vague: None,
            kind: QuantityKind::Percent,
            unit: Some("%".into()),
            span: span(&doc, "0.24 %", 0),
        }],
        ..Summary::default()
    };
    let fetched = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    store
        .store_articles(
            feed,
            fetched,
            &incoming(vec![(
                parsed("p", title, body, 10, "https://x.example/p"),
                summary,
            )]),
        )
        .unwrap();
    let mut app = app(&path, Lang::Ar);
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&mut app, 120, 30);
    // Every item starts with its bullet at the right end: the bullets stand in one column.
    let buf = terminal.backend().buffer();
    let bullets: Vec<u16> = (0..30)
        .filter_map(|y| (0..120).find(|&x| buf[(x, y)].symbol() == "•"))
        .collect();
    let text = screen(&terminal);
    assert_eq!(bullets.len(), 2, "{text}");
    assert_eq!(bullets[0], bullets[1], "{text}");
}

#[test]
fn help_cuts_long_feed_errors_between_words() {
    use khabar::refresh::{FeedStatus, RefreshEvent};
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    app.update(tui::Event::Action(Action::Refresh));
    app.update(tui::Event::Refresh(RefreshEvent::Started { feeds: 1 }));
    let error = "HTTP 404 Not Found while fetching the feed from its address, \
                 the server answering with a page of its own instead";
    app.update(tui::Event::Refresh(RefreshEvent::FeedDone {
        url: "http://127.0.0.1/enab.xml".into(),
        title: "Wire".into(),
        new: 0,
        updated: 0,
        status: FeedStatus::Failed(error.into()),
    }));
    press(&mut app, KeyCode::Char('?'));
    let text = screen(&draw(&mut app, 80, 24));
    let line = text
        .lines()
        .find(|l| l.contains("HTTP 404"))
        .unwrap_or_else(|| panic!("{text}"));
    let shown = &line[line.find("HTTP 404").unwrap()..];
    let kept = shown
        .split('…')
        .next()
        .filter(|_| shown.contains('…'))
        .unwrap_or_else(|| panic!("not cut: {line:?}"));
    // What is kept ends where a word of the message ends.
    assert!(error.starts_with(kept), "{line:?}");
    assert!(error[kept.len()..].starts_with(' '), "{line:?}");
}

/// A database of `n` English articles, one a minute, "Article number 0" the newest.
fn many(dir: &Path, n: usize) -> std::path::PathBuf {
    let path = dir.join("many.db");
    let mut store = Store::open(&path).unwrap();
    let feed = store
        .add_feed("http://127.0.0.1/many.xml", Some("Many"))
        .unwrap();
    let newest = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let items = (0..n)
        .map(|i| {
            let mut article = parsed(
                &format!("m{i}"),
                &format!("Article number {i}"),
                &format!("Body of article {i}."),
                0,
                &format!("https://many.example/{i}"),
            );
            article.published = Some(newest - chrono::TimeDelta::minutes(i as i64));
            (article, Summary::default())
        })
        .collect();
    store
        .store_articles(feed, newest, &incoming(items))
        .unwrap();
    path
}

#[test]
fn the_first_page_is_asked_for_with_the_height_the_terminal_gives() {
    let dir = tempfile::tempdir().unwrap();
    let path = many(dir.path(), 300);
    let mut config = Config::default();
    config.display.lang = Lang::En;
    let mut app = App::new(&config).unwrap();
    // A terminal taller than a page of the database (256 rows): the first resize asks for
    // the count and every row the list shows.
    let effects = app.update(tui::Event::Resize(60, 300));
    let [
        Effect::Query(Request::Rows {
            offset: 0,
            limit,
            count: true,
            ..
        }),
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert!(*limit >= 298, "{effects:?}");
    let mut app = Reader {
        app,
        database: Database::start(Store::open(&path).unwrap()),
    };
    app.send_queries(effects);
    app.settle();
    // One frame shows the list down to its last row.
    let terminal = frame(&app.app, 60, 300);
    assert!(row(&terminal, 297, 0, 60).contains("Article number 297"));
    assert!(screen(&terminal).contains("1/300"));
    // The same size again changes nothing and asks nothing.
    assert_eq!(app.update(tui::Event::Resize(60, 300)), vec![]);
}

#[test]
fn drawing_twice_draws_the_same_and_asks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = many(dir.path(), 300);
    let mut app = app(&path, Lang::En);
    draw(&mut app, 100, 40);
    // With the pane open (the list a third of the screen), down to the 256th article: the
    // last row of the first page read.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for _ in 0..23 {
        press(&mut app, KeyCode::PageDown);
    }
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    // Closing the pane gives the list the whole screen: the rows past the page are asked for
    // by the update, not by the frame.
    press(&mut app, KeyCode::Esc);
    let first = frame(&app.app, 100, 40);
    let second = frame(&app.app, 100, 40);
    assert_eq!(first.backend().buffer(), second.backend().buffer());
    assert!(app.database.wait().is_none(), "drawing asked the database");
    let text = screen(&first);
    assert!(text.contains("256/300"), "{text}");
    assert!(
        row(&first, 37, 0, 100).contains("Article number 281"),
        "{text}"
    );
}

#[test]
fn a_resize_rewraps_the_open_article_before_the_next_frame() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = app(&path, Lang::En);
    draw(&mut app, 120, 30);
    press(&mut app, KeyCode::Enter);
    let first_line = |terminal: &Terminal<TestBackend>, pane: u16| {
        (0..terminal.backend().buffer().area.height)
            .map(|y| row(terminal, y, 0, pane))
            .find(|l| l.contains(&visual("مصادر")))
            .unwrap_or_else(|| panic!("first paragraph missing:\n{}", screen(terminal)))
    };
    let wide = first_line(&frame(&app.app, 120, 30), 72);
    // The resize alone lays the text out again: the next frame has it wrapped to the
    // narrower pane (48 columns), its first word still at the pane's right edge.
    assert_eq!(app.update(tui::Event::Resize(80, 24)), vec![]);
    let narrow = first_line(&frame(&app.app, 80, 24), 48);
    assert!(narrow.ends_with(&visual("قالت")), "{narrow:?}");
    assert!(
        narrow.split_whitespace().count() < wide.split_whitespace().count(),
        "{wide:?} / {narrow:?}"
    );
}
