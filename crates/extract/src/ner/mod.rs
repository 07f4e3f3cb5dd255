//! The name tagger: a first-order averaged structured perceptron over ANERcorp's names (PERS,
//! LOC, ORG, MISC) as BILOU labels, with Arabic features (folded word, clitic-peeled stem,
//! affixes, shape, neighbours, lexicon hits, recurrence in the sentences around). It finds the
//! names no lexicon holds.
//!
//! - [`Tagger`] loads a compact little-endian binary model ([`Tagger::from_bytes`]) and tags
//!   sentences ([`Tagger::tag`]); [`Tagger::spans`] turns tags into [`NameSpan`]s.
//! - [`train`] learns a model from a [`Corpus`] (pure, deterministic for a given seed).
//! - [`Corpus::parse`] reads the ANERcorp format; [`Scores`] is entity-level F1 (CoNLL style).

mod consistency;
#[cfg(any(test, feature = "dev"))]
mod corpus;
mod features;
mod labels;
mod model;
#[cfg(test)]
mod tests;
#[cfg(any(test, feature = "dev"))]
mod train;

use std::ops::Range;

#[cfg(any(test, feature = "dev"))]
pub use corpus::{Corpus, Scores};
#[cfg(feature = "dev")]
pub use corpus::{CorpusError, TaggedSentence, TypeScore};
#[cfg(test)]
use features::no_lexicon;
#[cfg(test)]
use model::ModelError;
pub use model::Tagger;
#[cfg(any(test, feature = "dev"))]
pub use train::{TrainOptions, train};

/// The kind of a name, as ANERcorp types them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// A person (`PERS`).
    Person,
    /// A place (`LOC`).
    Place,
    /// An organisation (`ORG`).
    Organization,
    /// Anything else named: events, products, nationalities… (`MISC`).
    Misc,
}

impl NameKind {
    /// Every kind, in tag order.
    pub const ALL: [NameKind; 4] = [
        NameKind::Person,
        NameKind::Place,
        NameKind::Organization,
        NameKind::Misc,
    ];

    /// The ANERcorp type name (`PERS`, `LOC`, `ORG`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Person => "PERS",
            NameKind::Place => "LOC",
            NameKind::Organization => "ORG",
            NameKind::Misc => "MISC",
        }
    }
}

/// A BIO tag: outside, or the beginning or inside of a name of some kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any name (`O`).
    Outside,
    /// The first token of a name (`B-…`).
    Begin(NameKind),
    /// A following token of a name (`I-…`).
    Inside(NameKind),
}

/// The number of distinct tags.
pub(crate) const NUM_TAGS: usize = 9;

impl Tag {
    /// The tag's index in `0..9`: `O`, then `B-`/`I-` of each kind in [`NameKind::ALL`] order.
    pub fn index(self) -> usize {
        match self {
            Tag::Outside => 0,
            Tag::Begin(kind) => 1 + 2 * kind as usize,
            Tag::Inside(kind) => 2 + 2 * kind as usize,
        }
    }

    /// The tag of an index from [`Tag::index`]; `O` for anything out of range.
    pub fn from_index(index: usize) -> Tag {
        match index {
            1..NUM_TAGS => {
                let kind = NameKind::ALL[(index - 1) / 2];
                if index % 2 == 1 {
                    Tag::Begin(kind)
                } else {
                    Tag::Inside(kind)
                }
            }
            _ => Tag::Outside,
        }
    }

    /// Parses an ANERcorp tag (`O`, `B-PERS`, `I-LOC`…).
    pub fn parse(text: &str) -> Option<Tag> {
        if text == "O" {
            return Some(Tag::Outside);
        }
        let (position, kind) = text.split_once('-')?;
        let kind = *NameKind::ALL.iter().find(|k| k.as_str() == kind)?;
        match position {
            "B" => Some(Tag::Begin(kind)),
            "I" => Some(Tag::Inside(kind)),
            _ => None,
        }
    }

    /// The ANERcorp spelling of the tag.
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; NUM_TAGS] = [
            "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
        ];
        NAMES[self.index()]
    }
}

/// A name found by the tagger: a range of token indexes and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSpan {
    /// The tokens of the name, `[start, end)`.
    pub tokens: Range<usize>,
    /// What it names.
    pub kind: NameKind,
}

/// The names in a sequence of tags, CoNLL style: a name starts at `B-X` (or at an `I-X` that
/// does not continue an `X`) and runs over the `I-X` that follow.
pub fn spans(tags: &[Tag]) -> Vec<NameSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NameKind)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::Inside(k), Some((_, o))) if k == o);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            out.push(NameSpan {
                tokens: start..i,
                kind,
            });
        }
        if let Tag::Begin(kind) | Tag::Inside(kind) = tag {
            open = Some((i, kind));
        }
    }
    if let Some((start, kind)) = open {
        out.push(NameSpan {
            tokens: start..tags.len(),
            kind,
        });
    }
    out
}
