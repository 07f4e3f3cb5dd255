//! One name, one kind within a stretch of text: a name the tagger found in one sentence is
//! tagged again where it recurs nearby untagged (`سلتيك` found after `فريق` is `سلتيك` again
//! two sentences later, with no context to tell).

use super::{NameKind, Tag, spans};

/// How far a name carries, in sentences before and after (chosen on the dev split: 5 and 20
/// score within 0.2 F1 of each other; 0 is 1 point lower).
const WINDOW: usize = 20;

/// Tags the untagged recurrences of names: for each sentence, the names found in the sentences
/// at most [`WINDOW`] away (by stem, clitics peeled, longest first) are looked for among its
/// runs of `O` tokens. `stems[s][i]` is the stem hash of token `i` of sentence `s`.
pub(super) fn propagate(stems: &[Vec<u64>], tags: &mut [Vec<Tag>]) {
    let window = WINDOW;
    let found: Vec<Vec<(Vec<u64>, NameKind)>> = stems
        .iter()
        .zip(tags.iter())
        .map(|(stems, tags)| {
            spans(tags)
                .into_iter()
                .map(|name| (stems[name.tokens.clone()].to_vec(), name.kind))
                .collect()
        })
        .collect();
    for s in 0..tags.len() {
        let nearby = s.saturating_sub(window)..(s + window + 1).min(tags.len());
        let mut names: Vec<&(Vec<u64>, NameKind)> = found[nearby].iter().flatten().collect();
        if names.is_empty() {
            continue;
        }
        names.sort_by_key(|name| std::cmp::Reverse(name.0.len()));
        let sentence = &stems[s];
        let tagged = &mut tags[s];
        let mut i = 0;
        while i < sentence.len() {
            let hit = names.iter().find(|(name, _)| {
                name.first() == Some(&sentence[i])
                    && sentence[i..].starts_with(name)
                    && tagged[i..i + name.len()].iter().all(|t| *t == Tag::Outside)
            });
            match hit {
                Some((name, kind)) => {
                    tagged[i] = Tag::Begin(*kind);
                    for t in &mut tagged[i + 1..i + name.len()] {
                        *t = Tag::Inside(*kind);
                    }
                    i += name.len();
                }
                None => i += 1,
            }
        }
    }
}
