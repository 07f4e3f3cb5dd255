//! Alias merging and salience: mentions of one real-world entity become one item
//! (`بوتين` = `فلاديمير بوتين`; `قوات النظام` = `النظام` = `نظام الأسد`), ranked by salience.

use std::collections::HashMap;

use super::lexicon::{Lexicon, flags, phrase_tokens};
use super::rules::{Mention, PlaceInfo, What};
use super::words::Word;
use crate::text::Doc;
use crate::{Actor, ActorKind, Place, PlaceKind, Span};

/// The family key of every regime mention (`النظام`, `قوات النظام`, `نظام الأسد`).
const REGIME: &str = "نظام";
/// The family key of every opposition mention (`المعارضة`, `فصائل المعارضة`).
const OPPOSITION: &str = "معارضه";
/// The family key of government mentions.
const GOVERNMENT: &str = "حكومه";
/// Heads of armed forces, merged with their country when the country acts.
const FORCES: [&str; 5] = ["قوات", "جيش", "جنود", "قواتها", "احتلال"];

/// Turns the mentions of a document into its actors and places, most salient first.
pub fn merge(
    doc: &Doc,
    words: &[Word],
    lex: &Lexicon,
    mut mentions: Vec<Mention>,
) -> (Vec<Actor>, Vec<Place>) {
    add_acting_countries(words, lex, &mut mentions);
    let ctx = Salience::new(doc);
    add_adjective_countries(doc, words, lex, &ctx, &mut mentions);
    let actors = merge_actors(&mentions, &ctx);
    let places = merge_places(lex, &mentions, &ctx);
    (actors, places)
}

/// A country named as a place also acts when a verb follows or precedes it
/// (`إيران تعلن`, `أعلنت روسيا`): it is then an actor too.
fn add_acting_countries(words: &[Word], lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let mut acting = Vec::new();
    for m in mentions.iter() {
        let What::Place(info) = &m.what else { continue };
        let (PlaceKind::Country, Some(code)) = (info.kind, info.country) else {
            continue;
        };
        let before = m.range.start.checked_sub(1).and_then(|i| words.get(i));
        let after = words.get(m.range.end);
        let first = &words[m.range.start];
        // `في عمان`, `بالأردن`: a place, not an actor.
        let located = first.prefix.contains(['ب', 'ل', 'ك'])
            || before.is_some_and(|w| LOCATIVE.contains(&w.key));
        let verb_after = after.is_some_and(|w| looks_like_verb(w, true));
        let verb_before = before.is_some_and(|w| {
            looks_like_verb(w, false)
                || lex.speech_verbs.contains(w.key)
                || PARTNER_WORDS.contains(&w.key)
        }) && first.prefix.is_empty();
        // `السعودية والإمارات والكويت`: a country joined to an acting one acts too.
        let joined = first.prefix.starts_with('و')
            && acting
                .last()
                .is_some_and(|a: &Mention| m.range.start - a.range.end <= 1);
        if !located && (verb_after || verb_before || joined) {
            let mut a = m.clone();
            a.what = What::Actor(ActorKind::Country);
            a.key = format!("country:{code}");
            a.nationality = Some(code);
            acting.push(a);
        }
    }
    mentions.extend(acting);
}

/// A country met only as an adjective (`الحكومة المصرية`) is a place when the story happens
/// there: the adjective is in the headline, or a place in it is named.
fn add_adjective_countries(
    doc: &Doc,
    words: &[Word],
    lex: &Lexicon,
    ctx: &Salience,
    mentions: &mut Vec<Mention>,
) {
    let mut seen: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !w.is(flags::NATIONALITY) {
            continue;
        }
        let Some(&code) = lex.nationalities.get(w.key) else {
            continue;
        };
        match seen.iter_mut().find(|(c, _)| *c == code) {
            Some((_, at)) => at.push(i),
            None => seen.push((code, vec![i])),
        }
    }
    for (code, at) in seen {
        let named = mentions.iter().any(|m| match &m.what {
            What::Place(info) => info.country == Some(code),
            What::Actor(_) => false,
        });
        let in_country = mentions.iter().any(|m| match &m.what {
            What::Place(info) => info.country == Some(code) && info.kind != PlaceKind::Country,
            What::Actor(_) => false,
        });
        let in_headline = ctx
            .headline
            .as_ref()
            .is_some_and(|h| at.iter().any(|i| h.contains(i)));
        if named && !in_country {
            continue;
        }
        if mentions.iter().any(|m| {
            m.key.strip_prefix("country:") == Some(code) && matches!(m.what, What::Place(_))
        }) {
            continue;
        }
        if !(in_headline || in_country) {
            continue;
        }
        let Some(name) = lex.country_names.get(code) else {
            continue;
        };
        for &i in &at {
            mentions.push(Mention {
                range: i..i + 1,
                chars: doc.span(i..i + 1),
                name: name.to_string(),
                key: format!("country:{code}"),
                what: What::Place(PlaceInfo {
                    kind: PlaceKind::Country,
                    country: Some(code),
                    coords: None,
                }),
                role: None,
                canonical: None,
                head: None,
                nationality: Some(code),
                bare: false,
            });
        }
    }
}

