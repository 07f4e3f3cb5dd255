//! Figures: digits (with their separators and a multiplier word), number words composed
//! (`ثلاثمئة وخمسين`), vague counts (`عشرات`, `مئات الآلاف`) and duals (`شخصين`).

use super::context::{Bound, bound_after, look_back, noun_after};
use super::lexicon::{Lexicon, NumWord, entry, flag, has, number_word, vague_word};
use super::{folded, is_arabic, make, placeholder, same_sentence, token, touching};
use crate::text::{Doc, TokenKind};
use crate::{Quantity, QuantityKind, Vague, skip_folded};

/// A figure read from the tokens: its value and where it ends.
#[derive(Debug, Clone, Copy)]
pub(super) struct Figure {
    /// One past its last token.
    pub(super) end: usize,
    pub(super) value: f64,
    /// Whether a multiplier word (ألف، مليون...) scaled it.
    pub(super) scaled: bool,
    /// Whether it is written in digits.
    pub(super) digits: bool,
    /// Folded chars of a proclitic to skip at the start of the first token (`و`, `ب`).
    pub(super) skip: usize,
    /// Whether the first word carries the article (`الستة`, `الثلاث`).
    pub(super) article: bool,
}

/// Parses a digit token's folded form: `.` is a decimal point unless it groups thousands
/// (`12.000` with nothing scaling it); `,` groups thousands when followed by three digits.
pub(super) fn parse_digits(s: &str, scaled: bool) -> Option<f64> {
    let groups: Vec<&str> = s.split([',', '.']).collect();
    let seps: Vec<char> = s.chars().filter(|c| matches!(c, ',' | '.')).collect();
    if seps.is_empty() {
        return s.parse().ok();
    }
    let all_three = groups[1..].iter().all(|g| g.len() == 3);
    let thousands = if seps.iter().all(|&c| c == ',') {
        all_three
    } else if seps.iter().all(|&c| c == '.') {
        all_three && (seps.len() > 1 || !scaled)
    } else {
        // Mixed: the last separator is the decimal point.
        let last = s.rfind([',', '.'])?;
        let int: String = s[..last].chars().filter(|c| c.is_ascii_digit()).collect();
        return format!("{int}.{}", &s[last + 1..]).parse().ok();
    };
    if thousands {
        groups.concat().parse().ok()
    } else if groups.len() == 2 {
        format!("{}.{}", groups[0], groups[1]).parse().ok()
    } else {
        None
    }
}

/// Reads a figure starting at token `i`. `join` lets word numbers run on with `و`
/// (`خمسة وعشرون`); off for the first member of `بين X و Y`.
pub(super) fn read_figure(doc: &Doc, lex: &Lexicon, i: usize, join: bool) -> Option<Figure> {
    let t = token(doc, i)?;
    match t.kind {
        TokenKind::Number => read_digit_figure(doc, lex, i),
        TokenKind::Arabic => read_word_figure(doc, lex, i, join),
        _ => None,
    }
}

pub(super) fn read_digit_figure(doc: &Doc, lex: &Lexicon, i: usize) -> Option<Figure> {
    let t = token(doc, i)?;
    let mut end = i + 1;
    let mut text: std::borrow::Cow<str> = t.folded.as_str().into();
    // `5،5` with the Arabic comma as decimal separator.
    if folded(doc, end) == "،"
        && touching(doc, i, end)
        && touching(doc, end, end + 1)
        && token(doc, end + 1).is_some_and(|n| n.kind == TokenKind::Number && n.folded.len() <= 2)
        && !t.folded.contains(['.', ','])
    {
        text = format!("{}.{}", t.folded, folded(doc, end + 1)).into();
        end += 2;
    }
    let mult = multiplier_at(doc, lex, end);
    let mut value = parse_digits(&text, mult.is_some())?;
    let mut scaled = false;
    if let Some(m) = mult {
        value *= m;
        scaled = true;
        end += 1;
        if folded(doc, end) == "ونصف" {
            value += m / 2.0;
            end += 1;
        }
    }
    Some(Figure {
        end,
        value,
        scaled,
        digits: true,
        skip: 0,
        article: false,
    })
}

/// The multiplier of the word at `i` when it may scale a preceding figure.
pub(super) fn multiplier_at(doc: &Doc, lex: &Lexicon, i: usize) -> Option<f64> {
    if !is_arabic(doc, i) {
        return None;
    }
    match entry(lex, folded(doc, i)).and_then(|e| e.num) {
        Some(NumWord::Multiplier(m) | NumWord::MultiplierPlural(m)) => Some(m),
        _ => None,
    }
}

