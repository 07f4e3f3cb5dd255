//! HOW MANY: the number grammar over digits and words, ranges, bounds, vague counts, money and
//! percentages, with the counted noun attached.
//!
//! One pass over the tokens: at each token that may open a figure (digits, a number word, a
//! vague count, a dual noun) the grammar reads the figure, looks back for a bound or a range
//! opener (`أكثر من`, `نحو`, `بين`, `من`), forward for a range closer, a percent sign, a
//! currency, a measure or the counted noun, and drops what is not a count (years, dates, clock
//! times, durations, ages, model numbers). Every lookup is one hash probe on a folded form.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::entities::lexicon::FxMap;
use super::fold;
use super::text::{Doc, Token, TokenKind};
use super::{Quantity, QuantityKind, Vague};

/// The quantities of a text, in text order.
pub fn quantities(doc: &Doc) -> Vec<Quantity> {
    let lex = lexicon();
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
    keep_at_most_two_repeats(out)
}

/// A figure read from the tokens: its value and where it ends.
#[derive(Debug, Clone, Copy)]
struct Figure {
    /// One past its last token.
    end: usize,
    value: f64,
    /// Whether a multiplier word (ألف، مليون...) scaled it.
    scaled: bool,
    /// Whether it is written in digits.
    digits: bool,
    /// Folded chars of a proclitic to skip at the start of the first token (`و`, `ب`).
    skip: usize,
    /// Whether the first word carries the article (`الستة`, `الثلاث`).
    article: bool,
}

/// What the text says about the bounds of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Exact,
    Approx,
    AtLeast,
    AtMost,
}

/// A word of the number grammar.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NumWord {
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

/// Flags of a folded word.
mod flag {
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
}

/// What the grammar knows of one folded word.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    num: Option<NumWord>,
    vague: Option<Vague>,
    flags: u32,
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
struct Lexicon {
    /// Folded words and what the grammar knows of them.
    words: FxMap<String, Entry>,
    /// Every number word and vague count with every proclitic it may carry, precomputed so that
    /// scanning costs one probe per token.
    openers: FxMap<String, FigureStart>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build_lexicon)
}

