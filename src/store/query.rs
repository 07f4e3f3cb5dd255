//! Reading: filtered pages of articles, counts, facets and single articles.

use super::{Result, Store, from_secs};
use crate::extract::{EventType, Summary, fold};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};

/// Which articles to show. Every field set narrows the selection; the default is everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleFilter {
    /// A place, in any spelling: it is folded ([`crate::extract::fold`]) before matching.
    pub place: Option<String>,
    /// An actor, in any spelling: it is folded before matching.
    pub actor: Option<String>,
    /// Articles with an event of this type (primary or not).
    pub event: Option<EventType>,
    /// Articles of this feed (its id).
    pub feed: Option<i64>,
    /// Words that must all occur in the title or text (the last one as a prefix). Folded, and
    /// taken as plain words: FTS syntax in it has no effect.
    pub search: Option<String>,
    /// Only articles not yet read.
    pub unread_only: bool,
    /// Only starred articles.
    pub starred_only: bool,
}

/// One line of the article list.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    /// The database id.
    pub id: i64,
    /// The feed's id.
    pub feed_id: i64,
    /// The feed's display title.
    pub feed_title: String,
    /// The article's title.
    pub title: String,
    /// The article's web page.
    pub link: Option<String>,
    /// When it was published (the fetch time when the feed gave no usable date).
    pub published: DateTime<Utc>,
    /// Whether it was read.
    pub read: bool,
    /// Whether it is starred.
    pub starred: bool,
    /// The summary's primary event type.
    pub primary_event: Option<EventType>,
    /// The summary's most salient place.
    pub top_place: Option<String>,
}

/// One article, whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// What the list shows.
    pub row: ArticleRow,
    /// The author, if the feed names one.
    pub author: Option<String>,
    /// The feed's description of the article.
    pub teaser: String,
    /// The article's text: the page's main text, or the teaser.
    pub text: String,
    /// Why the full text could not be fetched, if it could not.
    pub full_text_error: Option<String>,
    /// The engine's summary.
    pub summary: Option<Summary>,
}

impl Article {
    /// The text the summary was extracted from: its spans index into this string.
    pub fn summary_input(&self) -> String {
        super::summary_input(&self.row.title, &self.text)
    }
}

/// What a facet counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    /// Places of the summaries.
    Place,
    /// Actors of the summaries.
    Actor,
    /// Event types of the summaries.
    Event,
    /// Feeds.
    Feed,
}

/// One value of a facet and how many articles have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// What to put in the filter: the folded name, the event type's `as_str`, or the feed id
    /// written in decimal.
    pub key: String,
    /// What to show: the name as first seen, the event type's Arabic name, the feed's title.
    pub label: String,
    /// Articles matching the other active filters that have this value.
    pub count: u64,
}

/// A filter turned into SQL over `articles a`.
struct Conditions {
    /// ` AND ...` clauses.
    sql: String,
    /// Their parameters, in order.
    params: Vec<Value>,
    /// Whether a filter value is known to match nothing (an unknown place or actor).
    matches_nothing: bool,
}

impl Conditions {
    fn is_empty(&self) -> bool {
        self.sql.is_empty() && !self.matches_nothing
    }
}

/// The columns read into an [`ArticleRow`], in order, over `articles a JOIN feeds f`.
const ROW_COLUMNS: &str = "a.id, a.feed_id, COALESCE(f.title, f.feed_title, f.url), a.title, \
     a.link, a.published, a.read, a.starred, a.primary_event, a.top_place";

fn row_from_sql(row: &Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: row.get(0)?,
        feed_id: row.get(1)?,
        feed_title: row.get(2)?,
        title: row.get(3)?,
        link: row.get(4)?,
        published: from_secs(row.get(5)?),
        read: row.get(6)?,
        starred: row.get(7)?,
        primary_event: row
            .get::<_, Option<String>>(8)?
            .and_then(|t| EventType::parse(&t)),
        top_place: row.get(9)?,
    })
}

/// Turns free text into an FTS5 query of quoted folded words, all required, the last one a
/// prefix. `None` when the text holds no word.
pub(super) fn fts_query(text: &str) -> Option<String> {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let (last, rest) = words.split_last()?;
    let mut query: Vec<String> = rest.iter().map(|w| format!("\"{w}\"")).collect();
    query.push(format!("\"{last}\"*"));
    Some(query.join(" "))
}

