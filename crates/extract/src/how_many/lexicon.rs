//! The words of the number grammar, loaded from the curated lists beside the other lexicons:
//! `data/curated/number_words.tsv` (number words and vague counts, with their values) and
//! `data/curated/quantity_cues.tsv` (the words around a figure that decide what it is). Each
//! folded word, and each number word with every proclitic it may carry, is one hash probe.

use crate::Vague;
use crate::entities::lexicon::FxMap;
use crate::fold;

/// Number words and vague counts: `word<TAB>role<TAB>value`.
const NUMBER_WORDS: &str = include_str!("../../../../data/curated/number_words.tsv");
/// Cue words: `cue<TAB>words separated by spaces`.
const QUANTITY_CUES: &str = include_str!("../../../../data/curated/quantity_cues.tsv");

/// A word of the number grammar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum NumWord {
    /// 1..10 (and 0).
    Unit(f64),
    /// First word of 11 and 12 (`أحد`, `اثنا`): only before `عشر`.
    TeenPart(f64),
    /// 20..90.
    Ten(f64),
    /// 100..900.
    Hundred(f64),
    /// ألف، مليون، مليار (singular and accusative).
    Multiplier(f64),
    /// آلاف، ملايين، مليارات: after 3..10, else a vague count.
    MultiplierPlural(f64),
    /// ألفين، مليونين، ملياري: the value already doubled.
    DualMultiplier(f64),
    /// نصف، ربع، ثلث: before a multiplier.
    Fraction(f64),
}

/// Cues of a folded word, as bits: the cue names of `quantity_cues.tsv`.
pub(super) mod flag {
    pub const CURRENCY: u32 = 1;
    pub const MEASURE: u32 = 1 << 1;
    pub const TIME: u32 = 1 << 2;
    pub const MONTH: u32 = 1 << 3;
    pub const DAY: u32 = 1 << 4;
    pub const FUNCTION: u32 = 1 << 5;
    pub const YEAR_CUE: u32 = 1 << 6;
    pub const NOT_COUNT_CUE: u32 = 1 << 7;
    pub const APPROX: u32 = 1 << 8;
    pub const AT_LEAST_VERB: u32 = 1 << 9;
    pub const PERCENT: u32 = 1 << 10;
    pub const DUAL_NOUN: u32 = 1 << 11;
    pub const NOT_DUAL: u32 = 1 << 12;
    pub const NOT_UNIT: u32 = 1 << 13;
    pub const L_NOUN: u32 = 1 << 14;
    pub const ORDINAL: u32 = 1 << 15;

    /// The bit of a cue named in `quantity_cues.tsv`.
    pub fn of_cue(cue: &str) -> Option<u32> {
        Some(match cue {
            "currency" => CURRENCY,
            "measure" => MEASURE,
            "time" => TIME,
            "month" => MONTH,
            "day" => DAY,
            "function" => FUNCTION,
            "year" => YEAR_CUE,
            "not_count" => NOT_COUNT_CUE,
            "approx" => APPROX,
            "at_least" => AT_LEAST_VERB,
            "percent" => PERCENT,
            "dual_noun" => DUAL_NOUN,
            "not_dual" => NOT_DUAL,
            "not_unit" => NOT_UNIT,
            "l_noun" => L_NOUN,
            "ordinal" => ORDINAL,
            _ => return None,
        })
    }
}

/// What the grammar knows of one folded word.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Entry {
    pub(super) num: Option<NumWord>,
    pub(super) vague: Option<Vague>,
    pub(super) flags: u32,
}

/// A word that may open a figure or a vague count, a proclitic included (`وثلاثة`).
#[derive(Debug, Clone, Copy, Default)]
struct FigureStart {
    /// The number word, the proclitic's length in chars, and whether it holds the article.
    num: Option<(NumWord, usize, bool)>,
    /// The vague count and the proclitic's length in chars.
    vague: Option<(Vague, usize)>,
}

/// The grammar's words: one hash probe per token.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Folded words and what the grammar knows of them.
    words: FxMap<String, Entry>,
    /// Every number word and vague count with every proclitic it may carry, precomputed so that
    /// scanning costs one probe per token.
    openers: FxMap<String, FigureStart>,
    /// Months of four letters or more, folded, to catch them glued to the next word.
    pub(super) long_months: Vec<String>,
}

/// Proclitics that may stand before a number word, the shortest reading first.
const NUMBER_PREFIXES: [&str; 9] = ["", "و", "ب", "ل", "ف", "وب", "ال", "وال", "بال"];
/// Proclitics that may stand before a vague count.
const VAGUE_PREFIXES: [&str; 5] = ["", "و", "ب", "ل", "وب"];
/// Proclitics before an ordinal.
const ORDINAL_PREFIXES: [&str; 8] = ["", "ال", "و", "وال", "ل", "لل", "ب", "بال"];