const UNITS: &[(&str, f64)] = &[
    ("صفر", 0.0),
    ("اثنان", 2.0),
    ("اثنين", 2.0),
    ("اثنتان", 2.0),
    ("اثنتين", 2.0),
    ("ثنتان", 2.0),
    ("ثنتين", 2.0),
    ("ثلاثة", 3.0),
    ("ثلاث", 3.0),
    ("أربعة", 4.0),
    ("أربع", 4.0),
    ("خمسة", 5.0),
    ("خمس", 5.0),
    ("ستة", 6.0),
    ("ست", 6.0),
    ("سبعة", 7.0),
    ("سبع", 7.0),
    ("ثمانية", 8.0),
    ("ثماني", 8.0),
    ("ثمان", 8.0),
    ("تسعة", 9.0),
    ("تسع", 9.0),
    ("عشرة", 10.0),
    ("عشر", 10.0),
];
const TEEN_PARTS: &[(&str, f64)] = &[
    ("أحد", 1.0),
    ("إحدى", 1.0),
    ("اثنا", 2.0),
    ("اثني", 2.0),
    ("اثنتا", 2.0),
    ("اثنتي", 2.0),
];
const TENS: &[(&str, f64)] = &[
    ("عشرون", 20.0),
    ("عشرين", 20.0),
    ("ثلاثون", 30.0),
    ("ثلاثين", 30.0),
    ("أربعون", 40.0),
    ("أربعين", 40.0),
    ("خمسون", 50.0),
    ("خمسين", 50.0),
    ("ستون", 60.0),
    ("ستين", 60.0),
    ("سبعون", 70.0),
    ("سبعين", 70.0),
    ("ثمانون", 80.0),
    ("ثمانين", 80.0),
    ("تسعون", 90.0),
    ("تسعين", 90.0),
];
const HUNDRED_PREFIXES: &[(&str, f64)] = &[
    ("", 1.0),
    ("ثلاث", 3.0),
    ("أربع", 4.0),
    ("خمس", 5.0),
    ("ست", 6.0),
    ("سبع", 7.0),
    ("ثمان", 8.0),
    ("ثماني", 8.0),
    ("تسع", 9.0),
];
const MULTIPLIERS: &[(&str, NumWord)] = &[
    ("ألف", NumWord::Multiplier(1e3)),
    ("ألفا", NumWord::Multiplier(1e3)),
    ("آلاف", NumWord::MultiplierPlural(1e3)),
    ("ألاف", NumWord::MultiplierPlural(1e3)),
    ("ألفان", NumWord::DualMultiplier(2e3)),
    ("ألفين", NumWord::DualMultiplier(2e3)),
    ("ألفي", NumWord::DualMultiplier(2e3)),
    ("مليون", NumWord::Multiplier(1e6)),
    ("مليونا", NumWord::Multiplier(1e6)),
    ("ملايين", NumWord::MultiplierPlural(1e6)),
    ("مليونان", NumWord::DualMultiplier(2e6)),
    ("مليونين", NumWord::DualMultiplier(2e6)),
    ("مليوني", NumWord::DualMultiplier(2e6)),
    ("مليار", NumWord::Multiplier(1e9)),
    ("مليارا", NumWord::Multiplier(1e9)),
    ("مليارات", NumWord::MultiplierPlural(1e9)),
    ("ملياران", NumWord::DualMultiplier(2e9)),
    ("مليارين", NumWord::DualMultiplier(2e9)),
    ("ملياري", NumWord::DualMultiplier(2e9)),
    ("بليون", NumWord::Multiplier(1e9)),
    ("بلايين", NumWord::MultiplierPlural(1e9)),
    ("تريليون", NumWord::Multiplier(1e12)),
    ("تريليونات", NumWord::MultiplierPlural(1e12)),
    ("نصف", NumWord::Fraction(0.5)),
    ("ربع", NumWord::Fraction(0.25)),
    ("ثلث", NumWord::Fraction(1.0 / 3.0)),
];
const VAGUE: &[(&str, Vague)] = &[
    ("عشرات", Vague::Tens),
    ("مئات", Vague::Hundreds),
    ("مئآت", Vague::Hundreds),
    ("آلاف", Vague::Thousands),
    ("ألاف", Vague::Thousands),
    ("ملايين", Vague::Millions),
];
const CURRENCIES: &[&str] = &[
    "دولار",
    "دولارا",
    "دولارات",
    "يورو",
    "جنيه",
    "جنيها",
    "جنيهات",
    "ريال",
    "ريالا",
    "ريالات",
    "دينار",
    "دينارا",
    "دنانير",
    "ليرة",
    "ليرات",
    "درهم",
    "درهما",
    "دراهم",
    "فرنك",
    "فرنكا",
    "فرنكات",
    "روبل",
    "يوان",
    "روبية",
    "روبيات",
    "شيكل",
    "شيكلا",
    "شواكل",
    "استرليني",
    "بيزو",
    "تومان",
    "مليم",
    "مليما",
    "سنت",
    "سنتا",
    "سنتات",
];
const MEASURES: &[&str] = &[
    "كم",
    "كلم",
    "كيلومتر",
    "كيلومترا",
    "كيلومترات",
    "متر",
    "مترا",
    "أمتار",
    "طن",
    "طنا",
    "أطنان",
    "كيلوغرام",
    "كيلوغراما",
    "كلغ",
    "كغ",
    "غرام",
    "هكتار",
    "هكتارا",
    "هكتارات",
    "دونم",
    "دونما",
    "دونمات",
    "برميل",
    "برميلا",
    "براميل",
    "ميغاواط",
    "ميغاوات",
    "لتر",
    "لترا",
    "لترات",
    "درجة",
    "درجات",
    "ميل",
    "ميلا",
    "أميال",
    "قدم",
    "كيلوواط",
];
const TIME_UNITS: &[&str] = &[
    "ساعة",
    "ساعات",
    "دقيقة",
    "دقائق",
    "ثانية",
    "ثوان",
    "ثواني",
    "يوم",
    "يوما",
    "أيام",
    "أسبوع",
    "أسبوعا",
    "أسابيع",
    "شهر",
    "شهرا",
    "أشهر",
    "شهور",
    "عام",
    "عاما",
    "أعوام",
    "سنة",
    "سنوات",
    "سنين",
    "عقد",
    "عقود",
    "قرن",
    "قرون",
    "ليلة",
    "ليال",
    "ليالي",
    "صباحا",
    "مساء",
    "مساءً",
    "فجرا",
    "ظهرا",
    "عصرا",
    "ليلا",
    "سنة",
    "عمر",
];
const MONTHS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "إبريل",
    "ابريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "أغسطس",
    "اغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "جانفي",
    "فيفري",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "جويلة",
    "أوت",
];
const DAYS: &[&str] = &[
    "السبت",
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
];
const FUNCTION_WORDS: &[&str] = &[
    "من",
    "في",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "أو",
    "و",
    "ثم",
    "قد",
    "لم",
    "لن",
    "ما",
    "لا",
    "أن",
    "إن",
    "كما",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "اللتين",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "بعد",
    "قبل",
    "منذ",
    "خلال",
    "حتى",
    "عند",
    "لدى",
    "ضد",
    "نحو",
    "حول",
    "بين",
    "فقط",
    "أيضا",
    "كل",
    "حيث",
    "وفق",
    "وفقا",
    "فيما",
    "بينما",
    "أي",
    "هو",
    "هي",
    "هم",
    "تقريبا",
    "بنسبة",
    "مقابل",
    "بنحو",
    "بقيمة",
    "أخرى",
    "آخر",
    "أكثر",
    "أقل",
    "إضافة",
    "بالإضافة",
    "نسبة",
    "كان",
    "كانت",
    "يكون",
    "تكون",
    "وهو",
    "وهي",
    "لكن",
    "لكل",
    "منها",
    "منهم",
    "بها",
    "فيها",
    "عليها",
    "إنها",
    "أنها",
    "وذلك",
    "عام",
    "العام",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "عبر",
    "ضمن",
    "دون",
    "اليوم",
    "أمس",
    "امس",
    "الآن",
    "إثر",
    "عقب",
    "بحسب",
    "حسب",
    "أما",
    "إذ",
    "إذا",
    "لكي",
    "كي",
];
const YEAR_CUES: &[&str] = &[
    "عام",
    "العام",
    "لعام",
    "للعام",
    "بعام",
    "بالعام",
    "وعام",
    "سنة",
    "السنة",
    "لسنة",
    "للسنة",
    "بسنة",
    "منذ",
    "ومنذ",
    "عامي",
    "سنوات",
    "دستور",
    "موازنة",
    "ميزانية",
    "مطلع",
    "أواخر",
    "أوائل",
    "منتصف",
    "نهاية",
    "بداية",
    "خريف",
    "ربيع",
    "صيف",
    "شتاء",
    "موسم",
];
const NOT_COUNT_CUES: &[&str] = &[
    "الساعة",
    "رقم",
    "برقم",
    "المادة",
    "مادة",
    "القرار",
    "قرار",
    "البند",
    "الفصل",
    "الطراز",
    "طراز",
    "موديل",
    "طائرة",
    "الرحلة",
    "رحلة",
    "ال",
    "العدد",
    "الجولة",
    "الدورة",
    "المرحلة",
    "الصفحة",
    "صفحة",
    "الطريق",
    "طريق",
    "الكيلو",
    "بوينغ",
    "إيرباص",
    "القرارين",
    "الجيل",
    "أوكتين",
    "اوكتين",
    "المركز",
    "بالمركز",
    "المرتبة",
    "بالمرتبة",
    "الآية",
    "سورة",
];
const APPROX_WORDS: &[&str] = &[
    "نحو",
    "حوالي",
    "حوالى",
    "قرابة",
    "زهاء",
    "تقريبا",
    "يناهز",
    "ناهز",
    "ناهزت",
    "تناهز",
    "يقارب",
    "تقارب",
    "قارب",
    "قاربت",
    "قرابه",
];
const AT_LEAST_VERBS: &[&str] = &[
    "يفوق",
    "تفوق",
    "فاق",
    "فاقت",
    "يتجاوز",
    "تتجاوز",
    "سيتجاوز",
    "ستتجاوز",
    "تجاوز",
    "تجاوزت",
    "يتخطى",
    "تتخطى",
    "تخطى",
    "تخطت",
];
const PERCENT_WORDS: &[&str] = &["بالمئة", "بالمائة", "بالمية", "%", "٪"];
/// Masculine nouns commonly counted in the dual (`شخصين`, `شخصان`).
/// Only nouns with a broken plural: for them `-ين` is a dual, never a plural.
const DUAL_NOUNS: &[&str] = &[
    "شخص",
    "مركز",
    "عضو",
    "جندي",
    "طفل",
    "قتيل",
    "جريح",
    "رجل",
    "صاروخ",
    "منزل",
    "مبنى",
    "مستشفى",
    "موقع",
    "هجوم",
    "انفجار",
    "حزب",
    "فريق",
    "كيلومتر",
    "متر",
    "أسير",
    "ضابط",
    "وزير",
    "نائب",
    "مشروع",
    "اتفاق",
    "قارب",
    "زورق",
    "مخيم",
    "حاجز",
    "مطار",
    "ميناء",
    "سجين",
    "مسجد",
    "بيت",
    "معبر",
    "طريق",
    "شهيد",
    "بلد",
    "جيش",
];
/// Words that end like a dual but are not one (`بلدان` is the plural "countries", `هاتان`
/// "these two" a demonstrative), or are no count (`مرتين` "twice" says how often, as `مرة`
/// "once").
const NOT_DUALS: &[&str] = &[
    "مرتين",
    "مرتان",
    "بلدان",
    "هاتان",
    "هاتين",
    "بساتين",
    "ساعتين",
    "ساعتان",
    "دقيقتين",
    "دقيقتان",
    "ليلتين",
    "ليلتان",
    "ثانيتين",
    "سنتين",
    "سنتان",
    "كابتان",
    "ثابتين",
    "مؤقتين",
    "ميتين",
    "صامتين",
    "بوتين",
    "أرجنتين",
    "فالنتين",
    "بروتين",
    "روتين",
    "لاتين",
    "كريستين",
    "نيكوتين",
    "جمعتين",
    "صبرتين",
    "الاثنتين",
    "شيطان",
    "سلطان",
    "جاستين",
    "مارتين",
    "قسطنطين",
];
/// Ordinals of 1..9, masculine and feminine: a number word right after one continues the
/// ordinal (`التاسع عشر`, `الحادية عشرة`, `الثالثة والثمانين`) and is no count.
const ORDINAL_UNITS: &[&str] = &[
    "حادي",
    "حادية",
    "ثاني",
    "ثانية",
    "ثالث",
    "ثالثة",
    "رابع",
    "رابعة",
    "خامس",
    "خامسة",
    "سادس",
    "سادسة",
    "سابع",
    "سابعة",
    "ثامن",
    "ثامنة",
    "تاسع",
    "تاسعة",
];
/// Proclitics before an ordinal.
const ORDINAL_PREFIXES: [&str; 8] = ["", "ال", "و", "وال", "ل", "لل", "ب", "بال"];

