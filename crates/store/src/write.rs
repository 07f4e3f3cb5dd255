//! Writing: articles with their summaries, fetch outcomes, read and starred marks.

use super::index::{EntityRow, index_rows};
use super::query::fts_text;
use super::{Result, Store, from_secs, to_secs};
use chrono::{DateTime, TimeDelta, Utc};
use khabar_extract::Summary;
use khabar_feeds::ParsedArticle;
use rusqlite::{OptionalExtension, Transaction, params};
use std::time::Duration;

/// An article to store: as fetched, with its summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The article, its text possibly replaced by its page's main text.
    pub article: ParsedArticle,
    /// The text the feed itself carried, before any full-text fetch: what the next refresh
    /// compares to find changes ([`Store::needs_summary`]).
    pub feed_text: String,
    /// The engine's summary of the article.
    pub summary: Summary,
}

impl Incoming {
    /// An article whose text is the feed's own.
    pub fn new(article: ParsedArticle, summary: Summary) -> Incoming {
        Incoming {
            feed_text: article.text.clone(),
            article,
            summary,
        }
    }
}

/// An article to summarise again: its id, title and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleArticle {
    /// The database id.
    pub id: i64,
    /// The title.
    pub title: String,
    /// The text.
    pub text: String,
}

impl StaleArticle {
    /// The article as the engine reads it.
    pub fn engine_article(&self) -> khabar_extract::Article<'_> {
        khabar_extract::Article::new(&self.title, &self.text)
    }
}

/// What a batch of articles changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreOutcome {
    /// Articles stored for the first time.
    pub new: usize,
    /// Articles already stored whose title or text changed (and were summarised again).
    pub updated: usize,
}

/// The first wait after a second consecutive failure; it doubles with each further failure.
const FIRST_BACKOFF: TimeDelta = TimeDelta::minutes(15);
/// The longest wait between attempts at a failing feed.
const MAX_BACKOFF: TimeDelta = TimeDelta::hours(24);

/// How long to leave a feed alone after its `failures`-th consecutive failure: not at all after
/// the first (it may be a hiccup), then 15 min, 30 min, 1 h ... up to a day.
fn backoff(failures: u32) -> TimeDelta {
    match failures {
        0 | 1 => TimeDelta::zero(),
        n => FIRST_BACKOFF
            .checked_mul(1 << (n - 2).min(16))
            .map_or(MAX_BACKOFF, |wait| wait.min(MAX_BACKOFF)),
    }
}

/// One write transaction: everything in it is committed together by [`WriteBatch::commit`],
/// or not at all if the batch is dropped.
pub struct WriteBatch<'a> {
    tx: Transaction<'a>,
}

