//! Clitic segmentation: the ways a folded Arabic word may split into proclitics (و ف ب ل ك س ال),
//! a stem and a pronoun suffix. Candidates only: a caller keeps the first whose stem its lexicon
//! knows, so a word is peeled only when the remainder is a known word (`بشار` stays whole when
//! `شار` is unknown and `بشار` is known).

/// One way to split a folded word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segmentation<'w> {
    /// Proclitics peeled off the front, as written (`و`, `وب`, `لل`, `وال`).
    pub prefix: &'w str,
    /// What remains, the article `ال` included when `with_article` is false.
    pub stem: &'w str,
    /// The pronoun suffix peeled off the end (`ه`, `هم`, `ها`...), or empty.
    pub suffix: &'w str,
    /// Whether the prefix ends with the article (`ال`, `لل`).
    pub has_article: bool,
}

/// Conjunctions that may open a word.
const CONJUNCTIONS: [&str; 2] = ["و", "ف"];
/// Prepositions and particles that may follow a conjunction.
const PARTICLES: [&str; 4] = ["ب", "ل", "ك", "س"];
/// Pronoun suffixes, longest first.
const SUFFIXES: [&str; 10] = ["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك"];

/// The shortest stem worth trying, in chars.
const MIN_STEM: usize = 2;

/// Every segmentation of `word`, the unsegmented word first, then shorter stems: the caller
/// takes the first one its lexicon knows. Pronoun suffixes are only tried without the article.
pub fn segmentations(word: &str) -> Vec<Segmentation<'_>> {
    let mut out = Vec::new();
    first_where(word, |s| {
        out.push(s);
        false
    });
    out
}

/// Walks the segmentations of `word` in the order of [`segmentations`] without allocating,
/// and returns the first that `accept` takes.
pub fn first_where<'w>(
    word: &'w str,
    mut accept: impl FnMut(Segmentation<'w>) -> bool,
) -> Option<Segmentation<'w>> {
    let whole = Segmentation {
        prefix: "",
        stem: word,
        suffix: "",
        has_article: false,
    };
    if accept(whole) {
        return Some(whole);
    }
    for conj in std::iter::once("").chain(CONJUNCTIONS) {
        let Some(after_conj) = word.strip_prefix(conj) else {
            continue;
        };
        for particle in std::iter::once("").chain(PARTICLES) {
            let Some(rest) = after_conj.strip_prefix(particle) else {
                continue;
            };
            let prefix_len = conj.len() + particle.len();
            if prefix_len > 0 && rest.chars().count() >= MIN_STEM {
                let s = Segmentation {
                    prefix: &word[..prefix_len],
                    stem: rest,
                    suffix: "",
                    has_article: false,
                };
                if accept(s) {
                    return Some(s);
                }
            }
            // The article: `ال`, or `لل` for ل + ال.
            let article = if particle == "ل" {
                rest.strip_prefix('ل')
            } else {
                rest.strip_prefix("ال")
            };
            if let Some(bare) = article.filter(|b| b.chars().count() >= MIN_STEM) {
                let cut = word.len() - bare.len();
                let s = Segmentation {
                    prefix: &word[..cut],
                    stem: bare,
                    suffix: "",
                    has_article: true,
                };
                if accept(s) {
                    return Some(s);
                }
            }
            if particle == "س" {
                continue;
            }
            for suffix in SUFFIXES {
                if let Some(stem) = rest
                    .strip_suffix(suffix)
                    .filter(|s| s.chars().count() > MIN_STEM)
                {
                    let s = Segmentation {
                        prefix: &word[..prefix_len],
                        stem,
                        suffix,
                        has_article: false,
                    };
                    if accept(s) {
                        return Some(s);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(words: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |w| words.contains(&w)
    }

    /// The first segmentation of `word` whose stem satisfies `known`, if any.
    fn peel<'w>(word: &'w str, known: impl Fn(&str) -> bool) -> Option<Segmentation<'w>> {
        first_where(word, |s| known(s.stem))
    }

    #[test]
    fn peels_only_to_a_known_stem() {
        let lex = known(&["حمص", "رويترز", "ادلب", "بشار", "مدينه"]);
        assert_eq!(peel("بمدينه", &lex).unwrap().stem, "مدينه");
        assert_eq!(peel("لرويترز", &lex).unwrap().prefix, "ل");
        assert_eq!(peel("وادلب", &lex).unwrap().stem, "ادلب");
        assert_eq!(peel("بشار", &lex).unwrap().stem, "بشار");
        assert!(peel("شار", &lex).is_none());
    }

    #[test]
    fn article_and_lil_and_suffixes() {
        let lex = known(&["مدينه", "قوات", "مقاتلي"]);
        let s = peel("للمدينه", &lex).unwrap();
        assert_eq!((s.prefix, s.stem, s.has_article), ("لل", "مدينه", true));
        let s = peel("والقوات", &lex).unwrap();
        assert_eq!((s.prefix, s.stem), ("وال", "قوات"));
        let s = peel("قواتهم", &lex).unwrap();
        assert_eq!((s.stem, s.suffix), ("قوات", "هم"));
    }

    #[test]
    fn short_words_do_not_lose_everything() {
        assert!(segmentations("و").iter().all(|s| !s.stem.is_empty()));
        assert_eq!(segmentations("").len(), 1);
    }
}
