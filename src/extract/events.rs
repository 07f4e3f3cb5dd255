//! WHAT HAPPENED: event triggers, frames bound to the who, where and how many of their
//! sentence, and the primary event.

use super::text::Doc;
use super::{Actor, Event, Place, Quantity};

/// The trigger lexicon of the sixteen event types.
#[derive(Debug, Default)]
pub struct Triggers {}

impl Triggers {
    /// Loads the embedded trigger lexicon.
    pub fn new() -> Triggers {
        Triggers {}
    }

    /// The event frames of a text, the primary event first.
    pub fn frames(
        &self,
        _doc: &Doc,
        _who: &[Actor],
        _places: &[Place],
        _how_many: &[Quantity],
    ) -> Vec<Event> {
        Vec::new()
    }
}
