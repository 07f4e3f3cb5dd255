//! Store tests on real SQLite files.

use super::*;
use chrono::TimeZone;
use khabar_extract::{Actor, ActorKind, Event, EventType, Place, PlaceKind, Summary, fold};
use khabar_feeds::{FullText, ParsedArticle, Subscription};

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("khabar.db")).unwrap();
    (dir, store)
}

fn article(key: &str, title: &str, text: &str, day: u32) -> ParsedArticle {
    ParsedArticle {
        key: key.to_string(),
        guid: Some(key.to_string()),
        link: Some(format!("https://news.example/{key}")),
        title: title.to_string(),
        author: None,
        published: Some(Utc.with_ymd_and_hms(2024, 3, day, 12, 0, 0).unwrap()),
        teaser: text.to_string(),
        text: text.to_string(),
        full_text_error: None,
    }
}

fn place(name: &str) -> Place {
    Place {
        name: name.to_string(),
        kind: PlaceKind::City,
        country: Some("SY".to_string()),
        lat: None,
        lon: None,
        within: None,
        mentions: vec![[0, 3]],
        salience: 0.9,
    }
}

fn actor(name: &str) -> Actor {
    Actor {
        name: name.to_string(),
        kind: ActorKind::Group,
        role: None,
        aliases: vec![],
        mentions: vec![[5, 9], [20, 24]],
        salience: 0.5,
    }
}

fn event(event_type: EventType) -> Event {
    Event {
        event_type,
        trigger: "x".to_string(),
        span: [0, 1],
        sentence: 0,
        who: vec![],
        places: vec![],
        how_many: vec![],
        agents: vec![],
        targets: vec![],
        sources: vec![],
        background: false,
    }
}

fn summary(places: &[&str], actors: &[&str], events: &[EventType]) -> Summary {
    Summary {
        engine: "test-engine 1".to_string(),
        who: actors.iter().map(|a| actor(a)).collect(),
        places: places.iter().map(|p| place(p)).collect(),
        how_many: vec![],
        events: events.iter().map(|e| event(*e)).collect(),
        said: vec![],
    }
}

/// Articles whose text is the feed's own.
fn incoming(items: Vec<(ParsedArticle, Summary)>) -> Vec<Incoming> {
    items
        .into_iter()
        .map(|(a, s)| Incoming::new(a, s))
        .collect()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 30, 0, 0, 0).unwrap()
}

/// Three articles in one feed: Idlib shelling, Homs talks, Idlib aid.
fn seeded() -> (tempfile::TempDir, Store, i64) {
    let (dir, mut store) = temp_store();
    let feed = store
        .add_feed("https://news.example/rss", Some("أخبار"))
        .unwrap();
    let items = vec![
        (
            article(
                "a1",
                "قصف على إدلب",
                "قَصَفَت الطائرات مدينة إدلب صباح اليوم",
                1,
            ),
            summary(
                &["إدلب"],
                &["الجيش"],
                &[EventType::Attack, EventType::Casualties],
            ),
        ),
        (
            article("a2", "محادثات في حمص", "اجتماع في مدينة حمص بين الوفود", 2),
            summary(&["حمص"], &["الأمم المتحدة"], &[EventType::Talks]),
        ),
        (
            article("a3", "مساعدات إلى ادلب", "قافلة مساعدات تصل إلى ادلب", 3),
            summary(&["ادلب", "حمص"], &["الهلال الأحمر"], &[EventType::Aid]),
        ),
    ];
    let outcome = store.store_articles(feed, now(), &incoming(items)).unwrap();
    assert_eq!(outcome, StoreOutcome { new: 3, updated: 0 });
    (dir, store, feed)
}

fn titles(rows: &[ArticleRow]) -> Vec<&str> {
    rows.iter().map(|r| r.title.as_str()).collect()
}

