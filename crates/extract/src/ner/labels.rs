//! The labels the tagger learns and decodes: BILOU (begin, inside, last, unit) rather than the
//! corpus's BIO, so that the model learns the end of a name and one-word names apart. Converted
//! from BIO tags for training and back to BIO after decoding.

#[cfg(any(test, feature = "dev"))]
use super::spans;
use super::{NameKind, Tag};

/// The number of labels: `O`, then `B`, `I`, `L`, `U` of each kind in [`NameKind::ALL`] order.
pub(crate) const NUM_LABELS: usize = 1 + 4 * NameKind::ALL.len();

const OUTSIDE: usize = 0;
const BEGIN: usize = 0;
const INSIDE: usize = 1;
const LAST: usize = 2;
const UNIT: usize = 3;

#[cfg(any(test, feature = "dev"))]
fn label(kind: NameKind, position: usize) -> usize {
    1 + 4 * kind as usize + position
}

/// The position (`BEGIN`…`UNIT`) and kind of a label other than `O`.
fn parts(label: usize) -> Option<(usize, NameKind)> {
    (label != OUTSIDE).then(|| ((label - 1) % 4, NameKind::ALL[(label - 1) / 4]))
}

#[cfg(any(test, feature = "dev"))]
/// The labels of a sentence's BIO tags (names as CoNLL reads them, see [`spans`]).
pub(super) fn of_tags(tags: &[Tag]) -> Vec<usize> {
    let mut out = vec![OUTSIDE; tags.len()];
    for name in spans(tags) {
        let (start, end) = (name.tokens.start, name.tokens.end);
        if end - start == 1 {
            out[start] = label(name.kind, UNIT);
            continue;
        }
        out[start] = label(name.kind, BEGIN);
        for l in &mut out[start + 1..end - 1] {
            *l = label(name.kind, INSIDE);
        }
        out[end - 1] = label(name.kind, LAST);
    }
    out
}

/// The BIO tag of a label.
pub(super) fn to_tag(label: usize) -> Tag {
    match parts(label) {
        None => Tag::Outside,
        Some((BEGIN | UNIT, kind)) => Tag::Begin(kind),
        Some((_, kind)) => Tag::Inside(kind),
    }
}

/// Whether `label` may follow `previous` (`None` at the start of a sentence): inside a name
/// only its `I` or `L` may come; outside one, only `O`, `B` or `U`.
pub(super) fn may_follow(label: usize, previous: Option<usize>) -> bool {
    let open = previous
        .and_then(parts)
        .filter(|(position, _)| matches!(*position, BEGIN | INSIDE));
    match (open, parts(label)) {
        (Some((_, open)), Some((INSIDE | LAST, kind))) => open == kind,
        (Some(_), _) => false,
        (None, Some((INSIDE | LAST, _))) => false,
        (None, _) => true,
    }
}

/// Whether a sentence may end on `label` (not inside an open name).
pub(super) fn may_end(label: usize) -> bool {
    !matches!(parts(label), Some((BEGIN | INSIDE, _)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_to_bilou_and_back() {
        let tags: Vec<Tag> = ["B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "B-ORG", "I-ORG"]
            .iter()
            .map(|t| Tag::parse(t).unwrap())
            .collect();
        let labels = of_tags(&tags);
        let person = NameKind::Person;
        assert_eq!(
            labels,
            [
                label(person, BEGIN),
                label(person, INSIDE),
                label(person, LAST),
                OUTSIDE,
                label(NameKind::Place, UNIT),
                label(NameKind::Organization, BEGIN),
                label(NameKind::Organization, LAST),
            ]
        );
        let back: Vec<Tag> = labels.iter().map(|&l| to_tag(l)).collect();
        assert_eq!(back, tags);
    }

    #[test]
    fn a_name_runs_from_its_begin_to_its_last() {
        let person = NameKind::Person;
        assert!(may_follow(label(person, BEGIN), None));
        assert!(!may_follow(label(person, INSIDE), None));
        assert!(may_follow(label(person, LAST), Some(label(person, BEGIN))));
        assert!(!may_follow(
            label(NameKind::Place, LAST),
            Some(label(person, BEGIN))
        ));
        assert!(!may_follow(OUTSIDE, Some(label(person, INSIDE))));
        assert!(may_follow(OUTSIDE, Some(label(person, UNIT))));
        assert!(!may_end(label(person, BEGIN)));
        assert!(may_end(label(person, LAST)));
    }
}
