//! What the store indexes of a summary, derived in this one place: [`index_rows`] turns a
//! [`Summary`] into the rows that filters, facets and list lines read (places and actors with
//! the keys they are found by, event types, the list row's primary event and top place). The
//! summary itself is stored whole as JSON and read back only in Rust; no SQL looks into it.

use khabar_extract::{ActorKind, PlaceKind, Summary, fold};

/// The rows a summary gives.
pub(crate) struct IndexRows<'s> {
    /// Its places then its actors (rows of `entities`, `article_entities`, `entity_keys`).
    pub entities: Vec<EntityRow<'s>>,
    /// The type of each event frame, the primary first (rows of `events`; a type repeated by
    /// later frames is one row).
    pub events: Vec<&'static str>,
    /// The list row's primary event type (`articles.primary_event`).
    pub primary_event: Option<&'static str>,
    /// The list row's most salient place (`articles.top_place`).
    pub top_place: Option<&'s str>,
}

impl IndexRows<'_> {
    /// Whether the summary names a country among its places.
    pub fn names_a_country(&self) -> bool {
        self.entities
            .iter()
            .any(|e| e.kind == "place" && e.subkind == PlaceKind::Country.as_str())
    }
}

/// A place or an actor of a summary, as the store keeps it.
pub(crate) struct EntityRow<'s> {
    /// `place` or `actor`.
    pub kind: &'static str,
    /// What it is stored under: its folded name, or for a country its code (`country:sy`), so
    /// that every spelling of a country (سوريا، سورية) is one place.
    pub key: String,
    /// The other folded keys it is found by: for a country the name as written; for an actor
    /// its aliases and, for a person named in several words, each trailing part of the name
    /// (`ترامب` and `دونالد ترامب` for `الرئيس دونالد ترامب`). Keys under 3 letters are left
    /// out.
    pub lookup_keys: Vec<String>,
    /// The name as written.
    pub name: &'s str,
    /// The place or actor kind (`country`, `person`…).
    pub subkind: &'static str,
    /// How many times the summary names it.
    pub mentions: usize,
    /// How central it is to the article, 0..1.
    pub salience: f32,
}

/// The rows of `summary`.
pub(crate) fn index_rows(summary: &Summary) -> IndexRows<'_> {
    IndexRows {
        entities: entity_rows(summary),
        events: summary
            .events
            .iter()
            .map(|e| e.event_type.as_str())
            .collect(),
        primary_event: summary.primary_event().map(|t| t.as_str()),
        top_place: summary.places.first().map(|p| p.name.trim()),
    }
}

/// The places then the actors of `summary`.
fn entity_rows(summary: &Summary) -> Vec<EntityRow<'_>> {
    let places = summary.places.iter().map(|p| {
        let folded = fold(p.name.trim());
        let country = p
            .country
            .as_deref()
            .filter(|_| p.kind == PlaceKind::Country);
        let (key, aliases) = match country {
            Some(code) => (fold(&format!("country:{code}")), vec![folded]),
            None => (folded, Vec::new()),
        };
        EntityRow {
            kind: "place",
            key,
            lookup_keys: aliases,
            name: p.name.trim(),
            subkind: p.kind.as_str(),
            mentions: p.mentions.len(),
            salience: p.salience,
        }
    });
    let actors = summary.who.iter().map(|a| {
        let key = fold(a.name.trim());
        let mut aliases: Vec<String> = a.aliases.iter().map(|a| fold(a.trim())).collect();
        if a.kind == ActorKind::Person {
            let words: Vec<&str> = key.split_whitespace().collect();
            aliases.extend((1..words.len()).map(|from| words[from..].join(" ")));
        }
        EntityRow {
            kind: "actor",
            key,
            lookup_keys: aliases,
            name: a.name.trim(),
            subkind: a.kind.as_str(),
            mentions: a.mentions.len(),
            salience: a.salience,
        }
    });
    places
        .chain(actors)
        .map(|mut e| {
            e.lookup_keys
                .retain(|k| k.chars().count() >= 3 && *k != e.key);
            e.lookup_keys.sort();
            e.lookup_keys.dedup();
            e
        })
        .collect()
}
