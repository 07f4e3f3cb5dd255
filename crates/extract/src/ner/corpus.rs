//! Tagged sentences in the ANERcorp format, and entity-level scores over them.

use std::fmt;

use super::{NameKind, Tag, spans};

/// One tagged sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedSentence {
    /// The tokens as written.
    pub tokens: Vec<String>,
    /// One tag per token.
    pub tags: Vec<Tag>,
}

/// Sentences tagged with ANERcorp's BIO tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corpus {
    /// The sentences, in file order.
    pub sentences: Vec<TaggedSentence>,
}

/// A line of a corpus that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct CorpusError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

impl Corpus {
    /// Reads the ANERcorp format: `token TAG` a line (space or tab before the tag), a blank line
    /// between sentences.
    pub fn parse(text: &str) -> Result<Corpus, CorpusError> {
        let mut sentences = Vec::new();
        let mut current = TaggedSentence {
            tokens: Vec::new(),
            tags: Vec::new(),
        };
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                if !current.tokens.is_empty() {
                    sentences.push(std::mem::replace(
                        &mut current,
                        TaggedSentence {
                            tokens: Vec::new(),
                            tags: Vec::new(),
                        },
                    ));
                }
                continue;
            }
            let error = |problem: String| CorpusError {
                line: n + 1,
                problem,
            };
            let (token, tag) = line
                .rsplit_once([' ', '\t'])
                .filter(|(token, _)| !token.is_empty())
                .ok_or_else(|| error(format!("expected `token TAG`, found {line:?}")))?;
            let tag = Tag::parse(tag.trim_end_matches('\r'))
                .ok_or_else(|| error(format!("unknown tag {tag:?}")))?;
            current.tokens.push(token.to_string());
            current.tags.push(tag);
        }
        if !current.tokens.is_empty() {
            sentences.push(current);
        }
        Ok(Corpus { sentences })
    }

    /// Splits off the last `fraction` of the sentences (rounded to the nearest sentence):
    /// `(first part, held-out part)`.
    pub fn split_holdout(mut self, fraction: f64) -> (Corpus, Corpus) {
        let len = self.sentences.len();
        let held = ((len as f64 * fraction.clamp(0.0, 1.0)).round() as usize).min(len);
        let tail = self.sentences.split_off(len - held);
        (self, Corpus { sentences: tail })
    }

    /// The corpus in the ANERcorp format (`token TAG` lines, blank line after each sentence).
    pub fn to_conll(&self) -> String {
        let mut out = String::new();
        for sentence in &self.sentences {
            for (token, tag) in sentence.tokens.iter().zip(&sentence.tags) {
                out.push_str(token);
                out.push(' ');
                out.push_str(tag.as_str());
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }

    /// The number of tokens.
    pub fn num_tokens(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

/// Counts for one kind of name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeScore {
    /// Names found with exactly the gold span and kind.
    pub true_positives: usize,
    /// Names found that are not in the gold.
    pub false_positives: usize,
    /// Gold names not found.
    pub false_negatives: usize,
}

impl TypeScore {
    /// Precision, recall and F1, each in `0..=100`.
    pub fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        );
        let r = ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        );
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }

    fn add(&mut self, other: &TypeScore) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// Entity-level scores (exact span and kind), as `shared/eval/conll_f1.py` computes them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Per kind, in [`NameKind::ALL`] order.
    pub by_kind: [TypeScore; 4],
}

impl Scores {
    /// Adds the comparison of one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        let gold = spans(gold);
        let predicted = spans(predicted);
        for (k, kind) in NameKind::ALL.into_iter().enumerate() {
            let score = &mut self.by_kind[k];
            let of_kind = |s: &&super::NameSpan| s.kind == kind;
            for p in predicted.iter().filter(of_kind) {
                if gold.contains(p) {
                    score.true_positives += 1;
                } else {
                    score.false_positives += 1;
                }
            }
            score.false_negatives += gold
                .iter()
                .filter(of_kind)
                .filter(|g| !predicted.contains(g))
                .count();
        }
    }

    /// The micro-averaged counts over all kinds.
    pub fn micro(&self) -> TypeScore {
        let mut total = TypeScore::default();
        for score in &self.by_kind {
            total.add(score);
        }
        total
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (kind, score) in NameKind::ALL.iter().zip(&self.by_kind) {
            let (p, r, f1) = score.prf();
            writeln!(
                f,
                "{:5} P={p:5.1} R={r:5.1} F1={f1:5.1}  (gold {})",
                kind.as_str(),
                score.true_positives + score.false_negatives
            )?;
        }
        let (p, r, f1) = self.micro().prf();
        write!(f, "micro P={p:.1} R={r:.1} F1={f1:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "زار B-PERS\nسمير I-PERS\nمدينة O\nوهران B-LOC\n\nقال O\nمصدر O\n";

    #[test]
    fn parses_and_writes_the_anercorp_format() {
        let corpus = Corpus::parse(TEXT).unwrap();
        assert_eq!(corpus.sentences.len(), 2);
        assert_eq!(corpus.sentences[0].tags[3], Tag::Begin(NameKind::Place));
        assert_eq!(Corpus::parse(&corpus.to_conll()).unwrap(), corpus);
        assert_eq!(corpus.num_tokens(), 6);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let err = Corpus::parse("كلمة O\nكلمة B-FOO\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(Corpus::parse("وحدها\n").is_err());
    }

    #[test]
    fn holdout_takes_the_last_sentences() {
        let corpus = Corpus::parse(TEXT).unwrap();
        let (train, dev) = corpus.clone().split_holdout(0.5);
        assert_eq!(train.sentences, corpus.sentences[..1]);
        assert_eq!(dev.sentences, corpus.sentences[1..]);
    }

    #[test]
    fn scores_count_exact_spans_only() {
        use NameKind::*;
        let gold = [Tag::Begin(Person), Tag::Inside(Person), Tag::Begin(Place)];
        let predicted = [Tag::Begin(Person), Tag::Outside, Tag::Begin(Place)];
        let mut scores = Scores::default();
        scores.add(&gold, &predicted);
        let person = scores.by_kind[Person as usize];
        assert_eq!(
            (
                person.true_positives,
                person.false_positives,
                person.false_negatives
            ),
            (0, 1, 1)
        );
        assert_eq!(scores.micro().true_positives, 1);
        let (p, r, f) = scores.micro().prf();
        assert_eq!((p.round(), r.round(), f.round()), (50.0, 50.0, 50.0));
    }
}
