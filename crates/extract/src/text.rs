//! The first stage: the text as tokens, each carrying its folded form and its span in the text
//! exactly as given, grouped into sentences.

use std::ops::Range;

use super::fold::fold_into;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Arabic letters (with any harakat and tatweel, dropped from `folded`).
    Arabic,
    /// Digits, ASCII or Arabic-Indic or Persian, with inner `.`/`,`/`٫`/`٬` separators.
    Number,
    /// Latin letters and digits (`AFP`, `ATR72`).
    Latin,
    /// One punctuation or symbol char.
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Char offsets `[start, end)` into the text as given.
    pub chars: Range<usize>,
    /// Byte offsets into the text as given.
    pub bytes: Range<usize>,
    /// The folded form (see [`super::fold`]).
    pub folded: String,
    /// What the token is made of.
    pub kind: TokenKind,
    /// The index of its sentence.
    pub sentence: usize,
}

/// A text split into tokens and sentences.
#[derive(Debug, Clone)]
pub struct Doc<'t> {
    /// The text exactly as given.
    pub text: &'t str,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
    /// Each sentence as a range of token indexes. Sentence 0 is the headline when the text
    /// starts with one line followed by a blank line.
    pub sentences: Vec<Range<usize>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Mark,
    Digit,
    Latin,
    Space,
    LineBreak,
    Punct,
}

fn class(c: char) -> Class {
    match c {
        '\n' | '\u{2029}' => Class::LineBreak,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200C}'
        | '\u{200D}' => Class::Mark,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}' => Class::Space,
        '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => Class::Digit,
        '\u{0621}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06FA}'..='\u{06FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}' => Class::Letter,
        c if c.is_whitespace() => Class::Space,
        c if c.is_alphabetic() => Class::Latin,
        _ => Class::Punct,
    }
}

fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

impl<'t> Doc<'t> {
    /// Splits `text` into tokens and sentences.
    pub fn new(text: &'t str) -> Doc<'t> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut tokens = Vec::with_capacity(chars.len() / 5 + 1);
        let mut sentences = Vec::new();
        let mut sentence_start = 0;
        let mut sentence = 0;
        let mut i = 0;
        let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
        let close_sentence = |tokens: &Vec<Token>,
                              sentences: &mut Vec<Range<usize>>,
                              start: &mut usize,
                              n: &mut usize| {
            if tokens.len() > *start {
                sentences.push(*start..tokens.len());
                *start = tokens.len();
                *n += 1;
            }
        };
        while i < chars.len() {
            let c = chars[i].1;
            let start = i;
            let kind = match class(c) {
                Class::Space => {
                    i += 1;
                    continue;
                }
                Class::LineBreak => {
                    close_sentence(&tokens, &mut sentences, &mut sentence_start, &mut sentence);
                    i += 1;
                    continue;
                }
                Class::Letter | Class::Mark => {
                    while i < chars.len()
                        && matches!(class(chars[i].1), Class::Letter | Class::Mark)
                    {
                        i += 1;
                    }
                    TokenKind::Arabic
                }
                Class::Digit => {
                    while i < chars.len() {
                        match class(chars[i].1) {
                            Class::Digit => i += 1,
                            _ if is_number_separator(chars[i].1)
                                && chars
                                    .get(i + 1)
                                    .is_some_and(|&(_, n)| class(n) == Class::Digit) =>
                            {
                                i += 2
                            }
                            _ => break,
                        }
                    }
                    TokenKind::Number
                }
                Class::Latin => {
                    while i < chars.len()
                        && matches!(class(chars[i].1), Class::Latin | Class::Digit)
                    {
                        i += 1;
                    }
                    TokenKind::Latin
                }
                Class::Punct => {
                    i += 1;
                    TokenKind::Punct
                }
            };
            let mut folded = String::with_capacity(byte_at(i) - byte_at(start));
            for &(_, c) in &chars[start..i] {
                fold_into(c, &mut folded);
            }
            if folded.is_empty() {
                continue;
            }
            tokens.push(Token {
                chars: start..i,
                bytes: byte_at(start)..byte_at(i),
                folded,
                kind,
                sentence,
            });
            if kind == TokenKind::Punct && ends_sentence(c) {
                close_sentence(&tokens, &mut sentences, &mut sentence_start, &mut sentence);
            }
        }
        close_sentence(&tokens, &mut sentences, &mut sentence_start, &mut sentence);
        Doc {
            text,
            tokens,
            sentences,
        }
    }

    /// The text as given from the start of token `range.start` to the end of token
    /// `range.end - 1`.
    pub fn surface(&self, range: Range<usize>) -> &'t str {
        match (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(first), Some(last)) if range.start < range.end => {
                &self.text[first.bytes.start..last.bytes.end]
            }
            _ => "",
        }
    }

    /// The char span `[start, end)` covered by a range of tokens.
    pub fn span(&self, range: Range<usize>) -> [usize; 2] {
        match (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(first), Some(last)) if range.start < range.end => {
                [first.chars.start, last.chars.end]
            }
            _ => [0, 0],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded<'a>(doc: &'a Doc<'a>) -> Vec<&'a str> {
        doc.tokens.iter().map(|t| t.folded.as_str()).collect()
    }

    #[test]
    fn tokens_keep_spans_into_the_text_as_given() {
        let text = "قالَ طلال: بين ٤٠٠ و500 مقاتل.";
        let doc = Doc::new(text);
        assert_eq!(
            folded(&doc),
            ["قال", "طلال", ":", "بين", "400", "و", "500", "مقاتل", "."]
        );
        let chars: Vec<char> = text.chars().collect();
        let first: String = chars[doc.tokens[0].chars.clone()].iter().collect();
        assert_eq!(first, "قالَ");
        assert_eq!(doc.surface(3..5), "بين ٤٠٠");
        assert_eq!(doc.tokens[4].kind, TokenKind::Number);
    }

    #[test]
    fn numbers_keep_inner_separators_not_trailing_ones() {
        let doc = Doc::new("نحو 1.5 مليون و12,000 شخص.");
        assert_eq!(
            folded(&doc),
            ["نحو", "1.5", "مليون", "و", "12,000", "شخص", "."]
        );
    }

    #[test]
    fn headline_and_sentences_split() {
        let doc = Doc::new("عنوان الخبر\n\nالجملة الأولى. الجملة الثانية؟ الثالثة");
        assert_eq!(doc.sentences.len(), 4);
        assert_eq!(doc.surface(doc.sentences[0].clone()), "عنوان الخبر");
        assert_eq!(doc.tokens[doc.sentences[2].start].sentence, 2);
    }

    #[test]
    fn empty_and_noise_never_panic() {
        assert!(Doc::new("").tokens.is_empty());
        let doc = Doc::new("\u{0}\u{FFFF}😀 a\u{064B}\u{0640}");
        assert!(doc.tokens.iter().all(|t| !t.folded.is_empty()));
    }
}