/// Words before a place that make it a location, not an actor.
const LOCATIVE: [&str; 10] = [
    "في", "من", "الي", "نحو", "داخل", "خارج", "عبر", "شمال", "جنوب", "وسط",
];
/// Words before a country that make it a party (`مع السعودية`, `حكومات السعودية`).
const PARTNER_WORDS: [&str; 4] = ["مع", "حكومه", "حكومات", "دول"];

/// A word shaped like a verb agreeing with a feminine subject: `تعلن`, `تتهم` (before the
/// subject: `أعلنت`, `قدمت`).
fn looks_like_verb(w: &Word, after: bool) -> bool {
    if !w.arabic() || w.definite || w.is(flags::PLACE | flags::TITLE | flags::PERSON_NAME) {
        return false;
    }
    let k = w.key;
    let n = k.chars().count();
    if n < 4 || k.ends_with("ات") || k.ends_with('ه') {
        return false;
    }
    if after {
        k.starts_with('ت') || (k.ends_with('ت') && w.prefix.is_empty())
    } else {
        k.ends_with('ت')
    }
}

/// What salience needs to know of the document.
struct Salience {
    tokens: usize,
    headline: Option<std::ops::Range<usize>>,
}

impl Salience {
    fn new(doc: &Doc) -> Salience {
        let has_headline = doc
            .text
            .trim_start()
            .split_once('\n')
            .is_some_and(|(_, rest)| rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n'));
        Salience {
            tokens: doc.tokens.len().max(1),
            headline: has_headline
                .then(|| doc.sentences.first().cloned())
                .flatten(),
        }
    }

    /// Headline, first mention early, mentioned often: 0..1.
    fn of(&self, mentions: &[&Mention]) -> f32 {
        let first = mentions.iter().map(|m| m.range.start).min().unwrap_or(0);
        let in_headline = self
            .headline
            .as_ref()
            .is_some_and(|h| mentions.iter().any(|m| h.contains(&m.range.start)));
        let early = 1.0 - first as f32 / self.tokens as f32;
        let often = (mentions.len().min(5) as f32) / 5.0;
        let s = 0.4 * f32::from(u8::from(in_headline)) + 0.35 * early + 0.25 * often;
        (s * 100.0).round() / 100.0
    }
}

/// The normalised key of a canonical name.
fn canonical_key(name: &str) -> String {
    phrase_tokens(name).0.join(" ")
}

fn family(m: &Mention, persons: &[&Mention], countries: &[&str]) -> String {
    if let Some(c) = m.canonical {
        return canonical_key(c);
    }
    let What::Actor(kind) = m.what else {
        return m.key.clone();
    };
    if kind == ActorKind::Country {
        return m.key.clone();
    }
    let tokens: Vec<&str> = m.key.split(' ').collect();
    let head = m.head.as_deref().unwrap_or("");
    if kind == ActorKind::Group
        && let Some(code) = m.nationality
        && FORCES.contains(&head)
    {
        return if countries.contains(&code) {
            format!("country:{code}")
        } else {
            format!("forces:{code}")
        };
    }
    if tokens.contains(&OPPOSITION) || tokens.contains(&"فصايل") {
        return OPPOSITION.to_string();
    }
    if head == REGIME || (head == "قوات" && tokens.get(1) == Some(&REGIME)) {
        return REGIME.to_string();
    }
    if (head == "قوات" || head == REGIME)
        && tokens.len() == 2
        && persons
            .iter()
            .any(|p| p.key.rsplit(' ').next() == Some(tokens[1]))
    {
        return REGIME.to_string();
    }
    if head == GOVERNMENT {
        return match m.nationality {
            Some(code) => format!("{GOVERNMENT}:{code}"),
            None if tokens.len() == 1 => GOVERNMENT.to_string(),
            None => m.key.clone(),
        };
    }
    m.key.clone()
}

fn merge_actors(mentions: &[Mention], ctx: &Salience) -> Vec<Actor> {
    let actors: Vec<&Mention> = mentions
        .iter()
        .filter(|m| matches!(m.what, What::Actor(_)))
        .collect();
    let persons: Vec<&Mention> = actors
        .iter()
        .copied()
        .filter(|m| m.what == What::Actor(ActorKind::Person))
        .collect();
    let countries: Vec<&str> = actors
        .iter()
        .filter(|m| m.what == What::Actor(ActorKind::Country))
        .filter_map(|m| m.nationality)
        .collect();
    let mut keys: Vec<String> = actors
        .iter()
        .map(|m| family(m, &persons, &countries))
        .collect();
    // Persons: a shorter form ending a longer one is the same person (بوتين, نزار باييف).
    let mut by_tail: HashMap<&str, &str> = HashMap::new();
    for p in &persons {
        for (at, _) in p.key.match_indices(' ') {
            let tail = &p.key[at + 1..];
            let best = by_tail.entry(tail).or_insert(&p.key);
            if p.key.len() >= best.len() {
                *best = &p.key;
            }
        }
    }
    for i in 0..actors.len() {
        if actors[i].what != What::Actor(ActorKind::Person) {
            continue;
        }
        if let Some(longer) = by_tail.get(keys[i].as_str()) {
            keys[i] = longer.to_string();
        }
    }
    // Organisations and groups: a shorter form opening a longer one with the same head
    // (المرصد السوري ⊂ المرصد السوري لحقوق الإنسان), a bare head (الوزارة) → the fullest name.
    let snapshot = keys.clone();
    let mut by_head: HashMap<&str, Vec<&str>> = HashMap::new();
    for (m, k) in actors.iter().zip(&snapshot) {
        if let Some(head) = m.head.as_deref() {
            let keys = by_head.entry(head).or_default();
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    for i in 0..actors.len() {
        let m = actors[i];
        if m.what == What::Actor(ActorKind::Person) || m.canonical.is_some() {
            continue;
        }
        let Some(head) = m.head.as_deref() else {
            continue;
        };
        let short = snapshot[i].as_str();
        let longer = by_head[head]
            .iter()
            .filter(|k| {
                k.len() > short.len()
                    && (m.bare
                        || (k.starts_with(short) && k.as_bytes().get(short.len()) == Some(&b' ')))
            })
            .max_by_key(|k| k.len());
        if let Some(k) = longer {
            keys[i] = k.to_string();
        } else if m.bare {
            keys[i].clear();
        }
    }
    // The army: a bare `الجيش` or `الاحتلال` is the one army named in full, if only one.
    let forces: Vec<&String> = {
        let mut f: Vec<&String> = keys.iter().filter(|k| k.starts_with("forces:")).collect();
        f.sort();
        f.dedup();
        f
    };
    if forces.len() == 1 {
        let only = forces[0].clone();
        for k in keys.iter_mut() {
            if k.split(' ').any(|t| t == "احتلال") || k == "جيش" {
                *k = only.clone();
            }
        }
    }
    // The government: a bare `الحكومة` is the one government named in full, if only one.
    let governments: Vec<&String> = {
        let mut g: Vec<&String> = keys
            .iter()
            .filter(|k| k.starts_with(GOVERNMENT) && k.as_str() != GOVERNMENT)
            .collect();
        g.sort();
        g.dedup();
        g
    };
    if governments.len() == 1 {
        let only = governments[0].clone();
        for k in keys.iter_mut().filter(|k| k.as_str() == GOVERNMENT) {
            *k = only.clone();
        }
    }
    let mut groups: Vec<(String, Vec<&Mention>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (m, k) in actors.iter().zip(&keys) {
        if k.is_empty() {
            continue;
        }
        match index.get(k.as_str()) {
            Some(&g) => groups[g].1.push(m),
            None => {
                index.insert(k, groups.len());
                groups.push((k.clone(), vec![m]));
            }
        }
    }
    let mut out: Vec<Actor> = groups
        .into_iter()
        .map(|(key, ms)| actor_of(&key, &ms, ctx))
        .collect();
    out.sort_by(|a, b| b.salience.total_cmp(&a.salience));
    out
}

fn actor_of(key: &str, ms: &[&Mention], ctx: &Salience) -> Actor {
    let country_code = key.strip_prefix("country:");
    let kind = if country_code.is_some() {
        ActorKind::Country
    } else {
        ms.iter()
            .find_map(|m| match m.what {
                What::Actor(k) => Some(k),
                What::Place(_) => None,
            })
            .unwrap_or(ActorKind::Organization)
    };
    let mut names: Vec<&str> = Vec::new();
    for m in ms {
        if !names.contains(&m.name.as_str()) {
            names.push(&m.name);
        }
    }
    let name = match (country_code, ms.iter().find_map(|m| m.canonical)) {
        (Some(_), _) => most_frequent(ms),
        (None, Some(c)) if !names.iter().any(|n| n.split(' ').count() > 1) => c.to_string(),
        _ => longest(&names),
    };
    let aliases = names
        .iter()
        .filter(|n| **n != name)
        .map(|n| n.to_string())
        .collect();
    let mut mentions: Vec<Span> = ms.iter().map(|m| m.chars).collect();
    mentions.sort();
    mentions.dedup();
    Actor {
        name,
        kind,
        role: ms.iter().find_map(|m| m.role.clone()),
        aliases,
        mentions,
        salience: ctx.of(ms),
    }
}

/// The name the text uses most for a country (`بريطانيا` rather than `المملكة المتحدة`).
fn most_frequent(ms: &[&Mention]) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in ms {
        *counts.entry(&m.name).or_default() += 1;
    }
    let mut best = ("", 0);
    for m in ms {
        let n = counts[m.name.as_str()];
        if n > best.1 {
            best = (&m.name, n);
        }
    }
    best.0.to_string()
}

fn longest(names: &[&str]) -> String {
    names
        .iter()
        .max_by_key(|n| (n.split(' ').count(), n.len()))
        .map(|n| n.to_string())
        .unwrap_or_default()
}

fn merge_places(lex: &Lexicon, mentions: &[Mention], ctx: &Salience) -> Vec<Place> {
    let mut groups: Vec<(&str, Vec<&Mention>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for m in mentions {
        if !matches!(m.what, What::Place(_)) {
            continue;
        }
        match index.get(m.key.as_str()) {
            Some(&g) => groups[g].1.push(m),
            None => {
                index.insert(&m.key, groups.len());
                groups.push((&m.key, vec![m]));
            }
        }
    }
    let mut out: Vec<Place> = groups
        .into_iter()
        .map(|(_, ms)| {
            let infos: Vec<&PlaceInfo> = ms
                .iter()
                .filter_map(|m| match &m.what {
                    What::Place(i) => Some(i),
                    What::Actor(_) => None,
                })
                .collect();
            let with_coords = infos.iter().find(|i| i.coords.is_some());
            let kind = infos
                .iter()
                .map(|i| i.kind)
                .find(|k| *k == PlaceKind::District)
                .unwrap_or(infos[0].kind);
            let country = infos.iter().find_map(|i| i.country);
            let names: Vec<&str> = ms.iter().map(|m| m.name.as_str()).collect();
            let mut mentions: Vec<Span> = ms.iter().map(|m| m.chars).collect();
            mentions.sort();
            mentions.dedup();
            Place {
                name: longest(&names),
                kind,
                country: country.map(str::to_string),
                lat: with_coords.and_then(|i| i.coords).map(|c| c.0),
                lon: with_coords.and_then(|i| i.coords).map(|c| c.1),
                within: (kind != PlaceKind::Country)
                    .then(|| country.and_then(|c| lex.country_names.get(c)))
                    .flatten()
                    .map(|n| n.to_string()),
                mentions,
                salience: ctx.of(&ms),
            }
        })
        .collect();
    out.sort_by(|a, b| b.salience.total_cmp(&a.salience));
    out
}
