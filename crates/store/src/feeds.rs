//! Subscriptions and their fetch state.

use super::{Result, Store, StoreError, from_secs, to_secs};
use chrono::{DateTime, Utc};
use khabar_feeds::{FullText, Subscription};
use rusqlite::{OptionalExtension, Row, params};
use std::collections::BTreeMap;

/// A subscribed feed, its fetch state and its article counts.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedInfo {
    /// The database id.
    pub id: i64,
    /// The feed's URL.
    pub url: String,
    /// The name shown: the configured title, else the feed's own title, else the URL.
    pub title: String,
    /// Whether article pages are fetched for their full text.
    pub full_text: FullText,
    /// Whether the feed is listed in config.toml (else it was added from the command line).
    pub from_config: bool,
    /// The `ETag` of the last successful fetch.
    pub etag: Option<String>,
    /// The `Last-Modified` of the last successful fetch.
    pub last_modified: Option<String>,
    /// `ok`, `not modified` or the last error; `None` before the first fetch.
    pub last_status: Option<String>,
    /// When the feed last answered.
    pub last_success: Option<DateTime<Utc>>,
    /// Stored articles.
    pub article_count: u64,
    /// Stored articles not yet read.
    pub unread_count: u64,
    /// Consecutive failed fetches.
    pub failures: u32,
    /// Backed off: not fetched again before this time.
    pub next_attempt: Option<DateTime<Utc>>,
}

/// The columns read into a [`FeedInfo`], in order.
const FEED_COLUMNS: &str = "f.id, f.url, COALESCE(f.title, f.feed_title, f.url), f.full_text, \
     f.from_config, f.etag, f.last_modified, f.last_status, f.last_success, \
     f.article_count, f.unread_count, \
     f.failures, f.next_attempt";

fn feed_from_row(row: &Row<'_>) -> rusqlite::Result<FeedInfo> {
    Ok(FeedInfo {
        id: row.get(0)?,
        url: row.get(1)?,
        title: row.get(2)?,
        full_text: full_text_from_sql(&row.get::<_, String>(3)?),
        from_config: row.get(4)?,
        etag: row.get(5)?,
        last_modified: row.get(6)?,
        last_status: row.get(7)?,
        last_success: row.get::<_, Option<i64>>(8)?.map(from_secs),
        article_count: row.get::<_, i64>(9)? as u64,
        unread_count: row.get::<_, i64>(10)? as u64,
        failures: row.get(11)?,
        next_attempt: row.get::<_, Option<i64>>(12)?.map(from_secs),
    })
}

/// How a [`FullText`] is stored.
fn full_text_to_sql(mode: FullText) -> &'static str {
    match mode {
        FullText::Auto => "auto",
        FullText::Always => "always",
        FullText::Never => "never",
    }
}

fn full_text_from_sql(text: &str) -> FullText {
    match text {
        "always" => FullText::Always,
        "never" => FullText::Never,
        _ => FullText::Auto,
    }
}

impl Store {
    /// Makes the config's feeds subscribed with the config's title and full-text mode, and
    /// unsubscribes (deleting their articles) the feeds that an earlier config listed and this
    /// one does not. Feeds added from the command line are left alone; one that the config now
    /// lists becomes a config feed. Only a refresh applies removals (see [`Self::add_config_feeds`]).
    pub fn sync_config_feeds(&mut self, feeds: &[Subscription]) -> Result<()> {
        self.apply_config_feeds(feeds, true)
    }

    /// Like [`Self::sync_config_feeds`] but never unsubscribes: feeds an earlier config listed
    /// stay, with their articles and read/starred state. Every command but a refresh uses this,
    /// because removals delete data: a config file that is the wrong one (or briefly edited)
    /// must not cost the user anything on a `list`; the removal waits for the next `fetch`,
    /// which works from that same config anyway.
    pub fn add_config_feeds(&mut self, feeds: &[Subscription]) -> Result<()> {
        self.apply_config_feeds(feeds, false)
    }

