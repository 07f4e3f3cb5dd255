//! WHAT HAPPENED: event triggers, frames bound to the who, where and how many of their
//! sentence, and the primary event.
//!
//! Triggers come from the embedded lexicon `data/lexicons/triggers.tsv` (built by
//! `khabar-dev build-lexicons`): folded forms, one to three words, each with an event type and a
//! weight. A word matches whole or after clitic peeling (`وقصف`, `بالخروج`). A type is reported
//! when its triggers weigh enough, the headline and lead sentence weighing most; `statement`
//! only when nothing else is. The primary event is the type that dominates the headline and
//! lead, the earliest on a tie.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::entities::lexicon::FxMap;
use super::fold;
use super::skip_folded;
use super::text::{Doc, TokenKind};
use super::{Actor, Event, EventType, Place, Quantity, Span};

/// The generated lexicon, embedded.
const LEXICON: &str = include_str!("../../../data/lexicons/triggers.tsv");
/// Words after which a trigger word has another sense (`طائرة مسيرة` is a drone, no march).
const OTHER_SENSES: &str = include_str!("../../../data/curated/trigger_senses.tsv");

/// The weight a type needs over the whole text to be reported.
const REPORT_THRESHOLD: f32 = 2.0;
/// How much a trigger counts in the headline, the lead sentence, the body, and in a sentence of
/// background history (one that names only years well before the story's).
const HEADLINE_FACTOR: f32 = 3.0;
const LEAD_FACTOR: f32 = 2.0;
const BODY_FACTOR: f32 = 1.0;
const BACKGROUND_FACTOR: f32 = 0.3;
/// The first trigger of the headline (or of the lead when there is no headline trigger) is
/// usually the main predicate: it counts this much more towards the primary event.
const FIRST_TRIGGER_BONUS: f32 = 1.5;
/// At most this many frames per type.
const FRAMES_PER_TYPE: usize = 3;

/// What one trigger form means.
#[derive(Debug, Clone, Copy)]
struct Sense {
    event_type: EventType,
    weight: f32,
}

/// A multi-word trigger: the words after its first and what it means.
#[derive(Debug, Clone)]
struct Phrase {
    rest: Vec<String>,
    sense: Sense,
}

/// The trigger lexicon of the sixteen event types.
#[derive(Debug, Default)]
pub struct Triggers {
    /// One-word forms.
    words: FxMap<String, Vec<Sense>>,
    /// Multi-word forms by their first word, longest first.
    phrases: FxMap<String, Vec<Phrase>>,
    /// Trigger stems (folded) → the words (folded, bare) after which they are no trigger.
    other_senses: FxMap<String, Vec<String>>,
}

/// Proclitic sequences as [`super::clitics::segmentations`] peels them (a conjunction, a
/// particle, the article; `لل` for ل + ال), the bare word first, with whether the article ends
/// them. Tried in order without allocating: a word is peeled only to a known stem.
const PROCLITICS: [(&str, bool); 27] = [
    ("", false),
    ("و", false),
    ("ف", false),
    ("ال", true),
    ("وال", true),
    ("فال", true),
    ("ب", false),
    ("ل", false),
    ("ك", false),
    ("س", false),
    ("بال", true),
    ("لل", true),
    ("كال", true),
    ("وب", false),
    ("ول", false),
    ("وك", false),
    ("وس", false),
    ("وبال", true),
    ("ولل", true),
    ("وكال", true),
    ("فب", false),
    ("فل", false),
    ("فك", false),
    ("فس", false),
    ("فبال", true),
    ("فلل", true),
    ("فكال", true),
];

/// Pronoun suffixes, longest first (as in [`super::clitics`]).
const PRONOUN_SUFFIXES: [&str; 7] = ["هما", "هم", "هن", "ها", "كم", "نا", "ه"];

/// One trigger found in the text.
#[derive(Debug, Clone)]
struct Hit {
    sense: Sense,
    /// What the word before says of it: background (`منذ`), circumstance (`بموجب`, `بعد`).
    context: Context,
    tokens: Range<usize>,
    /// Folded chars of a proclitic before the trigger in its first token.
    skip: usize,
    sentence: usize,
}

impl Triggers {
    /// Loads the embedded trigger lexicon and the words that change a trigger's sense.
    pub fn new() -> Triggers {
        let mut triggers = Triggers::parse(LEXICON);
        for line in OTHER_SENSES.lines().filter(|l| !l.starts_with('#')) {
            let Some((trigger, before)) = line.split_once('\t') else {
                continue;
            };
            triggers
                .other_senses
                .entry(fold(trigger.trim()))
                .or_default()
                .extend(before.split_whitespace().map(fold));
        }
        triggers
    }

