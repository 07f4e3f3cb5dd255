//! Each token of a document looked up once: its clitic-peeled, normalised stem, its lexicon
//! flags, and how to show it without its leading clitics.

use std::ops::Range;

use super::lexicon::{Lexicon, flags, norm};
use crate::Span;
use crate::clitics;
use crate::fold::fold_into;
use crate::text::{Doc, TokenKind};

/// One token as the entity rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Word<'d> {
    /// The normalised stem, proclitics peeled when the remainder is known (or when a
    /// proclitic and the article open an unknown word: `والبرازي`).
    pub key: &'d str,
    /// The normalised whole token, for the inner tokens of a phrase.
    pub whole: &'d str,
    /// Whether the stem carries the article.
    pub definite: bool,
    /// The folded chars of proclitics before the stem (the article not counted).
    pub cut: usize,
    /// The proclitics end with `لل` (ل + the article): shown as `ال` + the rest.
    pub lil: bool,
    /// The proclitics peeled, as folded (`و`, `ب`, `وب`, `لل`...).
    pub prefix: &'d str,
    /// Lexicon bits of the stem.
    pub flags: u8,
    /// An entity lexicon holds the stem: only such words can open a name.
    pub entity: bool,
    /// A function word.
    pub stop: bool,
    /// What the token is made of.
    pub kind: TokenKind,
}

impl Word<'_> {
    /// Whether any of `bits` is set.
    pub fn is(&self, bits: u8) -> bool {
        self.flags & bits != 0
    }

    /// An Arabic word.
    pub fn arabic(&self) -> bool {
        self.kind == TokenKind::Arabic
    }
}

/// Looks every token of `doc` up.
pub fn analyse<'d>(doc: &'d Doc, lex: &Lexicon) -> Vec<Word<'d>> {
    doc.tokens
        .iter()
        .map(|t| {
            let f = t.folded.as_str();
            let mut w = Word {
                key: norm(f),
                whole: norm(f),
                definite: norm(f).len() != f.len(),
                cut: 0,
                lil: false,
                prefix: "",
                flags: 0,
                entity: false,
                stop: false,
                kind: t.kind,
            };
            if t.kind != TokenKind::Arabic {
                return w;
            }
            let whole = lex.entry(f);
            if let Some(e) = whole {
                w.flags = e.flags;
                w.entity = e.entity;
                w.stop = e.stop;
                // Nothing to peel: a function word, or a known word no proclitic opens.
                if e.stop || !f.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'س']) {
                    return w;
                }
            }
            // Entity words first (بشار whole, ب + رعاية, ل + مدينة), then any known word,
            // then a proclitic and the article before an unknown word (والبرازي).
            // The future particle س opens verbs only; ف + the article is rare in news and
            // eats names (فالكون).
            let plausible = |s: &clitics::Segmentation| {
                s.suffix.is_empty()
                    && !s.prefix.contains('س')
                    && !(s.has_article && s.prefix.starts_with('ف'))
            };
            // A whole word that is only a name token or a common word yields to و + a known
            // name (ومحمد is و + محمد).
            let weak_whole = lex.flags(f) & !(flags::PERSON_NAME | flags::COMMON) == 0;
            let conj_name = clitics::first_where(f, |s| {
                weak_whole
                    && s.prefix == "و"
                    && s.stem.chars().nth(2).is_some()
                    && lex.flags(s.stem) & flags::PERSON_NAME != 0
                    && lex.flags(s.stem) & flags::COMMON == 0
            })
            .filter(|_| f.starts_with('و') && lex.flags(f) & flags::PERSON_NAME != 0);
            let seg = conj_name
                .or_else(|| {
                    clitics::first_where(f, |s| {
                        plausible(&s)
                            && s.prefix != "ال"
                            && s.stem.chars().nth(2).is_some()
                            && lex.peels_to(s.stem)
                    })
                })
                .or_else(|| clitics::first_where(f, |s| plausible(&s) && lex.knows(s.stem)))
                .or_else(|| {
                    clitics::first_where(f, |s| {
                        plausible(&s)
                            && s.has_article
                            && s.prefix != "ال"
                            && s.stem.chars().nth(2).is_some()
                    })
                });
            // The article alone is no proclitic: `norm` already looks past it.
            if let Some(s) = seg.filter(|s| s.prefix != "ال") {
                let stem = norm(s.stem);
                w.key = stem;
                w.definite = s.has_article || stem.len() != s.stem.len();
                w.prefix = s.prefix;
                let prefix_chars = s.prefix.chars().count();
                w.lil = s.has_article && s.prefix.ends_with("لل");
                w.cut = if w.lil {
                    prefix_chars
                } else if s.has_article {
                    prefix_chars - 2
                } else {
                    prefix_chars
                };
                let e = lex.entry(stem).unwrap_or_default();
                w.flags = e.flags;
                w.entity = e.entity;
                w.stop = e.stop;
            }
            w
        })
        .collect()
}

