//! Reading: filtered pages of articles, counts, facets and single articles.

use super::{Result, Store, from_secs};
use chrono::{DateTime, Utc};
use khabar_extract::{EventType, Summary, fold};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};

/// Which articles to show. Every field set narrows the selection; the default is everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleFilter {
    /// A place, in any spelling: it is folded ([`khabar_extract::fold`]) before matching.
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
    /// The article as the engine read it: the spans of its summary index
    /// [`khabar_extract::Article::input`] of this.
    pub fn engine_article(&self) -> khabar_extract::Article<'_> {
        khabar_extract::Article::new(&self.row.title, &self.text)
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
    /// Places, actors and the event type that must be found, each with how many articles
    /// have it, fewest first.
    indexed: Vec<(Indexed, u64)>,
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

/// A condition answered by an index that lists its articles newest first.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Indexed {
    /// A place or actor, by id.
    Entity(i64),
    /// An event type.
    Event(EventType),
}

impl Indexed {
    /// The driving table, and the condition a row of it must meet (one parameter).
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Indexed::Entity(_) => ("article_entities", "entity_id = ?"),
            Indexed::Event(_) => ("events", "type = ?"),
        }
    }

    fn param(self) -> Value {
        match self {
            Indexed::Entity(id) => Value::Integer(id),
            Indexed::Event(event) => Value::Text(event.as_str().to_string()),
        }
    }
}

/// SQL for the articles a [`Plan`] selects: `FROM {from} WHERE {conditions}`, the article id
/// being `{id}` and the list order `{order}`.
///
/// The rarest place, actor or event type drives: its index rows carry the publication date,
/// so a page is the first rows of one index range, newest first, each checked against the
/// other conditions, and a count walks no more than that range.
struct Sql {
    from: String,
    id: &'static str,
    order: &'static str,
    conditions: String,
    params: Vec<Value>,
}

impl Plan {
    /// How many conditions the plan sets.
    fn conditions(&self) -> usize {
        self.indexed.len()
            + usize::from(self.feed.is_some())
            + usize::from(self.search.is_some())
            + usize::from(self.unread_only)
            + usize::from(self.starred_only)
    }

    /// The SQL; `with_articles`: the caller reads `articles a`.
    fn sql(&self, with_articles: bool) -> Sql {
        let mut params = Vec::new();
        let mut conditions = String::from("1");
        let mut indexed = self.indexed.iter().map(|(condition, _)| *condition);
        let (from, id, order) = match indexed.next() {
            Some(driver) => {
                let (table, condition) = driver.table();
                conditions.push_str(&format!(" AND d.{condition}"));
                params.push(driver.param());
                let reads_articles =
                    with_articles || self.feed.is_some() || self.unread_only || self.starred_only;
                let from = if reads_articles {
                    format!("{table} d CROSS JOIN articles a ON a.id = d.article_id")
                } else {
                    format!("{table} d")
                };
                (from, "d.article_id", "d.published DESC, d.article_id DESC")
            }
            None => (
                "articles a".to_string(),
                "a.id",
                "a.published DESC, a.id DESC",
            ),
        };
        for other in indexed {
            let (table, condition) = other.table();
            conditions.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM {table} x WHERE x.article_id = {id} AND x.{condition})"
            ));
            params.push(other.param());
        }
        if let Some(query) = &self.search {
            conditions.push_str(&format!(
                " AND {id} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            ));
            params.push(Value::Text(query.clone()));
        }
        if let Some(feed) = self.feed {
            conditions.push_str(" AND a.feed_id = ?");
            params.push(Value::Integer(feed));
        }
        if self.unread_only {
            conditions.push_str(" AND a.read = 0");
        }
        if self.starred_only {
            conditions.push_str(" AND a.starred = 1");
        }
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

/// Leading clitics stripped from each indexed and searched word, longest first: a conjunction
/// (و ف), a preposition (ب ل ك), the article (ال, لل after ل).
const CLITICS: [&str; 18] = [
    "وبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "فب", "و",
    "ف", "ب", "ل", "ك",
];

/// The fewest letters a word keeps after its clitics are stripped.
const MIN_STEM: usize = 3;

/// The words of `text`, folded, each without its leading clitics (the longest listed prefix
/// that leaves at least 3 letters). The one form of text the FTS index holds and searches.
pub(super) fn fts_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|word| {
            CLITICS
                .iter()
                .find_map(|clitic| {
                    word.strip_prefix(clitic)
                        .filter(|rest| rest.chars().count() >= MIN_STEM)
                })
                .unwrap_or(word)
                .to_string()
        })
        .collect()
}

/// The text stored in the FTS index for `text`: [`fts_words`] joined by spaces.
pub(super) fn fts_text(text: &str) -> String {
    fts_words(text).join(" ")
}