/// Counted nouns that start with ل (not the preposition).
const L_NOUNS: &[&str] = &[
    "لواء",
    "ألوية",
    "لغم",
    "لقاح",
    "لقاحات",
    "لجنة",
    "لجان",
    "لوحة",
    "لقاء",
    "لقاءات",
    "ليرة",
    "ليرات",
    "لتر",
    "لترا",
    "لترات",
    "لغة",
    "لغات",
    "لص",
    "لصوص",
];

/// Months of four letters or more, folded, to catch them glued to the next word.
fn lex_months() -> &'static [String] {
    static MONTHS_FOLDED: OnceLock<Vec<String>> = OnceLock::new();
    MONTHS_FOLDED.get_or_init(|| {
        MONTHS
            .iter()
            .map(|m| fold(m))
            .filter(|m| m.chars().count() >= 4)
            .collect()
    })
}

/// Words that cannot be a counted noun (they start a new phrase).
const NOT_UNITS: &[&str] = &[
    "مليون",
    "مليار",
    "ألف",
    "عاما",
    "الماضي",
    "الماضية",
    "المقبل",
    "المقبلة",
    "الجاري",
    "الحالي",
    "فقط",
    "تقريبا",
    "إضافية",
    "قال",
    "قالت",
    "أعلن",
    "أعلنت",
    "يتم",
    "تم",
];