#[test]
fn articles_come_newest_first_with_their_summary_fields() {
    let (_dir, store, _) = seeded();
    let rows = store.articles(&ArticleFilter::default(), 0, 10).unwrap();
    assert_eq!(
        titles(&rows),
        ["مساعدات إلى ادلب", "محادثات في حمص", "قصف على إدلب"]
    );
    assert_eq!(rows[0].feed_title, "أخبار");
    assert_eq!(rows[2].primary_event, Some(EventType::Attack));
    assert_eq!(rows[2].top_place.as_deref(), Some("إدلب"));
    assert_eq!(
        titles(&store.articles(&ArticleFilter::default(), 1, 1).unwrap()),
        ["محادثات في حمص"]
    );
    let whole = store.article(rows[2].id).unwrap().unwrap();
    assert_eq!(whole.summary.as_ref().unwrap().places[0].name, "إدلب");
    assert!(
        whole
            .engine_article()
            .input()
            .starts_with("قصف على إدلب\n\n")
    );
}

#[test]
fn place_filter_matches_any_spelling_after_folding() {
    let (_dir, store, _) = seeded();
    let filter = ArticleFilter {
        place: Some("ادلب".to_string()),
        ..Default::default()
    };
    let rows = store.articles(&filter, 0, 10).unwrap();
    assert_eq!(titles(&rows), ["مساعدات إلى ادلب", "قصف على إدلب"]);
    assert_eq!(store.count(&filter).unwrap(), 2);
    let nowhere = ArticleFilter {
        place: Some("تدمر".to_string()),
        ..Default::default()
    };
    assert!(store.articles(&nowhere, 0, 10).unwrap().is_empty());
    assert_eq!(store.count(&nowhere).unwrap(), 0);
}

#[test]
fn actor_event_feed_and_state_filters_narrow_together() {
    let (_dir, mut store, feed) = seeded();
    let attack = ArticleFilter {
        event: Some(EventType::Casualties),
        ..Default::default()
    };
    assert_eq!(
        titles(&store.articles(&attack, 0, 10).unwrap()),
        ["قصف على إدلب"]
    );
    let un = ArticleFilter {
        actor: Some("الامم المتحده".to_string()),
        feed: Some(feed),
        ..Default::default()
    };
    assert_eq!(
        titles(&store.articles(&un, 0, 10).unwrap()),
        ["محادثات في حمص"]
    );
    let other_feed = ArticleFilter {
        feed: Some(feed + 1),
        ..Default::default()
    };
    assert_eq!(store.count(&other_feed).unwrap(), 0);

    let rows = store.articles(&ArticleFilter::default(), 0, 10).unwrap();
    store.set_read(rows[0].id, true).unwrap();
    store.set_starred(rows[1].id, true).unwrap();
    let unread = ArticleFilter {
        unread_only: true,
        ..Default::default()
    };
    assert_eq!(store.count(&unread).unwrap(), 2);
    let starred = ArticleFilter {
        starred_only: true,
        ..Default::default()
    };
    assert_eq!(
        titles(&store.articles(&starred, 0, 10).unwrap()),
        ["محادثات في حمص"]
    );
    let info = store
        .feed_by_url("https://news.example/rss")
        .unwrap()
        .unwrap();
    assert_eq!((info.article_count, info.unread_count), (3, 2));
}

