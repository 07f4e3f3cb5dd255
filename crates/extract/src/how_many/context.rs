//! Around a figure: the bound or range opener before it (`أكثر من`, `نحو`, `بين`), the range
//! closer after it (`و`, `إلى`, `-`), the counted noun or unit that follows (a currency, a
//! measure, a percent sign, a noun), and a bound stated after (`على الأقل`).

use super::figures::{Figure, multiplier_at, read_figure};
use super::lexicon::{Lexicon, entry, flag, has, number_word};
use super::{folded, is_arabic, same_sentence, token, touching};
use crate::text::{Doc, TokenKind};
use crate::{QuantityKind, skip_folded};

/// What the text says about the bounds of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    Exact,
    Approx,
    AtLeast,
    AtMost,
}

/// The folded word at `i` without a leading conjunction or preposition (`و`, `ف`, `ب`, `ل`).
pub(super) fn bare<'d>(doc: &'d Doc, i: usize) -> &'d str {
    let w = folded(doc, i);
    for p in ["وب", "ول", "و", "ف", "ب", "ل"] {
        if let Some(rest) = w.strip_prefix(p)
            && rest.chars().count() >= 3
        {
            return rest;
        }
    }
    w
}

/// The length in folded chars of a conjunction (`و`, `ف`) opening a bound word at `i` (`وأكثر`,
/// `ونحو`; not the root letter of `فاقت`).
pub(super) fn conjunction_len(doc: &Doc, lex: &Lexicon, i: usize) -> usize {
    let w = folded(doc, i);
    let Some(rest) = w.strip_prefix(['و', 'ف']) else {
        return 0;
    };
    let bound_word = matches!(rest, "اكثر" | "ازيد" | "اقل" | "ما") || has(lex, rest, flag::APPROX);
    usize::from(bound_word)
}

/// Looks back from the figure at `start` for a bound or a range opener, never before `floor`.
/// Returns the first token of the phrase, the bound, and whether `بين`/`من` opens a range.
pub(super) fn look_back(
    doc: &Doc,
    lex: &Lexicon,
    start: usize,
    floor: usize,
) -> (usize, Bound, Opener) {
    let at = |k: usize| -> Option<usize> {
        let p = start.checked_sub(k)?;
        (p >= floor && same_sentence(doc, p, start)).then_some(p)
    };
    let w1 = at(1).map_or("", |p| folded(doc, p));
    let w2 = at(2).map_or("", |p| bare(doc, p));
    let w3 = at(3).map_or("", |p| folded(doc, p));
    let w4 = at(4).map_or("", |p| folded(doc, p));
    // `أكثر من`, `أزيد من`, `أقل من`.
    if w1 == "من" {
        match w2 {
            "اكثر" | "ازيد" => {
                return (at(2).unwrap_or(start), Bound::AtLeast, Opener::None);
            }
            "اقل" => return (at(2).unwrap_or(start), Bound::AtMost, Opener::None),
            "يقرب" if w3 == "ما" => {
                return (at(3).unwrap_or(start), Bound::Approx, Opener::None);
            }
            _ => {}
        }
    }
    // `ما لا يقل عن`, `ما يزيد على`, `لا يزيد عن`.
    if matches!(w1, "عن" | "علي") {
        let neg = w3 == "لا";
        let first = |k: usize| {
            if neg && w4 == "ما" {
                at(k + 1)
            } else {
                at(k)
            }
            .unwrap_or(start)
        };
        match (w2, neg) {
            ("يقل" | "تقل", true) | ("يزيد" | "تزيد", false) => {
                let k = if neg || w3 == "ما" { 3 } else { 2 };
                return (first(k), Bound::AtLeast, Opener::None);
            }
            ("يزيد" | "تزيد", true) | ("يقل" | "تقل", false) => {
                let k = if neg || w3 == "ما" { 3 } else { 2 };
                return (first(k), Bound::AtMost, Opener::None);
            }
            _ => {}
        }
    }
    if w1 == "الاقل" && bare(doc, at(2).unwrap_or(start)) == "علي" && at(2).is_some() {
        return (at(2).unwrap_or(start), Bound::AtLeast, Opener::None);
    }
    let b1 = at(1).map_or("", |p| bare(doc, p));
    if let Some(p) = at(1) {
        if has(lex, w1, flag::APPROX) || has(lex, b1, flag::APPROX) {
            let first = if matches!(w2, "ما") {
                at(2).unwrap_or(p)
            } else {
                p
            };
            return (first, Bound::Approx, Opener::None);
        }
        if has(lex, w1, flag::AT_LEAST_VERB) || has(lex, b1, flag::AT_LEAST_VERB) {
            return (p, Bound::AtLeast, Opener::None);
        }
        match w1 {
            "حتي" => return (p, Bound::AtMost, Opener::None),
            "بين" | "وبين" => {
                let first = if w2 == "ما" { at(2).unwrap_or(p) } else { p };
                return (first, Bound::Exact, Opener::Between);
            }
            "من" => return (p, Bound::Exact, Opener::From),
            _ => {}
        }
    }
    (start, Bound::Exact, Opener::None)
}

