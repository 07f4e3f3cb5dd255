//! The embedded lexicons: generated files (`data/lexicons/`, written by `khabar
//! build-lexicons`) and hand-written lists (`data/curated/`), parsed once into hash maps keyed
//! on normalised folded tokens.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::fold;
use crate::text::Doc;
use crate::{ActorKind, PlaceKind};

/// Lexicon membership bits of a token, as returned by [`Lexicon::flags`].
pub mod flags {
    /// A person-name token (given name or surname; weak evidence).
    pub const PERSON_NAME: u8 = 1;
    /// A token of a place name.
    pub const PLACE: u8 = 2;
    /// A token of a country name.
    pub const COUNTRY: u8 = 4;
    /// The head of an organisation name (وزارة، منظمة، وكالة).
    pub const ORG_HEAD: u8 = 8;
    /// The head of a group name (قوات، حركة، حزب).
    pub const GROUP_HEAD: u8 = 16;
    /// A title or role word (الرئيس، محافظ، وزير).
    pub const TITLE: u8 = 32;
    /// A nationality adjective (الروسي، السورية).
    pub const NATIONALITY: u8 = 64;
    /// A common word: a function word, or one ANERcorp mostly tags outside names.
    pub const COMMON: u8 = 128;
}

/// A fast non-cryptographic hasher (FxHash) for the lexicon maps: keys are short folded words.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A hash set with [`FxHasher`].
pub type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// The normal form of a folded token for lookups: a leading article `ال` dropped when more than
/// two letters remain (as the scorer does), so `القاهره` and `قاهره` meet.
pub fn norm(folded: &str) -> &str {
    match folded.strip_prefix("ال") {
        Some(rest) if rest.chars().nth(2).is_some() => rest,
        _ => folded,
    }
}

/// Whether a folded token carries the article (and [`norm`] drops it).
pub fn definite(folded: &str) -> bool {
    norm(folded).len() != folded.len()
}

/// The normalised tokens of a phrase as written, and whether its first token is definite.
pub fn phrase_tokens(phrase: &str) -> (Vec<String>, bool) {
    let folded: Vec<String> = if phrase
        .chars()
        .all(|c| c == ' ' || matches!(c, '\u{0621}'..='\u{0652}'))
    {
        fold(phrase)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    } else {
        Doc::new(phrase)
            .tokens
            .into_iter()
            .map(|t| t.folded)
            .collect()
    };
    let first_definite = folded.first().is_some_and(|t| definite(t));
    (
        folded.iter().map(|t| norm(t).to_string()).collect(),
        first_definite,
    )
}

/// Multi-token phrases keyed on their normalised tokens joined by spaces, with the set of
/// proper prefixes so that a longest match stops as soon as no phrase can continue.
#[derive(Debug)]
pub struct PhraseMap<V> {
    phrases: FxMap<Box<str>, V>,
    prefixes: FxSet<Box<str>>,
    longest: usize,
}

impl<V> Default for PhraseMap<V> {
    fn default() -> Self {
        PhraseMap {
            phrases: FxMap::default(),
            prefixes: FxSet::default(),
            longest: 0,
        }
    }
}

impl<V> PhraseMap<V> {
    /// An empty map with room for `n` phrases.
    pub fn with_capacity(n: usize) -> Self {
        PhraseMap {
            phrases: FxMap::with_capacity_and_hasher(n, Default::default()),
            prefixes: FxSet::with_capacity_and_hasher(n / 2, Default::default()),
            longest: 0,
        }
    }

    /// Adds a phrase given as normalised tokens; an existing entry is kept (first wins).
    pub fn insert(&mut self, tokens: &[String], value: V) {
        if tokens.is_empty() {
            return;
        }
        let key = tokens.join(" ");
        for n in 1..tokens.len() {
            self.prefixes.insert(tokens[..n].join(" ").into_boxed_str());
        }
        self.longest = self.longest.max(tokens.len());
        self.phrases.entry(key.into_boxed_str()).or_insert(value);
    }

