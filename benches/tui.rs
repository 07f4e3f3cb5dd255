//! The reader's latency over 100,000 articles: `cargo bench --bench tui`.
//!
//! Generates (once, kept in `target/khabar-bench/`) a database of 100,000 Arabic articles with
//! summaries through the store, then, in a fresh process so that memory is the reader's own,
//! drives the app with events as the terminal runner does, draws it on ratatui's test backend
//! (120×40) and times each action up to the end of the next frame: first frame after start,
//! cursor moves, opening an article, picker keystrokes, applying and clearing filters,
//! searching. Peak memory is the process's `VmHWM`.

#![allow(
    clippy::unwrap_used,
    reason = "a test or benchmark fails on what it cannot set up"
)]

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use khabar::config::{Config, Lang};
use khabar::tui::{self, App, Database, Effect};
use khabar_extract::{Actor, ActorKind, Event, EventType, Place, PlaceKind, Summary};
use khabar_feeds::ParsedArticle;
use khabar_store::{ArticleFilter, Incoming, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ARTICLES: usize = 100_000;
const FEEDS: usize = 20;
const BUDGET_FRAME: Duration = Duration::from_millis(16);

const PLACES: [&str; 24] = [
    "حلب",
    "دمشق",
    "حمص",
    "حماة",
    "إدلب",
    "درعا",
    "الرقة",
    "دير الزور",
    "اللاذقية",
    "طرطوس",
    "القامشلي",
    "الحسكة",
    "بيروت",
    "بغداد",
    "الموصل",
    "عمان",
    "القاهرة",
    "غزة",
    "الخليل",
    "صنعاء",
    "عدن",
    "طرابلس",
    "بنغازي",
    "الخرطوم",
];
const ACTORS: [&str; 12] = [
    "الأمم المتحدة",
    "الهلال الأحمر",
    "قوات النظام",
    "المعارضة",
    "الجيش",
    "الشرطة",
    "وزارة الصحة",
    "المرصد السوري",
    "الحكومة",
    "البرلمان",
    "المحكمة",
    "الدفاع المدني",
];
const WORDS: [&str; 24] = [
    "قالت",
    "مصادر",
    "محلية",
    "إن",
    "القصف",
    "استهدف",
    "أحياء",
    "المدينة",
    "صباح",
    "اليوم",
    "وأضافت",
    "أن",
    "عشرات",
    "المدنيين",
    "نزحوا",
    "نحو",
    "المناطق",
    "المجاورة",
    "فيما",
    "أعلنت",
    "السلطات",
    "عن",
    "فتح",
    "تحقيق",
];

/// A deterministic pseudo-random sequence.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn char_span(doc: &str, needle: &str) -> Vec<[usize; 2]> {
    doc.match_indices(needle)
        .map(|(b, _)| {
            let s = doc[..b].chars().count();
            [s, s + needle.chars().count()]
        })
        .collect()
}

/// Writes the benchmark database.
fn generate(path: &Path) {
    let _ = std::fs::remove_file(path);
    let mut store = Store::open(path).expect("open bench db");
    let feeds: Vec<i64> = (0..FEEDS)
        .map(|i| {
            store
                .add_feed(
                    &format!("http://127.0.0.1/feed{i}.xml"),
                    Some(&format!("مصدر {i}")),
                )
                .unwrap()
        })
        .collect();
    let mut rng = Lcg(42);
    let base = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let per_feed = ARTICLES / FEEDS;
    let started = Instant::now();
    for (f, &feed) in feeds.iter().enumerate() {
        for chunk in 0..per_feed / 1000 {
            let mut items = Vec::with_capacity(1000);
            for k in 0..1000 {
                let n = f * per_feed + chunk * 1000 + k;
                let place = PLACES[rng.next(PLACES.len())];
                let actor = ACTORS[rng.next(ACTORS.len())];
                let event = EventType::ALL[rng.next(EventType::ALL.len())];
                let title = format!("{} في {place} و{actor} رقم {n}", event.arabic_name());
                let mut text = String::new();
                for s in 0..8 {
                    for _ in 0..12 {
                        text.push_str(WORDS[rng.next(WORDS.len())]);
                        text.push(' ');
                    }
                    if s == 3 {
                        text.push_str(&format!(
                            "في {place} حيث قال {actor} إن {} شخصا ",
                            rng.next(500)
                        ));
                    }
                    text.push_str(".\n\n");
                }
                let doc = format!("{title}\n\n{text}");
                let summary = Summary {
                    engine: "bench".into(),
                    who: vec![Actor {
                        name: actor.into(),
                        kind: ActorKind::Organization,
                        role: None,
                        aliases: vec![],
                        mentions: char_span(&doc, actor),
                        salience: 0.5,
                    }],
                    places: vec![Place {
                        name: place.into(),
                        kind: PlaceKind::City,
                        country: Some("SY".into()),
                        lat: None,
                        lon: None,
                        within: None,
                        mentions: char_span(&doc, place),
                        salience: 0.8,
                    }],
                    how_many: vec![],
                    events: vec![Event {
                        event_type: event,
                        trigger: event.arabic_name().into(),
                        span: [0, event.arabic_name().chars().count()],
                        sentence: 0,
                        who: vec![actor.into()],
                        places: vec![place.into()],
                        how_many: vec![],
                        agents: vec![actor.into()],
                        targets: vec![],
                        sources: vec![],
                        background: false,
                    }],
                    said: vec![],
                };
                let published = base - chrono::TimeDelta::minutes(n as i64);
                items.push(Incoming::new(
                    ParsedArticle {
                        key: format!("k{n}"),
                        guid: Some(format!("k{n}")),
                        link: Some(format!("https://news.example/{n}")),
                        title,
                        author: None,
                        published: Some(published),
                        teaser: String::new(),
                        text,
                        full_text_error: None,
                    },
                    summary,
                ));
            }
            store.store_articles(feed, base, &items).unwrap();
        }
        eprintln!(
            "generated {} articles ({:.0?})",
            (f + 1) * per_feed,
            started.elapsed()
        );
    }
}

