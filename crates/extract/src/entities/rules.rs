//! Mentions: known phrases of the lexicons and context rules (`حي X`, `ريف X`, `محافظ X`,
//! `الرئيس X`, `قال X`, `وزارة X`, `قوات X`), each a token range with what it names.

use std::ops::Range;

use super::lexicon::{FxSet, Known, Lexicon, TitleKind, flags};
use super::words::{Word, blocks_names, key_of, show, span};
use crate::ner::{NameKind, NameSpan};
use crate::text::{Doc, TokenKind};
use crate::{ActorKind, PlaceKind, Span};

/// What a mention names.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// A place.
    Place(PlaceInfo),
    /// An actor.
    Actor(ActorKind),
}

/// What the gazetteer or the context tells about a place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInfo {
    /// Its kind.
    pub kind: PlaceKind,
    /// ISO 3166 alpha-2 code.
    pub country: Option<&'static str>,
    /// Latitude and longitude.
    pub coords: Option<(f64, f64)>,
}

/// One mention of a place or an actor.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The tokens it covers.
    pub range: Range<usize>,
    /// Its char span in the text, leading clitics left out.
    pub chars: Span,
    /// The name to show.
    pub name: String,
    /// Normalised tokens for merging (generic place heads dropped).
    pub key: String,
    /// What it names.
    pub what: What,
    /// A title or position stated next to a person.
    pub role: Option<String>,
    /// The canonical name of a variant (known actors).
    pub canonical: Option<&'static str>,
    /// The head word of an organisation or group (normalised).
    pub head: Option<String>,
    /// A nationality stated in the name (`القوات الروسية` → RU).
    pub nationality: Option<&'static str>,
    /// The mention is only a bare head (`الوزارة`): an alias of a fuller name, or nothing.
    pub bare: bool,
}

/// Words after which a country acts (`برعاية روسية`, `بوساطة مصرية`).
const SPONSOR_WORDS: [&str; 6] = ["رعايه", "اشراف", "وساطه", "دعم", "جانب", "مبادره"];
/// Direction adjectives of a countryside (`الريف الشمالي`).
const DIRECTIONS: [&str; 8] = [
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "شماليه",
    "جنوبيه",
    "شرقيه",
    "غربيه",
];
/// The words the rules look for besides the lexicons (known to clitic peeling): `ملك`, the
/// sponsor words and the directions.
pub fn context_words() -> impl Iterator<Item = &'static str> {
    std::iter::once("ملك")
        .chain(SPONSOR_WORDS)
        .chain(DIRECTIONS)
}
/// Words that join the parts of a person's name.
const NAME_LINKS: [&str; 7] = ["بن", "ابن", "بنت", "عبد", "ابو", "ال", "دي"];
/// One-word towns smaller than this need a preposition or a head before them.
const SMALL_TOWN: u64 = 100_000;
/// Prepositions and nouns before which a small town is read as a place.
const PLACE_PREPOSITIONS: [&str; 18] = [
    "في",
    "من",
    "الي",
    "نحو",
    "قرب",
    "عند",
    "داخل",
    "حول",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "بين",
    "مدينه",
    "بلده",
    "قريه",
    "ضواحي",
];
/// Titles of rulers who may be named by their country alone (`ملك الأردن`).
const RULERS: [&str; 4] = ["ملك", "عاهل", "امير", "سلطان"];
/// Adjectives that continue the name of a body (normalised).
const BODY_ADJECTIVES: [&str; 10] = [
    "عليا",
    "اعلي",
    "مستقله",
    "مستقل",
    "متحده",
    "عامه",
    "عام",
    "كبري",
    "تنفيذي",
    "مركزي",
];
/// Longest name of a person, in tokens.
const MAX_NAME: usize = 5;
/// Longest organisation or group name, in tokens.
const MAX_ORG: usize = 7;