    /// The longest phrase starting with `first` and continuing with `next(1)`, `next(2)`...:
    /// its length in tokens and its value. `scratch` is reused to avoid allocation.
    pub fn longest<'a>(
        &self,
        first: &str,
        next: impl Fn(usize) -> Option<&'a str>,
        scratch: &mut String,
    ) -> Option<(usize, &V)> {
        scratch.clear();
        scratch.push_str(first);
        let mut best = self.phrases.get(scratch.as_str()).map(|v| (1, v));
        for n in 1..self.longest {
            if !self.prefixes.contains(scratch.as_str()) {
                break;
            }
            let Some(tok) = next(n) else { break };
            scratch.push(' ');
            scratch.push_str(tok);
            if let Some(v) = self.phrases.get(scratch.as_str()) {
                best = Some((n + 1, v));
            }
        }
        best
    }

    /// The value of exactly this key (normalised tokens joined by spaces).
    pub fn get(&self, key: &str) -> Option<&V> {
        self.phrases.get(key)
    }
}

/// A place of the gazetteer.
#[derive(Debug, Clone)]
pub struct PlaceEntry {
    /// Its kind.
    pub kind: PlaceKind,
    /// ISO 3166 alpha-2 code, when known.
    pub country: Option<&'static str>,
    /// Coordinates, when known.
    pub coords: Option<(f64, f64)>,
    /// Whether the first token of the name carries the article.
    pub definite: bool,
    /// Inhabitants (GeoNames), `u64::MAX` for the curated regions.
    pub population: u64,
}

/// An actor every reader knows (curated list, ANERcorp persons and organisations).
#[derive(Debug, Clone)]
pub struct ActorEntry {
    /// Its kind.
    pub kind: ActorKind,
    /// The canonical name when this entry is a variant of another.
    pub canonical: Option<&'static str>,
    /// Whether the first token of the name carries the article.
    pub definite: bool,
}

/// What a known phrase names.
#[derive(Debug, Clone, Copy)]
pub enum Known {
    /// An index into [`Lexicon::places`].
    Place(u32),
    /// An index into [`Lexicon::actors`].
    Actor(u32),
}

/// How a title takes its complement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// The title takes a complement belonging to the role (`محافظ حمص`).
    Head,
    /// The title stands alone (`الملك`).
    Plain,
}

/// A word that opens a place name (`حي`, `مدينة`, `ريف`).
#[derive(Debug, Clone, Copy)]
pub struct PlaceHead {
    /// The kind of place it gives.
    pub kind: PlaceKind,
    /// The head stays in the name shown.
    pub keep: bool,
    /// The head makes another place (`ريف حلب` is not `حلب`).
    pub own: bool,
    /// Only a known place may follow.
    pub known_only: bool,
}

/// All lexicons, loaded once.
#[derive(Debug)]
pub struct Lexicon {
    words: FxMap<Box<str>, u16>,
    /// Known places and actors.
    pub known: PhraseMap<Known>,
    /// Titles and roles.
    pub titles: PhraseMap<TitleKind>,
    /// Collective actors: the canonical name they stand for.
    pub collectives: PhraseMap<&'static str>,
    /// Places of [`Known::Place`].
    pub places: Vec<PlaceEntry>,
    /// Actors of [`Known::Actor`].
    pub actors: Vec<ActorEntry>,
    /// Nationality adjective (normalised, any form) → country code.
    pub nationalities: FxMap<Box<str>, &'static str>,
    /// Country code → the country's name to show.
    pub country_names: FxMap<&'static str, &'static str>,
    /// Organisation heads → whether the bare head may stand for a named organisation.
    pub org_heads: FxMap<Box<str>, bool>,
    /// Group heads → whether the bare head is an actor or may stand for a named group.
    pub group_heads: FxMap<Box<str>, bool>,
    /// Place heads.
    pub place_heads: FxMap<Box<str>, PlaceHead>,
    /// Verbs of saying.
    pub speech_verbs: FxSet<Box<str>>,
    /// Function words.
    pub stopwords: FxSet<Box<str>>,
    /// One-word names that are also common words (`فتح` "opened"): alone they need support.
    pub ambiguous_names: FxSet<Box<str>>,
    /// One-word gazetteer names that are common words (`سلامة` "safety"): never places alone.
    not_places: FxSet<Box<str>>,
}

/// The bit, above the public [`flags`], of tokens an entity lexicon holds.
const ENTITY_WORD: u16 = 0x100;
/// The bit of the words the rules look for (place heads, sponsor words, collectives).
const STRUCTURAL: u16 = 0x200;
/// The bit of function words.
const STOP: u16 = 0x400;

