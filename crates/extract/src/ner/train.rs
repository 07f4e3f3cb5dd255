//! Training: an averaged structured perceptron (Collins 2002) with Viterbi decoding, the
//! sentences visited in a seeded shuffled order each epoch. Pure and deterministic: the same
//! corpus, options and lexicon give the same model, byte for byte.

use std::collections::HashMap;

use super::Corpus;
use super::features::{
    Extractor, LexiconFlags, SentenceFeatures, hash_str, in_context, no_lexicon,
};
use super::labels::{self, NUM_LABELS};
use super::model::{KeyTable, Tagger, Transitions, viterbi};
use crate::fold;

/// How to train.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes over the corpus.
    pub epochs: usize,
    /// Seed of the order in which sentences are visited.
    pub seed: u64,
    /// A feature is kept when it occurs at least this often in the corpus.
    pub min_feature_count: u32,
    /// A word joins the vocabulary (stems worth peeling to) when it occurs this often.
    pub min_word_count: u32,
    /// The share of training sentences seen without lexicon hits, so that the model also
    /// learns to find names from their form and context alone (the lexicons hold every
    /// training name; the names of the news mostly not).
    pub lexicon_dropout: f64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 12,
            seed: 0x6b68_6162_6172,
            min_feature_count: 1,
            min_word_count: 2,
            lexicon_dropout: 0.5,
        }
    }
}

/// A sentence as feature rows and gold tag indexes.
struct Example {
    /// Token `i` has the rows `rows[starts[i]..starts[i + 1]]`.
    rows: Vec<u32>,
    starts: Vec<usize>,
    gold: Vec<usize>,
}

/// Weights being learnt, with the sums that give their average (the "lazy" trick: the average
/// after `c` steps is `w - sum / c` where each update `d` made at step `s` adds `s d` to `sum`).
struct Averaged {
    weights: Vec<i32>,
    sums: Vec<i64>,
}

impl Averaged {
    fn new(len: usize) -> Averaged {
        Averaged {
            weights: vec![0; len],
            sums: vec![0; len],
        }
    }

    fn update(&mut self, index: usize, delta: i32, step: i64) {
        self.weights[index] += delta;
        self.sums[index] += step * i64::from(delta);
    }

    fn average(&self, steps: i64) -> Vec<f32> {
        self.weights
            .iter()
            .zip(&self.sums)
            .map(|(&w, &s)| (f64::from(w) - s as f64 / steps as f64) as f32)
            .collect()
    }
}