/// Turns free text into an FTS5 query of quoted words as [`fts_words`] makes them, all
/// required, each a prefix (`حوثي` finds `الحوثيين`). `None` when the text holds no word.
pub(super) fn fts_query(text: &str) -> Option<String> {
    let words = fts_words(text);
    if words.is_empty() {
        return None;
    }
    let query: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
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
        self.count_plan(&self.plan(filter, None)?)
    }

    /// How many articles a plan selects.
    fn count_plan(&self, plan: &Plan) -> Result<u64> {
        if plan.matches_nothing {
            return Ok(0);
        }
        // The counts kept by the schema's triggers answer the simple cases at once.
        if let (1, [(_, count)]) = (plan.conditions(), plan.indexed.as_slice()) {
            return Ok(*count);
        }
        let kept = match (plan, plan.conditions()) {
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
        let everything = plan.conditions() == 0;
        // When the other filters keep most articles (say, unread only), it is cheaper to
        // count what they leave out and subtract that from the counts kept by the triggers.
        let complement = !everything
            && plan.indexed.is_empty()
            && 2 * self.count_plan(&plan)? > self.count_plan(&Plan::default())?;
        let with = if complement {
            format!(
                "WITH selected(id) AS MATERIALIZED (SELECT a.id FROM articles a WHERE NOT ({}))",
                sql.conditions
            )
        } else {
            format!(
                "WITH selected(id) AS MATERIALIZED (SELECT {} FROM {} WHERE {})",
                sql.id, sql.from, sql.conditions
            )
        };
        let mut params = if everything { Vec::new() } else { sql.params };
        let kind = Value::Text(entity_kind(facet).to_string());
        let query = match facet {
            Facet::Place | Facet::Actor if everything => {
                params.push(kind);
                format!(
                    "SELECT key, name, article_count FROM entities
                     WHERE kind = ? AND article_count > 0
                     ORDER BY article_count DESC, key LIMIT {limit}"
                )
            }
            Facet::Place | Facet::Actor if complement => {
                params.extend([kind.clone(), kind]);
                format!(
                    "{with}, removed(id, n) AS (
                         SELECT ae.entity_id, count(*)
                         FROM selected s CROSS JOIN article_entities ae ON ae.article_id = s.id
                         WHERE ae.kind = ? GROUP BY ae.entity_id)
                     SELECT e.key, e.name, e.article_count - COALESCE(r.n, 0) AS n
                     FROM entities e LEFT JOIN removed r ON r.id = e.id
                     WHERE e.kind = ? AND n > 0
                     ORDER BY n DESC, e.key LIMIT {limit}"
                )
            }
            Facet::Place | Facet::Actor => {
                params.push(kind);
                format!(
                    "{with}
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
            Facet::Event if complement => format!(
                "{with}, removed(type, n) AS (
                     SELECT ev.type, count(*)
                     FROM selected s CROSS JOIN events ev ON ev.article_id = s.id
                     GROUP BY ev.type)
                 SELECT k.type, k.type, k.article_count - COALESCE(r.n, 0) AS n
                 FROM event_counts k LEFT JOIN removed r ON r.type = k.type
                 WHERE n > 0 ORDER BY n DESC, k.type LIMIT {limit}"
            ),
            Facet::Event => format!(
                "{with}
                 SELECT ev.type, ev.type, count(*) AS n
                 FROM selected s CROSS JOIN events ev ON ev.article_id = s.id
                 GROUP BY ev.type ORDER BY n DESC, ev.type LIMIT {limit}"
            ),
            Facet::Feed if everything => format!(
                "SELECT CAST(id AS TEXT), COALESCE(title, feed_title, url), article_count
                 FROM feeds WHERE article_count > 0
                 ORDER BY article_count DESC, 2 LIMIT {limit}"
            ),
            Facet::Feed if complement => format!(
                "{with}, removed(feed_id, n) AS (
                     SELECT a.feed_id, count(*)
                     FROM selected s CROSS JOIN articles a ON a.id = s.id GROUP BY a.feed_id)
                 SELECT CAST(f.id AS TEXT), COALESCE(f.title, f.feed_title, f.url),
                     f.article_count - COALESCE(r.n, 0) AS n
                 FROM feeds f LEFT JOIN removed r ON r.feed_id = f.id
                 WHERE n > 0 ORDER BY n DESC, 2 LIMIT {limit}"
            ),
            Facet::Feed => format!(
                "{with}
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
            let found: Option<(i64, i64)> = self
                .conn
                .prepare_cached(
                    // Of the entities some article names: the one keyed so, else the most
                    // frequent one known by that alias or surname (both lookups by primary
                    // key or unique index).
                    "SELECT id, article_count FROM (
                         SELECT id, article_count, 0 AS rank FROM entities
                         WHERE kind = ?1 AND key = ?2
                         UNION ALL
                         SELECT e.id, e.article_count, 1 FROM entity_keys k
                         JOIN entities e ON e.id = k.entity_id
                         WHERE k.kind = ?1 AND k.key = ?2
                     ) ORDER BY article_count > 0 DESC, rank, article_count DESC LIMIT 1",
                )?
                .query_row([entity_kind(facet), &fold(name.trim())], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            match found {
                Some((id, count)) if count > 0 => {
                    plan.indexed.push((Indexed::Entity(id), count as u64));
                }
                _ => plan.matches_nothing = true,
            }
        }
        if let Some(event) = filter.event.filter(|_| skip != Some(Facet::Event)) {
            let count: i64 = self
                .conn
                .prepare_cached("SELECT article_count FROM event_counts WHERE type = ?1")?
                .query_row([event.as_str()], |row| row.get(0))
                .optional()?
                .unwrap_or(0);
            if count > 0 {
                plan.indexed.push((Indexed::Event(event), count as u64));
            } else {
                plan.matches_nothing = true;
            }
        }
        plan.indexed.sort_by_key(|(_, count)| *count);
        Ok(plan)
    }
}

/// The `entities.kind` of a place or actor facet.
fn entity_kind(facet: Facet) -> &'static str {
    match facet {
        Facet::Actor => "actor",
        _ => "place",
    }
}