    /// Reads lexicon lines `form<TAB>type<TAB>weight`; malformed lines are skipped.
    fn parse(text: &str) -> Triggers {
        let mut triggers = Triggers::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(form), Some(type_name), Some(weight)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let (Some(event_type), Ok(weight)) = (EventType::parse(type_name), weight.parse())
            else {
                continue;
            };
            let sense = Sense { event_type, weight };
            let mut words = form.split(' ');
            let Some(first) = words.next() else {
                continue;
            };
            let rest: Vec<String> = words.map(str::to_string).collect();
            if rest.is_empty() {
                triggers
                    .words
                    .entry(first.to_string())
                    .or_default()
                    .push(sense);
            } else {
                triggers
                    .phrases
                    .entry(first.to_string())
                    .or_default()
                    .push(Phrase { rest, sense });
            }
        }
        for phrases in triggers.phrases.values_mut() {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        triggers
    }

    fn knows(&self, stem: &str) -> bool {
        self.words.contains_key(stem) || self.phrases.contains_key(stem)
    }

    /// The first known stem behind proclitics: the stem, the proclitics' length in chars, and
    /// whether they end with the article. The bare word is tried first, so a whole word never
    /// reads as proclitic + stem (`بيان`).
    fn strip<'w>(&self, word: &'w str) -> Option<(&'w str, usize, bool)> {
        PROCLITICS.iter().find_map(|&(p, article)| {
            let stem = word.strip_prefix(p)?;
            (stem.len() >= 4 && self.knows(stem)).then(|| (stem, p.chars().count(), article))
        })
    }

    /// The trigger stem of a written word and its proclitics' length. A pronoun suffix is
    /// peeled when no article precedes, and not from a short stem that also lost a proclitic
    /// (`وزارة` is no و + زار + ة).
    fn peel<'w>(&self, word: &'w str) -> Option<(&'w str, usize)> {
        if let Some((stem, skip, _)) = self.strip(word) {
            return Some((stem, skip));
        }
        let suffix = PRONOUN_SUFFIXES.iter().find(|s| word.ends_with(*s))?;
        let (stem, skip, article) = self.strip(&word[..word.len() - suffix.len()])?;
        let plausible = !article && (skip == 0 || stem.chars().count() >= 4);
        plausible.then_some((stem, skip))
    }

    /// Whether the word before token `i` gives the trigger `stem` another sense (`طائرة
    /// مسيرة`): the bare word or the word behind a proclitic (`والطائرات`).
    fn other_sense(&self, doc: &Doc, i: usize, stem: &str) -> bool {
        let Some(before) = self.other_senses.get(stem) else {
            return false;
        };
        let Some(prev) = i.checked_sub(1).and_then(|p| doc.tokens.get(p)) else {
            return false;
        };
        prev.sentence == doc.tokens[i].sentence
            && PROCLITICS.iter().any(|&(p, _)| {
                prev.folded
                    .strip_prefix(p)
                    .is_some_and(|rest| before.iter().any(|b| b == rest))
            })
    }

    /// The event frames of a text, the primary event first.
    pub fn frames(
        &self,
        doc: &Doc,
        who: &[Actor],
        places: &[Place],
        how_many: &[Quantity],
    ) -> Vec<Event> {
        let hits = self.hits(doc);
        let factors = sentence_factors(doc);
        let factor = |s: usize| factors.get(s).copied().unwrap_or(BODY_FACTOR);
        // Per type: the strongest trigger of each sentence, summed over sentences in sentence
        // order (a fixed order: a hash map's would change the float sums, and so the order of
        // near-tied types, from one run to the next).
        let mut best_in_sentence: BTreeMap<(EventType, usize), f32> = BTreeMap::new();
        let mut opening: HashMap<EventType, (f32, usize)> = HashMap::new();
        let first_opening = hits.iter().position(|h| factor(h.sentence) > BODY_FACTOR);
        for (n, hit) in hits.iter().enumerate() {
            let t = hit.sense.event_type;
            let f = factor(hit.sentence);
            let background = if hit.context == Context::Background {
                BACKGROUND_FACTOR
            } else {
                1.0
            };
            let w = hit.sense.weight * f * background;
            let best = best_in_sentence.entry((t, hit.sentence)).or_default();
            *best = best.max(w);
            if f > BODY_FACTOR {
                let bonus = match hit.context {
                    Context::Plain if first_opening == Some(n) => FIRST_TRIGGER_BONUS,
                    Context::Plain => 1.0,
                    Context::Circumstance | Context::Background => 0.5,
                };
                let o = opening.entry(t).or_insert((0.0, n));
                o.0 += w * bonus * primary_prior(t);
            }
        }
        let mut total: HashMap<EventType, f32> = HashMap::new();
        for (&(t, _), &w) in &best_in_sentence {
            *total.entry(t).or_default() += w;
        }
        let mut reported: Vec<EventType> = total
            .iter()
            .filter(|&(&t, &w)| t != EventType::Statement && w >= REPORT_THRESHOLD)
            .map(|(&t, _)| t)
            .collect();
        if reported.is_empty()
            && total
                .get(&EventType::Statement)
                .is_some_and(|&w| w >= REPORT_THRESHOLD)
        {
            reported.push(EventType::Statement);
        }
        // Order: the type that dominates the headline and lead first (earliest on a tie),
        // then by total weight.
        let first_hit = |t: EventType| hits.iter().position(|h| h.sense.event_type == t);
        reported.sort_by(|&a, &b| {
            let oa = opening.get(&a).copied().unwrap_or((0.0, usize::MAX));
            let ob = opening.get(&b).copied().unwrap_or((0.0, usize::MAX));
            ob.0.total_cmp(&oa.0)
                .then(oa.1.cmp(&ob.1))
                .then(total[&b].total_cmp(&total[&a]))
                .then(first_hit(a).cmp(&first_hit(b)))
        });
        let mut frames = Vec::new();
        for t in reported {
            for hit in hits
                .iter()
                .filter(|h| h.sense.event_type == t)
                .take(FRAMES_PER_TYPE)
            {
                frames.push(frame(doc, hit, who, places, how_many));
            }
        }
        frames
    }

    /// Every trigger in the text, in text order.
    fn hits(&self, doc: &Doc) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < doc.tokens.len() {
            let token = &doc.tokens[i];
            if token.kind != TokenKind::Arabic {
                i += 1;
                continue;
            }
            let Some((stem, skip)) = self.peel(&token.folded) else {
                i += 1;
                continue;
            };
            if self.other_sense(doc, i, stem) {
                i += 1;
                continue;
            }
            let sentence = token.sentence;
            let phrase = self.phrases.get(stem).and_then(|phrases| {
                phrases.iter().find(|p| {
                    p.rest.iter().enumerate().all(|(k, w)| {
                        doc.tokens
                            .get(i + 1 + k)
                            .is_some_and(|t| t.folded == *w && t.sentence == sentence)
                    })
                })
            });
            if let Some(p) = phrase {
                let end = i + 1 + p.rest.len();
                hits.push(Hit {
                    sense: p.sense,
                    context: context_of(doc, i),
                    tokens: i..end,
                    skip,
                    sentence,
                });
                i = end;
                continue;
            }
            if let Some(senses) = self.words.get(stem) {
                for &sense in senses {
                    hits.push(Hit {
                        sense,
                        context: context_of(doc, i),
                        tokens: i..i + 1,
                        skip,
                        sentence,
                    });
                }
            }
            i += 1;
        }
        hits
    }
}