impl Store {
    /// Begins a write transaction (waiting for another writer, up to the busy timeout).
    pub fn batch(&mut self) -> Result<WriteBatch<'_>> {
        Ok(WriteBatch {
            tx: self.conn.transaction()?,
        })
    }

    /// Stores the articles of one feed with their summaries, in one transaction. See
    /// [`WriteBatch::store_articles`].
    pub fn store_articles(
        &mut self,
        feed_id: i64,
        fetched_at: DateTime<Utc>,
        items: &[Incoming],
    ) -> Result<StoreOutcome> {
        let batch = self.batch()?;
        let outcome = batch.store_articles(feed_id, fetched_at, items)?;
        batch.commit()?;
        Ok(outcome)
    }

    /// For each article as the feed carries it (before any full-text fetch), whether storing
    /// it would add or change something: it is new, or its title or the feed's text changed.
    /// Only these need their page fetched and the engine.
    pub fn needs_summary(&self, feed_id: i64, articles: &[ParsedArticle]) -> Result<Vec<bool>> {
        needs_summary(&self.conn, feed_id, articles)
    }

    /// Marks an article read or unread.
    pub fn set_read(&mut self, id: i64, read: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE articles SET read = ?2 WHERE id = ?1",
            params![id, read],
        )?;
        Ok(())
    }

    /// Stars or unstars an article.
    pub fn set_starred(&mut self, id: i64, starred: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE articles SET starred = ?2 WHERE id = ?1",
            params![id, starred],
        )?;
        Ok(())
    }

    /// Up to `limit` articles after id `after` (0 for the first) whose summary is missing or was
    /// written by an engine other than `engine_version`, by id.
    pub fn stale_summaries(
        &self,
        engine_version: &str,
        after: i64,
        limit: usize,
    ) -> Result<Vec<StaleArticle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, t.text FROM articles a
             JOIN article_texts t ON t.article_id = a.id
             LEFT JOIN summaries s ON s.article_id = a.id
             WHERE a.id > ?2 AND (s.engine IS NULL OR s.engine <> ?1)
             ORDER BY a.id LIMIT ?3",
        )?;
        let rows = stmt
            .query_map(params![engine_version, after, limit as i64], |row| {
                Ok(StaleArticle {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    text: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many articles have no summary by `engine_version` (none, or one by another engine):
    /// what `khabar reextract` would summarise again.
    pub fn stale_count(&self, engine_version: &str) -> Result<u64> {
        let count: i64 = self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM articles)
                  - (SELECT count(*) FROM summaries WHERE engine = ?1)",
            )?
            .query_row([engine_version], |row| row.get(0))?;
        Ok(count.max(0) as u64)
    }

    /// Replaces the summaries (and their places, actors and events) of these articles, in one
    /// transaction.
    pub fn replace_summaries(&mut self, summaries: &[(i64, Summary)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (id, summary) in summaries {
            write_summary(&tx, *id, summary)?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl WriteBatch<'_> {
    /// [`Store::needs_summary`], inside the batch.
    pub fn needs_summary(&self, feed_id: i64, articles: &[ParsedArticle]) -> Result<Vec<bool>> {
        needs_summary(&self.tx, feed_id, articles)
    }

    /// Stores the articles of one feed with their summaries. An article is identified by its
    /// key within the feed: a new one is inserted; a stored one whose title or text changed is
    /// updated and its summary replaced; its read and starred marks are kept. An article
    /// without a date is dated `fetched_at`, as is one dated in the future.
    ///
    /// Articles that did not change are left alone.
    pub fn store_articles(
        &self,
        feed_id: i64,
        fetched_at: DateTime<Utc>,
        items: &[Incoming],
    ) -> Result<StoreOutcome> {
        let mut outcome = StoreOutcome::default();
        let fetched = to_secs(fetched_at);
        for item in items {
            let (article, summary) = (&item.article, &item.summary);
            let feed_text = (item.feed_text != article.text).then_some(&item.feed_text);
            let published = article
                .published
                .map_or(fetched, |date| to_secs(date).min(fetched));
            let id = match stored_version(
                &self.tx,
                feed_id,
                &article.key,
                &article.title,
                &item.feed_text,
            )? {
                Stored::Same => continue,
                Stored::None => {
                    outcome.new += 1;
                    self.tx
                        .prepare_cached(
                            "INSERT INTO articles (feed_id, key, guid, link, title, author,
                                 published, fetched_at, full_text_error)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                             RETURNING id",
                        )?
                        .query_row(
                            params![
                                feed_id,
                                article.key,
                                article.guid,
                                article.link,
                                article.title,
                                article.author,
                                published,
                                fetched,
                                article.full_text_error,
                            ],
                            |row| row.get(0),
                        )?
                }
                Stored::Changed(id) => {
                    outcome.updated += 1;
                    self.tx.execute(
                        "UPDATE articles SET guid = ?2, link = ?3, title = ?4, author = ?5,
                             published = CASE WHEN ?6 THEN ?7 ELSE published END,
                             fetched_at = ?8, full_text_error = ?9
                         WHERE id = ?1",
                        params![
                            id,
                            article.guid,
                            article.link,
                            article.title,
                            article.author,
                            article.published.is_some(),
                            published,
                            fetched,
                            article.full_text_error,
                        ],
                    )?;
                    self.tx
                        .execute("DELETE FROM articles_fts WHERE rowid = ?1", [id])?;
                    id
                }
            };
            self.tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO article_texts (article_id, teaser, text, feed_text)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![id, article.teaser, article.text, feed_text])?;
            self.tx
                .prepare_cached(
                    "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![
                    id,
                    fts_text(&article.title),
                    fts_text(&article.text)
                ])?;
            write_summary(&self.tx, id, summary)?;
        }
        Ok(outcome)
    }

    /// Records a fetch that worked: `status` is `ok` or `not modified`. The failure count is
    /// reset, the validators and the feed's own title and site kept for the next fetch.
    pub fn record_success(
        &self,
        feed_id: i64,
        at: DateTime<Utc>,
        success: &FetchSuccess,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE feeds SET last_attempt = ?2, last_success = ?2, last_status = ?3,
                 failures = 0, next_attempt = NULL,
                 etag = COALESCE(?4, etag), last_modified = COALESCE(?5, last_modified),
                 feed_title = COALESCE(?6, feed_title), site_link = COALESCE(?7, site_link)
             WHERE id = ?1",
            params![
                feed_id,
                to_secs(at),
                success.status,
                success.etag,
                success.last_modified,
                success.feed_title,
                success.site_link
            ],
        )?;
        Ok(())
    }

    /// Records a failed fetch and its reason, and backs the feed off: it is not tried again
    /// before the returned time (later still if the server asked for it with `retry_after`).
    pub fn record_failure(
        &self,
        feed_id: i64,
        at: DateTime<Utc>,
        error: &str,
        retry_after: Option<Duration>,
    ) -> Result<DateTime<Utc>> {
        let failures: u32 = self
            .tx
            .query_row(
                "SELECT failures FROM feeds WHERE id = ?1",
                [feed_id],
                |row| row.get(0),
            )
            .optional()?
            .unwrap_or(0)
            + 1;
        let asked = retry_after
            .and_then(|wait| TimeDelta::from_std(wait).ok())
            .unwrap_or_default()
            .min(MAX_BACKOFF);
        let next = from_secs(to_secs(at + backoff(failures).max(asked)));
        self.tx.execute(
            "UPDATE feeds SET last_attempt = ?2, last_status = ?3, failures = ?4,
                 next_attempt = ?5
             WHERE id = ?1",
            params![feed_id, to_secs(at), error, failures, to_secs(next)],
        )?;
        Ok(next)
    }

    /// Commits everything in the batch.
    pub fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }
}