/// A word that may open a range before a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opener {
    None,
    /// `بين X و Y`.
    Between,
    /// `من X إلى Y`.
    From,
}

/// The counted noun found for a figure.
pub(super) struct Noun {
    pub(super) kind: QuantityKind,
    pub(super) unit: String,
    /// One past the last token of the phrase.
    pub(super) end: usize,
}

/// What follows a figure ending at `end`: percent, currency, measure, a counted noun, or a word
/// that shows the figure is no count at all (`Err`).
pub(super) fn noun_after(
    doc: &Doc,
    lex: &Lexicon,
    end: usize,
    vague: bool,
) -> Result<Option<Noun>, ()> {
    let Some(t) = token(doc, end) else {
        return Ok(None);
    };
    let w = t.folded.as_str();
    if has(lex, w, flag::PERCENT) {
        return Ok(Some(Noun {
            kind: QuantityKind::Percent,
            unit: "%".into(),
            end: end + 1,
        }));
    }
    if w == "في" && matches!(folded(doc, end + 1), "الميه" | "المايه" | "الماه") {
        return Ok(Some(Noun {
            kind: QuantityKind::Percent,
            unit: "%".into(),
            end: end + 2,
        }));
    }
    if matches!(w, ":" | "/") && touching(doc, end - 1, end) {
        return Err(());
    }
    if t.kind != TokenKind::Arabic || !same_sentence(doc, end - 1, end) {
        return Ok(None);
    }
    if has(lex, w, flag::TIME) || has(lex, w, flag::MONTH) || has(lex, w, flag::DAY) {
        return Err(());
    }
    if w == "من" && folded(doc, end + 1) == "العمر" {
        return Err(());
    }
    if has(lex, w, flag::NOT_COUNT_CUE) && w.len() > 4 {
        return Err(());
    }
    if has(lex, w, flag::CURRENCY) {
        return Ok(Some(noun(doc, end, 0, QuantityKind::Money)));
    }
    if has(lex, w, flag::MEASURE) {
        return Ok(Some(noun(doc, end, 0, QuantityKind::Measure)));
    }
    // `عشرات من المسلحين`.
    if w == "من" && (vague || is_arabic(doc, end + 1)) {
        let n = folded(doc, end + 1);
        if vague && n.starts_with("ال") && n.chars().count() > 3 && !has(lex, n, flag::FUNCTION) {
            return Ok(Some(noun(doc, end + 1, 2, QuantityKind::Count)));
        }
        return Ok(None);
    }
    if has(lex, w, flag::FUNCTION) || has(lex, w, flag::NOT_UNIT) || w.chars().count() < 2 {
        return Ok(None);
    }
    // A conjunction or preposition opens a new phrase (`12 وقال`, `للتر`).
    if w.starts_with('و') && entry(lex, w).is_none() && w.chars().count() > 3 {
        let rest = &w['و'.len_utf8()..];
        if entry(lex, rest).is_some() || rest.starts_with("ال") || rest.starts_with('ب') {
            return Ok(None);
        }
    }
    if w.starts_with("لل") || w.starts_with("بال") || w.starts_with("وال") {
        return Ok(None);
    }
    // `لغرفة`: the preposition ل, unless the noun itself starts with ل (`لاجئا`, `لواء`).
    if w.starts_with('ل') && !w.starts_with("لا") && !has(lex, w, flag::L_NOUN) {
        return Ok(None);
    }
    // `سبتمبرالمقبل`: a month glued to the next word.
    if lex.long_months.iter().any(|m| w.starts_with(m.as_str())) {
        return Err(());
    }
    if entry(lex, w).is_some_and(|e| e.num.is_some() || e.vague.is_some()) {
        return Ok(None);
    }
    let article = if w.starts_with("ال") && w.chars().count() > 3 {
        2
    } else {
        0
    };
    if article > 0 && !vague {
        // `5 الأخرى`: a definite word after digits is no counted noun.
        return Ok(None);
    }
    Ok(Some(noun(doc, end, article, QuantityKind::Count)))
}

