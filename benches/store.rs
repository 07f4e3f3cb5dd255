//! Store latency on a large database: a filtered page, a count and a facet must each fit well
//! inside the reader's 16 ms keystroke budget.
//!
//!   cargo bench --bench store [-- ARTICLES]     (default 100000)
//!
//! Generates (once per run, in a temporary directory) a database of ARTICLES articles over 20
//! feeds, with places, actors and events drawn from skewed (Zipf-like) distributions and
//! ~1,500-character texts, then times each query 50 times and prints the median and the
//! slowest.

#![allow(
    clippy::unwrap_used,
    reason = "a test or benchmark fails on what it cannot set up"
)]

use chrono::{TimeDelta, TimeZone, Utc};
use khabar_extract::{Actor, ActorKind, Event, EventType, Place, PlaceKind, Summary};
use khabar_feeds::ParsedArticle;
use khabar_store::{ArticleFilter, Facet, Incoming, Store};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards small indexes: a few values are very frequent, most are rare.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const LETTERS: &[char] = &[
    'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ر', 'س', 'ش', 'ص', 'ع', 'ف', 'ق', 'ك', 'ل', 'م', 'ن',
    'ه', 'و', 'ي',
];

/// The `index`-th made-up Arabic word.
fn word(index: usize) -> String {
    let mut seed = Rng(index as u64 * 2_654_435_761 + 1);
    let len = 3 + seed.below(5);
    (0..len)
        .map(|_| LETTERS[seed.below(LETTERS.len())])
        .collect()
}

fn generate(store: &mut Store, articles: usize) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let vocabulary: Vec<String> = (0..20_000).map(word).collect();
    let places: Vec<String> = (0..400)
        .map(|i| format!("مدينة{}", word(100_000 + i)))
        .collect();
    let actors: Vec<String> = (0..800)
        .map(|i| format!("جهة {}", word(200_000 + i)))
        .collect();
    let feeds: Vec<i64> = (0..20)
        .map(|i| {
            store
                .add_feed(&format!("https://outlet{i}.example/rss"), None)
                .unwrap()
        })
        .collect();
    let start = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    let per_batch = 500;
    for batch in 0..articles.div_ceil(per_batch) {
        let feed = feeds[batch % feeds.len()];
        let items: Vec<Incoming> = (0..per_batch)
            .map(|i| batch * per_batch + i)
            .take_while(|n| *n < articles)
            .map(|n| {
                let text: Vec<&str> = (0..250)
                    .map(|_| vocabulary[rng.zipf(vocabulary.len())].as_str())
                    .collect();
                let title: Vec<&str> = (0..8)
                    .map(|_| vocabulary[rng.zipf(vocabulary.len())].as_str())
                    .collect();
                let summary = Summary {
                    engine: "bench".to_string(),
                    who: (0..2 + rng.below(3))
                        .map(|_| Actor {
                            name: actors[rng.zipf(actors.len())].clone(),
                            kind: ActorKind::Group,
                            role: None,
                            aliases: vec![],
                            mentions: vec![[0, 1]],
                            salience: 0.5,
                        })
                        .collect(),
                    places: (0..1 + rng.below(4))
                        .map(|_| Place {
                            name: places[rng.zipf(places.len())].clone(),
                            kind: PlaceKind::City,
                            country: None,
                            lat: None,
                            lon: None,
                            within: None,
                            mentions: vec![[0, 1]],
                            salience: 0.5,
                        })
                        .collect(),
                    how_many: vec![],
                    events: (0..1 + rng.below(3))
                        .map(|_| Event {
                            event_type: EventType::ALL[rng.zipf(EventType::ALL.len())],
                            trigger: String::new(),
                            span: [0, 1],
                            sentence: 0,
                            who: vec![],
                            places: vec![],
                            how_many: vec![],
                            agents: vec![],
                            targets: vec![],
                            sources: vec![],
                            background: false,
                        })
                        .collect(),
                    said: vec![],
                };
                let article = ParsedArticle {
                    key: format!("item-{n}"),
                    guid: Some(format!("item-{n}")),
                    link: Some(format!("https://outlet.example/{n}")),
                    title: title.join(" "),
                    author: None,
                    published: Some(start + TimeDelta::minutes(n as i64 * 7)),
                    teaser: text[..30].join(" "),
                    text: text.join(" "),
                    full_text_error: None,
                };
                Incoming::new(article, summary)
            })
            .collect();
        let now = start + TimeDelta::days(3650);
        store.store_articles(feed, now, &items).unwrap();
    }
    // A quarter read, a few starred.
    for id in (1..articles as i64).step_by(4) {
        store.set_read(id, true).unwrap();
    }
    for id in (1..articles as i64).step_by(97) {
        store.set_starred(id, true).unwrap();
    }
}