const PLACES: &str = include_str!("../../../../data/lexicons/places.tsv");
const ENTITIES: &str = include_str!("../../../../data/lexicons/entities.tsv");
const PERSON_TOKENS: &str = include_str!("../../../../data/lexicons/person_tokens.txt");
const COMMON_WORDS: &str = include_str!("../../../../data/lexicons/common_words.txt");
const TITLES: &str = include_str!("../../../../data/curated/titles.tsv");
const ORG_HEADS: &str = include_str!("../../../../data/curated/org_heads.tsv");
const GROUP_HEADS: &str = include_str!("../../../../data/curated/group_heads.tsv");
const COLLECTIVES: &str = include_str!("../../../../data/curated/collectives.tsv");
const NATIONALITIES: &str = include_str!("../../../../data/curated/nationalities.tsv");
const COUNTRY_VARIANTS: &str = include_str!("../../../../data/curated/country_variants.tsv");
const REGIONS: &str = include_str!("../../../../data/curated/regions.tsv");
const PLACE_HEADS: &str = include_str!("../../../../data/curated/place_heads.tsv");
const KNOWN_ACTORS: &str = include_str!("../../../../data/curated/known_actors.tsv");
const STOPWORDS: &str = include_str!("../../../../data/curated/stopwords.txt");
const SPEECH_VERBS: &str = include_str!("../../../../data/curated/speech_verbs.txt");
const AMBIGUOUS_NAMES: &str = include_str!("../../../../data/curated/ambiguous_names.txt");
const NOT_PLACES: &str = include_str!("../../../../data/curated/not_places.txt");