/// How much a trigger counts in each sentence: the headline (the first line when a blank line
/// follows it, else the first sentence), the lead (the first sentence after it), the body, and
/// background sentences (naming only years two or more before the latest year of the text).
fn sentence_factors(doc: &Doc) -> Vec<f32> {
    let headline_end = match doc.text.find('\n') {
        Some(nl)
            if doc.text[nl + 1..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n') =>
        {
            doc.text[..nl].chars().count()
        }
        _ => doc.sentences.first().map_or(0, |r| doc.span(r.clone())[1]),
    };
    let years: Vec<Vec<u32>> = doc
        .sentences
        .iter()
        .map(|r| {
            doc.tokens[r.clone()]
                .iter()
                .filter(|t| t.kind == TokenKind::Number && t.folded.len() == 4)
                .filter_map(|t| t.folded.parse().ok())
                .filter(|y| (1950..=2100).contains(y))
                .collect()
        })
        .collect();
    let latest = years.iter().flatten().copied().max().unwrap_or(0);
    let mut lead_given = false;
    doc.sentences
        .iter()
        .zip(&years)
        .map(|(r, ys)| {
            let start = doc.span(r.clone())[0];
            let is_word = |t: &&super::text::Token| t.kind == TokenKind::Arabic;
            if start < headline_end {
                HEADLINE_FACTOR
            } else if !lead_given && doc.tokens[r.clone()].iter().filter(is_word).count() >= 3 {
                lead_given = true;
                LEAD_FACTOR
            } else if !ys.is_empty() && ys.iter().all(|&y| y + 2 <= latest) {
                BACKGROUND_FACTOR
            } else {
                BODY_FACTOR
            }
        })
        .collect()
}

/// Which type leads when several share the opening: a disaster is the event its casualties
/// follow from; casualties lead the attack that caused them; meetings and statements rarely
/// are the story when something else is.
fn primary_prior(t: EventType) -> f32 {
    match t {
        EventType::Disaster => 2.0,
        EventType::Casualties => 1.2,
        EventType::Talks => 0.8,
        EventType::Statement => 0.5,
        _ => 1.0,
    }
}

/// What the word before a trigger says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Nothing special.
    Plain,
    /// A circumstance of the main event (`بموجب اتفاق`, `بعد إضراب`): it does not lead.
    Circumstance,
    /// Background (`منذ الانتخابات`): it hardly counts.
    Background,
}