fn time<T>(name: &str, mut query: impl FnMut() -> T) {
    let mut samples: Vec<Duration> = (0..50)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(query());
            started.elapsed()
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<52} median {:>7.2} ms   max {:>7.2} ms",
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() - 1])
    );
}

fn main() {
    let articles: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).unwrap();
    let started = Instant::now();
    generate(&mut store, articles);
    let secs = started.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path).unwrap().len()
        + std::fs::metadata(path.with_extension("db-wal")).map_or(0, |m| m.len());
    println!(
        "{articles} articles stored in {secs:.1} s ({:.0} articles/s), database {:.0} MiB",
        articles as f64 / secs,
        size as f64 / 1_048_576.0
    );
    drop(store);
    let store = Store::open(&path).unwrap();

    let all = ArticleFilter::default();
    let top_place = store.facet(Facet::Place, &all, 1).unwrap()[0].key.clone();
    let places = store.facet(Facet::Place, &all, 400).unwrap();
    let rare_place = places.last().unwrap().key.clone();
    let top_actor = store.facet(Facet::Actor, &all, 1).unwrap()[0].key.clone();
    println!(
        "top place in {} articles, rarest in {}",
        places[0].count,
        places.last().unwrap().count
    );
    let place = |key: &str| ArticleFilter {
        place: Some(key.to_string()),
        ..Default::default()
    };
    let event = ArticleFilter {
        event: Some(EventType::Casualties),
        ..Default::default()
    };
    let place_event = ArticleFilter {
        place: Some(top_place.clone()),
        event: Some(EventType::Attack),
        ..Default::default()
    };
    let common_word = store
        .article(1)
        .unwrap()
        .unwrap()
        .text
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    let search = |q: &str| ArticleFilter {
        search: Some(q.to_string()),
        ..Default::default()
    };
    let unread = ArticleFilter {
        unread_only: true,
        ..Default::default()
    };
    let everything = ArticleFilter {
        place: Some(top_place.clone()),
        actor: Some(top_actor.clone()),
        event: Some(EventType::Attack),
        unread_only: true,
        ..Default::default()
    };

    time("page 50, no filter", || {
        store.articles(&all, 0, 50).unwrap()
    });
    time("page 50 at offset 5000, no filter", || {
        store.articles(&all, 5000, 50).unwrap()
    });
    time("count, no filter", || store.count(&all).unwrap());
    time("page 50, most common place", || {
        store.articles(&place(&top_place), 0, 50).unwrap()
    });
    time("count, most common place", || {
        store.count(&place(&top_place)).unwrap()
    });
    time("page 50, rarest place", || {
        store.articles(&place(&rare_place), 0, 50).unwrap()
    });
    time("count, rarest place", || {
        store.count(&place(&rare_place)).unwrap()
    });
    time("page 50, event casualties", || {
        store.articles(&event, 0, 50).unwrap()
    });
    time("count, event casualties", || store.count(&event).unwrap());
    time("page 50, top place + attack", || {
        store.articles(&place_event, 0, 50).unwrap()
    });
    time("count, top place + attack", || {
        store.count(&place_event).unwrap()
    });
    time("page 50, place + actor + event + unread", || {
        store.articles(&everything, 0, 50).unwrap()
    });
    time("page 50, unread", || {
        store.articles(&unread, 0, 50).unwrap()
    });
    time("count, unread", || store.count(&unread).unwrap());
    time("page 50, search a common word", || {
        store.articles(&search(&common_word), 0, 50).unwrap()
    });
    time("count, search a common word", || {
        store.count(&search(&common_word)).unwrap()
    });
    time("page 50, search a rare prefix", || {
        store.articles(&search("ثثث"), 0, 50).unwrap()
    });
    time("facet places (30), no filter", || {
        store.facet(Facet::Place, &all, 30).unwrap()
    });
    time("facet actors (30), no filter", || {
        store.facet(Facet::Actor, &all, 30).unwrap()
    });
    time("facet events, no filter", || {
        store.facet(Facet::Event, &all, 16).unwrap()
    });
    time("facet feeds, no filter", || {
        store.facet(Facet::Feed, &all, 30).unwrap()
    });
    time("facet places (30), event casualties", || {
        store.facet(Facet::Place, &event, 30).unwrap()
    });
    time("facet actors (30), most common place", || {
        store.facet(Facet::Actor, &place(&top_place), 30).unwrap()
    });
    time("facet events, rarest place", || {
        store.facet(Facet::Event, &place(&rare_place), 16).unwrap()
    });
    time("facet places (30), unread", || {
        store.facet(Facet::Place, &unread, 30).unwrap()
    });
    time("facet events, unread", || {
        store.facet(Facet::Event, &unread, 16).unwrap()
    });
    time("facet feeds, unread", || {
        store.facet(Facet::Feed, &unread, 30).unwrap()
    });
    time("one article with its summary", || {
        store.article(articles as i64 / 2).unwrap()
    });
    time("feeds list with counts", || store.feeds().unwrap());
}
