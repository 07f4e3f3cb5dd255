//! khabar-extract: khabar's Arabic extraction engine. Pure functions and data: no I/O, no
//! async, no SQLite.
//!
//! The door: [`Engine::new`] loads the lexicons and the name tagger's model once (the engine is
//! `Send + Sync`, to share between threads); [`Engine::extract`] turns an [`Article`] (a title
//! and a text) into a [`Summary`]: WHO took part ([`Actor`]), WHERE ([`Place`]), HOW MANY
//! ([`Quantity`]) and WHAT HAPPENED ([`Event`]). A summary is plain data (serde), the one type
//! that crosses from the engine into storage, the reader and JSON output; its spans are char
//! offsets into [`Article::input`]. [`ENGINE_VERSION`], stored with each summary, names the
//! engine and the data that decide its output. [`fold`] is the normal form that every part of
//! khabar matches Arabic in (the engine's lexicons, the store's filters and search, the
//! reader's pickers). [`Engine::tag_sentences`] gives the name tagger's [`Tag`]s of tokens, for
//! `khabar extract --conll`.
//!
//! Inside, in the order a text goes through them: `text` (tokens with spans, folded forms,
//! sentences) → `clitics` (segmentation driven by the lexicons) → `ner` (the name tagger, for
//! the names no lexicon holds) → `entities` (who and where) and `how_many` →
//! `events` (what happened, frames bound to the rest). The lexicons and the model are files of
//! `data/`, embedded at build time.
//!
//! The feature `dev` opens the module `dev`: the insides that the developer tools (`khabar-dev`:
//! the tagger's training, the lexicon build) and the benchmarks need. The reader never enables
//! it, and without it they are not compiled.

// A room reports through its return values; only the binaries write to the terminal.
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod article;
mod clitics;
#[cfg(feature = "dev")]
pub mod dev;
mod entities;
mod events;
mod fold;
mod how_many;
mod ner;
mod summary;
mod text;

pub use article::Article;
pub use fold::fold;
pub use ner::{NameKind, Tag};
pub use summary::*;

pub(crate) use fold::{fold_into, skip_folded};
use text::Doc;

/// The name tagger's model, trained by `khabar-dev train-ner` (see NOTICE: derived from
/// ANERcorp, CC BY-SA 4.0).
const NAME_TAGGER_MODEL: &[u8] = include_bytes!("../../../data/ner.bin");

/// The engine's name and version, stored with every summary so that a newer engine can
/// re-extract what an older one wrote: the crate's version, then the first 12 hex digits of a
/// SHA-256 of the lexicon, curated-list and model files (computed at build time, `build.rs`),
/// e.g. `khabar-extract 0.1.0+1a2b3c4d5e6f`. A new lexicon or model is a new version.
pub const ENGINE_VERSION: &str = concat!(
    "khabar-extract ",
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("KHABAR_ENGINE_DATA_HASH")
);

/// The loaded engine: lexicons and models, built once and shared (`Send + Sync`).
#[derive(Debug)]
pub struct Engine {
    entities: entities::Recognizer,
    numbers: how_many::Lexicon,
    events: events::Triggers,
    names: ner::Tagger,
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
            numbers: how_many::Lexicon::load(),
            events: events::Triggers::new(),
            names: ner::Tagger::from_bytes(NAME_TAGGER_MODEL)
                .expect("the embedded name-tagger model is valid (a unit test loads it)"),
        }
    }

    /// The lexicon membership bits of a folded, clitic-peeled token: features for the name
    /// tagger.
    pub(crate) fn lexicon_flags(&self, folded_stem: &str) -> u8 {
        self.entities.lexicon_flags(folded_stem)
    }

    /// Tags consecutive sentences of tokens as written, one ANERcorp tag per token: the
    /// `--conll` output. The tagger reads each sentence with the sentences around it (a name
    /// found once is found again).
    pub fn tag_sentences(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        self.names
            .tag_sentences(sentences, &|word| self.lexicon_flags(word))
    }

    /// The names the tagger finds in a document, sentence by sentence, as ranges of
    /// `doc.tokens`.
    pub(crate) fn tag_doc(&self, doc: &Doc) -> Vec<ner::NameSpan> {
        self.names.names(doc, &|word| self.lexicon_flags(word))
    }

    /// Extracts the summary of one article: its spans are char offsets into
    /// [`Article::input`]. Pure, deterministic, never panics.
    pub fn extract(&self, article: &Article) -> Summary {
        let input = article.input();
        let doc = Doc::new(&input);
        let how_many = how_many::quantities(&doc, &self.numbers);
        let names = self.tag_doc(&doc);
        let (who, places) = self.entities.find(&doc, &names);
        let events = self.events.frames(&doc, &who, &places, &how_many);
        Summary {
            engine: ENGINE_VERSION.to_string(),
            who,
            places,
            how_many,
            events,
            said: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_names_the_crate_and_the_hash_of_its_data() {
        let (crate_version, data) = ENGINE_VERSION
            .strip_prefix("khabar-extract ")
            .and_then(|v| v.split_once('+'))
            .expect("khabar-extract VERSION+HASH");
        assert_eq!(crate_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(data.len(), 12);
        assert!(
            data.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        let summary = Engine::new().extract(&Article::untitled("قصف على حمص"));
        assert_eq!(summary.engine, ENGINE_VERSION);
    }
}
