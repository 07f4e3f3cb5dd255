//! WHO and WHERE: lexicon matching, context rules, alias merging and salience.

use super::text::Doc;
use super::{Actor, Place};

/// The lexicons and rules that find actors and places.
#[derive(Debug, Default)]
pub struct Recognizer {}

impl Recognizer {
    /// Loads the embedded lexicons.
    pub fn new() -> Recognizer {
        Recognizer {}
    }

    /// The actors and places of a text, most salient first.
    pub fn find(&self, _doc: &Doc) -> (Vec<Actor>, Vec<Place>) {
        (Vec::new(), Vec::new())
    }
}
