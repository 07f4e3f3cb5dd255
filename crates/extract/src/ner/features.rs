//! The features of each token of a sentence, as 64-bit keys hashed straight from the folded
//! text (no per-token string is built): the word, its clitic-peeled stem and clitics, affixes,
//! shape, neighbours (±2), position, lexicon hits in a window, and how often the word and its
//! neighbour pairs recur in the sentences around (names recur within a story).

use super::model::KeyTable;
use crate::clitics::{Segmentation, segmentations};
use crate::entities::lexicon::FxMap;

/// Lexicon hits of a folded word: one bit per lexicon (person-name token, place, country,
/// organisation head, group head, title, nationality…), 0 when none.
pub type LexiconFlags<'l> = &'l (dyn Fn(&str) -> u8 + Sync);

#[cfg(any(test, feature = "dev"))]
/// A lexicon that knows nothing.
pub fn no_lexicon(_: &str) -> u8 {
    0
}

/// What the features of a sentence are computed from.
pub(super) struct Extractor<'a> {
    /// Folded words known to the model (the training vocabulary): a clitic is peeled only when
    /// what remains is known.
    pub vocabulary: &'a KeyTable,
    /// Gazetteer hits of a folded word or stem.
    pub lexicon: LexiconFlags<'a>,
}

/// The feature keys of every token of one sentence, flattened: token `i` has
/// `keys[starts[i]..starts[i + 1]]`. Reused from sentence to sentence.
#[derive(Debug, Default)]
pub(super) struct SentenceFeatures {
    pub keys: Vec<u64>,
    pub starts: Vec<usize>,
    tokens: Vec<TokenInfo>,
}

impl SentenceFeatures {
    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

/// What a token contributes to its neighbours' features.
#[derive(Debug, Clone, Copy)]
struct TokenInfo {
    word: u64,
    stem: u64,
    /// The hash of the stem, known to the vocabulary or not.
    raw_stem: u64,
    shape: u64,
    lexicon: u8,
    /// Bytes of proclitics before the stem, and of pronoun suffix after it.
    peel: (u8, u8),
    has_article: bool,
}

/// Feature templates: each key mixes one of these with the hashed value.
mod template {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 10; // + offset 0..=4 (for -2..=2)
    pub const STEM: u64 = 20; // + offset
    pub const SHAPE: u64 = 30; // + offset
    pub const LEXICON: u64 = 40; // + offset
    pub const WORD_PREFIX: u64 = 50; // + length
    pub const WORD_SUFFIX: u64 = 55;
    pub const STEM_PREFIX: u64 = 60;
    pub const STEM_SUFFIX: u64 = 65;
    pub const PROCLITIC: u64 = 70;
    pub const ENCLITIC: u64 = 71;
    pub const ARTICLE: u64 = 72;
    pub const LENGTH: u64 = 73;
    pub const FIRST: u64 = 74;
    pub const LAST: u64 = 75;
    pub const WORD_BIGRAM_LEFT: u64 = 80;
    pub const WORD_BIGRAM_RIGHT: u64 = 81;
    pub const STEM_BIGRAM_LEFT: u64 = 82;
    pub const STEM_BIGRAM_RIGHT: u64 = 83;
    pub const RECURS: u64 = 84;
    pub const PAIR_RECURS_LEFT: u64 = 85;
    pub const PAIR_RECURS_RIGHT: u64 = 86;
}

/// How far the sentences around one reach, before and after it, for [`Recurrences`].
/// (Chosen by ten-fold cross-validation on the train split: 5, 10, 20 and 40 score within
/// 0.6 F1 of each other.)
const AROUND: usize = 20;

/// How often each stem, and each pair of adjacent stems, occurs in a stretch of sentences.
#[derive(Debug, Default)]
pub(super) struct Recurrences {
    counts: FxMap<u64, u32>,
}

impl Recurrences {
    /// Counts (`add`) or uncounts the stems of one sentence.
    fn update(&mut self, stems: &[u64], add: bool) {
        let pairs = stems.windows(2).map(|p| pair(p[0], p[1]));
        for k in stems.iter().copied().chain(pairs) {
            if add {
                *self.counts.entry(k).or_insert(0) += 1;
            } else if let Some(count) = self.counts.get_mut(&k) {
                *count -= 1;
                if *count == 0 {
                    self.counts.remove(&k);
                }
            }
        }
    }

