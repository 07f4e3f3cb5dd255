//! The tagger: feature weights in a flat little-endian file, Viterbi decoding over the 17
//! BILOU labels (see [`super::labels`]), read back as BIO tags.
//!
//! File layout (all little-endian): the magic `KHABNER2`; `u32` number of labels (17), number of
//! features, number of vocabulary words; `f32` weight scale; `f32` transitions, 18 × 17 (row 0
//! from the sentence start, row `p + 1` from tag `p`); `u64` feature keys; `i16` weights,
//! 17 per feature in key order, each `weight × scale`; `u64` vocabulary keys.

use super::consistency::propagate;
use super::features::{Extractor, LexiconFlags, SentenceFeatures, in_context};
use super::labels::{self, NUM_LABELS};
use super::{NameSpan, Tag, spans};
use crate::fold_into;
use crate::text::Doc;

const MAGIC: &[u8; 8] = b"KHABNER2";

/// Transition scores: row 0 from the sentence start, row `p + 1` from tag `p`.
pub(super) type Transitions = [[f32; NUM_LABELS]; NUM_LABELS + 1];

/// A model file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not a khabar name-tagger model.
    #[error("not a khabar name-tagger model (bad magic)")]
    BadMagic,
    /// Made for another set of tags.
    #[error("the model has {0} labels, expected {NUM_LABELS}")]
    WrongTags(u32),
    /// Cut short or with trailing bytes.
    #[error("the model file is {found} bytes, its header says {expected}")]
    WrongLength {
        /// The length the header implies.
        expected: usize,
        /// The actual length.
        found: usize,
    },
}

/// An open-addressing hash table from 64-bit keys (never 0) to row numbers.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyTable {
    slots: Vec<Slot>,
    len: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    row: u32,
}

impl KeyTable {
    /// A table holding `keys[i] → i`.
    pub fn from_keys(keys: &[u64]) -> KeyTable {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut table = KeyTable {
            slots: vec![Slot::default(); size],
            len: 0,
        };
        for (row, &key) in keys.iter().enumerate() {
            table.insert(key, row as u32);
        }
        table
    }

    fn insert(&mut self, key: u64, row: u32) {
        let key = key.max(1);
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        while self.slots[i].key != 0 {
            if self.slots[i].key == key {
                return;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot { key, row };
        self.len += 1;
    }

    /// The row of `key`, if present.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u32> {
        let key = key.max(1);
        let mask = self.slots.len().wrapping_sub(1);
        if self.slots.is_empty() {
            return None;
        }
        let mut i = key as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.key == key {
                return Some(slot.row);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether `key` is present.
    pub fn contains(&self, key: u64) -> bool {
        self.get(key).is_some()
    }

    #[cfg(any(test, feature = "dev"))]
    /// The keys in row order.
    pub fn keys(&self) -> Vec<u64> {
        let mut keys = vec![0; self.len];
        for slot in self.slots.iter().filter(|s| s.key != 0) {
            keys[slot.row as usize] = slot.key;
        }
        keys
    }
}

/// An open-addressing hash table from feature keys (never 0) to their row number and their
/// label weights, held in the slot itself so that a lookup touches one place in memory. The
/// weights are `i16`, `weight × scale` (as the model file stores them), to keep the table
/// small enough for the caches.
#[derive(Debug, Clone)]
struct WeightTable {
    slots: Vec<WeightSlot>,
    #[cfg_attr(
        not(any(test, feature = "dev")),
        allow(dead_code, reason = "read by the model writer (feature dev)")
    )]
    len: usize,
    /// What a stored weight is multiplied by.
    scale: f32,
}

#[derive(Debug, Clone, Copy, Default)]
struct WeightSlot {
    key: u64,
    #[cfg_attr(
        not(any(test, feature = "dev")),
        allow(dead_code, reason = "read by the model writer (feature dev)")
    )]
    row: u32,
    weights: [i16; NUM_LABELS],
}

/// The first slot looked at for a key, and whether it holds the key.
#[derive(Debug, Clone, Copy)]
struct Probe {
    slot: u32,
    found: bool,
}