/// The text of a token range as shown in a summary: the leading clitics of the first token
/// dropped (`وبوتين` → `بوتين`, `للمدينة` → `المدينة`), whitespace runs made single spaces.
pub fn show(doc: &Doc, words: &[Word], range: Range<usize>) -> String {
    let (Some(first), Some(last)) = (
        doc.tokens.get(range.start),
        range.end.checked_sub(1).and_then(|e| doc.tokens.get(e)),
    ) else {
        return String::new();
    };
    if range.start >= range.end {
        return String::new();
    }
    let w = &words[range.start];
    let (start, _) = clitic_len(&doc.text[first.bytes.clone()], w.cut);
    let mut out = String::with_capacity(last.bytes.end - first.bytes.start + 4);
    if w.lil {
        out.push_str("ال");
    }
    let mut space = false;
    for c in doc.text[first.bytes.start + start..last.bytes.end].chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The bytes and chars of `original` that fold to its first `cut` chars.
fn clitic_len(original: &str, cut: usize) -> (usize, usize) {
    if cut == 0 {
        return (0, 0);
    }
    let mut folded = String::new();
    for (n, (i, c)) in original.char_indices().enumerate() {
        if folded.chars().count() >= cut {
            return (i, n);
        }
        fold_into(c, &mut folded);
    }
    (original.len(), original.chars().count())
}

/// The char span of a token range, the leading clitics of its first token left out.
pub fn span(doc: &Doc, words: &[Word], range: Range<usize>) -> Span {
    let [start, end] = doc.span(range.clone());
    match (doc.tokens.get(range.start), words.get(range.start)) {
        (Some(t), Some(w)) if w.cut > 0 => {
            let (_, chars) = clitic_len(&doc.text[t.bytes.clone()], w.cut);
            [start + chars, end]
        }
        _ => [start, end],
    }
}

/// The lookup key of a token range: normalised stems joined by spaces.
pub fn key_of(words: &[Word], range: Range<usize>) -> String {
    let mut key = String::new();
    for (n, w) in words[range].iter().enumerate() {
        if w.kind == TokenKind::Punct {
            continue;
        }
        if n > 0 {
            key.push(' ');
        }
        key.push_str(if n == 0 { w.key } else { w.whole });
    }
    key
}

/// A word that never begins or continues a name.
pub fn blocks_names(w: &Word) -> bool {
    !w.arabic() || w.is(flags::COMMON | flags::TITLE | flags::NATIONALITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_peel_to_known_stems_and_show_without_them() {
        let lex = Lexicon::load();
        let doc = Doc::new("وبوتين في حمص وإدلب للمدينة بشار");
        let words = analyse(&doc, &lex);
        assert_eq!(words[3].key, "ادلب");
        assert_eq!(show(&doc, &words, 3..4), "إدلب");
        assert_eq!(words[4].key, "مدينه");
        assert!(words[4].definite);
        assert_eq!(show(&doc, &words, 4..5), "المدينة");
        assert_eq!(words[5].key, "بشار", "a name is not ب + شار");
        assert_eq!(show(&doc, &words, 2..4), "حمص وإدلب");
    }

    #[test]
    fn a_conjunction_before_a_given_name_is_peeled() {
        // ANERcorp keeps و on its tokens (`وأحمد حسن`): the lexicons built from it must not
        // make `وأحمد` a word of its own, or the name is shown with the conjunction.
        let lex = Lexicon::load();
        let doc = Doc::new("كريم العلوي وأحمد سليم النجار");
        let words = analyse(&doc, &lex);
        assert_eq!(words[2].key, "احمد");
        assert_eq!(show(&doc, &words, 2..5), "أحمد سليم النجار");
    }
}