/// The phrase continuation that the lexicon's `longest` asks for: the word `n` places after
/// `i`, while it is Arabic and before `end` (the sentence's end).
fn following<'a>(words: &'a [Word<'a>], i: usize, end: usize) -> impl Fn(usize) -> Option<&'a str> {
    move |n| {
        words
            .get(i + n)
            .filter(|x| i + n < end && x.arabic())
            .map(|x| x.whole)
    }
}

/// Scans one document.
pub struct Scan<'a, 'd> {
    doc: &'a Doc<'d>,
    words: &'a [Word<'a>],
    lex: &'a Lexicon,
    scratch: String,
    /// Mentions found so far, in text order.
    pub mentions: Vec<Mention>,
}

impl<'a, 'd> Scan<'a, 'd> {
    /// Prepares a scan of `doc` whose tokens were looked up as `words`.
    pub fn new(doc: &'a Doc<'d>, words: &'a [Word<'a>], lex: &'a Lexicon) -> Self {
        Scan {
            doc,
            words,
            lex,
            scratch: String::with_capacity(64),
            mentions: Vec::new(),
        }
    }

    /// Finds every mention, sentence by sentence, left to right, longest first; then the
    /// names of the tagger (`names`) that no lexicon or rule found.
    pub fn run(mut self, names: &[NameSpan]) -> Vec<Mention> {
        for s in 0..self.doc.sentences.len() {
            let range = self.doc.sentences[s].clone();
            let mut i = range.start;
            while i < range.end {
                i = self.at(i, range.end).max(i + 1);
            }
        }
        self.tagged(names);
        self.surnames();
        self.drop_unsupported_ambiguous();
        self.mentions
    }

    /// Drops a lone one-word actor whose name is also a common word (`فتح` "opened") unless
    /// the text supports it: the name in full elsewhere (`حركة فتح`), or a known actor joined
    /// to it by `و` (`فتح وحماس`, `حماس و"فتح"`).
    fn drop_unsupported_ambiguous(&mut self) {
        let ambiguous = |m: &Mention| {
            m.range.len() == 1
                && matches!(m.what, What::Actor(_))
                && self
                    .lex
                    .ambiguous_names
                    .contains(self.words[m.range.start].key)
        };
        if !self.mentions.iter().any(ambiguous) {
            return;
        }
        // Tokens between two mentions that join them: punctuation and `و`, with a `و` somewhere.
        let joined = |a: usize, b: usize| {
            let between = &self.doc.tokens[a..b];
            let only_links = between
                .iter()
                .all(|t| t.kind == TokenKind::Punct || t.folded == "و");
            let conjunction =
                between.iter().any(|t| t.folded == "و") || self.words[b].prefix.starts_with('و');
            b - a <= 3 && only_links && conjunction
        };
        // What may support an ambiguous name, gathered once (texts can hold thousands of
        // mentions): the last words of actors named in full, and where known actors start and
        // end.
        let supporting = |n: &&Mention| matches!(n.what, What::Actor(_)) && !ambiguous(n);
        let full_name_ends: FxSet<&str> = self
            .mentions
            .iter()
            .filter(supporting)
            .filter(|n| n.range.len() >= 2)
            .map(|n| self.words[n.range.end - 1].key)
            .collect();
        let known: Vec<&Range<usize>> = self
            .mentions
            .iter()
            .filter(supporting)
            .filter(|n| {
                n.canonical.is_some() || matches!(self.lex.known.get(&n.key), Some(Known::Actor(_)))
            })
            .map(|n| &n.range)
            .collect();
        let mut known_starts: Vec<usize> = known.iter().map(|r| r.start).collect();
        let mut known_ends: Vec<usize> = known.iter().map(|r| r.end).collect();
        known_starts.sort_unstable();
        known_ends.sort_unstable();
        // The positions in `sorted` within `window`.
        let within = |sorted: &[usize], window: Range<usize>| {
            let from = sorted.partition_point(|&p| p < window.start);
            let to = sorted.partition_point(|&p| p < window.end);
            sorted[from..to].to_vec()
        };
        let keep: Vec<bool> = self
            .mentions
            .iter()
            .map(|m| {
                if !ambiguous(m) {
                    return true;
                }
                let i = m.range.start;
                full_name_ends.contains(self.words[i].key)
                    || within(&known_ends, i.saturating_sub(3)..i + 1)
                        .into_iter()
                        .any(|end| joined(end, i))
                    || within(&known_starts, i + 1..i + 5)
                        .into_iter()
                        .any(|start| joined(i + 1, start))
            })
            .collect();
        let mut keep = keep.into_iter();
        self.mentions.retain(|_| keep.next().unwrap_or(true));
    }

    /// Names of the tagger that touch no mention found so far: persons and organisations no
    /// lexicon holds (`تاداميشي ياماموتو`). A one-word name must not be a
    /// common word.
    fn tagged(&mut self, names: &[NameSpan]) {
        let mut covered = vec![false; self.words.len()];
        for m in &self.mentions {
            covered[m.range.clone()].fill(true);
        }
        for name in names {
            let r = name.tokens.clone();
            if r.is_empty() || r.end > self.words.len() || covered[r.clone()].iter().any(|c| *c) {
                continue;
            }
            let words = &self.words[r.clone()];
            // One word alone must be a known name token (not `وغادرت`, a verb).
            if words.iter().any(|w| !w.arabic() || w.stop)
                || (r.len() == 1
                    && (words[0].is(flags::COMMON | flags::NATIONALITY)
                        || (name.kind == NameKind::Person && !words[0].is(flags::PERSON_NAME))))
            {
                continue;
            }
            let what = match name.kind {
                NameKind::Person => What::Actor(ActorKind::Person),
                NameKind::Organization => What::Actor(ActorKind::Organization),
                // Places come from the gazetteer and the place heads: on the dev set the
                // tagger's extra places cost more precision than they gain recall.
                NameKind::Place | NameKind::Misc => continue,
            };
            let m = self.mention(r.clone(), what);
            self.mentions.push(m);
            covered[r].fill(true);
        }
        self.mentions.sort_by_key(|m| m.range.start);
    }

    /// The surname of a person named in full names that person alone elsewhere
    /// (`فلاديمير بوتين` … `وقال بوتين`).
    fn surnames(&mut self) {
        let surnames: std::collections::HashSet<&str> = self
            .mentions
            .iter()
            .filter(|m| m.what == What::Actor(ActorKind::Person) && m.range.len() >= 2)
            .map(|m| self.words[m.range.end - 1].whole)
            .filter(|k| !self.lex.stopwords.contains(*k))
            .collect();
        if surnames.is_empty() {
            return;
        }
        let mut covered = vec![false; self.words.len()];
        for m in &self.mentions {
            covered[m.range.clone()].fill(true);
        }
        for (i, w) in self.words.iter().enumerate() {
            if !covered[i] && w.arabic() && surnames.contains(&w.key) {
                let m = self.mention(i..i + 1, What::Actor(ActorKind::Person));
                self.mentions.push(m);
            }
        }
        self.mentions.sort_by_key(|m| m.range.start);
    }

    fn word(&self, i: usize, end: usize) -> Option<&'a Word<'a>> {
        if i < end { self.words.get(i) } else { None }
    }

    /// Tries every rule at token `i`; returns where scanning continues.
    fn at(&mut self, i: usize, end: usize) -> usize {
        let w = self.words[i];
        if !w.arabic() || w.stop {
            return i + 1;
        }
        let after_speech = i > 0
            && self.words[i - 1].arabic()
            && self.lex.speech_verbs.contains(self.words[i - 1].key);
        // Every rule but the one after a verb of saying opens on an entity word.
        if !w.entity && !after_speech {
            return i + 1;
        }
        if let Some(next) = self.place_head(i, end) {
            return next;
        }
        if let Some(next) = self.title(i, end) {
            return next;
        }
        if let Some(next) = self.known(i, end) {
            return next;
        }
        if let Some(next) = self.organisation(i, end) {
            return next;
        }
        if let Some(next) = self.collective(i, end) {
            return next;
        }
        if let Some(next) = self.sponsor(i, end) {
            return next;
        }
        if let Some(next) = self.person(i, end, after_speech, 2) {
            return next;
        }
        i + 1
    }

    /// A known phrase at `i`: its end and entry.
    fn known_at(&mut self, i: usize, end: usize) -> Option<(usize, Known)> {
        let w = self.words.get(i)?;
        if !w.arabic() {
            return None;
        }
        let words = self.words;
        let (n, known) =
            self.lex
                .known
                .longest(w.key, following(words, i, end), &mut self.scratch)?;
        let definite = match *known {
            Known::Place(p) => self.lex.places[p as usize].definite,
            Known::Actor(a) => self.lex.actors[a as usize].definite,
        };
        // A one-word name keeps its article or its lack of one (الجزيرة is not جزيرة).
        if n == 1 && definite != w.definite {
            return None;
        }
        Some((i + n, *known))
    }

    fn known(&mut self, i: usize, end: usize) -> Option<usize> {
        let (e, known) = self.known_at(i, end)?;
        match known {
            Known::Place(p) => {
                let entry = &self.lex.places[p as usize];
                let one_word = e == i + 1;
                // `كبيرا` is no ك + بيرا: a word that starts with ك is likelier than "like X".
                if one_word
                    && (self.words[i].prefix.contains('ك')
                        || self.lex.place_heads.contains_key(self.words[i].key)
                        || (entry.population < SMALL_TOWN && !self.place_context(i)))
                {
                    return None;
                }
                self.push_place(i..e, None, entry_info(entry));
            }
            Known::Actor(a) => {
                let entry = &self.lex.actors[a as usize];
                let mut m = self.mention(i..e, What::Actor(entry.kind));
                m.canonical = entry.canonical;
                self.mentions.push(m);
            }
        }
        Some(e)
    }

    /// Whether a preposition or a proclitic before token `i` suits a place (`في X`, `بX`,
    /// `من X`, `حمص وX`).
    fn place_context(&self, i: usize) -> bool {
        let w = self.words[i];
        if w.prefix.contains('ب') || w.prefix.contains('ل') {
            return true;
        }
        let Some(before) = i.checked_sub(1).map(|b| self.words[b]) else {
            return false;
        };
        PLACE_PREPOSITIONS.contains(&before.key)
            || before
                .whole
                .strip_prefix('و')
                .is_some_and(|b| PLACE_PREPOSITIONS.contains(&b))
            || (w.prefix.starts_with('و')
                && self
                    .mentions
                    .last()
                    .is_some_and(|m| m.range.end == i && matches!(m.what, What::Place(_))))
    }

    fn mention(&self, range: Range<usize>, what: What) -> Mention {
        Mention {
            chars: span(self.doc, self.words, range.clone()),
            name: show(self.doc, self.words, range.clone()),
            key: key_of(self.words, range.clone()),
            range,
            what,
            role: None,
            canonical: None,
            head: None,
            nationality: None,
            bare: false,
        }
    }

    fn push_place(&mut self, range: Range<usize>, head: Option<usize>, info: PlaceInfo) {
        let country_key = (info.kind == PlaceKind::Country)
            .then_some(info.country)
            .flatten()
            .map(|code| format!("country:{code}"));
        let mut m = self.mention(range.clone(), What::Place(info));
        if let Some(h) = head {
            m.name = show(self.doc, self.words, h..range.end);
            m.key = key_of(self.words, h + 1..range.end);
        }
        if let Some(k) = country_key {
            m.key = k;
        }
        self.mentions.push(m);
    }

    /// `حي الوعر`, `مدينة حمص`, `ريف حلب`, `الريف الشمالي لمدينة حمص`, `محافظة X`.
    fn place_head(&mut self, i: usize, end: usize) -> Option<usize> {
        let w = self.words[i];
        let head = *self.lex.place_heads.get(w.key)?;
        let (kind, keep) = (head.kind, head.keep);
        if w.key == "ريف" {
            return self.countryside(i, end);
        }
        let x = i + 1;
        if let Some((e, Known::Place(p))) = self.known_at(x, end) {
            let entry = &self.lex.places[p as usize];
            let mut info = entry_info(entry);
            if kind == PlaceKind::District || entry.kind == PlaceKind::Other {
                info.kind = kind;
            }
            let shown_from = keep.then_some(i);
            self.push_place(if keep { i..e } else { x..e }, shown_from, info);
            if head.own
                && let Some(m) = self.mentions.last_mut()
            {
                m.key = format!("{} {}", w.key, m.key);
            }
            return Some(e);
        }
        if head.known_only {
            return None;
        }
        // An unknown name needs the construct (`حي الوعر`, not `الحي الشرقي`).
        if w.definite || w.prefix.ends_with("لل") {
            return None;
        }
        let first = self.word(x, end)?;
        if blocks_names(first) || first.stop || first.is(flags::ORG_HEAD | flags::GROUP_HEAD) {
            return None;
        }
        let mut e = x + 1;
        if !first.definite
            && let Some(second) = self.word(e, end)
            && ((second.definite && !blocks_names(second) && !second.stop)
                || second.whole == "اباد")
        {
            e += 1;
        }
        let info = PlaceInfo {
            kind,
            country: None,
            coords: None,
        };
        let mut m = self.mention(if keep { i..e } else { x..e }, What::Place(info));
        if keep {
            m.name = show(self.doc, self.words, i..e);
        }
        m.key = key_of(self.words, x..e);
        if head.own {
            m.key = format!("{} {}", w.key, m.key);
        }
        self.mentions.push(m);
        Some(e)
    }

    /// `ريف حلب`, `ريف حمص الشمالي`, `الريف الشمالي لمدينة حمص`.
    fn countryside(&mut self, i: usize, end: usize) -> Option<usize> {
        let mut x = i + 1;
        if self
            .word(x, end)
            .is_some_and(|w| DIRECTIONS.contains(&w.key))
        {
            x += 1;
        }
        if self
            .word(x, end)
            .is_some_and(|w| w.key == "مدينه" || w.key == "محافظه")
        {
            x += 1;
        }
        let (mut e, Known::Place(p)) = self.known_at(x, end)? else {
            return None;
        };
        let entry = &self.lex.places[p as usize];
        let place_name = show(self.doc, self.words, x..e);
        if self
            .word(e, end)
            .is_some_and(|w| DIRECTIONS.contains(&w.key))
        {
            e += 1;
        }
        let info = PlaceInfo {
            kind: PlaceKind::Region,
            country: entry.country,
            coords: entry.coords,
        };
        let mut m = self.mention(i..e, What::Place(info));
        m.name = format!("ريف {place_name}");
        m.key = format!("ريف {}", key_of(self.words, x..x + 1));
        self.mentions.push(m);
        Some(e)
    }

    /// A title (`الرئيس الروسي`, `محافظ حمص`) and the person it names, after or before it.
    fn title(&mut self, i: usize, end: usize) -> Option<usize> {
        let words = self.words;
        let (n, &kind) =
            self.lex
                .titles
                .longest(words[i].key, following(words, i, end), &mut self.scratch)?;
        let mut j = i + n;
        if kind == TitleKind::Head {
            j = self.complement(j, end);
        }
        let role = (j > i).then(|| show(self.doc, self.words, i..j));
        let Some(name_end) = self.name_extent(j, end, true, 1) else {
            // `ملك الأردن`: a ruler named by the title and the country alone.
            let ruler = RULERS.contains(&self.words[i].key)
                && j > i + n
                && matches!(self.known_at(i + n, end), Some((_, Known::Place(_))));
            if !ruler {
                return None;
            }
            let m = self.mention(i..j, What::Actor(ActorKind::Person));
            self.mentions.push(m);
            return Some(j);
        };
        let mut m = self.mention(j..name_end, What::Actor(ActorKind::Person));
        m.role = role;
        self.mentions.push(m);
        Some(name_end)
    }

    /// The complement of a title: nationality adjectives, a place, definite nouns
    /// (`وزير الخارجية الروسي`, `محافظ حمص`, `المتحدث باسم الجيش الإسرائيلي`).
    fn complement(&mut self, mut j: usize, end: usize) -> usize {
        let start = j;
        while j < end && j < start + 3 {
            let w = self.words[j];
            if !w.arabic() || w.stop {
                break;
            }
            if w.is(flags::NATIONALITY) {
                j += 1;
                continue;
            }
            if w.is(flags::PERSON_NAME) && !w.is(flags::COMMON | flags::COUNTRY) {
                break;
            }
            if let Some((e, Known::Place(_))) = self.known_at(j, end) {
                j = e;
                break;
            }
            let name_like = w.is(flags::PERSON_NAME) && !w.is(flags::COMMON);
            if w.definite && !name_like && !w.is(flags::TITLE) {
                j += 1;
                continue;
            }
            break;
        }
        j
    }

    /// The end of a person's name starting at `i`, if one starts there. `context` says that a
    /// title or a verb of saying stands before, so the first token may be unknown.
    fn name_extent(&self, i: usize, end: usize, context: bool, min: usize) -> Option<usize> {
        let first = self.word(i, end)?;
        let name_token = |w: &Word| w.is(flags::PERSON_NAME) && !w.is(flags::COMMON);
        let usable = |w: &Word| {
            !blocks_names(w)
                && !w.stop
                && !self.lex.speech_verbs.contains(w.key)
                && !w.is(flags::ORG_HEAD | flags::GROUP_HEAD)
                && !self.lex.place_heads.contains_key(w.key)
        };
        if !usable(first) || first.is(flags::COUNTRY) {
            return None;
        }
        if !context && !name_token(first) {
            return None;
        }
        // An imperfect verb (`يوقف`, `تعلن`) is no unknown name; `الله` opens none.
        let verb_shaped = (first.key.starts_with('ي') || first.key.starts_with('ت'))
            && first.key.chars().nth(3).is_some();
        if (!name_token(first) && (verb_shaped || first.definite)) || first.key == "الله" {
            return None;
        }
        let mut e = i + 1;
        while e < end && e < i + MAX_NAME {
            let w = self.words[e];
            if NAME_LINKS.contains(&w.whole) && self.word(e + 1, end).is_some_and(|n| n.arabic()) {
                e += 2;
                continue;
            }
            // `كيم جونغ-أون`: a hyphen with no space around joins two parts of a name.
            if self.hyphen_joins(e, end) {
                e += 2;
                continue;
            }
            if !w.prefix.is_empty() {
                break;
            }
            // `بشار الأسد`: a definite surname may be a common word after a given name.
            let surname = e == i + 1
                && name_token(first)
                && w.definite
                && w.arabic()
                && !w.is(flags::TITLE | flags::NATIONALITY)
                && (w.is(flags::PERSON_NAME) || !w.is(flags::PLACE))
                && !w.is(flags::ORG_HEAD | flags::GROUP_HEAD)
                && self.lex.collectives.get(w.key).is_none()
                && !self.lex.place_heads.contains_key(w.key)
                && !w.stop
                && (w.is(flags::PERSON_NAME) || !w.is(flags::COMMON));
            if surname {
                e += 1;
                continue;
            }
            if !usable(&w) || w.is(flags::COUNTRY) {
                break;
            }
            if name_token(&w) || e == i + 1 {
                e += 1;
                continue;
            }
            // An unknown word after two name tokens closes the name only at a boundary.
            let boundary = self.word(e + 1, end).is_none_or(|n| {
                !n.arabic() || n.stop || n.is(flags::TITLE) || self.lex.speech_verbs.contains(n.key)
            });
            if boundary {
                e += 1;
            }
            break;
        }
        (e - i >= min).then_some(e)
    }

    /// Whether token `h` is a hyphen that touches an Arabic word on each side (`جونغ-أون`).
    fn hyphen_joins(&self, h: usize, end: usize) -> bool {
        let tokens = &self.doc.tokens;
        h > 0
            && self
                .word(h + 1, end)
                .is_some_and(|n| n.arabic() && n.prefix.is_empty())
            && matches!(tokens[h].folded.as_str(), "-" | "\u{2010}" | "\u{2011}")
            && tokens[h - 1].chars.end == tokens[h].chars.start
            && tokens[h].chars.end == tokens[h + 1].chars.start
    }

    /// A person named without a title before: `طلال البرازي محافظ حمص`, `قال نزار باييف`.
    fn person(&mut self, i: usize, end: usize, after_speech: bool, min: usize) -> Option<usize> {
        let e = self.name_extent(i, end, after_speech, min)?;
        let mut m = self.mention(i..e, What::Actor(ActorKind::Person));
        let mut next = e;
        if let Some(punct) = self.doc.tokens.get(e).filter(|_| e < end)
            && punct.folded == "،"
        {
            next = e + 1;
        }
        let words = self.words;
        if next < end
            && let Some((n, &kind)) = self.lex.titles.longest(
                words[next].key,
                following(words, next, end),
                &mut self.scratch,
            )
        {
            let mut j = next + n;
            if kind == TitleKind::Head {
                j = self.complement(j, end);
            }
            m.role = Some(show(self.doc, self.words, next..j));
            self.mentions.push(m);
            return Some(j);
        }
        self.mentions.push(m);
        Some(e)
    }

    /// An organisation or group: a head and its modifiers (`وزارة الصحة الفلسطينية`,
    /// `المرصد السوري لحقوق الإنسان`, `قوات النظام`, `نظام بشار الأسد`).
    fn organisation(&mut self, i: usize, end: usize) -> Option<usize> {
        let w = self.words[i];
        let (kind, bare_ok) = if let Some(&b) = self.lex.org_heads.get(w.key) {
            (ActorKind::Organization, b)
        } else if let Some(&b) = self.lex.group_heads.get(w.key) {
            (ActorKind::Group, b)
        } else {
            return None;
        };
        let mut e = i + 1;
        let mut nationality = None;
        let mut person = None;
        while e < end && e < i + MAX_ORG {
            let m = self.words[e];
            if !m.arabic() || m.stop || m.is(flags::TITLE) {
                break;
            }
            if let Some(&code) = self.lex.nationalities.get(m.key)
                && m.prefix.is_empty()
            {
                nationality.get_or_insert(code);
                e += 1;
                continue;
            }
            // A construct head names a person (`نظام بشار الأسد`) or an unknown name
            // (`وكالة رويترز`, `حركة طالبان`).
            if e == i + 1 && !w.definite && !m.definite && m.prefix.is_empty() {
                if let Some(pe) = self.name_extent(e, end, false, 2) {
                    person = Some(e..pe);
                    e = pe;
                    continue;
                }
                if let Some((ke, known)) = self.known_at(e, end) {
                    if let Known::Place(p) = known
                        && self.lex.places[p as usize].kind == PlaceKind::Country
                    {
                        nationality = nationality.or(self.lex.places[p as usize].country);
                    }
                    e = ke;
                    continue;
                }
                if !m.is(flags::COMMON) && !m.is(flags::ORG_HEAD | flags::GROUP_HEAD) {
                    e += 1;
                    continue;
                }
                if kind == ActorKind::Organization && e == i + 1 {
                    // `منظمة تنسيق الشؤون الإنسانية`, `منظمة حظر الأسلحة الكيميائية`: an
                    // indefinite noun in construct, then the definite noun it governs.
                    if let Some(n) = self.word(e + 1, end).filter(|n| n.definite) {
                        e += if n.prefix.is_empty() { 2 } else { 1 };
                        continue;
                    }
                }
                break;
            }
            // After a construct head any definite noun (`وزارة الصحة`); then only adjectives of
            // relation, usual adjectives of bodies and names (`المرصد السوري`, `الهيئة العليا
            // المستقلة`, not `النظام الكاملة`).
            if m.definite && m.prefix.is_empty() {
                if let Some((ke, Known::Place(p))) = self.known_at(e, end) {
                    let place = &self.lex.places[p as usize];
                    if place.kind == PlaceKind::Country {
                        nationality = nationality.or(place.country);
                    }
                    e = ke;
                    continue;
                }
                let relation = m.key.ends_with('ي') || m.key.ends_with("يه");
                if (e == i + 1 && !w.definite)
                    || relation
                    || !m.is(flags::COMMON)
                    || BODY_ADJECTIVES.contains(&m.key)
                {
                    e += 1;
                    continue;
                }
                break;
            }
            let folded = self.doc.tokens[e].folded.as_str();
            if kind == ActorKind::Organization && e > i + 1 {
                if folded.starts_with("لل") {
                    e += 1;
                    continue;
                }
                if folded.starts_with('ل')
                    && folded.chars().nth(3).is_some()
                    && self
                        .word(e + 1, end)
                        .is_some_and(|n| n.definite && n.prefix.is_empty())
                {
                    e += 2;
                    continue;
                }
                if folded.starts_with("وال") {
                    e += 1;
                    continue;
                }
            }
            break;
        }
        if let Some(p) = person.clone() {
            let m = self.mention(p, What::Actor(ActorKind::Person));
            self.mentions.push(m);
        }
        let head = Some(w.key.to_string());
        if e == i + 1 {
            // A bare head: an actor of its own (النظام، المعارضة) or an alias of a fuller name.
            if !bare_ok || !w.definite {
                return None;
            }
            let mut m = self.mention(i..e, What::Actor(kind));
            m.head = head;
            m.bare = self.lex.collectives.get(w.key).is_none();
            if let Some(c) = self.lex.collectives.get(w.key) {
                m.canonical = Some(c);
            }
            self.mentions.push(m);
            return Some(e);
        }
        let mut m = self.mention(i..e, What::Actor(kind));
        m.head = head;
        m.nationality = nationality;
        self.mentions.push(m);
        Some(e)
    }

    /// A collective actor (`المعارضة`, `قوات الأمن`, `المحتجين`).
    fn collective(&mut self, i: usize, end: usize) -> Option<usize> {
        let words = self.words;
        let (n, &canonical) = self.lex.collectives.longest(
            words[i].key,
            following(words, i, end),
            &mut self.scratch,
        )?;
        if !words[i].definite && n == 1 {
            return None;
        }
        let mut m = self.mention(i..i + n, What::Actor(ActorKind::Group));
        m.canonical = Some(canonical);
        self.mentions.push(m);
        Some(i + n)
    }

    /// A country acting through a sponsor word: `برعاية روسية`, `بإشراف من روسيا`.
    fn sponsor(&mut self, i: usize, end: usize) -> Option<usize> {
        if !SPONSOR_WORDS.contains(&self.words[i].key) {
            return None;
        }
        let mut j = i + 1;
        if self.word(j, end).is_some_and(|w| w.key == "من") {
            j += 1;
        }
        let w = self.word(j, end)?;
        let code = if let Some(&code) = self.lex.nationalities.get(w.key) {
            code
        } else if let Some((_, Known::Place(p))) = self.known_at(j, end) {
            let entry = &self.lex.places[p as usize];
            if entry.kind != PlaceKind::Country {
                return None;
            }
            entry.country?
        } else {
            return None;
        };
        let name = self.lex.country_names.get(code)?;
        let mut m = self.mention(j..j + 1, What::Actor(ActorKind::Country));
        m.name = name.to_string();
        m.key = format!("country:{code}");
        m.nationality = Some(code);
        self.mentions.push(m);
        // A country by name is also a place mention: let the scan see it.
        Some(j)
    }
}

fn entry_info(entry: &super::lexicon::PlaceEntry) -> PlaceInfo {
    PlaceInfo {
        kind: entry.kind,
        country: entry.country,
        coords: entry.coords,
    }
}