impl WeightTable {
    #[cfg(any(test, feature = "dev"))]
    /// A table holding `keys[i] → (i, weights[17 i..17 i + 17])`, the weights scaled so that
    /// the largest is ±32767.
    fn new(keys: &[u64], weights: &[f32]) -> WeightTable {
        let largest = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 {
            32767.0 / largest
        } else {
            1.0
        };
        let quantized: Vec<i16> = weights
            .iter()
            .map(|w| (w * scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        WeightTable::quantized(keys, &quantized, scale)
    }

    /// A table holding `keys[i] → (i, weights[17 i..17 i + 17])`, weights already scaled.
    fn quantized(keys: &[u64], weights: &[i16], scale: f32) -> WeightTable {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![WeightSlot::default(); size];
        let mask = size - 1;
        let mut len = 0;
        for (row, (&key, row_weights)) in keys
            .iter()
            .zip(weights.chunks_exact(NUM_LABELS))
            .enumerate()
        {
            let key = key.max(1);
            let mut i = key as usize & mask;
            while slots[i].key != 0 && slots[i].key != key {
                i = (i + 1) & mask;
            }
            if slots[i].key == 0 {
                let mut weights = [0; NUM_LABELS];
                weights.copy_from_slice(row_weights);
                slots[i] = WeightSlot {
                    key,
                    row: row as u32,
                    weights,
                };
                len += 1;
            }
        }
        WeightTable { slots, len, scale }
    }

    /// Where the search for `key` starts, and whether `key` is there: loaded for all the keys
    /// of a sentence before any is used, so that their memory reads overlap.
    #[inline]
    fn first_probe(&self, key: u64) -> Probe {
        let key = key.max(1);
        let slot = key as usize & (self.slots.len() - 1);
        Probe {
            slot: slot as u32,
            found: self.slots[slot].key == key,
        }
    }

    /// The weights of `key`, if present, going on from its [`WeightTable::first_probe`].
    #[inline]
    fn get(&self, key: u64, probe: Probe) -> Option<&[i16; NUM_LABELS]> {
        let mut i = probe.slot as usize;
        if probe.found {
            return Some(&self.slots[i].weights);
        }
        let key = key.max(1);
        let mask = self.slots.len() - 1;
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return Some(&slot.weights);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The slots in row order.
    #[cfg(any(test, feature = "dev"))]
    fn rows(&self) -> Vec<&WeightSlot> {
        let mut rows: Vec<&WeightSlot> = self.slots.iter().filter(|s| s.key != 0).collect();
        rows.sort_unstable_by_key(|s| s.row);
        rows
    }
}

/// A loaded name-tagging model. Immutable and `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Tagger {
    features: WeightTable,
    transitions: Transitions,
    vocabulary: KeyTable,
}

/// Buffers reused from sentence to sentence while tagging.
#[derive(Debug, Default)]
struct Scratch {
    features: SentenceFeatures,
    emissions: Vec<[f32; NUM_LABELS]>,
    /// The first probe of each of `features.keys`.
    probes: Vec<Probe>,
}

impl Tagger {
    #[cfg(any(test, feature = "dev"))]
    /// A tagger from its parts: `keys[i]` has the weights `weights[17 i..17 i + 17]`.
    pub(super) fn from_parts(
        keys: &[u64],
        weights: Vec<f32>,
        transitions: Transitions,
        vocabulary: &[u64],
    ) -> Tagger {
        debug_assert_eq!(keys.len() * NUM_LABELS, weights.len());
        Tagger {
            features: WeightTable::new(keys, &weights),
            transitions,
            vocabulary: KeyTable::from_keys(vocabulary),
        }
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let header = 8 + 4 * 4 + 4 * NUM_LABELS * (NUM_LABELS + 1);
        if bytes.len() < header || &bytes[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let mut reader = Reader { bytes, at: 8 };
        let tags = reader.u32();
        if tags as usize != NUM_LABELS {
            return Err(ModelError::WrongTags(tags));
        }
        let num_features = reader.u32() as usize;
        let num_vocabulary = reader.u32() as usize;
        let expected = header + num_features * (8 + 2 * NUM_LABELS) + num_vocabulary * 8;
        if bytes.len() != expected {
            return Err(ModelError::WrongLength {
                expected,
                found: bytes.len(),
            });
        }
        let scale = f32::from_bits(reader.u32());
        let mut transitions = [[0.0; NUM_LABELS]; NUM_LABELS + 1];
        for row in &mut transitions {
            for cell in row.iter_mut() {
                *cell = f32::from_bits(reader.u32());
            }
        }
        let keys: Vec<u64> = (0..num_features).map(|_| reader.u64()).collect();
        let weights: Vec<i16> = (0..num_features * NUM_LABELS)
            .map(|_| reader.i16())
            .collect();
        let vocabulary: Vec<u64> = (0..num_vocabulary).map(|_| reader.u64()).collect();
        Ok(Tagger {
            features: WeightTable::quantized(&keys, &weights, scale),
            transitions,
            vocabulary: KeyTable::from_keys(&vocabulary),
        })
    }

    #[cfg(any(test, feature = "dev"))]
    /// The model as bytes (see the module doc for the layout). Weights are stored as `i16`
    /// scaled so that the largest is ±32767.
    pub fn to_bytes(&self) -> Vec<u8> {
        let rows = self.features.rows();
        let vocabulary = self.vocabulary.keys();
        let mut out = Vec::with_capacity(
            64 + 4 * NUM_LABELS * (NUM_LABELS + 1) + rows.len() * 26 + vocabulary.len() * 8,
        );
        out.extend_from_slice(MAGIC);
        for n in [NUM_LABELS, rows.len(), vocabulary.len()] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        out.extend_from_slice(&self.features.scale.to_le_bytes());
        for row in &self.transitions {
            for cell in row {
                out.extend_from_slice(&cell.to_le_bytes());
            }
        }
        for row in &rows {
            out.extend_from_slice(&row.key.to_le_bytes());
        }
        for w in rows.iter().flat_map(|row| row.weights) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        for key in &vocabulary {
            out.extend_from_slice(&key.to_le_bytes());
        }
        out
    }

    #[cfg(any(test, feature = "dev"))]
    /// The number of feature rows.
    pub fn num_features(&self) -> usize {
        self.features.len
    }

    #[cfg(any(test, feature = "dev"))]
    /// Tags a sentence of tokens as written (folded here).
    pub fn tag(&self, tokens: &[&str], lexicon: LexiconFlags) -> Vec<Tag> {
        self.tag_sentences(&[tokens.to_vec()], lexicon)
            .pop()
            .unwrap_or_default()
    }

    /// Tags consecutive sentences of tokens as written (the `--conll` input), then tags again
    /// the untagged recurrences of names found in nearby sentences (see
    /// [`super::consistency`]).
    pub fn tag_sentences(&self, sentences: &[Vec<&str>], lexicon: LexiconFlags) -> Vec<Vec<Tag>> {
        let folded: Vec<(String, Vec<usize>)> = sentences
            .iter()
            .map(|tokens| {
                let mut folded = String::with_capacity(tokens.iter().map(|t| t.len()).sum());
                let mut ends = Vec::with_capacity(tokens.len());
                for token in tokens {
                    for c in token.chars() {
                        fold_into(c, &mut folded);
                    }
                    ends.push(folded.len());
                }
                (folded, ends)
            })
            .collect();
        let words: Vec<Vec<&str>> = folded
            .iter()
            .map(|(folded, ends)| {
                let starts = std::iter::once(0).chain(ends.iter().copied());
                starts.zip(ends).map(|(a, &b)| &folded[a..b]).collect()
            })
            .collect();
        self.tag_folded_sentences(&words, lexicon)
    }

    /// The names in a document, tagged sentence by sentence (recurrences of a name tagged
    /// alike, see [`super::consistency`]), as ranges of `doc.tokens`.
    pub fn names(&self, doc: &Doc, lexicon: LexiconFlags) -> Vec<NameSpan> {
        let words: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|sentence| {
                doc.tokens[sentence.clone()]
                    .iter()
                    .map(|t| t.folded.as_str())
                    .collect()
            })
            .collect();
        let tags = self.tag_folded_sentences(&words, lexicon);
        doc.sentences
            .iter()
            .zip(&tags)
            .flat_map(|(sentence, tags)| {
                spans(tags).into_iter().map(|name| NameSpan {
                    tokens: name.tokens.start + sentence.start..name.tokens.end + sentence.start,
                    kind: name.kind,
                })
            })
            .collect()
    }

    /// Tags consecutive sentences of folded words (see [`crate::fold`]), each in the
    /// context of the sentences around it, then tags the recurrences of the names found.
    pub fn tag_folded_sentences(
        &self,
        sentences: &[Vec<&str>],
        lexicon: LexiconFlags,
    ) -> Vec<Vec<Tag>> {
        let extractor = Extractor {
            vocabulary: &self.vocabulary,
            lexicon,
        };
        let stems: Vec<Vec<u64>> = sentences.iter().map(|w| extractor.stems(w)).collect();
        let mut scratch = Scratch::default();
        let mut tags = Vec::with_capacity(sentences.len());
        in_context(&stems, |s, around| {
            extractor.extract(&sentences[s], around, &mut scratch.features);
            tags.push(self.decode(&mut scratch));
        });
        propagate(&stems, &mut tags);
        tags
    }

    /// The best tags for the features in `scratch`.
    fn decode(&self, scratch: &mut Scratch) -> Vec<Tag> {
        let features = &scratch.features;
        let emissions = &mut scratch.emissions;
        emissions.clear();
        emissions.resize(features.len(), [0f32; NUM_LABELS]);
        let probes = &mut scratch.probes;
        probes.clear();
        probes.extend(
            features
                .keys
                .iter()
                .map(|&key| self.features.first_probe(key)),
        );
        let unscale = 1.0 / self.features.scale;
        for (i, scores) in emissions.iter_mut().enumerate() {
            let range = features.starts[i]..features.starts[i + 1];
            let mut sums = [0i32; NUM_LABELS];
            for (&key, &probe) in features.keys[range.clone()].iter().zip(&probes[range]) {
                if let Some(weights) = self.features.get(key, probe) {
                    for (s, &w) in sums.iter_mut().zip(weights) {
                        *s += i32::from(w);
                    }
                }
            }
            for (score, sum) in scores.iter_mut().zip(sums) {
                *score = sum as f32 * unscale;
            }
        }
        viterbi(emissions, &self.transitions)
            .into_iter()
            .map(labels::to_tag)
            .collect()
    }
}

/// For each label, the labels it may follow within a sentence (see [`labels::may_follow`]).
static PREDECESSORS: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(|| {
    (0..NUM_LABELS)
        .map(|label| {
            (0..NUM_LABELS as u8)
                .filter(|&p| labels::may_follow(label, Some(p as usize)))
                .collect()
        })
        .collect()
});

/// The best tag sequence (as indexes) for per-token tag scores and transition scores, among
/// the sequences where every `I-X` continues an `X`.
pub(super) fn viterbi(emissions: &[[f32; NUM_LABELS]], transitions: &Transitions) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let predecessors = &*PREDECESSORS;
    let mut back = vec![[0u8; NUM_LABELS]; n];
    let mut score = [f32::NEG_INFINITY; NUM_LABELS];
    for (t, s) in score.iter_mut().enumerate() {
        if labels::may_follow(t, None) {
            *s = transitions[0][t] + emissions[0][t];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; NUM_LABELS];
        for (t, before) in predecessors.iter().enumerate() {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for &p in before {
                let s = score[p as usize] + transitions[p as usize + 1][t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            next[t] = best + emissions[i][t];
            back[i][t] = arg;
        }
        score = next;
    }
    let mut last = 0;
    for t in 1..NUM_LABELS {
        if labels::may_end(t) && score[t] > score[last] {
            last = t;
        }
    }
    let mut path = vec![0; n];
    path[n - 1] = last;
    for i in (1..n).rev() {
        path[i - 1] = back[i][path[i]] as usize;
    }
    path
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        out.copy_from_slice(&self.bytes[self.at..self.at + N]);
        self.at += N;
        out
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }
    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }
    fn i16(&mut self) -> i16 {
        i16::from_le_bytes(self.take())
    }
}
