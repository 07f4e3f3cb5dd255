//! WHO and WHERE: lexicon matching on token boundaries after clitic segmentation, context
//! rules, alias merging and salience.

pub mod lexicon;
mod merge;
mod rules;
mod words;

use super::text::Doc;
use super::{Actor, Place};
use lexicon::Lexicon;
pub use lexicon::flags;

/// The lexicons and rules that find actors and places.
#[derive(Debug)]
pub struct Recognizer {
    lex: Lexicon,
}

impl Default for Recognizer {
    fn default() -> Self {
        Recognizer::new()
    }
}

impl Recognizer {
    /// Loads the embedded lexicons.
    pub fn new() -> Recognizer {
        Recognizer {
            lex: Lexicon::load(),
        }
    }

    /// The lexicon membership bits ([`flags`]) of a folded, clitic-peeled token: person-name
    /// token, place, country, organisation head, group head, title, nationality, common word.
    /// For the name tagger's features.
    pub fn lexicon_flags(&self, folded_stem: &str) -> u8 {
        self.lex.flags(folded_stem)
    }

    /// The actors and places of a text, most salient first.
    pub fn find(&self, doc: &Doc) -> (Vec<Actor>, Vec<Place>) {
        let words = words::analyse(doc, &self.lex);
        let mentions = rules::Scan::new(doc, &words, &self.lex).run();
        if std::env::var_os("KHABAR_DEBUG").is_some() {
            for w in &words {
                eprint!("{}|{}|{:x} ", w.key, w.prefix, w.flags);
            }
            eprintln!();
            for m in &mentions {
                eprintln!(
                    "{:?} {} [{}] {:?} {:?} {:?}",
                    m.range, m.name, m.key, m.what, m.role, m.head
                );
            }
        }
        merge::merge(doc, &words, &self.lex, mentions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::fold;

    #[test]
    fn lexicon_flags_mark_names_places_and_heads() {
        let r = Recognizer::new();
        let f = |w: &str| r.lexicon_flags(&fold(w));
        assert_ne!(f("حلب") & flags::PLACE, 0);
        assert_ne!(f("سوريا") & flags::COUNTRY, 0);
        assert_ne!(f("وزارة") & flags::ORG_HEAD, 0);
        assert_ne!(f("قوات") & flags::GROUP_HEAD, 0);
        assert_ne!(f("محافظ") & flags::TITLE, 0);
        assert_ne!(f("الروسية") & flags::NATIONALITY, 0);
        assert_ne!(f("طلال") & flags::PERSON_NAME, 0);
        assert_ne!(f("في") & flags::COMMON, 0);
        assert_eq!(f("ززززز"), 0);
    }
}