/// What a successful fetch leaves in the feed's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FetchSuccess {
    /// `ok` or `not modified`.
    pub status: String,
    /// The new `ETag`, if the server sent one.
    pub etag: Option<String>,
    /// The new `Last-Modified`, if the server sent one.
    pub last_modified: Option<String>,
    /// The feed's own title.
    pub feed_title: Option<String>,
    /// The feed's web site.
    pub site_link: Option<String>,
}

/// How an incoming article compares with what is stored.
#[derive(Debug, PartialEq)]
enum Stored {
    /// Not stored yet.
    None,
    /// Stored with the same title and feed text.
    Same,
    /// Stored under this id with another title or text.
    Changed(i64),
}

fn needs_summary(
    conn: &rusqlite::Connection,
    feed_id: i64,
    articles: &[ParsedArticle],
) -> Result<Vec<bool>> {
    articles
        .iter()
        .map(|a| Ok(stored_version(conn, feed_id, &a.key, &a.title, &a.text)? != Stored::Same))
        .collect()
}

/// Compares an article, by its key, title and feed text, with the stored one.
fn stored_version(
    conn: &rusqlite::Connection,
    feed_id: i64,
    key: &str,
    title: &str,
    feed_text: &str,
) -> Result<Stored> {
    let stored: Option<(i64, bool)> = conn
        .prepare_cached(
            "SELECT a.id, a.title = ?3 AND COALESCE(t.feed_text, t.text) = ?4
             FROM articles a JOIN article_texts t ON t.article_id = a.id
             WHERE a.feed_id = ?1 AND a.key = ?2",
        )?
        .query_row(params![feed_id, key, title, feed_text], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    Ok(match stored {
        None => Stored::None,
        Some((_, true)) => Stored::Same,
        Some((id, false)) => Stored::Changed(id),
    })
}

/// Writes (or replaces) the summary of article `id` and the rows derived from it
/// ([`index_rows`]): places and actors, event types, and the list row's primary event and top
/// place.
fn write_summary(tx: &rusqlite::Connection, id: i64, summary: &Summary) -> Result<()> {
    let json = serde_json::to_string(summary).expect("a summary always serialises");
    tx.prepare_cached(
        "INSERT INTO summaries (article_id, engine, json) VALUES (?1, ?2, ?3)
         ON CONFLICT (article_id) DO UPDATE SET engine = excluded.engine, json = excluded.json",
    )?
    .execute(params![id, summary.engine, json])?;
    let rows = index_rows(summary);
    tx.prepare_cached("DELETE FROM events WHERE article_id = ?1")?
        .execute([id])?;
    write_entities(tx, id, &rows.entities)?;
    let mut event = tx.prepare_cached(
        "INSERT OR IGNORE INTO events (article_id, type, is_primary, published)
         VALUES (?1, ?2, ?3, (SELECT published FROM articles WHERE id = ?1))",
    )?;
    for (i, event_type) in rows.events.iter().enumerate() {
        event.execute(params![id, event_type, i == 0])?;
    }
    tx.prepare_cached("UPDATE articles SET primary_event = ?2, top_place = ?3 WHERE id = ?1")?
        .execute(params![id, rows.primary_event, rows.top_place])?;
    Ok(())
}

/// Writes the places and actors of article `id` (replacing those it had) and the keys they are
/// found by.
fn write_entities(tx: &rusqlite::Connection, id: i64, entities: &[EntityRow]) -> Result<()> {
    tx.prepare_cached("DELETE FROM article_entities WHERE article_id = ?1")?
        .execute([id])?;
    let mut lookup = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_keys (kind, key, entity_id) VALUES (?1, ?2, ?3)",
    )?;
    let mut entity = tx.prepare_cached(
        "INSERT INTO entities (kind, key, name, subkind) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, key) DO UPDATE SET kind = kind
         RETURNING id",
    )?;
    let mut link = tx.prepare_cached(
        "INSERT INTO article_entities (article_id, entity_id, kind, mentions, salience, published)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT published FROM articles WHERE id = ?1))
         ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions,
             salience = max(salience, excluded.salience)",
    )?;
    for e in entities {
        if e.key.is_empty() {
            continue;
        }
        let entity_id: i64 =
            entity.query_row(params![e.kind, e.key, e.name, e.subkind], |row| row.get(0))?;
        link.execute(params![
            id,
            entity_id,
            e.kind,
            e.mentions as i64,
            e.salience
        ])?;
        for extra in &e.lookup_keys {
            lookup.execute(params![e.kind, extra, entity_id])?;
        }
    }
    Ok(())
}