fn build_lexicon() -> Lexicon {
    let words = build_words();
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
    Lexicon { words, openers }
}

fn build_words() -> FxMap<String, Entry> {
    let mut lex: FxMap<String, Entry> = FxMap::default();
    let mut put = |w: &str, f: &mut dyn FnMut(&mut Entry)| f(lex.entry(fold(w)).or_default());
    for &(w, v) in UNITS {
        put(w, &mut |e| e.num = Some(NumWord::Unit(v)));
    }
    for &(w, v) in TEEN_PARTS {
        put(w, &mut |e| e.num = Some(NumWord::TeenPart(v)));
    }
    for &(w, v) in TENS {
        put(w, &mut |e| e.num = Some(NumWord::Ten(v)));
    }
    for &(p, v) in HUNDRED_PREFIXES {
        for h in ["مئة", "مائة", "مئه", "مائه"] {
            put(&format!("{p}{h}"), &mut |e| {
                e.num = Some(NumWord::Hundred(100.0 * v))
            });
        }
    }
    for h in [
        "مئتان",
        "مائتان",
        "مئتين",
        "مائتين",
        "مئتا",
        "مائتا",
        "مئتي",
        "مائتي",
    ] {
        put(h, &mut |e| e.num = Some(NumWord::Hundred(200.0)));
    }
    for &(w, n) in MULTIPLIERS {
        put(w, &mut |e| e.num = Some(n));
    }
    for &(w, v) in VAGUE {
        put(w, &mut |e| e.vague = Some(v));
        put(&format!("ال{w}"), &mut |e| e.vague = Some(v));
    }
    let lists: [(&[&str], u32); 13] = [
        (CURRENCIES, flag::CURRENCY),
        (MEASURES, flag::MEASURE),
        (TIME_UNITS, flag::TIME),
        (MONTHS, flag::MONTH),
        (DAYS, flag::DAY),
        (FUNCTION_WORDS, flag::FUNCTION),
        (YEAR_CUES, flag::YEAR_CUE),
        (NOT_COUNT_CUES, flag::NOT_COUNT_CUE),
        (APPROX_WORDS, flag::APPROX),
        (AT_LEAST_VERBS, flag::AT_LEAST_VERB),
        (PERCENT_WORDS, flag::PERCENT),
        (DUAL_NOUNS, flag::DUAL_NOUN),
        (NOT_DUALS, flag::NOT_DUAL),
    ];
    for (words, bit) in lists {
        for w in words {
            put(w, &mut |e| e.flags |= bit);
        }
    }
    for w in NOT_UNITS {
        put(w, &mut |e| e.flags |= flag::NOT_UNIT);
    }
    for w in L_NOUNS {
        put(w, &mut |e| e.flags |= flag::L_NOUN);
    }
    for w in ORDINAL_UNITS {
        for p in ORDINAL_PREFIXES {
            put(&format!("{p}{w}"), &mut |e| e.flags |= flag::ORDINAL);
        }
    }
    // Days without the article, and times with it (`الساعة`).
    for d in DAYS {
        if let Some(bare) = d.strip_prefix("ال") {
            put(bare, &mut |e| e.flags |= flag::DAY);
        }
    }
    for t in TIME_UNITS {
        put(&format!("ال{t}"), &mut |e| e.flags |= flag::TIME);
    }
    lex
}