/// A small deterministic generator (SplitMix64) for the visiting order.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Learns a model from `corpus`. `lexicon` gives the gazetteer hits of a folded word (the
/// same function must be given to the tagger). `after_epoch(epoch, model)` is called after
/// each pass with the averaged model so far (e.g. to score a dev split).
pub fn train(
    corpus: &Corpus,
    options: &TrainOptions,
    lexicon: LexiconFlags,
    mut after_epoch: impl FnMut(usize, &Tagger),
) -> Tagger {
    let folded: Vec<Vec<String>> = corpus
        .sentences
        .iter()
        .map(|s| s.tokens.iter().map(|t| fold(t)).collect())
        .collect();
    let vocabulary = vocabulary(&folded, options.min_word_count);
    let vocabulary_table = KeyTable::from_keys(&vocabulary);
    let extractor = Extractor {
        vocabulary: &vocabulary_table,
        lexicon,
    };
    let without_lexicon = Extractor {
        vocabulary: &vocabulary_table,
        lexicon: &no_lexicon,
    };
    let mut random = SplitMix(options.seed);

    // Every sentence's feature keys, then rows for the keys seen often enough.
    let mut buffer = SentenceFeatures::default();
    let mut sentence_keys = Vec::with_capacity(folded.len());
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut first_seen = Vec::new();
    let sentences: Vec<Vec<&str>> = folded
        .iter()
        .map(|words| words.iter().map(String::as_str).collect())
        .collect();
    let stems: Vec<Vec<u64>> = sentences.iter().map(|w| extractor.stems(w)).collect();
    in_context(&stems, |s, around| {
        let dropped = random.unit() < options.lexicon_dropout;
        if dropped {
            without_lexicon.extract(&sentences[s], around, &mut buffer);
        } else {
            extractor.extract(&sentences[s], around, &mut buffer);
        }
        for &key in &buffer.keys {
            let count = counts.entry(key).or_insert(0);
            if *count == 0 {
                first_seen.push(key);
            }
            *count += 1;
        }
        sentence_keys.push((buffer.keys.clone(), buffer.starts.clone()));
    });
    let keys: Vec<u64> = first_seen
        .into_iter()
        .filter(|k| counts[k] >= options.min_feature_count)
        .collect();
    drop(counts);
    let rows: HashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let examples: Vec<Example> = sentence_keys
        .into_iter()
        .zip(&corpus.sentences)
        .map(|((sentence_keys, starts), sentence)| {
            let mut kept = Vec::with_capacity(sentence_keys.len());
            let mut kept_starts = Vec::with_capacity(starts.len());
            for window in starts.windows(2) {
                kept_starts.push(kept.len());
                kept.extend(
                    sentence_keys[window[0]..window[1]]
                        .iter()
                        .filter_map(|k| rows.get(k).copied()),
                );
            }
            kept_starts.push(kept.len());
            Example {
                rows: kept,
                starts: kept_starts,
                gold: labels::of_tags(&sentence.tags),
            }
        })
        .collect();
    drop(rows);

    let mut weights = Averaged::new(keys.len() * NUM_LABELS);
    let mut transitions = Averaged::new((NUM_LABELS + 1) * NUM_LABELS);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut step: i64 = 1;
    let mut emissions = Vec::new();
    let mut model = averaged_model(&keys, &weights, &transitions, step, &vocabulary);
    for epoch in 1..=options.epochs {
        random.shuffle(&mut order);
        for &e in &order {
            let example = &examples[e];
            scores(example, &weights.weights, &mut emissions);
            let current: Vec<f32> = transitions.weights.iter().map(|&w| w as f32).collect();
            let current = transitions_of(&current);
            let predicted = viterbi(&emissions, &current);
            if predicted != example.gold {
                for (i, (&gold, &guess)) in example.gold.iter().zip(&predicted).enumerate() {
                    let from_gold = if i == 0 { 0 } else { example.gold[i - 1] + 1 };
                    let from_guess = if i == 0 { 0 } else { predicted[i - 1] + 1 };
                    if gold != guess || from_gold != from_guess {
                        transitions.update(from_gold * NUM_LABELS + gold, 1, step);
                        transitions.update(from_guess * NUM_LABELS + guess, -1, step);
                    }
                    if gold != guess {
                        for &row in &example.rows[example.starts[i]..example.starts[i + 1]] {
                            let row = row as usize * NUM_LABELS;
                            weights.update(row + gold, 1, step);
                            weights.update(row + guess, -1, step);
                        }
                    }
                }
            }
            step += 1;
        }
        model = averaged_model(&keys, &weights, &transitions, step, &vocabulary);
        after_epoch(epoch, &model);
    }
    model
}

/// The folded words seen at least `min_count` times, in first-seen order.
fn vocabulary(folded: &[Vec<String>], min_count: u32) -> Vec<u64> {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut order = Vec::new();
    for word in folded.iter().flatten() {
        let key = hash_str(word);
        let count = counts.entry(key).or_insert(0);
        *count += 1;
        if *count == min_count.max(1) {
            order.push(key);
        }
    }
    order
}

/// The tag scores of each token of `example` under `weights`.
fn scores(example: &Example, weights: &[i32], out: &mut Vec<[f32; NUM_LABELS]>) {
    out.clear();
    for window in example.starts.windows(2) {
        let mut token = [0f32; NUM_LABELS];
        for &row in &example.rows[window[0]..window[1]] {
            let row = row as usize * NUM_LABELS;
            for (s, &w) in token.iter_mut().zip(&weights[row..row + NUM_LABELS]) {
                *s += w as f32;
            }
        }
        out.push(token);
    }
}

fn transitions_of(flat: &[f32]) -> Transitions {
    let mut out = [[0.0; NUM_LABELS]; NUM_LABELS + 1];
    for (row, cells) in out.iter_mut().enumerate() {
        cells.copy_from_slice(&flat[row * NUM_LABELS..(row + 1) * NUM_LABELS]);
    }
    out
}

/// The averaged model after `steps` steps, without the features whose weights all average
/// to (nearly) zero.
fn averaged_model(
    keys: &[u64],
    weights: &Averaged,
    transitions: &Averaged,
    steps: i64,
    vocabulary: &[u64],
) -> Tagger {
    let averaged = weights.average(steps);
    let largest = averaged.iter().fold(0f32, |m, w| m.max(w.abs()));
    let negligible = largest / 32767.0 / 2.0;
    let mut kept_keys = Vec::new();
    let mut kept_weights = Vec::new();
    for (key, row) in keys.iter().zip(averaged.chunks_exact(NUM_LABELS)) {
        if row.iter().any(|w| w.abs() > negligible) {
            kept_keys.push(*key);
            kept_weights.extend_from_slice(row);
        }
    }
    Tagger::from_parts(
        &kept_keys,
        kept_weights,
        transitions_of(&transitions.average(steps)),
        vocabulary,
    )
}
