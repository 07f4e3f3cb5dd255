//! The extraction engine: pure functions and data, no I/O, no async, no SQLite.
//! [`Engine::extract`] turns an Arabic news text into a [`Summary`].
//!
//! Stages: [`text`] (tokens with spans, folded forms, sentences) → [`clitics`] (segmentation
//! driven by the lexicons) → entities (who and where) and numbers (how many) → events (what
//! happened, frames bound to the rest).

pub mod clitics;
mod entities;
mod events;
mod fold;
pub mod ner;
mod numbers;
mod summary;
pub mod text;

pub use entities::flags as lexicon_flags;
pub use fold::{fold, fold_char, fold_into};
pub use summary::*;

use text::Doc;

/// The name tagger's model, trained by `khabar train-ner` (see NOTICE: derived from ANERcorp,
/// CC BY-SA 4.0).
const NAME_TAGGER_MODEL: &[u8] = include_bytes!("../../../data/ner.bin");

/// The engine's name and version, stored with every summary so that a newer engine can
/// re-extract what an older one wrote.
pub const ENGINE_VERSION: &str = concat!("khabar-extract ", env!("CARGO_PKG_VERSION"));

/// The loaded engine: lexicons and models, built once and shared (`Send + Sync`).
#[derive(Debug)]
pub struct Engine {
    entities: entities::Recognizer,
    events: events::Triggers,
    names: ner::Tagger,
}

/// The lexicons alone, as the name tagger reads them (its gazetteer features), without the
/// tagger's model: what `khabar train-ner` trains with.
#[derive(Debug)]
pub struct NameLexicons(entities::Recognizer);

impl NameLexicons {
    /// Loads the embedded lexicons.
    #[allow(clippy::new_without_default)]
    pub fn new() -> NameLexicons {
        NameLexicons(entities::Recognizer::new())
    }

    /// The lexicon membership bits of a folded, clitic-peeled token (see [`lexicon_flags`]).
    pub fn flags(&self, folded_stem: &str) -> u8 {
        self.0.lexicon_flags(folded_stem)
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl Engine {
    /// Loads the embedded lexicons and models.
    pub fn new() -> Engine {
        Engine {
            entities: entities::Recognizer::new(),
            events: events::Triggers::new(),
            names: ner::Tagger::from_bytes(NAME_TAGGER_MODEL)
                .expect("the embedded name-tagger model is valid (a unit test loads it)"),
        }
    }

    /// The lexicon membership bits of a folded, clitic-peeled token (see [`lexicon_flags`]):
    /// features for the name tagger.
    pub fn lexicon_flags(&self, folded_stem: &str) -> u8 {
        self.entities.lexicon_flags(folded_stem)
    }

    /// Tags consecutive sentences of tokens as written (one ANERcorp tag each): the
    /// `--conll` output.
    pub fn tag_sentences(&self, sentences: &[Vec<&str>]) -> Vec<Vec<ner::Tag>> {
        self.names
            .tag_sentences(sentences, &|word| self.lexicon_flags(word))
    }

    /// The names the tagger finds in a document, sentence by sentence, as ranges of
    /// `doc.tokens`.
    pub fn tag_doc(&self, doc: &Doc) -> Vec<ner::NameSpan> {
        self.names.names(doc, &|word| self.lexicon_flags(word))
    }

    /// Extracts the summary of one text. Pure, deterministic, never panics.
    pub fn extract(&self, text: &str) -> Summary {
        let doc = Doc::new(text);
        let how_many = numbers::quantities(&doc);
        let names = self.tag_doc(&doc);
        let (who, places) = self.entities.find(&doc, &names);
        let events = self.events.frames(&doc, &who, &places, &how_many);
        Summary {
            engine: ENGINE_VERSION.to_string(),
            who,
            places,
            how_many,
            events,
        }
    }
}