fn entry<'l>(lex: &'l Lexicon, word: &str) -> Option<&'l Entry> {
    lex.words.get(word)
}

fn has(lex: &Lexicon, word: &str, bit: u32) -> bool {
    entry(lex, word).is_some_and(|e| e.flags & bit != 0)
}

/// Proclitics that may stand before a number word, the shortest reading first.
const NUMBER_PREFIXES: [&str; 9] = ["", "و", "ب", "ل", "ف", "وب", "ال", "وال", "بال"];
/// Proclitics that may stand before a vague count.
const VAGUE_PREFIXES: [&str; 5] = ["", "و", "ب", "ل", "وب"];

/// The number word in `word` after a proclitic, with the proclitic's length in chars and
/// whether it holds the article.
fn number_word(lex: &Lexicon, word: &str) -> Option<(NumWord, usize, bool)> {
    lex.openers.get(word).and_then(|o| o.num)
}

/// The vague count in `word` after a conjunction or preposition.
fn vague_word(lex: &Lexicon, word: &str) -> Option<(Vague, usize)> {
    lex.openers.get(word).and_then(|o| o.vague)
}

fn token<'d>(doc: &'d Doc, i: usize) -> Option<&'d Token> {
    doc.tokens.get(i)
}

fn folded<'d>(doc: &'d Doc, i: usize) -> &'d str {
    token(doc, i).map_or("", |t| t.folded.as_str())
}

fn is_arabic(doc: &Doc, i: usize) -> bool {
    token(doc, i).is_some_and(|t| t.kind == TokenKind::Arabic)
}

fn same_sentence(doc: &Doc, a: usize, b: usize) -> bool {
    match (token(doc, a), token(doc, b)) {
        (Some(x), Some(y)) => x.sentence == y.sentence,
        _ => false,
    }
}

/// Whether tokens `a` and `b = a + 1` touch (no space between them).
fn touching(doc: &Doc, a: usize, b: usize) -> bool {
    match (token(doc, a), token(doc, b)) {
        (Some(x), Some(y)) => x.chars.end == y.chars.start,
        _ => false,
    }
}