pub(super) fn read_word_figure(doc: &Doc, lex: &Lexicon, i: usize, join: bool) -> Option<Figure> {
    let (first, skip, article) = number_word(lex, folded(doc, i))?;
    let monday = matches!(first, NumWord::Unit(v) if v == 2.0)
        && (article || i > 0 && folded(doc, i - 1) == "يوم");
    if monday || article && matches!(first, NumWord::Hundred(_) | NumWord::Multiplier(_)) {
        // `في المئة`, `الألف`: not a figure.
        return None;
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut j = i;
    let mut word = first;
    let mut scaled = false;
    let mut last_mult = 0.0;
    loop {
        let mut next = j + 1;
        match word {
            NumWord::Unit(v) | NumWord::TeenPart(v) => {
                let teen = matches!(folded(doc, next), "عشر" | "عشره") && v < 10.0;
                if teen {
                    current += v + 10.0;
                    next += 1;
                } else if matches!(word, NumWord::TeenPart(_)) {
                    break;
                } else {
                    current += v;
                }
            }
            NumWord::Ten(v) => current += v,
            NumWord::Hundred(v) => {
                if (1.0..10.0).contains(&current) && v == 100.0 {
                    current *= 100.0;
                } else {
                    current += v;
                }
            }
            NumWord::Multiplier(m) => {
                total += if current == 0.0 { 1.0 } else { current } * m;
                current = 0.0;
                scaled = true;
                last_mult = m;
            }
            NumWord::MultiplierPlural(m) => {
                if current == 0.0 {
                    break;
                }
                total += current * m;
                current = 0.0;
                scaled = true;
                last_mult = m;
            }
            NumWord::DualMultiplier(m) => {
                if current != 0.0 {
                    break;
                }
                total += m;
                scaled = true;
                last_mult = m / 2.0;
            }
            NumWord::Fraction(f) => {
                if j != i || multiplier_at(doc, lex, next).is_none() {
                    break;
                }
                current = f;
            }
        }
        j = next;
        if last_mult > 0.0 && folded(doc, j) == "ونصف" {
            total += last_mult / 2.0;
            j += 1;
            break;
        }
        // What may follow: a multiplier directly, or `و` and another number word.
        let after_unitish = current > 0.0;
        if after_unitish && let Some(m) = multiplier_at(doc, lex, j) {
            word = entry(lex, folded(doc, j))
                .and_then(|e| e.num)
                .unwrap_or(NumWord::Multiplier(m));
            continue;
        }
        if !join {
            break;
        }
        let w = folded(doc, j);
        let (cand, at) = if w == "و" && is_arabic(doc, j + 1) {
            (folded(doc, j + 1), j + 1)
        } else if let Some(rest) = w.strip_prefix('و') {
            (rest, j)
        } else {
            break;
        };
        match entry(lex, cand).and_then(|e| e.num) {
            Some(n @ (NumWord::Unit(_) | NumWord::Ten(_) | NumWord::Hundred(_)))
                if (current > 0.0 || total > 0.0) && cand != "عشر" =>
            {
                word = n;
                j = at;
            }
            _ => break,
        }
    }
    let value = total + current;
    if j == i || value == 0.0 && !matches!(first, NumWord::Unit(v) if v == 0.0) {
        return None;
    }
    Some(Figure {
        end: j,
        value,
        scaled,
        digits: false,
        skip,
        article,
    })
}

/// A vague count at `i` (`عشرات`, `مئات الآلاف`, `آلاف من`), with its noun.
pub(super) fn read_vague(
    doc: &Doc,
    lex: &Lexicon,
    i: usize,
    floor: usize,
) -> Option<(Quantity, usize)> {
    let (mut v, skip) = vague_word(lex, folded(doc, i))?;
    // `آلاف` after a figure was read with it; here it stands alone.
    let mut end = i + 1;
    if let Some(Vague::Thousands | Vague::Millions) =
        entry(lex, folded(doc, end)).and_then(|e| e.vague)
    {
        let next = entry(lex, folded(doc, end)).and_then(|e| e.vague);
        v = match (v, next) {
            (Vague::Tens, Some(Vague::Thousands)) => Vague::TensOfThousands,
            (Vague::Hundreds, Some(Vague::Thousands)) => Vague::HundredsOfThousands,
            (Vague::Tens | Vague::Hundreds, Some(Vague::Millions)) => Vague::Millions,
            _ => v,
        };
        end += 1;
    }
    let _ = floor;
    let noun = noun_after(doc, lex, end, true).ok().flatten();
    let time = token(doc, end).is_some_and(|t| has(lex, &t.folded, flag::TIME));
    if time {
        return Some((placeholder(), end + 1));
    }
    let (kind, unit) = match noun {
        Some(n) => {
            end = n.end;
            (n.kind, Some(n.unit))
        }
        None => {
            // `مقتل العشرات`: the vague word names the count itself.
            let t = &doc.tokens[end - 1];
            let word = skip_folded(&doc.text[t.bytes.clone()], skip);
            (QuantityKind::Count, Some(word.to_string()))
        }
    };
    let q = make(doc, i, skip, end, None, None, false, Some(v), kind, unit);
    Some((q, end))
}

/// The proclitic's length and the stem of a folded word that ends like the dual of a counted
/// noun (`حافلتين`, `شخصان`, `لشخصين`). Not a definite word (`المدينتين`, `بالمدينتين`), nor a
/// word listed as no dual behind a proclitic (`لبوتين`, `بساعتين`).
pub(super) fn dual_noun<'w>(lex: &Lexicon, w: &'w str) -> Option<(usize, &'w str)> {
    const PROCLITICS: [&str; 7] = ["", "و", "ب", "ل", "ف", "وب", "ول"];
    let behind = |p: &str| w.strip_prefix(p).map(|r| (p.chars().count(), r));
    let definite = ["ال", "وال", "بال", "فال", "لل", "ولل", "وبال", "فبال"]
        .iter()
        .any(|a| w.starts_with(a));
    if definite
        || w.ends_with("ستان")
        || PROCLITICS
            .iter()
            .filter_map(|p| behind(p))
            .any(|(_, r)| has(lex, r, flag::NOT_DUAL))
    {
        return None;
    }
    // `شخصين`, `وجنديين`: a listed masculine noun, its proclitic left out of the unit.
    let masculine = PROCLITICS.iter().filter_map(|p| behind(p)).find(|(_, r)| {
        ["ين", "ان"].iter().any(|s| {
            r.strip_suffix(s)
                .is_some_and(|n| has(lex, n, flag::DUAL_NOUN))
        })
    });
    if masculine.is_some() {
        return masculine;
    }
    // `حافلتين`: any feminine dual, written whole (a first ب or ل may be the noun's own).
    let feminine = (w.ends_with("تين") || w.ends_with("تان")) && w.chars().count() >= 6;
    feminine.then_some((0, w))
}

