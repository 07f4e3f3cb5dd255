//! WHAT HAPPENED: event triggers, frames bound to the who, where and how many of their
//! sentence, and the primary event.
//!
//! Triggers come from the embedded lexicon `data/lexicons/triggers.tsv` (built by
//! `khabar build-lexicons`): folded forms, one to three words, each with an event type and a
//! weight. A word matches whole or after clitic peeling (`وقصف`, `بالخروج`). A type is reported
//! when its triggers weigh enough, the headline and lead sentence weighing most; `statement`
//! only when nothing else is. The primary event is the type that dominates the headline and
//! lead, the earliest on a tie.

use std::collections::HashMap;
use std::ops::Range;

use super::clitics;
use super::numbers::skip_folded;
use super::text::{Doc, TokenKind};
use super::{Actor, Event, EventType, Place, Quantity, Span};

/// The generated lexicon, embedded.
const LEXICON: &str = include_str!("../../data/lexicons/triggers.tsv");

/// The weight a type needs over the whole text to be reported.
const REPORT_THRESHOLD: f32 = 2.0;
/// How much a trigger counts in the headline (sentence 0), the lead (sentence 1), and after.
const HEADLINE_FACTOR: f32 = 3.0;
const LEAD_FACTOR: f32 = 2.0;
const BODY_FACTOR: f32 = 1.0;
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
    words: HashMap<String, Vec<Sense>>,
    /// Multi-word forms by their first word, longest first.
    phrases: HashMap<String, Vec<Phrase>>,
}

/// One trigger found in the text.
#[derive(Debug, Clone)]
struct Hit {
    sense: Sense,
    tokens: Range<usize>,
    /// Folded chars of a proclitic before the trigger in its first token.
    skip: usize,
    sentence: usize,
}

impl Triggers {
    /// Loads the embedded trigger lexicon.
    pub fn new() -> Triggers {
        Triggers::parse(LEXICON)
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

    /// The event frames of a text, the primary event first.
    pub fn frames(
        &self,
        doc: &Doc,
        who: &[Actor],
        places: &[Place],
        how_many: &[Quantity],
    ) -> Vec<Event> {
        let hits = self.hits(doc);
        let mut total: HashMap<EventType, f32> = HashMap::new();
        let mut opening: HashMap<EventType, (f32, usize)> = HashMap::new();
        for (n, hit) in hits.iter().enumerate() {
            let t = hit.sense.event_type;
            let factor = match hit.sentence {
                0 => HEADLINE_FACTOR,
                1 => LEAD_FACTOR,
                _ => BODY_FACTOR,
            };
            *total.entry(t).or_default() += hit.sense.weight * factor;
            if hit.sentence <= 1 {
                let o = opening.entry(t).or_insert((0.0, n));
                o.0 += hit.sense.weight * factor;
            }
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
            let word = token.folded.as_str();
            let (stem, skip) = if self.knows(word) {
                (word, 0)
            } else if word.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا'])
                || word.ends_with(['ه', 'ا', 'م'])
            {
                match clitics::peel(word, |s| self.knows(s)) {
                    Some(seg) => (seg.stem, seg.prefix.chars().count()),
                    None => {
                        i += 1;
                        continue;
                    }
                }
            } else {
                i += 1;
                continue;
            };
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
    }
}
