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

/// A filter with its names resolved, ready to become SQL.
#[derive(Debug, Default)]
struct Plan {
    /// Ids of the places and actors that must all be named.
    entities: Vec<i64>,
    /// An event type that must be found.
    event: Option<EventType>,
    /// The feed.
    feed: Option<i64>,
    /// The FTS5 query.
    search: Option<String>,
    /// Only unread articles.
    unread_only: bool,
    /// Only starred articles.
    starred_only: bool,
    /// A place or actor that no article names: nothing matches.
    matches_nothing: bool,
}

/// SQL for the articles a [`Plan`] selects: `FROM {from} WHERE {conditions}`, with the
/// article id as `{id}` and the list order as `{order}`.
///
/// The first place or actor (else the event type) drives: its index rows carry the
/// publication date, so a page is the first rows of one index range, newest first, each
/// checked against the other conditions.
struct Sql {
    from: &'static str,
    id: &'static str,
    order: &'static str,
    conditions: String,
    params: Vec<Value>,
}

impl Plan {
    /// How many conditions the plan sets.
    fn conditions(&self) -> usize {
        self.entities.len()
            + usize::from(self.event.is_some())
            + usize::from(self.feed.is_some())
            + usize::from(self.search.is_some())
            + usize::from(self.unread_only)
            + usize::from(self.starred_only)
    }