/// Parses a digit token's folded form: `.` is a decimal point unless it groups thousands
/// (`12.000` with nothing scaling it); `,` groups thousands when followed by three digits.
fn parse_digits(s: &str, scaled: bool) -> Option<f64> {
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
fn read_figure(doc: &Doc, lex: &Lexicon, i: usize, join: bool) -> Option<Figure> {
    let t = token(doc, i)?;
    match t.kind {
        TokenKind::Number => read_digit_figure(doc, lex, i),
        TokenKind::Arabic => read_word_figure(doc, lex, i, join),
        _ => None,
    }
}

fn read_digit_figure(doc: &Doc, lex: &Lexicon, i: usize) -> Option<Figure> {
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
fn multiplier_at(doc: &Doc, lex: &Lexicon, i: usize) -> Option<f64> {
    if !is_arabic(doc, i) {
        return None;
    }
    match entry(lex, folded(doc, i)).and_then(|e| e.num) {
        Some(NumWord::Multiplier(m) | NumWord::MultiplierPlural(m)) => Some(m),
        _ => None,
    }
}

fn read_word_figure(doc: &Doc, lex: &Lexicon, i: usize, join: bool) -> Option<Figure> {
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

/// The folded word at `i` without a leading conjunction or preposition (`و`, `ف`, `ب`, `ل`).
fn bare<'d>(doc: &'d Doc, i: usize) -> &'d str {
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
fn conjunction_len(doc: &Doc, lex: &Lexicon, i: usize) -> usize {
    let w = folded(doc, i);
    let Some(rest) = w.strip_prefix(['و', 'ف']) else {
        return 0;
    };
    let bound_word = matches!(rest, "اكثر" | "ازيد" | "اقل" | "ما") || has(lex, rest, flag::APPROX);
    usize::from(bound_word)
}

/// Looks back from the figure at `start` for a bound or a range opener, never before `floor`.
/// Returns the first token of the phrase, the bound, and whether `بين`/`من` opens a range.
fn look_back(doc: &Doc, lex: &Lexicon, start: usize, floor: usize) -> (usize, Bound, Opener) {
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
enum Opener {
    None,
    /// `بين X و Y`.
    Between,
    /// `من X إلى Y`.
    From,
}

/// The counted noun found for a figure.
struct Noun {
    kind: QuantityKind,
    unit: String,
    /// One past the last token of the phrase.
    end: usize,
}

/// What follows a figure ending at `end`: percent, currency, measure, a counted noun, or a word
/// that shows the figure is no count at all (`Err`).
fn noun_after(doc: &Doc, lex: &Lexicon, end: usize, vague: bool) -> Result<Option<Noun>, ()> {
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
    if lex_months().iter().any(|m| w.starts_with(m.as_str())) {
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
fn noun(doc: &Doc, i: usize, skip: usize, kind: QuantityKind) -> Noun {
    let t = &doc.tokens[i];
    let surface = &doc.text[t.bytes.clone()];
    Noun {
        kind,
        unit: skip_folded(surface, skip).to_string(),
        end: i + 1,
    }
}

/// `s` without its first `n` chars that survive folding (harakat and tatweel skipped over).
pub(super) fn skip_folded(s: &str, n: usize) -> &str {
    let mut seen = 0;
    for (b, c) in s.char_indices() {
        if seen == n {
            return s[b..].trim_start_matches(|c| fold::fold_char(c).is_none());
        }
        if fold::fold_char(c).is_some() {
            seen += 1;
        }
    }
    ""
}

/// A bound stated after the figure and its noun (`على الأقل`, `أو أكثر`, `تقريبا`). `وأكثر من`
/// opens the next figure's bound instead (`ثلاثة وفود وأكثر من 12 ألف لاجئ`).
fn bound_after(doc: &Doc, lex: &Lexicon, end: usize) -> Option<(Bound, usize)> {
    let w = folded(doc, end);
    let opens_next = |k: usize| {
        folded(doc, k) == "من"
            && token(doc, k + 1).is_some_and(|t| {
                t.kind == TokenKind::Number || lex.openers.contains_key(t.folded.as_str())
            })
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

/// The scale of a scaled figure's last multiplier, to carry over to a bare lower bound
/// (`من 5 إلى 7 ملايين`).
fn scale_of(_value: f64, doc: &Doc, lex: &Lexicon, end: usize) -> f64 {
    end.checked_sub(1)
        .and_then(|e| multiplier_at(doc, lex, e))
        .unwrap_or(1.0)
}

/// A currency named just before a figure (`انخفض الريال إلى 90 ألف`), without its article.
fn currency_before(doc: &Doc, lex: &Lexicon, start: usize, floor: usize) -> Option<String> {
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
fn range_close(doc: &Doc, lex: &Lexicon, fig: &Figure, opener: Opener) -> Option<(Figure, usize)> {
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

fn is_year(v: f64) -> bool {
    v.fract() == 0.0 && (1900.0..=2100.0).contains(&v)
}

/// Whether what stands before the figure shows it is a year, a date, a time, a model, a
/// reference number or the rest of an ordinal.
fn excluded_before(doc: &Doc, lex: &Lexicon, i: usize, fig: &Figure) -> bool {
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

/// A vague count at `i` (`عشرات`, `مئات الآلاف`, `آلاف من`), with its noun.
fn read_vague(doc: &Doc, lex: &Lexicon, i: usize, floor: usize) -> Option<(Quantity, usize)> {
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
fn dual_noun<'w>(lex: &Lexicon, w: &'w str) -> Option<(usize, &'w str)> {
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
fn read_dual(doc: &Doc, lex: &Lexicon, i: usize, floor: usize) -> Option<(Quantity, usize)> {
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

/// Keeps at most two quantities with the same value and unit (a repeated figure is listed
/// twice at most).
fn keep_at_most_two_repeats(all: Vec<Quantity>) -> Vec<Quantity> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `(min, max, vague, unit)` of a quantity.
    type Read = (Option<f64>, Option<f64>, Option<Vague>, String);

    /// Each quantity of `text`.
    fn read(text: &str) -> Vec<Read> {
        quantities(&Doc::new(text))
            .into_iter()
            .map(|q| (q.min, q.max, q.vague, q.unit.unwrap_or_default()))
            .collect()
    }

    fn exact(v: f64, unit: &str) -> Read {
        (Some(v), Some(v), None, unit.to_string())
    }

    #[test]
    fn number_words_compose() {
        assert_eq!(read("وصلت ثلاث سيارات"), [exact(3.0, "سيارات")]);
        assert_eq!(read("نقلوا خمسة وعشرين جريحا"), [exact(25.0, "جريحا")]);
        assert_eq!(read("أرسلت ثلاثمئة وخمسين خيمة"), [exact(350.0, "خيمة")]);
        assert_eq!(read("نزح ثلاثة آلاف مدني"), [exact(3000.0, "مدني")]);
        assert_eq!(read("اعتقل أحد عشر ناشطا"), [exact(11.0, "ناشطا")]);
        assert_eq!(read("تضرر مائة منزل"), [exact(100.0, "منزل")]);
        assert_eq!(read("سجل ألفين وخمسمائة لاجئ"), [exact(2500.0, "لاجئ")]);
    }

    #[test]
    fn digits_with_multipliers_and_separators() {
        assert_eq!(read("خسر 12 ألف عامل"), [exact(12000.0, "عامل")]);
        assert_eq!(read("قرض بقيمة 1.5 مليون دولار"), [exact(1.5e6, "دولار")]);
        assert_eq!(read("يسكنها ٩،٥ ملايين نسمة"), [exact(9.5e6, "نسمة")]);
        assert_eq!(read("نقل 12,000 طن"), [exact(12000.0, "طن")]);
        assert_eq!(read("تعهد بـ 2,5 مليار يورو"), [exact(2.5e9, "يورو")]);
    }

    #[test]
    fn ranges_in_three_shapes() {
        let between = read("خرج بين 400 و500 مقاتل");
        assert_eq!(between, [(Some(400.0), Some(500.0), None, "مقاتل".into())]);
        let from = read("يتوقع خروج من 300 الى 350 مسلح");
        assert_eq!(from, [(Some(300.0), Some(350.0), None, "مسلح".into())]);
        let dash = read("اعتقل 20-30 شخصا");
        assert_eq!(dash, [(Some(20.0), Some(30.0), None, "شخصا".into())]);
        let words = read("انتشار قوات (بين ستين ومئة عنصر)");
        assert_eq!(words, [(Some(60.0), Some(100.0), None, "عنصر".into())]);
    }

    #[test]
    fn bounds_and_approximations() {
        let q = quantities(&Doc::new("فر أكثر من 12 ألف شخص"));
        assert_eq!((q[0].min, q[0].max), (Some(12000.0), None));
        assert_eq!(q[0].text, "أكثر من 12 ألف شخص");
        let q = quantities(&Doc::new("يقيم نحو 800 عائلة"));
        assert_eq!(
            (q[0].min, q[0].max, q[0].approx),
            (Some(800.0), Some(800.0), true)
        );
        let q = quantities(&Doc::new("قتل ما لا يقل عن 40 مدنيا"));
        assert_eq!((q[0].min, q[0].max), (Some(40.0), None));
        let q = quantities(&Doc::new("تستوعب حتى 500 طالب"));
        assert_eq!((q[0].min, q[0].max), (None, Some(500.0)));
        let q = quantities(&Doc::new("أصيب سبعة أشخاص على الأقل"));
        assert_eq!((q[0].min, q[0].max), (Some(7.0), None));
        // `وأكثر من` bounds the figure after it, not the one before.
        let q = read("استقبل المعبر أربع شاحنات وأكثر من 300 مسافر");
        assert_eq!(
            q,
            [
                exact(4.0, "شاحنات"),
                (Some(300.0), None, None, "مسافر".into())
            ]
        );
    }

    #[test]
    fn vague_counts_keep_their_noun() {
        assert_eq!(
            read("جرح عشرات المتظاهرين"),
            [(None, None, Some(Vague::Tens), "متظاهرين".into())]
        );
        assert_eq!(
            read("هجر مئات الآلاف من السكان"),
            [(None, None, Some(Vague::HundredsOfThousands), "سكان".into())]
        );
        assert_eq!(
            read("أسفر عن مقتل العشرات"),
            [(None, None, Some(Vague::Tens), "العشرات".into())]
        );
    }

    #[test]
    fn duals_count_two() {
        assert_eq!(read("غادرت أول حافلتين الحي"), [exact(2.0, "حافلتين")]);
        assert_eq!(read("قتل شخصان"), [exact(2.0, "شخصان")]);
        assert_eq!(read("اشترت شركتين تابعتين"), [exact(2.0, "شركتين")]);
        // Adjectives in the dual agree with their noun: one quantity.
        let armoured = read("تسلمت الشرطة سيارتين مصفحتين جديدتين");
        assert_eq!(armoured, [exact(2.0, "سيارتين")]);
        assert!(read("فاز الفريق مرتين متتاليتين").is_empty());
        // A plural in -ين, a name and a country are no duals.
        assert!(read("وصل المسلحين ثم بوتين الى باكستان").is_empty());
        // Not behind a proclitic either, nor with the article behind one; a listed masculine
        // noun is a dual behind one, shown without it.
        assert!(read("قال لبوتين إن البلدان المشاركة والأرجنتين وبالمدينتين بخير").is_empty());
        assert_eq!(
            read("أصيب لاعب وطفل بجروح ولشخصين آخرين"),
            [exact(2.0, "شخصين")]
        );
    }

    #[test]
    fn twice_is_no_count_and_times_keep_their_own_noun() {
        assert!(read("فاز الفريق باللقب مرتين").is_empty());
        // `مرة` after a figure is the counted noun: it takes no unit from the list before it.
        let q = read("خسر النادي 3 لاعبين، وفاز بالكأس 14 مرة");
        assert_eq!(q, [exact(3.0, "لاعبين"), exact(14.0, "مرة")]);
    }

    #[test]
    fn money_and_percent() {
        let q = quantities(&Doc::new(
            "ارتفعت الأسعار 5،5 في المئة وبلغ الدين 35 مليار دولار",
        ));
        assert_eq!(q.len(), 2);
        assert_eq!(
            (q[0].kind, q[0].min, q[0].unit.as_deref()),
            (QuantityKind::Percent, Some(5.5), Some("%"))
        );
        assert_eq!(q[0].text, "5،5 في المئة");
        assert_eq!((q[1].kind, q[1].min), (QuantityKind::Money, Some(35e9)));
        let q = quantities(&Doc::new("نمو بنسبة 3 بالمائة و 2 %"));
        assert!(q.iter().all(|q| q.kind == QuantityKind::Percent));
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn years_dates_times_ages_durations_ordinals_models_are_no_counts() {
        for text in [
            "في عام 2013 بدأ الحصار",
            "منذ 2011 والبلاد في أزمة",
            "الانتخابات في 4 سبتمبر المقبل",
            "الساعة 5 صباحا",
            "وقع الزلزال عند 10:30 ليلا",
            "توفي عن 53 عاما",
            "استمر القصف 25 يوما",
            "الجولة الثالثة من المحادثات",
            "طائرة ATR 72-500 سقطت",
            "موازنة 2018-2019 أقرت",
            "اتصل على الرقم 0123456789",
            "يوم الاثنين الماضي",
            "كأس العالم 2018 بروسيا",
            "حل الفريق في المركز التاسع عشر بفارق نقطة",
            "في الذكرى الحادية عشرة للحرب",
            "خاض مباراته الثالثة والثمانين مدربا",
        ] {
            assert!(read(text).is_empty(), "{text}: {:?}", read(text));
        }
    }

    #[test]
    fn a_bare_figure_in_a_list_takes_the_noun_before_it() {
        let q = read("خصص 622 مقعدا للفلاحة، و827 لغرفة التجارة");
        assert_eq!(q, [exact(622.0, "مقعدا"), exact(827.0, "مقعدا")]);
        let q = read("انخفض الريال الإيراني إلى 90 ألف مقابل الدولار");
        assert_eq!(q, [exact(90000.0, "ريال")]);
    }

    #[test]
    fn spans_cover_the_phrase_as_written() {
        let text = "قال: وخرج أكثر من ١٢ ألف شخص.";
        let q = &quantities(&Doc::new(text))[0];
        let chars: Vec<char> = text.chars().collect();
        let covered: String = chars[q.span[0]..q.span[1]].iter().collect();
        assert_eq!(covered, "أكثر من ١٢ ألف شخص");
        assert_eq!(q.text, covered);
    }

    #[test]
    fn a_repeated_figure_is_kept_twice_at_most() {
        let q = read("قتل 5 أشخاص. قتل 5 أشخاص. قتل 5 أشخاص.");
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn noise_never_panics() {
        for text in [
            "",
            "٫٬،",
            "1.2.3.4.5",
            "و و و",
            "بين و",
            "من الى",
            "ألف ألف ألف",
            "99999999999999999999999 دولار",
            "😀 12 %",
        ] {
            let _ = quantities(&Doc::new(text));
        }
    }
}