    /// A small class of how often `k` (a stem or a [`pair`]) occurs: 0 for once (or never),
    /// then 2, 3–4, 5–8, more.
    fn class(&self, k: u64) -> u64 {
        match self.counts.get(&k).copied().unwrap_or(0) {
            0 | 1 => 0,
            2 => 1,
            3..=4 => 2,
            5..=8 => 3,
            _ => 4,
        }
    }
}

/// The key of a pair of adjacent stems.
fn pair(left: u64, right: u64) -> u64 {
    finish(left ^ right.rotate_left(23))
}

/// Calls `f(s, recurrences)` for each sentence `s` of `stems` (each sentence's stem hashes),
/// with the counts over the sentences at most [`AROUND`] before or after it.
pub(super) fn in_context(stems: &[Vec<u64>], mut f: impl FnMut(usize, &Recurrences)) {
    let mut around = Recurrences::default();
    for sentence in stems.iter().take(AROUND) {
        around.update(sentence, true);
    }
    for s in 0..stems.len() {
        if let Some(entering) = stems.get(s + AROUND) {
            around.update(entering, true);
        }
        if s > AROUND {
            around.update(&stems[s - AROUND - 1], false);
        }
        f(s, &around);
    }
}

/// The longest prefix and suffix taken as a feature, in chars.
const MAX_AFFIX: u64 = 4;

/// Stand-ins for the words before the start and after the end of a sentence.
const BEFORE_START: TokenInfo = TokenInfo {
    word: 0x5354_4152_5400_0001,
    stem: 0x5354_4152_5400_0002,
    raw_stem: 0x5354_4152_5400_0002,
    shape: 0x5354_4152_5400_0003,
    lexicon: 0,
    peel: (0, 0),
    has_article: false,
};
const AFTER_END: TokenInfo = TokenInfo {
    word: 0x454e_4400_0000_0001,
    stem: 0x454e_4400_0000_0002,
    raw_stem: 0x454e_4400_0000_0002,
    shape: 0x454e_4400_0000_0003,
    lexicon: 0,
    peel: (0, 0),
    has_article: false,
};

/// Stands for a word or stem the vocabulary does not hold: the model learns what to make of
/// rare words from the training words too rare to join the vocabulary.
const UNKNOWN: u64 = 0x554e_4b4e_4f57_4e00;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The hash of a string (FNV-1a then a final mix): the same on every platform, as the model
/// file stores these.
pub(super) fn hash_str(text: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    finish(h)
}

fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A feature key: a template mixed with a value. Never 0 (0 marks an empty table slot).
fn key(template: u64, value: u64) -> u64 {
    finish(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15)).max(1)
}

/// The shape of a folded word: its classes of chars (Arabic letter, digit, Latin, other) with
/// runs collapsed, at most four.
fn shape(word: &str) -> u64 {
    let mut h: u64 = 7;
    let mut last = 0u8;
    let mut count = 0;
    for c in word.chars() {
        let class = match c {
            '0'..='9' => b'd',
            'a'..='z' | 'A'..='Z' => b'l',
            '\u{0621}'..='\u{06FF}' => b'a',
            _ => b'p',
        };
        if class != last {
            last = class;
            count += 1;
            if count > 4 {
                break;
            }
            h = h.wrapping_mul(31).wrapping_add(u64::from(class));
        }
    }
    h
}

/// `hash_str` of the first 1, 2, … [`MAX_AFFIX`] chars of `text`, in one pass (entries past
/// the end of `text` are the hash of the whole of it).
fn prefix_hashes(text: &str) -> [u64; MAX_AFFIX as usize] {
    let mut hashes = [0; MAX_AFFIX as usize];
    let mut h = FNV_OFFSET;
    let mut chars = text.chars();
    for hash in &mut hashes {
        if let Some(c) = chars.next() {
            let mut buf = [0; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(FNV_PRIME);
            }
        }
        *hash = finish(h);
    }
    hashes
}