    fn sql(&self, with_articles: bool) -> Sql {
        let mut params = Vec::new();
        let mut conditions = String::from("1");
        let (from_driver, from_join, id, order);
        let mut entities = self.entities.iter();
        let mut event = self.event;
        if let Some(first) = entities.next() {
            from_driver = "article_entities d";
            from_join = "article_entities d CROSS JOIN articles a ON a.id = d.article_id";
            conditions.push_str(" AND d.entity_id = ?");
            params.push(Value::Integer(*first));
        } else if let Some(driver) = event.take() {
            from_driver = "events d";
            from_join = "events d CROSS JOIN articles a ON a.id = d.article_id";
            conditions.push_str(" AND d.type = ?");
            params.push(Value::Text(driver.as_str().to_string()));
        } else {
            from_driver = "articles a";
            from_join = "articles a";
        }
        if from_driver == "articles a" {
            (id, order) = ("a.id", "a.published DESC, a.id DESC");
        } else {
            (id, order) = ("d.article_id", "d.published DESC, d.article_id DESC");
        }
        for entity in entities {
            conditions.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM article_entities x \
                 WHERE x.article_id = {id} AND x.entity_id = ?)"
            ));
            params.push(Value::Integer(*entity));
        }
        if let Some(event) = event {
            conditions.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM events x WHERE x.article_id = {id} AND x.type = ?)"
            ));
            params.push(Value::Text(event.as_str().to_string()));
        }
        if let Some(query) = &self.search {
            conditions.push_str(&format!(
                " AND {id} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            ));
            params.push(Value::Text(query.clone()));
        }
        let mut reads_articles = false;
        if let Some(feed) = self.feed {
            conditions.push_str(" AND a.feed_id = ?");
            params.push(Value::Integer(feed));
            reads_articles = true;
        }
        if self.unread_only {
            conditions.push_str(" AND a.read = 0");
            reads_articles = true;
        }
        if self.starred_only {
            conditions.push_str(" AND a.starred = 1");
            reads_articles = true;
        }
        let from = if with_articles || reads_articles {
            from_join
        } else {
            from_driver
        };
        Sql {
            from,
            id,
            order,
            conditions,
            params,
        }
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
        let plan = self.plan(filter, None)?;
        if plan.matches_nothing {
            return Ok(Vec::new());
        }
        let sql = plan.sql(true);
        let query = format!(
            "SELECT {ROW_COLUMNS} FROM {} JOIN feeds f ON f.id = a.feed_id
             WHERE {} ORDER BY {} LIMIT {} OFFSET {}",
            sql.from, sql.conditions, sql.order, limit as i64, offset as i64
        );
        let mut stmt = self.conn.prepare_cached(&query)?;
        let rows = stmt
            .query_map(params_from_iter(&sql.params), row_from_sql)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many articles match `filter`.
    pub fn count(&self, filter: &ArticleFilter) -> Result<u64> {
        let plan = self.plan(filter, None)?;
        if plan.matches_nothing {
            return Ok(0);
        }
        // The counts kept by the schema's triggers answer the simple cases at once.
        let kept: Option<(&str, Value)> = match (&plan, plan.conditions()) {
            (_, 0) => Some((
                "SELECT sum(article_count) FROM feeds WHERE ? IS NULL",
                Value::Null,
            )),
            (p, 1) if p.unread_only => Some((
                "SELECT sum(unread_count) FROM feeds WHERE ? IS NULL",
                Value::Null,
            )),
            (Plan { feed: Some(id), .. }, 1) => Some((
                "SELECT article_count FROM feeds WHERE id = ?",
                Value::Integer(*id),
            )),
            (Plan { entities, .. }, 1) if entities.len() == 1 => Some((
                "SELECT article_count FROM entities WHERE id = ?",
                Value::Integer(entities[0]),
            )),
            (
                Plan {
                    event: Some(event), ..
                },
                1,
            ) => Some((
                "SELECT article_count FROM event_counts WHERE type = ?",
                Value::Text(event.as_str().to_string()),
            )),
            _ => None,
        };
        let count: Option<i64> = match kept {
            Some((query, param)) => self
                .conn
                .prepare_cached(query)?
                .query_row([param], |row| row.get(0))
                .optional()?
                .flatten(),
            None => {
                let sql = plan.sql(false);
                let query = format!("SELECT count(*) FROM {} WHERE {}", sql.from, sql.conditions);
                self.conn
                    .prepare_cached(&query)?
                    .query_row(params_from_iter(&sql.params), |row| row.get(0))?
            }
        };
        Ok(count.unwrap_or(0).max(0) as u64)
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
        let plan = self.plan(filter, Some(facet))?;
        if plan.matches_nothing {
            return Ok(Vec::new());
        }
        let limit = limit as i64;
        let sql = plan.sql(false);
        // The articles selected by the other filters, each once.
        let selected = format!(
            "WITH selected(id) AS MATERIALIZED (SELECT {} FROM {} WHERE {})",
            sql.id, sql.from, sql.conditions
        );
        let everything = plan.conditions() == 0;
        let mut params = if everything { Vec::new() } else { sql.params };
        let query = match facet {
            Facet::Place | Facet::Actor if everything => {
                params.push(Value::Text(entity_kind(facet).to_string()));
                format!(
                    "SELECT key, name, article_count FROM entities
                     WHERE kind = ? AND article_count > 0
                     ORDER BY article_count DESC, key LIMIT {limit}"
                )
            }
            Facet::Place | Facet::Actor => {
                params.push(Value::Text(entity_kind(facet).to_string()));
                format!(
                    "{selected}
                     SELECT e.key, e.name, c.n FROM (
                         SELECT ae.entity_id AS id, count(*) AS n
                         FROM selected s CROSS JOIN article_entities ae ON ae.article_id = s.id
                         WHERE ae.kind = ? GROUP BY ae.entity_id
                     ) c JOIN entities e ON e.id = c.id
                     ORDER BY c.n DESC, e.key LIMIT {limit}"
                )
            }
            Facet::Event if everything => format!(
                "SELECT type, type, article_count FROM event_counts WHERE article_count > 0
                 ORDER BY article_count DESC, type LIMIT {limit}"
            ),
            Facet::Event => format!(
                "{selected}
                 SELECT ev.type, ev.type, count(*) AS n
                 FROM selected s CROSS JOIN events ev ON ev.article_id = s.id
                 GROUP BY ev.type ORDER BY n DESC, ev.type LIMIT {limit}"
            ),
            Facet::Feed if everything => format!(
                "SELECT CAST(id AS TEXT), COALESCE(title, feed_title, url), article_count
                 FROM feeds WHERE article_count > 0
                 ORDER BY article_count DESC, 2 LIMIT {limit}"
            ),
            Facet::Feed => format!(
                "{selected}
                 SELECT CAST(c.feed_id AS TEXT), COALESCE(f.title, f.feed_title, f.url), c.n
                 FROM (
                     SELECT a.feed_id, count(*) AS n
                     FROM selected s CROSS JOIN articles a ON a.id = s.id GROUP BY a.feed_id
                 ) c JOIN feeds f ON f.id = c.feed_id
                 ORDER BY c.n DESC, 2 LIMIT {limit}"
            ),
        };
        let mut stmt = self.conn.prepare_cached(&query)?;
        let values = stmt
            .query_map(params_from_iter(&params), |row| {
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

    /// Resolves `filter`, leaving out the field of `skip`.
    fn plan(&self, filter: &ArticleFilter, skip: Option<Facet>) -> Result<Plan> {
        let mut plan = Plan {
            event: filter.event.filter(|_| skip != Some(Facet::Event)),
            feed: filter.feed.filter(|_| skip != Some(Facet::Feed)),
            search: filter.search.as_deref().and_then(fts_query),
            unread_only: filter.unread_only,
            starred_only: filter.starred_only,
            ..Plan::default()
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
                Some(id) => plan.entities.push(id),
                None => plan.matches_nothing = true,
            }
        }
        Ok(plan)
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