    /// Subscribes the config's feeds and, when `remove_others`, unsubscribes the config feeds
    /// it no longer lists.
    fn apply_config_feeds(&mut self, feeds: &[Subscription], remove_others: bool) -> Result<()> {
        type Subscriptions = BTreeMap<String, (Option<String>, String)>;
        let wanted: Subscriptions = feeds
            .iter()
            .map(|f| {
                let mode = full_text_to_sql(f.full_text).to_string();
                (f.url.trim().to_string(), (f.title.clone(), mode))
            })
            .collect();
        let current: Subscriptions = self
            .conn
            .prepare("SELECT url, title, full_text FROM feeds WHERE from_config = 1")?
            .query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let up_to_date = if remove_others {
            wanted == current
        } else {
            wanted
                .iter()
                .all(|(url, want)| current.get(url) == Some(want))
        };
        if up_to_date {
            // Nothing to write: a reader starting while a refresh writes does not wait, and a
            // read-only database can be read.
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        if remove_others {
            tx.execute("UPDATE feeds SET from_config = 2 WHERE from_config = 1", [])?;
        }
        {
            let mut upsert = tx.prepare(
                "INSERT INTO feeds (url, title, full_text, from_config, added_at)
                 VALUES (?1, ?2, ?3, 1, ?4)
                 ON CONFLICT (url) DO UPDATE
                 SET title = excluded.title, full_text = excluded.full_text, from_config = 1",
            )?;
            let now = to_secs(Utc::now());
            for (url, (title, mode)) in &wanted {
                upsert.execute(params![url, title, mode, now])?;
            }
        }
        if remove_others {
            tx.execute("DELETE FROM feeds WHERE from_config = 2", [])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Subscribes to `url` (added from the command line) and returns its id. Adding a feed
    /// already subscribed keeps it and, if a title is given, renames it.
    pub fn add_feed(&mut self, url: &str, title: Option<&str>) -> Result<i64> {
        Ok(self.conn.query_row(
            "INSERT INTO feeds (url, title, added_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (url) DO UPDATE SET title = COALESCE(excluded.title, title)
             RETURNING id",
            params![url.trim(), title, to_secs(Utc::now())],
            |row| row.get(0),
        )?)
    }

    /// Unsubscribes from `url`, deleting its articles. `Ok(false)` when it was not subscribed;
    /// a feed listed in config.toml cannot be removed here.
    pub fn remove_feed(&mut self, url: &str) -> Result<bool> {
        let url = url.trim();
        let from_config: Option<bool> = self
            .conn
            .query_row(
                "SELECT from_config FROM feeds WHERE url = ?1",
                [url],
                |row| row.get(0),
            )
            .optional()?;
        match from_config {
            None => Ok(false),
            Some(true) => Err(StoreError::FeedInConfig(url.to_string())),
            Some(false) => {
                self.conn
                    .execute("DELETE FROM feeds WHERE url = ?1", [url])?;
                Ok(true)
            }
        }
    }

    /// Every subscribed feed, by title in natural order (folded, numbers by value: `Feed 2`
    /// before `Feed 10`).
    pub fn feeds(&self) -> Result<Vec<FeedInfo>> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds f ORDER BY f.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut feeds: Vec<FeedInfo> = stmt
            .query_map([], feed_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        feeds.sort_by_cached_key(|f| natural_key(&f.title));
        Ok(feeds)
    }

    /// The feed subscribed at `url`.
    pub fn feed_by_url(&self, url: &str) -> Result<Option<FeedInfo>> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds f WHERE f.url = ?1");
        Ok(self
            .conn
            .query_row(&sql, [url.trim()], feed_from_row)
            .optional()?)
    }
}

/// One run of a title's sort key: digits compare by value, other text as folded lower case.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum NaturalPart {
    /// A run of digits: its length without leading zeros, then the digits.
    Number(usize, String),
    /// A run of other characters.
    Text(String),
}

/// The key that sorts titles naturally: runs of digits by value, the rest after folding.
fn natural_key(title: &str) -> Vec<NaturalPart> {
    let folded = khabar_extract::fold(title).to_lowercase();
    let mut parts = Vec::new();
    let mut chars = folded.chars().peekable();
    while let Some(&first) = chars.peek() {
        let digit = first.is_ascii_digit();
        let mut run = String::new();
        while let Some(&c) = chars.peek().filter(|c| c.is_ascii_digit() == digit) {
            run.push(c);
            chars.next();
        }
        parts.push(if digit {
            let value = run.trim_start_matches('0').to_string();
            NaturalPart::Number(value.len(), value)
        } else {
            NaturalPart::Text(run)
        });
    }
    parts
}
