//! HOW MANY: the number grammar over digits and words, ranges, bounds, vague counts, money and
//! percentages, with the counted noun attached.
//!
//! One pass over the tokens: at each token that may open a figure (digits, a number word, a
//! vague count, a dual noun) the grammar reads the figure, looks back for a bound or a range
//! opener (`أكثر من`, `نحو`, `بين`, `من`), forward for a range closer, a percent sign, a
//! currency, a measure or the counted noun, and drops what is not a count (years, dates, clock
//! times, durations, ages, model numbers). Every lookup is one hash probe on a folded form.
//!
//! The stages, one module each, over the words of [`Lexicon`] (loaded once, with the engine,
//! from `data/curated/number_words.tsv` and `data/curated/quantity_cues.tsv`):
//! - `figures`: figures in digits and in number words, vague counts and duals;
//! - `context`: what stands around a figure: bounds, ranges and the counted noun (its unit);
//! - `filters`: what is no count (years, dates, times, models, the rest of an ordinal) and
//!   repeated figures.
//!
//! [`quantities`] runs them over a document and assembles each [`Quantity`].

mod context;
mod figures;
mod filters;
mod lexicon;
#[cfg(test)]
mod tests;

pub(crate) use lexicon::Lexicon;

use super::text::{Doc, Token, TokenKind};
use super::{Quantity, QuantityKind, Vague, fold, skip_folded};
use context::{
    Bound, Noun, Opener, bound_after, conjunction_len, currency_before, look_back, noun_after,
    range_close, scale_of,
};
use figures::{read_dual, read_figure, read_vague};
use filters::{excluded_before, is_year};

/// The quantities of a text, in text order.
pub(crate) fn quantities(doc: &Doc, lex: &Lexicon) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    // The sentence and unit of the last quantity with a unit, for lists (`622 مقعدا و827`).
    let mut last_unit: Option<(usize, String, QuantityKind)> = None;
    let mut floor = 0;
    let mut i = 0;
    while i < doc.tokens.len() {
        match read_quantity(doc, lex, i, floor, &last_unit) {
            Some((q, end)) => {
                if let Some(unit) = &q.unit {
                    last_unit = Some((doc.tokens[i].sentence, unit.clone(), q.kind));
                }
                if q.unit.is_some() {
                    out.push(q);
                }
                floor = end;
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    filters::keep_at_most_two_repeats(out)
}

pub(super) fn token<'d>(doc: &'d Doc, i: usize) -> Option<&'d Token> {
    doc.tokens.get(i)
}

pub(super) fn folded<'d>(doc: &'d Doc, i: usize) -> &'d str {
    token(doc, i).map_or("", |t| t.folded.as_str())
}

pub(super) fn is_arabic(doc: &Doc, i: usize) -> bool {
    token(doc, i).is_some_and(|t| t.kind == TokenKind::Arabic)
}

pub(super) fn same_sentence(doc: &Doc, a: usize, b: usize) -> bool {
    match (token(doc, a), token(doc, b)) {
        (Some(x), Some(y)) => x.sentence == y.sentence,
        _ => false,
    }
}

/// Whether tokens `a` and `b = a + 1` touch (no space between them).
pub(super) fn touching(doc: &Doc, a: usize, b: usize) -> bool {
    match (token(doc, a), token(doc, b)) {
        (Some(x), Some(y)) => x.chars.end == y.chars.start,
        _ => false,
    }
}