/// The counted noun at token `i` as written, without its first `skip` folded chars.
pub(super) fn noun(doc: &Doc, i: usize, skip: usize, kind: QuantityKind) -> Noun {
    let t = &doc.tokens[i];
    let surface = &doc.text[t.bytes.clone()];
    Noun {
        kind,
        unit: skip_folded(surface, skip).to_string(),
        end: i + 1,
    }
}

/// A bound stated after the figure and its noun (`على الأقل`, `أو أكثر`, `تقريبا`). `وأكثر من`
/// opens the next figure's bound instead (`ثلاثة وفود وأكثر من 12 ألف لاجئ`).
pub(super) fn bound_after(doc: &Doc, lex: &Lexicon, end: usize) -> Option<(Bound, usize)> {
    let w = folded(doc, end);
    let opens_next = |k: usize| {
        folded(doc, k) == "من"
            && token(doc, k + 1)
                .is_some_and(|t| t.kind == TokenKind::Number || lex.opens(t.folded.as_str()))
    };
    match w {
        "تقريبا" => Some((Bound::Approx, end + 1)),
        "علي" if folded(doc, end + 1) == "الاقل" => Some((Bound::AtLeast, end + 2)),
        "او" if matches!(folded(doc, end + 1), "اكثر" | "يزيد") && !opens_next(end + 2) => {
            Some((Bound::AtLeast, end + 2))
        }
        "فاكثر" | "واكثر" if !opens_next(end + 1) => Some((Bound::AtLeast, end + 1)),
        _ => None,
    }
}

/// The scale of a scaled figure's last multiplier, to carry over to a bare lower bound
/// (`من 5 إلى 7 ملايين`).
pub(super) fn scale_of(_value: f64, doc: &Doc, lex: &Lexicon, end: usize) -> f64 {
    end.checked_sub(1)
        .and_then(|e| multiplier_at(doc, lex, e))
        .unwrap_or(1.0)
}

/// A currency named just before a figure (`انخفض الريال إلى 90 ألف`), without its article.
pub(super) fn currency_before(
    doc: &Doc,
    lex: &Lexicon,
    start: usize,
    floor: usize,
) -> Option<String> {
    (start.saturating_sub(4).max(floor)..start)
        .rev()
        .filter(|&p| same_sentence(doc, p, start))
        .find_map(|p| {
            let w = folded(doc, p);
            let article = ["ال", "وال", "بال", "لل"]
                .iter()
                .find_map(|a| w.strip_prefix(a).map(|r| (a.chars().count(), r)));
            let (skip, bare) = article.unwrap_or((0, w));
            has(lex, bare, flag::CURRENCY).then(|| noun(doc, p, skip, QuantityKind::Money).unit)
        })
}

/// A closing range member after `fig`: its figure and the token after it.
pub(super) fn range_close(
    doc: &Doc,
    lex: &Lexicon,
    fig: &Figure,
    opener: Opener,
) -> Option<(Figure, usize)> {
    let e = fig.end;
    let w = folded(doc, e);
    match opener {
        Opener::Between => {
            let hi = if w == "و" {
                read_figure(doc, lex, e + 1, true)?
            } else if w.starts_with('و') && w.len() > 2 {
                let (n, skip, _) = number_word(lex, w)?;
                let _ = n;
                let mut f = read_figure(doc, lex, e, true)?;
                f.skip = skip;
                f
            } else {
                return None;
            };
            Some((hi, hi.end))
        }
        Opener::From if matches!(w, "الي" | "حتي") => {
            let hi = read_figure(doc, lex, e + 1, true)?;
            Some((hi, hi.end))
        }
        _ if fig.digits
            && !fig.scaled
            && matches!(w, "-" | "–" | "—")
            && token(doc, e + 1).is_some_and(|t| t.kind == TokenKind::Number)
            && touching(doc, e - 1, e) =>
        {
            let hi = read_figure(doc, lex, e + 1, true)?;
            Some((hi, hi.end))
        }
        _ => None,
    }
}