/// The data lines of an embedded file: comments and blank lines skipped, fields split on tabs.
fn rows(file: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    file.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// The whitespace-separated words of an embedded word list.
fn words(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
}

fn place_kind(s: &str) -> PlaceKind {
    match s {
        "country" => PlaceKind::Country,
        "region" => PlaceKind::Region,
        "city" => PlaceKind::City,
        "district" => PlaceKind::District,
        _ => PlaceKind::Other,
    }
}

fn actor_kind(s: &str) -> ActorKind {
    match s {
        "person" | "PERS" => ActorKind::Person,
        "group" => ActorKind::Group,
        "country" => ActorKind::Country,
        _ => ActorKind::Organization,
    }
}

impl Lexicon {
    /// Parses the embedded files.
    pub fn load() -> Lexicon {
        let mut lex = Lexicon {
            words: FxMap::with_capacity_and_hasher(48_000, Default::default()),
            known: PhraseMap::with_capacity(18_000),
            titles: PhraseMap::default(),
            collectives: PhraseMap::default(),
            places: Vec::new(),
            actors: Vec::new(),
            nationalities: FxMap::default(),
            country_names: FxMap::default(),
            org_heads: FxMap::default(),
            group_heads: FxMap::default(),
            place_heads: FxMap::default(),
            speech_verbs: FxSet::default(),
            stopwords: FxSet::default(),
            ambiguous_names: words(AMBIGUOUS_NAMES)
                .map(|w| norm(&fold(w)).into())
                .collect(),
            not_places: words(NOT_PLACES).map(|w| norm(&fold(w)).into()).collect(),
        };
        for w in words(STOPWORDS) {
            let f = fold(w);
            lex.mark(&f, flags::COMMON);
            lex.set_bits(&f, STOP);
            lex.stopwords.insert(norm(&f).into());
        }
        for w in words(COMMON_WORDS) {
            lex.mark(w, flags::COMMON);
        }
        for w in words(PERSON_TOKENS) {
            lex.mark(w, flags::PERSON_NAME);
        }
        for w in words(SPEECH_VERBS) {
            let f = fold(w);
            lex.mark(&f, flags::COMMON);
            lex.speech_verbs.insert(norm(&f).into());
        }
        for w in super::rules::context_words() {
            lex.mark_structural(w);
        }
        lex.load_curated();
        lex.load_places();
        lex.load_entities();
        lex
    }

    fn load_curated(&mut self) {
        for row in rows(TITLES) {
            let (tokens, _) = phrase_tokens(row[0]);
            if let Some(t) = tokens.first() {
                self.mark(t, flags::TITLE);
            }
            let kind = if row.get(1) == Some(&"plain") {
                TitleKind::Plain
            } else {
                TitleKind::Head
            };
            self.titles.insert(&tokens, kind);
        }
        for (file, bit) in [
            (ORG_HEADS, flags::ORG_HEAD),
            (GROUP_HEADS, flags::GROUP_HEAD),
        ] {
            for row in rows(file) {
                let f = fold(row[0]);
                self.mark(&f, bit);
                let bare = row.get(1) == Some(&"bare");
                let map = if bit == flags::ORG_HEAD {
                    &mut self.org_heads
                } else {
                    &mut self.group_heads
                };
                map.insert(norm(&f).into(), bare);
            }
        }
        for row in rows(PLACE_HEADS) {
            let f = fold(row[0]);
            self.mark_structural(&f);
            let head = PlaceHead {
                kind: place_kind(row[1]),
                keep: matches!(row.get(2), Some(&"keep" | &"own")),
                own: row.get(2) == Some(&"own"),
                known_only: row.get(3) == Some(&"known"),
            };
            self.place_heads.insert(norm(&f).into(), head);
        }
        for row in rows(COLLECTIVES) {
            let (tokens, _) = phrase_tokens(row[0]);
            if let Some(t) = tokens.first() {
                self.mark_structural(t);
            }
            self.collectives
                .insert(&tokens, row.get(1).copied().unwrap_or(row[0]));
        }
        for row in rows(NATIONALITIES) {
            let Some(&code) = row.get(1) else { continue };
            let stem = fold(row[0]);
            let mut forms = vec![stem.clone(), format!("{stem}ه"), format!("{stem}ين")];
            forms.extend(row[2..].iter().map(|f| fold(f)));
            for f in forms {
                self.mark(&f, flags::NATIONALITY);
                self.nationalities.insert(norm(&f).into(), code);
            }
        }
        for row in rows(KNOWN_ACTORS) {
            let (tokens, definite) = phrase_tokens(row[0]);
            let canonical = row.get(2).filter(|c| **c != "-").copied();
            self.add_actor(&tokens, actor_kind(row[1]), canonical, definite);
        }
        for row in rows(COUNTRY_VARIANTS) {
            let (tokens, definite) = phrase_tokens(row[0]);
            let entry = PlaceEntry {
                kind: PlaceKind::Country,
                country: Some(row[1]),
                coords: None,
                definite,
                population: u64::MAX,
            };
            self.add_place(&tokens, entry);
        }
        for row in rows(REGIONS) {
            let (tokens, definite) = phrase_tokens(row[0]);
            let country = row.get(2).filter(|c| **c != "-").copied();
            let kind = place_kind(row[1]);
            self.add_place(
                &tokens,
                PlaceEntry {
                    kind,
                    country,
                    coords: None,
                    definite,
                    population: u64::MAX,
                },
            );
        }
    }

    fn load_places(&mut self) {
        for row in rows(PLACES) {
            let [name, kind, country, lat, lon, population] = row[..] else {
                continue;
            };
            let kind = place_kind(kind);
            let country = (!country.is_empty()).then_some(country);
            if kind == PlaceKind::Country
                && let Some(code) = country
            {
                self.country_names.entry(code).or_insert(name);
            }
            let coords = lat.parse().ok().zip(lon.parse().ok());
            let (tokens, definite) = phrase_tokens(name);
            let population = population.parse().unwrap_or(0);
            // A one-word place that is also a common word (مالي "financial", سلامة "safety") is
            // left out.
            if tokens.len() == 1
                && (self.flags(&tokens[0]) & flags::COMMON != 0
                    || self.not_places.contains(tokens[0].as_str()))
            {
                continue;
            }
            self.add_place(
                &tokens,
                PlaceEntry {
                    kind,
                    country,
                    coords,
                    definite,
                    population,
                },
            );
        }
        // The curated variants name some countries better than CLDR (سوريا for SY stays,
        // فلسطين for PS).
        for row in rows(COUNTRY_VARIANTS) {
            if row[1] == "PS" && row[0] == "فلسطين" {
                self.country_names.insert("PS", row[0]);
            }
        }
    }

    fn load_entities(&mut self) {
        for row in rows(ENTITIES) {
            let [kind, name, count] = row[..] else {
                continue;
            };
            let (tokens, definite) = phrase_tokens(name);
            // A one-word entity seen less than 4 times in ANERcorp is too weak (أودي the car maker).
            if tokens.len() == 1 && count.parse::<u32>().unwrap_or(0) < 4 {
                continue;
            }
            match kind {
                "LOC" if tokens.len() > 1 || !self.not_places.contains(tokens[0].as_str()) => {
                    let kind = PlaceKind::Other;
                    self.add_place(
                        &tokens,
                        PlaceEntry {
                            kind,
                            country: None,
                            coords: None,
                            definite,
                            population: u64::MAX,
                        },
                    )
                }
                // One-word persons stay weak evidence (a surname alone names many people).
                "PERS" if tokens.len() >= 2 => {
                    self.add_actor(&tokens, ActorKind::Person, None, definite)
                }
                "ORG" => {
                    let kind = if self.group_heads.contains_key(tokens[0].as_str()) {
                        ActorKind::Group
                    } else {
                        ActorKind::Organization
                    };
                    self.add_actor(&tokens, kind, None, definite);
                }
                _ => {}
            }
        }
    }

    fn add_place(&mut self, tokens: &[String], entry: PlaceEntry) {
        if tokens.is_empty() || self.known.get(&tokens.join(" ")).is_some() {
            return;
        }
        let kind = entry.kind;
        let bit = if kind == PlaceKind::Country {
            flags::PLACE | flags::COUNTRY
        } else {
            flags::PLACE
        };
        for (n, t) in tokens.iter().enumerate() {
            if n == 0 {
                self.mark(t, bit);
            } else {
                self.mark_inner(t, bit);
            }
        }
        self.known
            .insert(tokens, Known::Place(self.places.len() as u32));
        self.places.push(entry);
    }

    fn add_actor(
        &mut self,
        tokens: &[String],
        kind: ActorKind,
        canonical: Option<&'static str>,
        definite: bool,
    ) {
        if tokens.is_empty() || self.known.get(&tokens.join(" ")).is_some() {
            return;
        }
        if let Some(t) = tokens.first() {
            self.mark(t, 0);
        }
        self.known
            .insert(tokens, Known::Actor(self.actors.len() as u32));
        self.actors.push(ActorEntry {
            kind,
            canonical,
            definite,
        });
    }

    /// Sets `bit` on a (folded) token; any token marked is known to clitic peeling, and one
    /// marked by an entity lexicon (not only as a common word) is preferred by it.
    fn mark(&mut self, folded: &str, bit: u8) {
        let lexical = if bit == flags::COMMON { 0 } else { ENTITY_WORD };
        self.set_bits(folded, u16::from(bit) | lexical);
    }

    /// ORs `bits` into the entry of a folded token, allocating only for a new one.
    fn set_bits(&mut self, folded: &str, bits: u16) {
        let key = norm(folded);
        match self.words.get_mut(key) {
            Some(f) => *f |= bits,
            None => {
                self.words.insert(key.into(), bits);
            }
        }
    }

    /// Marks a word the rules look for.
    fn mark_structural(&mut self, folded: &str) {
        self.set_bits(folded, ENTITY_WORD | STRUCTURAL);
    }

    /// Sets `bit` on a token inside a phrase (not its first): it joins the lexicon only when
    /// `bit` says something, and is not preferred by clitic peeling.
    fn mark_inner(&mut self, folded: &str, bit: u8) {
        if bit != 0 {
            self.set_bits(folded, u16::from(bit));
        }
    }

    /// Whether peeling may stop at this stem before trying others: an entity word that is not
    /// a common word, or a structural word of the rules (heads, titles, nationalities).
    pub fn peels_to(&self, folded_stem: &str) -> bool {
        self.words.get(norm(folded_stem)).is_some_and(|&f| {
            f & ENTITY_WORD != 0
                && (f & u16::from(flags::COMMON) == 0
                    || f & STRUCTURAL != 0
                    || f & u16::from(
                        flags::ORG_HEAD | flags::GROUP_HEAD | flags::TITLE | flags::NATIONALITY,
                    ) != 0)
        })
    }

    /// The lexicon membership bits ([`flags`]) of a folded, clitic-peeled token.
    pub fn flags(&self, folded_stem: &str) -> u8 {
        self.words
            .get(norm(folded_stem))
            .map_or(0, |&f| (f & 0xff) as u8)
    }

    /// Whether any lexicon holds this folded token (drives clitic peeling).
    pub fn knows(&self, folded_stem: &str) -> bool {
        self.words.contains_key(norm(folded_stem))
    }

    /// What the lexicons say of a folded token in one lookup, if they hold it.
    pub fn entry(&self, folded_stem: &str) -> Option<Entry> {
        self.words.get(norm(folded_stem)).map(|&f| Entry {
            flags: (f & 0xff) as u8,
            entity: f & ENTITY_WORD != 0,
            stop: f & STOP != 0,
        })
    }
}

/// What the lexicons say of one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct Entry {
    /// The public [`flags`].
    pub flags: u8,
    /// An entity lexicon holds it (names, places, heads, titles, rule words).
    pub entity: bool,
    /// A function word.
    pub stop: bool,
}