/// The data lines of an embedded list, fields split on tabs (comments and blank lines skipped).
fn rows(file: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    file.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// The value of a number word: a decimal or a fraction (`1/3`).
fn value(text: &str) -> f64 {
    let parsed = match text.split_once('/') {
        Some((a, b)) => a.parse::<f64>().and_then(|a| Ok(a / b.parse::<f64>()?)),
        None => text.parse(),
    };
    parsed.unwrap_or_else(|_| panic!("number_words.tsv: {text:?} is no value"))
}

/// A number word of `number_words.tsv`: its role and value.
fn num_word(role: &str, value: f64) -> NumWord {
    match role {
        "unit" => NumWord::Unit(value),
        "teen" => NumWord::TeenPart(value),
        "ten" => NumWord::Ten(value),
        "hundred" => NumWord::Hundred(value),
        "multiplier" => NumWord::Multiplier(value),
        "multiplier_plural" => NumWord::MultiplierPlural(value),
        "dual_multiplier" => NumWord::DualMultiplier(value),
        "fraction" => NumWord::Fraction(value),
        _ => panic!("number_words.tsv: unknown role {role:?}"),
    }
}

/// A vague count of `number_words.tsv`.
fn vague(name: &str) -> Vague {
    match name {
        "tens" => Vague::Tens,
        "hundreds" => Vague::Hundreds,
        "thousands" => Vague::Thousands,
        "millions" => Vague::Millions,
        _ => panic!("number_words.tsv: unknown vague count {name:?}"),
    }
}

impl Lexicon {
    /// Parses the embedded lists (a unit test loads them: a malformed line fails it).
    pub(crate) fn load() -> Lexicon {
        let mut words: FxMap<String, Entry> = FxMap::default();
        let mut put = |w: &str, f: &mut dyn FnMut(&mut Entry)| f(words.entry(fold(w)).or_default());
        for row in rows(NUMBER_WORDS) {
            let [word, role, number] = row[..] else {
                panic!("number_words.tsv: expected word, role, value: {row:?}");
            };
            if role == "vague" {
                let v = vague(number);
                put(word, &mut |e| e.vague = Some(v));
                put(&format!("ال{word}"), &mut |e| e.vague = Some(v));
            } else {
                let n = num_word(role, value(number));
                put(word, &mut |e| e.num = Some(n));
            }
        }
        // Days are also read without the article, and times with it (`الساعة`), after every list.
        let (mut days, mut times, mut long_months) = (Vec::new(), Vec::new(), Vec::new());
        for row in rows(QUANTITY_CUES) {
            let [cue, list] = row[..] else {
                panic!("quantity_cues.tsv: expected cue, words: {row:?}");
            };
            let bit = flag::of_cue(cue)
                .unwrap_or_else(|| panic!("quantity_cues.tsv: unknown cue {cue:?}"));
            for w in list.split_whitespace() {
                if bit == flag::ORDINAL {
                    for p in ORDINAL_PREFIXES {
                        put(&format!("{p}{w}"), &mut |e| e.flags |= bit);
                    }
                    continue;
                }
                put(w, &mut |e| e.flags |= bit);
                match bit {
                    flag::DAY => days.push(w),
                    flag::TIME => times.push(w),
                    flag::MONTH => {
                        let folded = fold(w);
                        if folded.chars().count() >= 4 {
                            long_months.push(folded);
                        }
                    }
                    _ => {}
                }
            }
        }
        for d in days {
            if let Some(bare) = d.strip_prefix("ال") {
                put(bare, &mut |e| e.flags |= flag::DAY);
            }
        }
        for t in times {
            put(&format!("ال{t}"), &mut |e| e.flags |= flag::TIME);
        }
        let mut openers: FxMap<String, FigureStart> = FxMap::default();
        for p in NUMBER_PREFIXES {
            for (w, e) in &words {
                if let Some(n) = e.num {
                    let o = openers.entry(format!("{p}{w}")).or_default();
                    o.num = o.num.or(Some((n, p.chars().count(), p.contains("ال"))));
                }
            }
        }
        for p in VAGUE_PREFIXES {
            for (w, e) in &words {
                if let Some(v) = e.vague {
                    let o = openers.entry(format!("{p}{w}")).or_default();
                    o.vague = o.vague.or(Some((v, p.chars().count())));
                }
            }
        }
        Lexicon {
            words,
            openers,
            long_months,
        }
    }

    /// Whether `word` may open a figure or a vague count.
    pub(super) fn opens(&self, word: &str) -> bool {
        self.openers.contains_key(word)
    }
}

pub(super) fn entry<'l>(lex: &'l Lexicon, word: &str) -> Option<&'l Entry> {
    lex.words.get(word)
}

pub(super) fn has(lex: &Lexicon, word: &str, bit: u32) -> bool {
    entry(lex, word).is_some_and(|e| e.flags & bit != 0)
}

/// The number word in `word` after a proclitic, with the proclitic's length in chars and
/// whether it holds the article.
pub(super) fn number_word(lex: &Lexicon, word: &str) -> Option<(NumWord, usize, bool)> {
    lex.openers.get(word).and_then(|o| o.num)
}

/// The vague count in `word` after a conjunction or preposition.
pub(super) fn vague_word(lex: &Lexicon, word: &str) -> Option<(Vague, usize)> {
    lex.openers.get(word).and_then(|o| o.vague)
}