/// One action's times: to the next frame (what the user sees respond), the CPU time the
/// reader's thread spent on it (what contention on a shared machine does not inflate), and
/// until the frame shows the database's answer.
type Sample = (Duration, Duration, Duration);

/// CPU time of the calling thread so far (Linux `/proc/thread-self/schedstat`; updated at
/// scheduler ticks, so short spans read as 0 and the figure is good to a few ms).
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// Prints the figures of one action; whether its frames are within budget.
fn report(name: &str, samples: &[Sample]) -> bool {
    let stats = |mut v: Vec<Duration>| {
        v.sort();
        let n = v.len();
        (v[n / 2], v[(n * 95 / 100).min(n - 1)], v[n - 1])
    };
    let (f50, f95, fmax) = stats(samples.iter().map(|s| s.0).collect());
    let (c50, c95, _) = stats(samples.iter().map(|s| s.1).collect());
    let (d50, d95, dmax) = stats(samples.iter().map(|s| s.2).collect());
    let ok = c95 <= BUDGET_FRAME;
    println!(
        "{name:<24} n={:<3} next frame: wall median {f50:>7.2?} p95 {f95:>7.2?} max {fmax:>7.2?}, \
         cpu median {c50:>7.2?} p95 {c95:>7.2?} {} | with data: median {d50:>8.2?} p95 {d95:>8.2?} \
         max {dmax:>8.2?}",
        samples.len(),
        if ok { "ok" } else { "OVER" },
    );
    ok
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// A `kB` figure of `/proc/self/status`, in MB.
fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The reader and its database thread, driven as the terminal runner drives them.
struct Reader {
    app: App,
    database: Database,
}

impl Reader {
    /// Gives the app an event and sends the queries it asks for to the database thread.
    fn update(&mut self, event: tui::Event) {
        for effect in self.app.update(event) {
            if let Effect::Query(request) = effect {
                self.database.send(request);
            }
        }
    }

    /// Lets the database answer everything asked, each answer taken in; whether anything was.
    fn settle(&mut self) -> bool {
        let mut any = false;
        while let Some(reply) = self.database.wait() {
            self.update(tui::Event::Data(reply));
            any = true;
        }
        any
    }

    /// Draws a frame.
    fn draw(&self, terminal: &mut Terminal<TestBackend>) {
        terminal.draw(|f| self.app.draw(f)).unwrap();
    }
}

/// Drives the reader and prints the figures.
fn measure(path: &Path) {
    let mut config = Config::default();
    config.display.lang = Lang::Ar;
    let start = Instant::now();
    let store = Store::open(path).unwrap();
    let mut app = Reader {
        app: App::new(&config).unwrap(),
        database: Database::start(store),
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // The first frame with the newest articles on it.
    app.update(tui::Event::Resize(120, 40));
    app.settle();
    app.draw(&mut terminal);
    let first_frame = start.elapsed();
    println!(
        "first frame after start       {first_frame:>8.2?}  {}",
        if first_frame <= Duration::from_millis(200) {
            "ok (≤ 200 ms)"
        } else {
            "OVER 200 ms"
        }
    );

    // Keys, then the next frame; then the database's answers and the frame showing them.
    let step = |app: &mut Reader, terminal: &mut Terminal<TestBackend>, keys: &[KeyEvent]| {
        let (t, cpu) = (Instant::now(), thread_cpu());
        for &k in keys {
            app.update(tui::Event::Key(k));
        }
        app.draw(terminal);
        let (frame, frame_cpu) = (t.elapsed(), thread_cpu() - cpu);
        if app.settle() {
            app.draw(terminal);
        }
        (frame, frame_cpu, t.elapsed())
    };
    let mut all_ok = true;
    let mut run = |name: &str, samples: Vec<Sample>| all_ok &= report(name, &samples);

    let down = key(KeyCode::Char('j'));
    run(
        "cursor move (list)",
        (0..300)
            .map(|_| step(&mut app, &mut terminal, &[down]))
            .collect(),
    );
    let page = key(KeyCode::PageDown);
    run(
        "page down (list)",
        (0..200)
            .map(|_| step(&mut app, &mut terminal, &[page]))
            .collect(),
    );
    step(&mut app, &mut terminal, &[key(KeyCode::Char('g'))]);

    let mut open = Vec::new();
    let mut follow = Vec::new();
    for _ in 0..50 {
        open.push(step(&mut app, &mut terminal, &[key(KeyCode::Enter)]));
        step(
            &mut app,
            &mut terminal,
            &[key(KeyCode::Tab), key(KeyCode::Tab)],
        );
        follow.push(step(&mut app, &mut terminal, &[down]));
        step(&mut app, &mut terminal, &[key(KeyCode::Esc)]);
    }
    run("open article", open);
    run("cursor move (pane open)", follow);

    let mut picker_open = Vec::new();
    let mut keystroke = Vec::new();
    let mut apply: [Vec<Sample>; 4] = Default::default();
    let mut clear = Vec::new();
    for (i, facet) in ['p', 'a', 'e', 'f'].iter().cycle().take(40).enumerate() {
        picker_open.push(step(&mut app, &mut terminal, &[key(KeyCode::Char(*facet))]));
        let typed = ["ح", "ل", "ب"];
        for c in typed.iter().take(1 + i % 3) {
            let c = c.chars().next().unwrap();
            keystroke.push(step(&mut app, &mut terminal, &[key(KeyCode::Char(c))]));
        }
        for _ in 0..3 {
            keystroke.push(step(&mut app, &mut terminal, &[key(KeyCode::Backspace)]));
        }
        apply[i % 4].push(step(&mut app, &mut terminal, &[key(KeyCode::Enter)]));
        clear.push(step(&mut app, &mut terminal, &[key(KeyCode::Char('c'))]));
    }
    run("open a picker", picker_open);
    run("picker keystroke", keystroke);
    let [place, actor, event, feed] = apply;
    run("apply a place filter", place);
    run("apply an actor filter", actor);
    run("apply an event filter", event);
    run("apply a feed filter", feed);
    run("clear filters", clear);

    let mut combined = Vec::new();
    for _ in 0..20 {
        step(&mut app, &mut terminal, &[key(KeyCode::Char('p'))]);
        combined.push(step(&mut app, &mut terminal, &[key(KeyCode::Enter)]));
        step(&mut app, &mut terminal, &[key(KeyCode::Char('e'))]);
        combined.push(step(&mut app, &mut terminal, &[key(KeyCode::Enter)]));
        step(&mut app, &mut terminal, &[key(KeyCode::Char('c'))]);
    }
    run("apply a second filter", combined);

    let mut search = Vec::new();
    for word in ["حلب", "المدنيين", "تحقيق", "دمشق"] {
        step(&mut app, &mut terminal, &[key(KeyCode::Char('/'))]);
        for c in word.chars() {
            step(&mut app, &mut terminal, &[key(KeyCode::Char(c))]);
        }
        search.push(step(&mut app, &mut terminal, &[key(KeyCode::Enter)]));
        step(&mut app, &mut terminal, &[key(KeyCode::Char('c'))]);
    }
    run("search (Enter)", search);

    let (frame, _, data) = step(&mut app, &mut terminal, &[key(KeyCode::Char('G'))]);
    println!("jump to the last article   next frame {frame:>7.2?} | with data {data:>8.2?}");
    // Peak resident memory counts the database pages SQLite touched through its memory map
    // (shared, file-backed, given back under pressure) besides the reader's own heap.
    match (
        status_mb("VmHWM:"),
        status_mb("RssAnon:"),
        status_mb("RssFile:"),
    ) {
        (Some(peak), Some(anon), Some(file)) => println!(
            "peak memory (VmHWM)      {peak:>7.1} MB {}; now: heap and stacks (RssAnon) {anon:.1} MB, \
             mapped files (RssFile) {file:.1} MB",
            if peak <= 150.0 {
                "ok (≤ 150 MB)"
            } else {
                "OVER 150 MB"
            }
        ),
        _ => println!("memory: /proc/self/status unavailable"),
    }
    if !all_ok {
        println!("some actions are over budget");
    }
}

fn main() {
    let path: PathBuf = std::env::var_os("KHABAR_BENCH_DB").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/khabar-bench/tui-100k.db"),
        PathBuf::from,
    );
    if std::env::var_os("KHABAR_BENCH_MEASURE").is_some() {
        measure(&path);
        return;
    }
    let complete = Store::open(&path)
        .and_then(|s| s.count(&ArticleFilter::default()))
        .is_ok_and(|n| n as usize == ARTICLES);
    if !complete {
        eprintln!("generating {ARTICLES} articles in {}", path.display());
        generate(&path);
    }
    // Measure in a fresh process, so that the peak memory is the reader's alone.
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .env("KHABAR_BENCH_MEASURE", "1")
        .env("KHABAR_BENCH_DB", &path)
        .status()
        .expect("re-run the benchmark");
    std::process::exit(status.code().unwrap_or(1));
}
