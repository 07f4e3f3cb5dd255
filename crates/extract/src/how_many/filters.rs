//! What is no count: a figure that a year cue, a month, a clock or a model name shows to be
//! something else, the rest of an ordinal; and a figure repeated more than twice.

use std::collections::HashMap;

use super::context::bare;
use super::figures::Figure;
use super::lexicon::{Lexicon, NumWord, flag, has, number_word};
use super::{folded, token, touching};
use crate::text::{Doc, TokenKind};
use crate::{Quantity, Vague, fold};

pub(super) fn is_year(v: f64) -> bool {
    v.fract() == 0.0 && (1900.0..=2100.0).contains(&v)
}

/// Whether what stands before the figure shows it is a year, a date, a time, a model, a
/// reference number or the rest of an ordinal.
pub(super) fn excluded_before(doc: &Doc, lex: &Lexicon, i: usize, fig: &Figure) -> bool {
    if i == 0 {
        return false;
    }
    let p = i - 1;
    let prev = token(doc, p);
    let w = folded(doc, p);
    if !fig.digits && has(lex, w, flag::ORDINAL) {
        // `التاسع عشر`, `الثالثة والثمانين`; not `الثالثة بسبعة أشواط`.
        let here = folded(doc, i);
        let tens = here.starts_with('و')
            && matches!(number_word(lex, here), Some((NumWord::Ten(_), _, _)));
        if matches!(here, "عشر" | "عشره") || tens {
            return true;
        }
    }
    if fig.digits {
        if prev.is_some_and(|t| t.kind == TokenKind::Latin) {
            return true;
        }
        if matches!(w, ":" | "/" | "#") && touching(doc, p, i) {
            return true;
        }
        if matches!(w, "-" | "–") && touching(doc, p, i) {
            // `72-500` after a model name, `2018-2019`.
            return p
                .checked_sub(1)
                .and_then(|q| token(doc, q))
                .is_some_and(|t| t.kind == TokenKind::Number);
        }
        let leading_zero = fig.value >= 1.0 && folded(doc, i).starts_with('0');
        let phone =
            !fig.scaled && folded(doc, i).len() >= 7 && !folded(doc, i).contains([',', '.']);
        if leading_zero || phone {
            return true;
        }
        if has(lex, w, flag::MONTH) || has(lex, w, flag::DAY) {
            return true;
        }
    }
    if !fig.scaled && (has(lex, w, flag::YEAR_CUE) || has(lex, bare(doc, p), flag::YEAR_CUE)) {
        return fig.digits || fig.value >= 1000.0;
    }
    has(lex, w, flag::NOT_COUNT_CUE)
}

/// Keeps at most two quantities with the same value and unit (a repeated figure is listed
/// twice at most).
pub(super) fn keep_at_most_two_repeats(all: Vec<Quantity>) -> Vec<Quantity> {
    let mut seen: HashMap<(u64, u64, Option<Vague>, String), u8> = HashMap::new();
    all.into_iter()
        .filter(|q| {
            let key = (
                q.min.map_or(u64::MAX, f64::to_bits),
                q.max.map_or(u64::MAX, f64::to_bits),
                q.vague,
                q.unit.as_deref().map(fold).unwrap_or_default(),
            );
            let n = seen.entry(key).or_insert(0);
            *n += 1;
            *n <= 2
        })
        .collect()
}