impl Store {
    /// A page of the articles that match `filter`, newest first.
    pub fn articles(
        &self,
        filter: &ArticleFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleRow>> {
        let cond = self.conditions(filter, None)?;
        if cond.matches_nothing {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id
             WHERE 1 {} ORDER BY a.published DESC, a.id DESC LIMIT {} OFFSET {}",
            cond.sql, limit as i64, offset as i64
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(&cond.params), row_from_sql)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many articles match `filter`.
    pub fn count(&self, filter: &ArticleFilter) -> Result<u64> {
        let cond = self.conditions(filter, None)?;
        if cond.matches_nothing {
            return Ok(0);
        }
        let sql = format!("SELECT count(*) FROM articles a WHERE 1 {}", cond.sql);
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(&cond.params), |row| row.get(0))?;
        Ok(count as u64)
    }

    /// One article, whole, with its summary.
    pub fn article(&self, id: i64) -> Result<Option<Article>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, a.author, t.teaser, t.text, a.full_text_error, s.json
             FROM articles a JOIN feeds f ON f.id = a.feed_id
             JOIN article_texts t ON t.article_id = a.id
             LEFT JOIN summaries s ON s.article_id = a.id
             WHERE a.id = ?1"
        );
        let article = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |row| {
                Ok(Article {
                    row: row_from_sql(row)?,
                    author: row.get(10)?,
                    teaser: row.get(11)?,
                    text: row.get(12)?,
                    full_text_error: row.get(13)?,
                    summary: row
                        .get::<_, Option<String>>(14)?
                        .and_then(|json| serde_json::from_str(&json).ok()),
                })
            })
            .optional()?;
        Ok(article)
    }

    /// The `limit` most frequent values of `facet` among the articles matching the other
    /// fields of `filter` (the facet's own field is ignored, so that the counts show what
    /// choosing another value would give), most frequent first.
    pub fn facet(
        &self,
        facet: Facet,
        filter: &ArticleFilter,
        limit: usize,
    ) -> Result<Vec<FacetValue>> {
        let cond = self.conditions(filter, Some(facet))?;
        if cond.matches_nothing {
            return Ok(Vec::new());
        }
        let limit = limit as i64;
        let selected = format!("SELECT a.id FROM articles a WHERE 1 {}", cond.sql);
        let sql = match facet {
            Facet::Place | Facet::Actor if cond.is_empty() => format!(
                "SELECT key, name, article_count FROM entities
                 WHERE kind = '{}' AND article_count > 0
                 ORDER BY article_count DESC, key LIMIT {limit}",
                entity_kind(facet)
            ),
            Facet::Place | Facet::Actor => format!(
                "SELECT e.key, e.name, count(*) AS n
                 FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                 WHERE e.kind = '{}' AND ae.article_id IN ({selected})
                 GROUP BY e.id ORDER BY n DESC, e.key LIMIT {limit}",
                entity_kind(facet)
            ),
            Facet::Event if cond.is_empty() => format!(
                "SELECT type, type, count(*) AS n FROM events
                 GROUP BY type ORDER BY n DESC, type LIMIT {limit}"
            ),
            Facet::Event => format!(
                "SELECT type, type, count(*) AS n FROM events
                 WHERE article_id IN ({selected})
                 GROUP BY type ORDER BY n DESC, type LIMIT {limit}"
            ),
            Facet::Feed => format!(
                "SELECT CAST(a.feed_id AS TEXT), COALESCE(f.title, f.feed_title, f.url),
                     count(*) AS n
                 FROM articles a JOIN feeds f ON f.id = a.feed_id
                 WHERE 1 {} GROUP BY a.feed_id ORDER BY n DESC, 2 LIMIT {limit}",
                cond.sql
            ),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let values = stmt
            .query_map(params_from_iter(&cond.params), |row| {
                let key: String = row.get(0)?;
                let label: String = row.get(1)?;
                Ok(FacetValue {
                    label: match facet {
                        Facet::Event => {
                            EventType::parse(&key).map_or(label, |t| t.arabic_name().to_string())
                        }
                        _ => label,
                    },
                    key,
                    count: row.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(values)
    }

    /// Turns `filter` into SQL, leaving out the field of `skip`.
    fn conditions(&self, filter: &ArticleFilter, skip: Option<Facet>) -> Result<Conditions> {
        let mut cond = Conditions {
            sql: String::new(),
            params: Vec::new(),
            matches_nothing: false,
        };
        let entities = [
            (Facet::Place, filter.place.as_deref()),
            (Facet::Actor, filter.actor.as_deref()),
        ];
        for (facet, name) in entities {
            let Some(name) = name.filter(|_| skip != Some(facet)) else {
                continue;
            };
            match self.entity_id(facet, name)? {
                Some(id) => {
                    cond.sql.push_str(
                        " AND a.id IN (SELECT article_id FROM article_entities WHERE entity_id = ?)",
                    );
                    cond.params.push(Value::Integer(id));
                }
                None => cond.matches_nothing = true,
            }
        }
        if let Some(event) = filter.event.filter(|_| skip != Some(Facet::Event)) {
            cond.sql
                .push_str(" AND a.id IN (SELECT article_id FROM events WHERE type = ?)");
            cond.params.push(Value::Text(event.as_str().to_string()));
        }
        if let Some(feed) = filter.feed.filter(|_| skip != Some(Facet::Feed)) {
            cond.sql.push_str(" AND a.feed_id = ?");
            cond.params.push(Value::Integer(feed));
        }
        if let Some(query) = filter.search.as_deref().and_then(fts_query) {
            cond.sql.push_str(
                " AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            );
            cond.params.push(Value::Text(query));
        }
        if filter.unread_only {
            cond.sql.push_str(" AND a.read = 0");
        }
        if filter.starred_only {
            cond.sql.push_str(" AND a.starred = 1");
        }
        Ok(cond)
    }

    /// The id of the place or actor named `name` (in any spelling).
    fn entity_id(&self, facet: Facet, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM entities WHERE kind = ?1 AND key = ?2")?
            .query_row([entity_kind(facet), &fold(name.trim())], |row| row.get(0))
            .optional()?)
    }
}

/// The `entities.kind` of a place or actor facet.
fn entity_kind(facet: Facet) -> &'static str {
    match facet {
        Facet::Actor => "actor",
        _ => "place",
    }
}