/// Reads a quantity whose figure starts at token `i`; returns it (unit possibly missing) and the
/// token where the scan resumes. `None` when nothing starts here.
fn read_quantity(
    doc: &Doc,
    lex: &Lexicon,
    i: usize,
    floor: usize,
    last_unit: &Option<(usize, String, QuantityKind)>,
) -> Option<(Quantity, usize)> {
    let t = token(doc, i)?;
    if t.kind == TokenKind::Arabic
        && let Some(found) = read_vague(doc, lex, i, floor)
    {
        return Some(found);
    }
    let Some(first_try) = read_figure(doc, lex, i, true) else {
        return read_dual(doc, lex, i, floor);
    };
    let (start, bound, opener) = look_back(doc, lex, i, floor);
    let fig = if opener == Opener::Between {
        read_figure(doc, lex, i, false).unwrap_or(first_try)
    } else {
        first_try
    };
    if excluded_before(doc, lex, i, &fig) {
        return Some((placeholder(), fig.end));
    }
    let mut end = fig.end;
    let mut min = Some(fig.value);
    let mut max = Some(fig.value);
    let mut span_start = if start < i { start } else { i };
    let mut skip = if start < i {
        conjunction_len(doc, lex, start)
    } else {
        fig.skip
    };
    // Ranges: `بين X و Y`, `من X إلى Y`, `X-Y`.
    let mut ranged = false;
    if let Some((hi, after)) = range_close(doc, lex, &fig, opener) {
        let lo = if !fig.scaled && hi.scaled && hi.value >= 1000.0 {
            let scale = scale_of(hi.value, doc, lex, hi.end);
            fig.value * scale
        } else {
            fig.value
        };
        if fig.digits && hi.digits && is_year(fig.value) && is_year(hi.value) && !fig.scaled {
            return Some((placeholder(), after));
        }
        min = Some(lo);
        max = Some(hi.value);
        end = after;
        ranged = true;
    } else if opener == Opener::From || opener == Opener::Between {
        // A lone `من`/`بين` is a preposition, not part of the phrase.
        span_start = i;
        skip = fig.skip;
    }
    let noun = match noun_after(doc, lex, end, false) {
        Ok(n) => n,
        Err(()) => return Some((placeholder(), end + 1)),
    };
    if fig.digits && !fig.scaled && !ranged && is_year(fig.value) {
        // `2000 شخصا` is a count, `2018 بروسيا` a year.
        let counted = noun.as_ref().is_some_and(|n| {
            let w = fold(&n.unit);
            n.kind != QuantityKind::Count
                || w.ends_with('ا') && !w.starts_with(['ب', 'ل', 'و', 'ف', 'ك'])
        });
        if !counted {
            return Some((placeholder(), end));
        }
    }
    let (mut kind, mut unit) = (QuantityKind::Count, None);
    let inherited = last_unit
        .as_ref()
        .filter(|(sentence, _, _)| *sentence == t.sentence && !fig.article);
    // `110 مليار مستهدفة` after `125 مليار جنيه`: an adjective, the currency is understood.
    let money_adjective = |n: &Noun| {
        let w = fold(&n.unit);
        fig.scaled && w.starts_with('م') && w.ends_with('ه') && w.chars().count() >= 5
    };
    match (noun, inherited) {
        (Some(n), Some((_, u, QuantityKind::Money))) if money_adjective(&n) => {
            kind = QuantityKind::Money;
            unit = Some(u.clone());
        }
        (Some(n), _) => {
            kind = n.kind;
            unit = Some(n.unit);
            end = n.end;
        }
        (None, _) if let Some(before) = currency_before(doc, lex, span_start, floor) => {
            kind = QuantityKind::Money;
            unit = Some(before);
        }
        (None, Some((_, u, k))) if fig.digits || fig.scaled || fig.skip > 0 => {
            kind = *k;
            unit = Some(u.clone());
        }
        (None, _) => {}
    }
    let mut bound = if ranged { Bound::Exact } else { bound };
    if let Some((b, after)) = bound_after(doc, lex, end) {
        bound = b;
        end = after;
    }
    let mut approx = false;
    if !ranged {
        match bound {
            Bound::Exact => {}
            Bound::Approx => approx = true,
            Bound::AtLeast => max = None,
            Bound::AtMost => min = None,
        }
    }
    let q = make(
        doc, span_start, skip, end, min, max, approx, None, kind, unit,
    );
    Some((q, end))
}

/// A quantity that is dropped (the scan still skips its tokens).
fn placeholder() -> Quantity {
    Quantity {
        text: String::new(),
        min: None,
        max: None,
        approx: false,
        vague: None,
        kind: QuantityKind::Count,
        unit: None,
        span: [0, 0],
    }
}

#[allow(clippy::too_many_arguments)]
fn make(
    doc: &Doc,
    start: usize,
    skip: usize,
    end: usize,
    min: Option<f64>,
    max: Option<f64>,
    approx: bool,
    vague: Option<Vague>,
    kind: QuantityKind,
    unit: Option<String>,
) -> Quantity {
    let first = &doc.tokens[start];
    let last = &doc.tokens[end.saturating_sub(1).max(start)];
    let whole = &doc.text[first.bytes.start..last.bytes.end];
    let text = skip_folded(whole, skip);
    let skipped_chars = whole[..whole.len() - text.len()].chars().count();
    Quantity {
        text: text.to_string(),
        min,
        max,
        approx,
        vague,
        kind,
        unit,
        span: [first.chars.start + skipped_chars, last.chars.end],
    }
}
