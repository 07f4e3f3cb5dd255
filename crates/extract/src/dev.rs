//! The engine's insides for the developer tools and the benchmarks (feature `dev`): never
//! in the reader.
//!
//! - Training the name tagger: [`train`] learns a [`Tagger`] from a [`Corpus`] (ANERcorp's
//!   format, [`Corpus::parse`]) with the gazetteer features of [`NameLexicons`] (the engine's
//!   lexicons without its model); [`Tagger::to_bytes`] writes the model that
//!   [`Engine::new`](crate::Engine::new) embeds; [`Scores`] are CoNLL-style entity F1 over
//!   [`spans`] of tags.
//! - The document the engine reads ([`Doc`]: tokens with spans and folded forms, sentences)
//!   and the names the tagger finds in it ([`tag_doc`]), for the tagger's benchmark.

pub use crate::ner::{
    Corpus, CorpusError, NameSpan, Scores, TaggedSentence, Tagger, TrainOptions, TypeScore, spans,
    train,
};
pub use crate::text::Doc;

use crate::{Engine, entities};

/// The lexicons alone, as the name tagger reads them (its gazetteer features), without the
/// tagger's model: what `khabar-dev train-ner` trains with.
#[derive(Debug)]
pub struct NameLexicons(entities::Recognizer);

impl Default for NameLexicons {
    fn default() -> NameLexicons {
        NameLexicons::new()
    }
}

impl NameLexicons {
    /// Loads the embedded lexicons.
    pub fn new() -> NameLexicons {
        NameLexicons(entities::Recognizer::new())
    }

    /// The lexicon membership bits of a folded, clitic-peeled token.
    pub fn flags(&self, folded_stem: &str) -> u8 {
        self.0.lexicon_flags(folded_stem)
    }
}

/// The names the engine's tagger finds in a document, sentence by sentence, as ranges of
/// `doc.tokens`.
pub fn tag_doc(engine: &Engine, doc: &Doc) -> Vec<NameSpan> {
    engine.tag_doc(doc)
}