/// The byte offset before the last `n` chars of `text` (or 0).
fn before_last_chars(text: &str, n: usize) -> usize {
    text.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

impl Extractor<'_> {
    /// The hash of the clitic-peeled stem of each of `words` (folded).
    pub fn stems(&self, words: &[&str]) -> Vec<u64> {
        words.iter().map(|w| hash_str(self.stem(w).stem)).collect()
    }

    /// Computes the features of a sentence of folded words into `out`; `around` counts the
    /// stems of the sentences around it (see [`in_context`]).
    pub fn extract(&self, words: &[&str], around: &Recurrences, out: &mut SentenceFeatures) {
        out.keys.clear();
        out.starts.clear();
        out.tokens.clear();
        for &word in words {
            let stem = self.stem(word);
            let raw_stem = hash_str(stem.stem);
            let known = |text: &str| {
                let hash = hash_str(text);
                if self.vocabulary.contains(hash) {
                    hash
                } else {
                    UNKNOWN
                }
            };
            out.tokens.push(TokenInfo {
                word: known(word),
                stem: known(stem.stem),
                raw_stem,
                shape: shape(word),
                lexicon: if stem.stem == word {
                    (self.lexicon)(word)
                } else {
                    (self.lexicon)(word) | (self.lexicon)(stem.stem)
                },
                peel: (stem.prefix.len() as u8, stem.suffix.len() as u8),
                has_article: stem.has_article,
            });
        }
        let n = words.len();
        let info = |i: isize| -> TokenInfo {
            if i < 0 {
                BEFORE_START
            } else if i as usize >= n {
                AFTER_END
            } else {
                out.tokens[i as usize]
            }
        };
        let mut keys = std::mem::take(&mut out.keys);
        for (i, &word) in words.iter().enumerate() {
            out.starts.push(keys.len());
            let at = i as isize;
            let this = info(at);
            keys.push(key(template::BIAS, 0));
            for offset in -2..=2isize {
                let other = info(at + offset);
                let slot = (offset + 2) as u64;
                keys.push(key(template::WORD + slot, other.word));
                keys.push(key(template::STEM + slot, other.stem));
                if offset.abs() <= 1 {
                    keys.push(key(template::SHAPE + slot, other.shape));
                }
                for bit in 0..8 {
                    if other.lexicon & (1 << bit) != 0 {
                        keys.push(key(template::LEXICON + slot, bit));
                    }
                }
            }
            let previous = info(at - 1);
            let next = info(at + 1);
            let bigrams = [
                (template::WORD_BIGRAM_LEFT, previous.word, this.word),
                (template::WORD_BIGRAM_RIGHT, this.word, next.word),
                (template::STEM_BIGRAM_LEFT, previous.stem, this.stem),
                (template::STEM_BIGRAM_RIGHT, this.stem, next.stem),
            ];
            for (template, left, right) in bigrams {
                keys.push(key(template, left ^ right.rotate_left(17)));
            }
            let known = u64::from(this.stem != UNKNOWN);
            keys.push(key(
                template::RECURS,
                around.class(this.raw_stem) << 1 | known,
            ));
            keys.push(key(
                template::PAIR_RECURS_LEFT,
                around.class(pair(previous.raw_stem, this.raw_stem)),
            ));
            keys.push(key(
                template::PAIR_RECURS_RIGHT,
                around.class(pair(this.raw_stem, next.raw_stem)),
            ));
            let (prefix_len, suffix_len) = (this.peel.0 as usize, this.peel.1 as usize);
            let stem = &word[prefix_len..word.len() - suffix_len];
            let chars = word.chars().count();
            let word_prefixes = prefix_hashes(word);
            for len in 1..=MAX_AFFIX {
                if chars > len as usize {
                    let suffix = &word[before_last_chars(word, len as usize)..];
                    keys.push(key(
                        template::WORD_PREFIX + len,
                        word_prefixes[len as usize - 1],
                    ));
                    keys.push(key(template::WORD_SUFFIX + len, hash_str(suffix)));
                }
            }
            let stem_chars = stem.chars().count();
            let stem_prefixes = prefix_hashes(stem);
            for len in 1..=MAX_AFFIX {
                if stem_chars > len as usize {
                    let suffix = &stem[before_last_chars(stem, len as usize)..];
                    if len >= 2 {
                        keys.push(key(
                            template::STEM_PREFIX + len,
                            stem_prefixes[len as usize - 1],
                        ));
                    }
                    keys.push(key(template::STEM_SUFFIX + len, hash_str(suffix)));
                }
            }
            keys.push(key(template::PROCLITIC, hash_str(&word[..prefix_len])));
            keys.push(key(
                template::ENCLITIC,
                hash_str(&word[word.len() - suffix_len..]),
            ));
            keys.push(key(template::ARTICLE, u64::from(this.has_article)));
            keys.push(key(template::LENGTH, chars.min(12) as u64));
            if i == 0 {
                keys.push(key(template::FIRST, 0));
            }
            if i + 1 == n {
                keys.push(key(template::LAST, 0));
            }
        }
        out.starts.push(keys.len());
        out.keys = keys;
    }

    /// The segmentation of a folded word used for its stem features: the longest peeled stem
    /// the vocabulary knows; else, when the word carries the article, what follows it; else
    /// the word whole.
    fn stem<'w>(&self, word: &'w str) -> Segmentation<'w> {
        let candidates = segmentations(word);
        let known = candidates
            .iter()
            .skip(1)
            .filter(|s| self.vocabulary.contains(hash_str(s.stem)))
            .fold(None, |best: Option<&Segmentation>, s| match best {
                Some(b) if b.stem.len() >= s.stem.len() => Some(b),
                _ => Some(s),
            });
        let with_article = || {
            candidates
                .iter()
                .filter(|s| s.has_article && s.suffix.is_empty())
                .max_by_key(|s| s.prefix.len())
        };
        *known.or_else(with_article).unwrap_or(&candidates[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The recurrence class of stem 7 (which appears in sentence 0 and in sentence `at`) as
    /// seen from sentence `at`.
    fn class_seen_from(at: usize) -> u64 {
        let mut stems = vec![vec![1, 2]; at + 1];
        stems[0] = vec![7, 2];
        stems[at] = vec![7];
        let mut seen = None;
        in_context(&stems, |s, around| {
            if s == at {
                seen = Some(around.class(7));
            }
        });
        seen.unwrap()
    }

    #[test]
    fn recurrences_count_the_sentences_around_only() {
        assert_eq!(class_seen_from(AROUND), 1, "twice within reach");
        assert_eq!(class_seen_from(AROUND + 1), 0, "the first is out of reach");
        let mut counted = Vec::new();
        in_context(&[vec![1, 2], vec![1, 2], vec![3]], |_, around| {
            counted.push((around.class(1), around.class(pair(1, 2))));
        });
        assert_eq!(counted, [(1, 1), (1, 1), (1, 1)]);
    }
}
