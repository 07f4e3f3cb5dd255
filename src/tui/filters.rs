//! The filters the list is read under, and how the status line names them.

use khabar_extract::EventType;
use khabar_feeds::sanitize;
use khabar_store::{ArticleFilter, Facet};
use std::collections::HashMap;

/// The active filters.
#[derive(Debug, Default)]
pub(super) struct Filters {
    /// What the store is asked for.
    pub filter: ArticleFilter,
    /// What the status line shows for the place, actor and feed filters (the picker's labels).
    labels: HashMap<Facet, String>,
}

impl Filters {
    /// Filters by a facet's value (its key as the store counted it), shown as `label`.
    pub fn choose(&mut self, facet: Facet, key: String, label: String) {
        self.labels.insert(facet, label);
        match facet {
            Facet::Place => self.filter.place = Some(key),
            Facet::Actor => self.filter.actor = Some(key),
            Facet::Event => self.filter.event = EventType::parse(&key),
            Facet::Feed => self.filter.feed = key.parse().ok(),
        }
    }

    /// The filters but `facet`'s: what a picker of `facet` counts its values under.
    pub fn without(&self, facet: Facet) -> ArticleFilter {
        let mut others = self.filter.clone();
        match facet {
            Facet::Place => others.place = None,
            Facet::Actor => others.actor = None,
            Facet::Event => others.event = None,
            Facet::Feed => others.feed = None,
        }
        others
    }

    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        self.filter != ArticleFilter::default()
    }

    /// How the status line names a facet's value: the picker's label, else the key.
    pub fn shown(&self, facet: Facet, key: &str) -> String {
        self.labels
            .get(&facet)
            .cloned()
            .unwrap_or_else(|| sanitize(key))
    }
}