/// Words that make the following trigger a circumstance of the story's main event.
const CIRCUMSTANCE_WORDS: &[&str] = &[
    "بموجب",
    "وفق",
    "وفقا",
    "بعد",
    "اثر",
    "عقب",
    "بسبب",
    "جراء",
    "نتيجه",
    "خلال",
    "اثناء",
    "اطار",
    "اعقاب",
    "اعتبارا",
    "اجل",
    "بشان",
    "حول",
];

fn context_of(doc: &Doc, i: usize) -> Context {
    let Some(prev) = i.checked_sub(1).and_then(|p| doc.tokens.get(p)) else {
        return Context::Plain;
    };
    let w = prev.folded.as_str();
    let bare = w
        .strip_prefix('و')
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(w);
    if bare == "منذ" {
        Context::Background
    } else if CIRCUMSTANCE_WORDS.contains(&bare) || CIRCUMSTANCE_WORDS.contains(&w) {
        Context::Circumstance
    } else {
        Context::Plain
    }
}

/// The frame of one trigger: the actors, places and quantities mentioned in its sentence.
fn frame(doc: &Doc, hit: &Hit, who: &[Actor], places: &[Place], how_many: &[Quantity]) -> Event {
    let sentence = doc
        .sentences
        .get(hit.sentence)
        .map_or([0, 0], |r| doc.span(r.clone()));
    let inside = |s: &Span| s[0] >= sentence[0] && s[1] <= sentence[1];
    let surface = doc.surface(hit.tokens.clone());
    let trigger = skip_folded(surface, hit.skip);
    let start =
        doc.span(hit.tokens.clone())[0] + (surface.chars().count() - trigger.chars().count());
    Event {
        event_type: hit.sense.event_type,
        trigger: trigger.to_string(),
        span: [start, doc.span(hit.tokens.clone())[1]],
        sentence: hit.sentence,
        who: who
            .iter()
            .filter(|a| a.mentions.iter().any(inside))
            .map(|a| a.name.clone())
            .collect(),
        places: places
            .iter()
            .filter(|p| p.mentions.iter().any(inside))
            .map(|p| p.name.clone())
            .collect(),
        how_many: how_many
            .iter()
            .enumerate()
            .filter(|(_, q)| inside(&q.span))
            .map(|(n, _)| n)
            .collect(),
        agents: Vec::new(),
        targets: Vec::new(),
        sources: Vec::new(),
        background: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ActorKind, PlaceKind, QuantityKind};

    fn types(text: &str) -> Vec<EventType> {
        let mut out: Vec<EventType> = Vec::new();
        for e in Triggers::new().frames(&Doc::new(text), &[], &[], &[]) {
            if !out.contains(&e.event_type) {
                out.push(e.event_type);
            }
        }
        out
    }

    #[test]
    fn the_headline_decides_the_primary_event() {
        let text = "بدء إجلاء المدنيين من البلدة المحاصرة\n\n\
                    بدأت عملية إجلاء مئات المدنيين من البلدة صباح اليوم. \
                    ويفرض الجيش حصارا على البلدة منذ أشهر. وتعرضت البلدة لقصف عنيف. \
                    واستمر القصف طوال الليل.";
        let t = types(text);
        assert_eq!(t.first(), Some(&EventType::Displacement));
        assert!(
            t.contains(&EventType::Attack),
            "two body sentences of shelling"
        );
    }

    #[test]
    fn triggers_are_found_behind_clitics() {
        let text = "وقصفت الطائرات المدينة وبالقصف دمرت المباني\n\nوقصفت الطائرات الحي.";
        assert_eq!(types(text), [EventType::Attack]);
        // `وزارة` is no و + زار + ة.
        assert!(types("وزارة الصحة\n\nقالت وزارة الصحة ووزارة المالية.").is_empty());
    }

    #[test]
    fn a_drone_is_no_march() {
        let text = "الجيش يسقط طائرة مسيرة قرب الحدود\n\n\
                    أسقطت الدفاعات الجوية طائرتين مسيرتين، وقالت إن الطائرات المسيرة \
                    انطلقت من الجنوب. وكانت طائرات مسيرات قد حلقت فوق المطار.";
        assert!(
            !types(text).contains(&EventType::Protest),
            "{:?}",
            types(text)
        );
        // A march is still a march.
        let march = "آلاف في مسيرة حاشدة وسط العاصمة\n\nخرجت مسيرة ضد الغلاء في العاصمة.";
        assert_eq!(types(march), [EventType::Protest]);
    }

    #[test]
    fn a_lone_body_mention_is_not_reported() {
        let text = "ارتفاع أسعار الخبز في العاصمة\n\n\
                    ارتفعت أسعار الخبز بنسبة كبيرة. وقال مسؤول إن الاحتجاجات ممكنة.";
        assert_eq!(types(text), [EventType::Economy]);
    }

    #[test]
    fn a_disaster_leads_its_casualties_and_background_hardly_counts() {
        let text = "مقتل خمسة أشخاص في زلزال قوي\n\n\
                    قتل خمسة أشخاص في زلزال ضرب المنطقة. \
                    وكانت المنطقة شهدت نزوحا كبيرا عام 1990 ونزوحا آخر عام 1991. \
                    وقال السكان إن الزلزال كان قويا عام 2018.";
        let t = types(text);
        assert_eq!(t[..2], [EventType::Disaster, EventType::Casualties]);
        assert!(!t.contains(&EventType::Displacement), "{t:?}");
    }

    #[test]
    fn a_circumstance_does_not_lead() {
        let text = "بدء خروج المقاتلين من الحي بموجب اتفاق مع الحكومة\n\n\
                    وينص الاتفاق على خروج المقاتلين.";
        assert_eq!(
            types(text)[..2],
            [EventType::Displacement, EventType::Agreement]
        );
    }

    #[test]
    fn statement_only_when_nothing_else_fits() {
        let said = "الوزارة تصدر بيانا حول الوضع\n\nأصدرت الوزارة بيانا حذرت فيه من التصعيد.";
        assert_eq!(types(said), [EventType::Statement]);
        let struck = "الجيش يعلن قصف مواقع المسلحين\n\nأعلن الجيش في بيان قصف مواقع.";
        assert_eq!(types(struck), [EventType::Attack]);
    }

    #[test]
    fn frames_bind_the_who_where_and_how_many_of_their_sentence() {
        let text = "قصف على حلب\n\nقصفت الطائرات حلب وقتل 12 شخصا. وفي دمشق هدوء.";
        let doc = Doc::new(text);
        let at = |word: &str| {
            let start = text.rfind(word).unwrap();
            let s = text[..start].chars().count();
            [s, s + word.chars().count()]
        };
        let actor = Actor {
            name: "الطائرات".into(),
            kind: ActorKind::Group,
            role: None,
            aliases: vec![],
            mentions: vec![at("الطائرات")],
            salience: 1.0,
        };
        let place = |name: &str| Place {
            name: name.into(),
            kind: PlaceKind::City,
            country: None,
            lat: None,
            lon: None,
            within: None,
            mentions: vec![at(name)],
            salience: 1.0,
        };
        let places = [place("حلب"), place("دمشق")];
        let quantity = Quantity {
            text: "12 شخصا".into(),
            min: Some(12.0),
            max: Some(12.0),
            approx: false,
            vague: None,
            kind: QuantityKind::Count,
            unit: Some("شخصا".into()),
            span: at("12 شخصا"),
        };
        let frames = Triggers::new().frames(&doc, &[actor], &places, &[quantity]);
        let lead = frames
            .iter()
            .find(|e| e.sentence == 1 && e.event_type == EventType::Attack)
            .expect("a frame for the lead sentence");
        assert_eq!(lead.trigger, "قصفت");
        assert_eq!(lead.span, at("قصفت"));
        assert_eq!(lead.who, ["الطائرات"]);
        assert_eq!(lead.places, ["حلب"]);
        assert_eq!(lead.how_many, [0]);
    }

    #[test]
    fn the_embedded_lexicon_loads_and_noise_never_panics() {
        let triggers = Triggers::new();
        assert!(triggers.words.len() > 300);
        assert!(triggers.phrases.contains_key("وقف"));
        for text in ["", "\n\n", "و", "😀 \u{0}", "وقف اطلاق", "منذ"] {
            let _ = triggers.frames(&Doc::new(text), &[], &[], &[]);
        }
    }
}