#[test]
fn search_folds_harakat_and_letter_forms_and_ignores_fts_syntax() {
    let (_dir, store, _) = seeded();
    let search = |q: &str| {
        let filter = ArticleFilter {
            search: Some(q.to_string()),
            ..Default::default()
        };
        titles(&store.articles(&filter, 0, 10).unwrap())
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    // The text has قَصَفَت with harakat; the query has none, and the reverse.
    assert_eq!(search("قصفت"), ["قصف على إدلب"]);
    assert_eq!(search("مُساعَدات"), ["مساعدات إلى ادلب"]);
    // أ/ا folding, and every word required.
    assert_eq!(search("ادلب قافلة"), ["مساعدات إلى ادلب"]);
    // A prefix of the last word.
    assert_eq!(search("محادث"), ["محادثات في حمص"]);
    // FTS syntax is taken as words, never as an error.
    assert!(search("\"حمص OR NEAR(").is_empty());
    assert_eq!(search("حمص)*"), ["محادثات في حمص"]);
    assert_eq!(search("  ").len(), 3);
}

#[test]
fn facets_count_what_the_other_filters_leave() {
    let (_dir, store, feed) = seeded();
    let places = store
        .facet(Facet::Place, &ArticleFilter::default(), 10)
        .unwrap();
    assert_eq!(places[0].key, fold("إدلب"));
    assert_eq!(places[0].label, "إدلب");
    assert_eq!(places[0].count, 2);
    assert_eq!(places[1].count, 2);
    // With a place chosen, the place facet still shows every place within the other filters.
    let talks_in_idlib = ArticleFilter {
        place: Some("إدلب".to_string()),
        event: Some(EventType::Aid),
        ..Default::default()
    };
    let places = store.facet(Facet::Place, &talks_in_idlib, 10).unwrap();
    let counts: Vec<(String, u64)> = places.iter().map(|v| (v.label.clone(), v.count)).collect();
    assert_eq!(counts, [("إدلب".to_string(), 1), ("حمص".to_string(), 1)]);
    let events = store.facet(Facet::Event, &talks_in_idlib, 10).unwrap();
    let mut event_keys: Vec<&str> = events.iter().map(|v| v.key.as_str()).collect();
    event_keys.sort();
    assert_eq!(event_keys, ["aid", "attack", "casualties"]);
    assert!(events.iter().any(|v| v.label == "مساعدات"));
    let feeds = store.facet(Facet::Feed, &talks_in_idlib, 10).unwrap();
    assert_eq!(
        feeds,
        [FacetValue {
            key: feed.to_string(),
            label: "أخبار".to_string(),
            count: 1
        }]
    );
    let actors = store
        .facet(Facet::Actor, &ArticleFilter::default(), 2)
        .unwrap();
    assert_eq!(actors.len(), 2);
}

#[test]
fn storing_again_changes_nothing_and_a_changed_article_is_updated_keeping_its_marks() {
    let (_dir, mut store, feed) = seeded();
    let first = store.articles(&ArticleFilter::default(), 0, 10).unwrap();
    let target = first.iter().find(|r| r.title == "قصف على إدلب").unwrap().id;
    store.set_read(target, true).unwrap();
    store.set_starred(target, true).unwrap();

    let same = article(
        "a1",
        "قصف على إدلب",
        "قَصَفَت الطائرات مدينة إدلب صباح اليوم",
        1,
    );
    assert_eq!(
        store
            .needs_summary(feed, std::slice::from_ref(&same))
            .unwrap(),
        [false]
    );
    let outcome = store
        .store_articles(
            feed,
            now(),
            &incoming(vec![(same, summary(&["إدلب"], &[], &[EventType::Attack]))]),
        )
        .unwrap();
    assert_eq!(outcome, StoreOutcome::default());

    let changed = article("a1", "قصف على إدلب وحماة", "نص جديد عن حماة", 1);
    assert_eq!(
        store
            .needs_summary(feed, std::slice::from_ref(&changed))
            .unwrap(),
        [true]
    );
    let outcome = store
        .store_articles(
            feed,
            now(),
            &incoming(vec![(
                changed,
                summary(&["حماة"], &[], &[EventType::Siege]),
            )]),
        )
        .unwrap();
    assert_eq!(outcome, StoreOutcome { new: 0, updated: 1 });
    assert_eq!(store.count(&ArticleFilter::default()).unwrap(), 3);
    let row = store.article(target).unwrap().unwrap();
    assert!(row.row.read && row.row.starred);
    assert_eq!(row.row.primary_event, Some(EventType::Siege));
    // The old place and words are gone from the indexes, the new ones are there.
    let by_place = |p: &str| ArticleFilter {
        place: Some(p.to_string()),
        ..Default::default()
    };
    assert_eq!(store.count(&by_place("حماه")).unwrap(), 1);
    assert_eq!(store.count(&by_place("ادلب")).unwrap(), 1);
    let by_word = ArticleFilter {
        search: Some("الطائرات".to_string()),
        ..Default::default()
    };
    assert_eq!(store.count(&by_word).unwrap(), 0);
}

#[test]
fn an_article_with_its_page_text_is_compared_by_the_feed_text() {
    let (_dir, mut store) = temp_store();
    let feed = store.add_feed("https://news.example/rss", None).unwrap();
    let mut full = article("k", "عنوان", "النص الكامل للمقال من صفحته", 1);
    full.teaser = "مقدمة".to_string();
    let item = Incoming {
        article: full.clone(),
        feed_text: "مقدمة".to_string(),
        summary: Summary::default(),
    };
    store.store_articles(feed, now(), &[item]).unwrap();
    let mut as_in_feed = full.clone();
    as_in_feed.text = "مقدمة".to_string();
    let mut edited = as_in_feed.clone();
    edited.text = "مقدمة معدلة".to_string();
    assert_eq!(
        store.needs_summary(feed, &[as_in_feed, edited]).unwrap(),
        [false, true]
    );
    let stored = store.articles(&ArticleFilter::default(), 0, 1).unwrap();
    assert_eq!(
        store.article(stored[0].id).unwrap().unwrap().text,
        "النص الكامل للمقال من صفحته"
    );
}

#[test]
fn dates_missing_or_in_the_future_become_the_fetch_time() {
    let (_dir, mut store) = temp_store();
    let feed = store.add_feed("https://news.example/rss", None).unwrap();
    let mut undated = article("u", "بلا تاريخ", "نص", 1);
    undated.published = None;
    let mut future = article("f", "من المستقبل", "نص", 1);
    future.published = Some(Utc.with_ymd_and_hms(2099, 1, 1, 0, 0, 0).unwrap());
    store
        .store_articles(
            feed,
            now(),
            &incoming(vec![
                (undated, Summary::default()),
                (future, Summary::default()),
            ]),
        )
        .unwrap();
    let rows = store.articles(&ArticleFilter::default(), 0, 10).unwrap();
    assert!(rows.iter().all(|r| r.published == now()));
}

#[test]
fn config_feeds_and_added_feeds_live_together() {
    let (_dir, mut store) = temp_store();
    let config = |urls: &[&str]| -> Vec<Subscription> {
        urls.iter()
            .map(|u| Subscription {
                url: u.to_string(),
                title: None,
                full_text: FullText::Always,
            })
            .collect()
    };
    store
        .add_feed("https://added.example/rss", Some("مضاف"))
        .unwrap();
    store
        .sync_config_feeds(&config(&["https://a.example/rss", "https://b.example/rss"]))
        .unwrap();
    let urls = |store: &Store| {
        let mut urls: Vec<String> = store.feeds().unwrap().into_iter().map(|f| f.url).collect();
        urls.sort();
        urls
    };
    assert_eq!(
        urls(&store),
        [
            "https://a.example/rss",
            "https://added.example/rss",
            "https://b.example/rss"
        ]
    );
    assert!(matches!(
        store.remove_feed("https://a.example/rss"),
        Err(StoreError::FeedInConfig(_))
    ));
    let b = store.feed_by_url("https://b.example/rss").unwrap().unwrap();
    store
        .store_articles(
            b.id,
            now(),
            &incoming(vec![(article("x", "t", "x", 1), Summary::default())]),
        )
        .unwrap();
    assert_eq!(b.full_text, FullText::Always);
    // b leaves the config: reading commands keep it, a refresh's sync removes it with its
    // articles.
    store
        .add_config_feeds(&config(&["https://a.example/rss"]))
        .unwrap();
    assert_eq!(store.count(&ArticleFilter::default()).unwrap(), 1);
    store
        .sync_config_feeds(&config(&["https://a.example/rss"]))
        .unwrap();
    assert_eq!(
        urls(&store),
        ["https://a.example/rss", "https://added.example/rss"]
    );
    assert_eq!(store.count(&ArticleFilter::default()).unwrap(), 0);
    assert!(store.remove_feed("https://added.example/rss").unwrap());
    assert!(!store.remove_feed("https://added.example/rss").unwrap());
}

#[test]
fn failures_are_recorded_backed_off_and_cleared_by_a_success() {
    let (_dir, mut store) = temp_store();
    let feed = store.add_feed("https://news.example/rss", None).unwrap();
    let batch = store.batch().unwrap();
    assert_eq!(
        batch
            .record_failure(feed, now(), "HTTP 404 Not Found", None)
            .unwrap(),
        now()
    );
    let next = batch
        .record_failure(feed, now(), "HTTP 404 Not Found", None)
        .unwrap();
    assert_eq!(next, now() + chrono::TimeDelta::minutes(15));
    let asked = batch
        .record_failure(
            feed,
            now(),
            "HTTP 429",
            Some(std::time::Duration::from_secs(7200)),
        )
        .unwrap();
    assert_eq!(asked, now() + chrono::TimeDelta::hours(2));
    batch.commit().unwrap();
    let info = store
        .feed_by_url("https://news.example/rss")
        .unwrap()
        .unwrap();
    assert_eq!(info.failures, 3);
    assert_eq!(info.last_status.as_deref(), Some("HTTP 429"));
    assert_eq!(info.next_attempt, Some(asked));

    let batch = store.batch().unwrap();
    let success = FetchSuccess {
        status: "ok".to_string(),
        etag: Some("\"v1\"".to_string()),
        feed_title: Some("عنوان الموقع".to_string()),
        ..Default::default()
    };
    batch.record_success(feed, now(), &success).unwrap();
    batch.commit().unwrap();
    let info = store
        .feed_by_url("https://news.example/rss")
        .unwrap()
        .unwrap();
    assert_eq!((info.failures, info.next_attempt), (0, None));
    assert_eq!(info.etag.as_deref(), Some("\"v1\""));
    assert_eq!(info.title, "عنوان الموقع");
    assert_eq!(info.last_success, Some(now()));
}

#[test]
fn stale_summaries_are_found_page_by_page_counted_and_replaced() {
    let (_dir, mut store, _) = seeded();
    assert!(
        store
            .stale_summaries("test-engine 1", 0, 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.stale_count("test-engine 1").unwrap(), 0);
    assert_eq!(store.stale_count("test-engine 2").unwrap(), 3);
    let stale = store.stale_summaries("test-engine 2", 0, 10).unwrap();
    assert_eq!(stale.len(), 3);
    assert!(stale.iter().any(|article| {
        article
            .engine_article()
            .input()
            .starts_with("محادثات في حمص\n\n")
    }));
    // Pages follow the ids: an article left stale (say, the engine failed on it) is not met
    // again on the next page.
    let first = store.stale_summaries("test-engine 2", 0, 2).unwrap();
    let rest = store
        .stale_summaries("test-engine 2", first[1].id, 2)
        .unwrap();
    let ids: Vec<i64> = first.iter().chain(&rest).map(|a| a.id).collect();
    assert_eq!(ids, stale.iter().map(|a| a.id).collect::<Vec<_>>());
    let mut newer = summary(&["دمشق"], &[], &[EventType::Protest]);
    newer.engine = "test-engine 2".to_string();
    let replaced: Vec<(i64, Summary)> = stale
        .iter()
        .map(|article| (article.id, newer.clone()))
        .collect();
    store.replace_summaries(&replaced).unwrap();
    assert!(
        store
            .stale_summaries("test-engine 2", 0, 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.stale_count("test-engine 2").unwrap(), 0);
    let damascus = ArticleFilter {
        place: Some("دمشق".to_string()),
        ..Default::default()
    };
    assert_eq!(store.count(&damascus).unwrap(), 3);
    let places = store
        .facet(Facet::Place, &ArticleFilter::default(), 10)
        .unwrap();
    assert_eq!(
        places.len(),
        1,
        "places no article has any more are not offered: {places:?}"
    );
}

#[test]
fn reopening_keeps_everything_and_the_file_is_whole() {
    let (dir, store, _) = seeded();
    drop(store);
    let store = Store::open(&dir.path().join("khabar.db")).unwrap();
    assert_eq!(store.count(&ArticleFilter::default()).unwrap(), 3);
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}

#[test]
fn a_second_writer_waits_then_says_the_database_is_busy() {
    let (dir, mut store, feed) = seeded();
    let mut other = Store::open(&dir.path().join("khabar.db")).unwrap();
    let batch = store.batch().unwrap();
    // Readers are not blocked by a writer.
    assert_eq!(other.count(&ArticleFilter::default()).unwrap(), 3);
    let started = std::time::Instant::now();
    let err = other.set_read(1, true).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err}");
    assert!(err.to_string().contains("busy"));
    assert!(started.elapsed() >= BUSY_TIMEOUT / 2);
    drop(batch);
    other.set_read(1, true).unwrap();
    assert_eq!(
        store
            .count(&ArticleFilter {
                unread_only: true,
                feed: Some(feed),
                ..Default::default()
            })
            .unwrap(),
        2
    );
}

#[test]
fn counts_and_facets_agree_with_the_pages_whatever_the_filter() {
    let (_dir, mut store, feed) = seeded();
    let rows = store.articles(&ArticleFilter::default(), 0, 10).unwrap();
    store.set_read(rows[1].id, true).unwrap();
    store.set_starred(rows[2].id, true).unwrap();
    let other = store.add_feed("https://other.example/rss", None).unwrap();
    store
        .store_articles(
            other,
            now(),
            &incoming(vec![(
                article("o1", "حصار حمص", "نص عن حصار حمص", 4),
                summary(&["حمص"], &["الجيش"], &[EventType::Siege, EventType::Attack]),
            )]),
        )
        .unwrap();
    let places = [None, Some("ادلب"), Some("حمص")];
    let actors = [None, Some("الجيش")];
    let events = [None, Some(EventType::Attack), Some(EventType::Aid)];
    let feeds = [None, Some(feed), Some(other)];
    let mut checked = 0;
    for place in places {
        for actor in actors {
            for event in events {
                for feed in feeds {
                    for (unread_only, search) in [(false, None), (true, None), (false, Some("حمص"))]
                    {
                        let filter = ArticleFilter {
                            place: place.map(String::from),
                            actor: actor.map(String::from),
                            event,
                            feed,
                            search: search.map(String::from),
                            unread_only,
                            starred_only: false,
                        };
                        let page = store.articles(&filter, 0, 100).unwrap();
                        assert_eq!(
                            store.count(&filter).unwrap(),
                            page.len() as u64,
                            "{filter:?}"
                        );
                        let by_event = store.facet(Facet::Event, &filter, 20).unwrap();
                        for value in by_event {
                            let narrowed = ArticleFilter {
                                event: EventType::parse(&value.key),
                                ..filter.clone()
                            };
                            assert_eq!(
                                store.count(&narrowed).unwrap(),
                                value.count,
                                "{narrowed:?}"
                            );
                        }
                        let by_place = store.facet(Facet::Place, &filter, 20).unwrap();
                        for value in by_place {
                            let narrowed = ArticleFilter {
                                place: Some(value.key.clone()),
                                ..filter.clone()
                            };
                            assert_eq!(
                                store.count(&narrowed).unwrap(),
                                value.count,
                                "{narrowed:?}"
                            );
                        }
                        let by_feed = store.facet(Facet::Feed, &filter, 20).unwrap();
                        for value in by_feed {
                            let narrowed = ArticleFilter {
                                feed: value.key.parse().ok(),
                                ..filter.clone()
                            };
                            assert_eq!(
                                store.count(&narrowed).unwrap(),
                                value.count,
                                "{narrowed:?}"
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 162);
    // Removing a feed takes its articles out of every count.
    store.remove_feed("https://other.example/rss").unwrap();
    let sieges = ArticleFilter {
        event: Some(EventType::Siege),
        ..Default::default()
    };
    assert_eq!(store.count(&sieges).unwrap(), 0);
    assert!(
        store
            .facet(Facet::Event, &ArticleFilter::default(), 20)
            .unwrap()
            .iter()
            .all(|v| v.key != "siege")
    );
    let homs = store
        .facet(Facet::Place, &ArticleFilter::default(), 20)
        .unwrap();
    assert_eq!(homs.iter().find(|v| v.label == "حمص").unwrap().count, 2);
    assert_eq!(store.count(&ArticleFilter::default()).unwrap(), 3);
    let unread = ArticleFilter {
        unread_only: true,
        ..Default::default()
    };
    assert_eq!(store.count(&unread).unwrap(), 2);
}

#[test]
fn actors_are_found_by_surname_and_alias_and_facets_show_them_once() {
    let (_dir, mut store) = temp_store();
    let feed = store.add_feed("https://news.example/rss", None).unwrap();
    let mut trump = summary(&[], &["دونالد ترامب"], &[]);
    trump.who[0].kind = ActorKind::Person;
    let mut un = summary(&[], &["الأمم المتحدة"], &[]);
    un.who[0].aliases = vec!["المنظمة الدولية".to_string()];
    let items = vec![
        (article("t", "ترامب يتحدث", "نص", 1), trump),
        (article("u", "الأمم المتحدة تحذر", "نص", 2), un),
    ];
    store.store_articles(feed, now(), &incoming(items)).unwrap();
    let count = |actor: &str| {
        let filter = ArticleFilter {
            actor: Some(actor.to_string()),
            ..ArticleFilter::default()
        };
        store.count(&filter).unwrap()
    };
    assert_eq!(count("ترامب"), 1);
    assert_eq!(count("دونالد ترامب"), 1);
    assert_eq!(count("المنظمه الدوليه"), 1);
    assert_eq!(count("دونالد"), 0);
    let names: Vec<String> = store
        .facet(Facet::Actor, &ArticleFilter::default(), 10)
        .unwrap()
        .into_iter()
        .map(|v| v.label)
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn search_finds_words_behind_clitics_and_by_prefix() {
    let (_dir, mut store) = temp_store();
    let feed = store.add_feed("https://news.example/rss", None).unwrap();
    let items = vec![
        (
            article("h", "هجوم للحوثيين", "قال والحوثيون إنهم", 1),
            Summary::default(),
        ),
        (article("o", "خبر آخر", "لا شيء هنا", 2), Summary::default()),
    ];
    store.store_articles(feed, now(), &incoming(items)).unwrap();
    for query in ["حوثي", "الحوثيين", "والحوثيون", "هجوم"] {
        let filter = ArticleFilter {
            search: Some(query.to_string()),
            ..ArticleFilter::default()
        };
        assert_eq!(store.count(&filter).unwrap(), 1, "{query}");
    }
}

/// Two articles naming Syria, each as its own outlet spells it.
fn syria_two_ways() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let feed = store.add_feed("https://news.example/rss", None).unwrap();
    let country = |name: &str| {
        let mut s = summary(&[name], &[], &[]);
        s.places[0].kind = PlaceKind::Country;
        s
    };
    let city = summary(&["حلب"], &[], &[]);
    let items = vec![
        (article("a", "غارات في سوريا", "نص", 1), country("سوريا")),
        (article("b", "غارات في سورية", "نص", 2), country("سورية")),
        (article("c", "غارات في حلب", "نص", 3), city),
    ];
    store.store_articles(feed, now(), &incoming(items)).unwrap();
    (dir, store)
}

/// The place facet's labels and counts.
fn place_facet(store: &Store) -> Vec<(String, u64)> {
    store
        .facet(Facet::Place, &ArticleFilter::default(), 10)
        .unwrap()
        .into_iter()
        .map(|v| (v.label, v.count))
        .collect()
}

fn count_in(store: &Store, place: &str) -> u64 {
    let filter = ArticleFilter {
        place: Some(place.to_string()),
        ..ArticleFilter::default()
    };
    store.count(&filter).unwrap()
}

#[test]
fn a_country_is_one_place_whatever_its_spelling() {
    let (_dir, store) = syria_two_ways();
    assert_eq!(count_in(&store, "سورية"), 2);
    assert_eq!(count_in(&store, "سوريا"), 2);
    let facet = store
        .facet(Facet::Place, &ArticleFilter::default(), 10)
        .unwrap();
    let labels: Vec<(&str, u64)> = facet.iter().map(|v| (v.label.as_str(), v.count)).collect();
    assert_eq!(
        labels,
        [("سوريا", 2), ("حلب", 1)],
        "a city of Syria stays itself"
    );
    assert_eq!(count_in(&store, &facet[0].key), 2);
    assert_eq!(count_in(&store, &facet[1].key), 1);
}

#[test]
fn a_database_whose_countries_are_keyed_by_name_is_mended_at_open() {
    let (dir, store) = syria_two_ways();
    drop(store);
    // As an older khabar stored it: article b's country under its own spelling.
    let path = dir.path().join("khabar.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO entities (kind, key, name, subkind) VALUES ('place', 'سوريه', 'سورية', 'country');
         INSERT INTO article_entities (article_id, entity_id, kind, mentions, salience, published)
             SELECT ae.article_id, (SELECT id FROM entities WHERE key = 'سوريه'), 'place', 1, 0.9, ae.published
             FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE a.key = 'b';
         DELETE FROM article_entities WHERE entity_id = (SELECT id FROM entities WHERE key = 'country:sy')
             AND article_id = (SELECT id FROM articles WHERE key = 'b');
         INSERT INTO pending_rebuilds (name) VALUES ('country_keys');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(count_in(&store, "سورية"), 2);
    assert_eq!(
        place_facet(&store),
        [("سوريا".to_string(), 2), ("حلب".to_string(), 1)]
    );
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}
