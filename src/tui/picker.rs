//! The fuzzy picker of filter values (places, actors, event types, feeds) with their article
//! counts. The typed text and the values are both folded ([`fold`]), so `حلب` finds `حَلَب`
//! and `ادلب` finds `إدلب`; Latin is matched case-insensitively.

use crate::config::Lang;
use crate::extract::{EventType, fold};
use crate::sanitize::sanitize;
use crate::store::{Facet, FacetValue};
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
    matcher: Matcher,
}

impl Picker {
    /// The most values read for one picker.
    pub const LIMIT: usize = 5000;

    /// A picker over `values`, all shown until something is typed.
    pub fn new(facet: Facet, values: Vec<FacetValue>, lang: Lang) -> Picker {
        let labels: Vec<String> = values
            .iter()
            .map(|v| match (facet, EventType::parse(&v.key)) {
                (Facet::Event, Some(t)) => lang.event_name(t).to_string(),
                _ => sanitize(&v.label),
            })
            .collect();
        let haystacks = values
            .iter()
            .zip(&labels)
            .map(|(v, label)| match (facet, EventType::parse(&v.key)) {
                (Facet::Event, Some(t)) => fold(&format!("{} {}", t.arabic_name(), t.as_str())),
                _ => fold(label),
            })
            .collect();
        let mut picker = Picker {
            facet,
            input: Input::default(),
            values,
            labels,
            haystacks,
            matches: Vec::new(),
            selected: 0,
            matcher: Matcher::new(nucleo_matcher::Config::DEFAULT),
        };
        picker.rematch();
        picker
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