/// Which stored summaries [`rebuild_entities`] stores the places and actors of again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Restore {
    /// Every one (the migration that added `entity_keys`).
    All,
    /// Those that name a country (the migration that keyed countries by their code).
    NamingCountries,
}

/// Stores the places and actors of the stored summaries again, and drops the entities no
/// article names any more.
pub(super) fn rebuild_entities(tx: &rusqlite::Connection, which: Restore) -> Result<()> {
    let summaries: Vec<(i64, String)> = tx
        .prepare("SELECT article_id, json FROM summaries")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, json) in summaries {
        let Ok(summary) = serde_json::from_str::<Summary>(&json) else {
            continue;
        };
        let rows = index_rows(&summary);
        if which == Restore::NamingCountries && !rows.names_a_country() {
            continue;
        }
        write_entities(tx, id, &rows.entities)?;
    }
    tx.execute_batch(
        "DELETE FROM entity_keys WHERE entity_id IN (SELECT id FROM entities WHERE article_count = 0);
         DELETE FROM entities WHERE article_count = 0;",
    )?;
    Ok(())
}

/// Fills the FTS index again from the stored titles and texts (run once, by the migration that
/// changed what it holds).
pub(super) fn rebuild_fts(tx: &rusqlite::Connection) -> Result<()> {
    tx.execute(
        "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')",
        [],
    )?;
    let mut rows = tx.prepare(
        "SELECT a.id, a.title, t.text FROM articles a JOIN article_texts t ON t.article_id = a.id",
    )?;
    let mut insert =
        tx.prepare("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?;
    let mut rows = rows.query([])?;
    while let Some(row) = rows.next()? {
        let (id, title, text): (i64, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        insert.execute(params![id, fts_text(&title), fts_text(&text)])?;
    }
    Ok(())
}

#[cfg(test)]
mod backoff_tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_second_failure_and_stops_at_a_day() {
        assert_eq!(backoff(1), TimeDelta::zero());
        assert_eq!(backoff(2), TimeDelta::minutes(15));
        assert_eq!(backoff(3), TimeDelta::minutes(30));
        assert_eq!(backoff(4), TimeDelta::hours(1));
        assert_eq!(backoff(40), MAX_BACKOFF);
    }
}