/// A dual noun at `i` (`حافلتين`, `شخصان`), counted as 2.
pub(super) fn read_dual(
    doc: &Doc,
    lex: &Lexicon,
    i: usize,
    floor: usize,
) -> Option<(Quantity, usize)> {
    let (skip, _) = dual_noun(lex, folded(doc, i))?;
    // `شركتين تابعتين`, `سيارتين مصفحتين جديدتين`, `مرتين متتاليتين`: a dual right after a
    // dual, counted or not, agrees with it.
    let after_dual = i > floor && same_sentence(doc, i - 1, i) && {
        let prev = folded(doc, i - 1);
        dual_noun(lex, prev).is_some() || has(lex, prev, flag::NOT_DUAL)
    };
    let after_counted_dual =
        i > 0 && floor == i && ["ين", "ان"].iter().any(|s| folded(doc, i - 1).ends_with(s));
    if after_dual || after_counted_dual {
        return None;
    }
    // `حافلتين اثنتين`.
    let mut end = i + 1;
    if matches!(folded(doc, end), "اثنين" | "اثنتين" | "اثنان" | "اثنتان") {
        end += 1;
    }
    let (_, bound, _) = look_back(doc, lex, i, floor);
    let mut min = Some(2.0);
    let mut max = Some(2.0);
    let mut b = bound;
    if let Some((after_bound, after)) = bound_after(doc, lex, end) {
        b = after_bound;
        end = after;
    }
    match b {
        Bound::AtLeast => max = None,
        Bound::AtMost => min = None,
        _ => {}
    }
    let t = &doc.tokens[i];
    let unit = skip_folded(&doc.text[t.bytes.clone()], skip).to_string();
    let q = make(
        doc,
        i,
        skip,
        end,
        min,
        max,
        b == Bound::Approx,
        None,
        QuantityKind::Count,
        Some(unit),
    );
    Some((q, end))
}
