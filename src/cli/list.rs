//! `khabar list`: the stored articles, newest first, filtered like the reader filters them.

use super::output::print;
use anyhow::Context;
use khabar_extract::{EventType, Summary};
use khabar_feeds::sanitize;
use khabar_store::{ArticleFilter, Store};
use serde::Serialize;
use std::fmt::Write;

/// Arguments of `khabar list`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only articles about this place (any spelling: ادلب finds إدلب).
    #[arg(long)]
    place: Option<String>,
    /// Only articles naming this actor (any spelling).
    #[arg(long)]
    actor: Option<String>,
    /// Only articles reporting this type of event (attack, casualties, displacement, ...).
    #[arg(long, value_parser = parse_event)]
    event: Option<EventType>,
    /// Only articles of the feed with this URL.
    #[arg(long)]
    feed: Option<String>,
    /// Only articles whose title or text holds all these words (the last one as a prefix).
    #[arg(long)]
    search: Option<String>,
    /// Only unread articles.
    #[arg(long)]
    unread: bool,
    /// Only starred articles.
    #[arg(long)]
    starred: bool,
    /// At most this many articles.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print one JSON array of {id, feed, title, url, published, who, where, what}.
    #[arg(long)]
    json: bool,
}

/// Parses an event type name, listing the valid ones when it is not one.
fn parse_event(name: &str) -> Result<EventType, String> {
    EventType::parse(name.trim()).ok_or_else(|| {
        let names: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        format!("unknown event type; one of: {}", names.join(", "))
    })
}

/// One article in `--json` output.
#[derive(Serialize)]
struct JsonArticle {
    id: i64,
    feed: String,
    title: String,
    url: Option<String>,
    published: String,
    who: Vec<String>,
    #[serde(rename = "where")]
    places: Vec<String>,
    what: Vec<&'static str>,
}

/// Runs `khabar list`.
pub fn run(paths: &super::Paths, args: Args) -> anyhow::Result<()> {
    let config = paths.config()?;
    let store = paths.open_store(&config)?;
    let filter = filter(&store, &args)?;
    let rows = store.articles(&filter, 0, args.limit)?;
    if args.json {
        let mut articles = Vec::with_capacity(rows.len());
        for row in rows {
            let summary = store
                .article(row.id)?
                .and_then(|a| a.summary)
                .unwrap_or_default();
            articles.push(JsonArticle {
                id: row.id,
                feed: sanitize(&row.feed_title),
                title: sanitize(&row.title),
                url: row.link.as_deref().map(sanitize),
                published: row.published.to_rfc3339(),
                who: summary.who.iter().map(|a| sanitize(&a.name)).collect(),
                places: summary.places.iter().map(|p| sanitize(&p.name)).collect(),
                what: distinct_event_types(&summary),
            });
        }
        return print(&format!("{}\n", serde_json::to_string_pretty(&articles)?));
    }
    let total = store.count(&filter)?;
    let mut text = String::new();
    for row in &rows {
        let mut about = Vec::new();
        if let Some(event) = row.primary_event {
            about.push(event.arabic_name().to_string());
        }
        if let Some(place) = &row.top_place {
            about.push(sanitize(place));
        }
        let about = if about.is_empty() {
            String::new()
        } else {
            format!("  ({})", about.join(" · "))
        };
        let _ = writeln!(
            text,
            "{:>6} {} {} [{}] {}{about}",
            row.id,
            row.published.format("%Y-%m-%d %H:%M"),
            if row.read { ' ' } else { '*' },
            sanitize(&row.feed_title),
            sanitize(&row.title),
        );
    }
    let _ = writeln!(text, "{} of {total} articles", rows.len());
    print(&text)
}

/// The summary's event types, each once, in the order of their first frame (so the primary
/// event's type comes first).
fn distinct_event_types(summary: &Summary) -> Vec<&'static str> {
    let mut types: Vec<&'static str> = Vec::new();
    for event in &summary.events {
        let name = event.event_type.as_str();
        if !types.contains(&name) {
            types.push(name);
        }
    }
    types
}

/// The store filter the arguments ask for.
fn filter(store: &Store, args: &Args) -> anyhow::Result<ArticleFilter> {
    let feed = match &args.feed {
        Some(url) => Some(
            store
                .feed_by_url(url)?
                .with_context(|| format!("no feed with the URL {url}; see `khabar feeds list`"))?
                .id,
        ),
        None => None,
    };
    Ok(ArticleFilter {
        place: args.place.clone(),
        actor: args.actor.clone(),
        event: args.event,
        feed,
        search: args.search.clone(),
        unread_only: args.unread,
        starred_only: args.starred,
    })
}
