//! The fuzzy picker of filter values (places, actors, event types, feeds) with their article
//! counts. The typed text and the values are both folded ([`fold`]), so `حلب` finds `حَلَب`
//! and `ادلب` finds `إدلب`; Latin is matched case-insensitively.

use crate::config::Lang;
use khabar_extract::{EventType, fold};
use khabar_feeds::sanitize;
use khabar_store::{Facet, FacetValue};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};
use tui_input::Input;

/// An open picker.
pub(super) struct Picker {
    /// What it picks.
    pub facet: Facet,
    /// The typed query.
    pub input: Input,
    /// Every value, as the store counted them (most articles first).
    values: Vec<FacetValue>,
    /// What is shown for each value, sanitised.
    labels: Vec<String>,
    /// What the query is matched against, folded.
    haystacks: Vec<String>,
    /// Indexes of the values matching the query, best first.
    pub matches: Vec<usize>,
    /// The highlighted match.
    pub selected: usize,
    /// The values are not in yet.
    pub loading: bool,
    matcher: Matcher,
}

impl Picker {
    /// The most values read for one picker.
    pub const LIMIT: usize = 5000;

    /// A picker whose values are on their way.
    pub fn new(facet: Facet) -> Picker {
        Picker {
            facet,
            input: Input::default(),
            values: Vec::new(),
            labels: Vec::new(),
            haystacks: Vec::new(),
            matches: Vec::new(),
            selected: 0,
            loading: true,
            matcher: Matcher::new(nucleo_matcher::Config::DEFAULT),
        }
    }

    /// Takes in the values (as the store counted them) and matches what was typed meanwhile.
    /// `also[i]`, when there, is more text value `i` is found by (a feed's URL).
    pub fn set_values(&mut self, values: Vec<FacetValue>, also: &[String], lang: Lang) {
        let event = |v: &FacetValue| match self.facet {
            Facet::Event => EventType::parse(&v.key),
            _ => None,
        };
        self.labels = values
            .iter()
            .map(|v| match event(v) {
                Some(t) => lang.event_name(t).to_string(),
                None => sanitize(&v.label),
            })
            .collect();
        self.haystacks = values
            .iter()
            .zip(&self.labels)
            .enumerate()
            .map(|(i, (v, label))| match event(v) {
                // Event types match in both languages.
                Some(t) => fold(&format!("{} {}", t.arabic_name(), t.as_str())),
                // The label shown, then whatever else finds the value.
                None => match also.get(i).filter(|a| !a.is_empty()) {
                    Some(more) => fold(&format!("{label} {}", sanitize(more))),
                    None => fold(label),
                },
            })
            .collect();
        self.values = values;
        self.loading = false;
        self.rematch();
    }

    /// Matches the values against the query again.
    pub fn rematch(&mut self) {
        let query = fold(self.input.value());
        self.selected = 0;
        if query.trim().is_empty() {
            self.matches = (0..self.values.len()).collect();
            return;
        }
        let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Never);
        let mut buf = Vec::new();
        let mut scored: Vec<(u32, usize)> = self
            .haystacks
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                pattern
                    .score(Utf32Str::new(h, &mut buf), &mut self.matcher)
                    .map(|score| (score, i))
            })
            .collect();
        // Best score first; among equals, the store's order (most articles first).
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i)| i).collect();
    }

    /// Moves the highlight.
    pub fn step(&mut self, delta: isize) {
        if !self.matches.is_empty() {
            self.selected = self
                .selected
                .saturating_add_signed(delta)
                .min(self.matches.len() - 1);
        }
    }

    /// The highlighted value and its label.
    pub fn chosen(&self) -> Option<(&FacetValue, &str)> {
        self.matches
            .get(self.selected)
            .map(|&i| (&self.values[i], self.labels[i].as_str()))
    }

    /// The label and count of the `n`-th match.
    pub fn shown(&self, n: usize) -> Option<(&str, u64)> {
        let &i = self.matches.get(n)?;
        Some((&self.labels[i], self.values[i].count))
    }
}
