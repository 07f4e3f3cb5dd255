//! The structured summary: the one type that crosses from the engine into storage, the TUI and
//! JSON output. Its shape is the contract of `shared/EXTRACTION.md`.

use serde::{Deserialize, Serialize};

/// A `[start, end)` range of char (Unicode scalar) offsets into the text as given.
pub type Span = [usize; 2];

/// WHO, WHERE, HOW MANY and WHAT HAPPENED for one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The engine that wrote this summary, e.g. `khabar-extract 0.1.0+1a2b3c4d5e6f` (see
    /// [`crate::ENGINE_VERSION`]).
    pub engine: String,
    /// Actors, most salient first.
    pub who: Vec<Actor>,
    /// Places, most salient first.
    #[serde(rename = "where")]
    pub places: Vec<Place>,
    /// Counts, money amounts and percentages, in text order.
    pub how_many: Vec<Quantity>,
    /// Event frames, the primary event first.
    #[serde(rename = "what")]
    pub events: Vec<Event>,
    /// Who said what: reported statements, in text order.
    #[serde(default)]
    pub said: Vec<Statement>,
}

impl Summary {
    /// The primary event type, if any event was found.
    pub fn primary_event(&self) -> Option<EventType> {
        self.events.first().map(|e| e.event_type)
    }
}

/// One real-world actor, its aliases and repeated mentions merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// The fullest form found in the text, without a leading clitic.
    pub name: String,
    /// What sort of actor this is.
    pub kind: ActorKind,
    /// A title or position stated next to a person (`محافظ حمص`).
    pub role: Option<String>,
    /// Other forms by which the text names it.
    pub aliases: Vec<String>,
    /// Where it is mentioned.
    pub mentions: Vec<Span>,
    /// 0..1, higher is more central to the story.
    pub salience: f32,
}

/// The kinds of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A named person.
    Person,
    /// Agencies, ministries, NGOs, media, companies, courts.
    Organization,
    /// Armed groups, factions, forces, parties, collective actors.
    Group,
    /// A state acting.
    Country,
}

impl ActorKind {
    /// The snake_case name used in JSON (`person`).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
            ActorKind::Country => "country",
        }
    }
}

/// One real-world place, its aliases and repeated mentions merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The fullest form found in the text, without a leading clitic.
    pub name: String,
    /// What sort of place this is.
    pub kind: PlaceKind,
    /// ISO 3166 alpha-2 code of the country it lies in.
    pub country: Option<String>,
    /// Latitude, when the gazetteer knows it.
    pub lat: Option<f64>,
    /// Longitude, when the gazetteer knows it.
    pub lon: Option<f64>,
    /// The name of the larger place it lies within.
    pub within: Option<String>,
    /// Where it is mentioned.
    pub mentions: Vec<Span>,
    /// 0..1, higher is more central to the story.
    pub salience: f32,
}

/// The kinds of place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A state.
    Country,
    /// Governorate, province, countryside.
    Region,
    /// A city or town.
    City,
    /// Neighbourhood, village, camp, site.
    District,
    /// Anything else.
    Other,
}

impl PlaceKind {
    /// The snake_case name used in JSON (`city`).
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
            PlaceKind::District => "district",
            PlaceKind::Other => "other",
        }
    }
}

/// A count of people or things, a money amount or a percentage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The phrase as written.
    pub text: String,
    /// Lower bound, or the value; null for vague counts and open lower bounds.
    pub min: Option<f64>,
    /// Upper bound, or the value; null for vague counts and open upper bounds.
    pub max: Option<f64>,
    /// Whether the text hedges the figure (`نحو`, `قرابة`).
    pub approx: bool,
    /// The order of magnitude of a count given without digits.
    pub vague: Option<Vague>,
    /// What sort of quantity this is.
    pub kind: QuantityKind,
    /// The counted noun as written, without its article.
    pub unit: Option<String>,
    /// Where the phrase stands in the text.
    pub span: Span,
}

/// Orders of magnitude of counts written without digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vague {
    /// عشرات
    Tens,
    /// مئات
    Hundreds,
    /// آلاف
    Thousands,
    /// عشرات الآلاف
    TensOfThousands,
    /// مئات الآلاف
    HundredsOfThousands,
    /// ملايين
    Millions,
    /// بضعة، عدة
    Several,
}

/// The kinds of quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// People or things.
    Count,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A measure (distance, weight, area...).
    Measure,
}

/// One event frame: a trigger bound to the who, where and how many of its sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The event type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The trigger word as written.
    pub trigger: String,
    /// Where the trigger stands.
    pub span: Span,
    /// Index of the sentence holding the trigger (0 is the headline or first sentence).
    pub sentence: usize,
    /// Names of `who` items taking part.
    pub who: Vec<String>,
    /// Names of `where` items where it happens.
    #[serde(rename = "where")]
    pub places: Vec<String>,
    /// Indexes into `how_many`.
    pub how_many: Vec<usize>,
    /// Names of `who` items (or `where` items) that do it: the attacker, the party that signs.
    #[serde(default)]
    pub agents: Vec<String>,
    /// Names of `who` or `where` items it is done to or affects: the attacked, the arrested.
    #[serde(default)]
    pub targets: Vec<String>,
    /// Names of `who` items that report it (`بحسب المرصد`); never agents unless they acted.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The article recalls this event rather than reports it (a past year, `منذ 2011`): shown,
    /// but not what happened now, and never the primary event.
    #[serde(default)]
    pub background: bool,
}

/// One statement attributed to a speaker (reported speech).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The `name` of the `who` item that said it, or `None` for an anonymous source.
    pub speaker: Option<String>,
    /// The cue as written, without clitics (`قال`, `أكد`, `بحسب`).
    pub cue: String,
    /// The words stand in quotation marks.
    pub direct: bool,
    /// Where `text` stands.
    pub span: Span,
    /// The statement without cue, speaker or quotation marks, cut at the end of its first
    /// sentence.
    pub text: String,
}

/// The sixteen event types of `EXTRACTION.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// Bombardment, shelling, airstrikes, explosions, clashes, raids.
    Attack,
    /// People killed or wounded.
    Casualties,
    /// Evacuation, forced transfer, flight, refugees, return.
    Displacement,
    /// Siege, blockade, encirclement.
    Siege,
    /// Deals, accords, truces, ceasefires.
    Agreement,
    /// Negotiations, meetings, summits, calls, visits.
    Talks,
    /// Demonstrations, sit-ins, strikes.
    Protest,
    /// Arrests, detentions, kidnappings, releases.
    Arrest,
    /// Deployments, reinforcements, withdrawals.
    Deployment,
    /// Elections, votes, referendums.
    Election,
    /// Courts, trials, verdicts, investigations, laws.
    Legal,
    /// Prices, trade, budgets, markets, investment.
    Economy,
    /// Earthquakes, floods, fires, accidents.
    Disaster,
    /// Epidemics, disease, vaccination.
    Health,
    /// Humanitarian aid, relief convoys, donations.
    Aid,
    /// A declaration that is itself the news.
    Statement,
}

impl EventType {
    /// Every event type, in the order of `EXTRACTION.md`.
    pub const ALL: [EventType; 16] = [
        EventType::Attack,
        EventType::Casualties,
        EventType::Displacement,
        EventType::Siege,
        EventType::Agreement,
        EventType::Talks,
        EventType::Protest,
        EventType::Arrest,
        EventType::Deployment,
        EventType::Election,
        EventType::Legal,
        EventType::Economy,
        EventType::Disaster,
        EventType::Health,
        EventType::Aid,
        EventType::Statement,
    ];

    /// The snake_case name used in JSON and on the command line (`attack`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Attack => "attack",
            EventType::Casualties => "casualties",
            EventType::Displacement => "displacement",
            EventType::Siege => "siege",
            EventType::Agreement => "agreement",
            EventType::Talks => "talks",
            EventType::Protest => "protest",
            EventType::Arrest => "arrest",
            EventType::Deployment => "deployment",
            EventType::Election => "election",
            EventType::Legal => "legal",
            EventType::Economy => "economy",
            EventType::Disaster => "disaster",
            EventType::Health => "health",
            EventType::Aid => "aid",
            EventType::Statement => "statement",
        }
    }

    /// The Arabic name shown in the reader.
    pub fn arabic_name(self) -> &'static str {
        match self {
            EventType::Attack => "هجوم",
            EventType::Casualties => "ضحايا",
            EventType::Displacement => "تهجير ونزوح",
            EventType::Siege => "حصار",
            EventType::Agreement => "اتفاق",
            EventType::Talks => "محادثات",
            EventType::Protest => "احتجاج",
            EventType::Arrest => "اعتقال",
            EventType::Deployment => "انتشار قوات",
            EventType::Election => "انتخابات",
            EventType::Legal => "قضاء",
            EventType::Economy => "اقتصاد",
            EventType::Disaster => "كارثة",
            EventType::Health => "صحة",
            EventType::Aid => "مساعدات",
            EventType::Statement => "تصريح",
        }
    }

    /// Parses the snake_case name (`attack`).
    pub fn parse(name: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON name of a value serialised as a string.
    fn json_name(value: impl Serialize) -> String {
        serde_json::to_value(value)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn kind_names_are_the_json_names() {
        for kind in [
            ActorKind::Person,
            ActorKind::Organization,
            ActorKind::Group,
            ActorKind::Country,
        ] {
            assert_eq!(kind.as_str(), json_name(kind));
        }
        for kind in [
            PlaceKind::Country,
            PlaceKind::Region,
            PlaceKind::City,
            PlaceKind::District,
            PlaceKind::Other,
        ] {
            assert_eq!(kind.as_str(), json_name(kind));
        }
        for event in EventType::ALL {
            assert_eq!(event.as_str(), json_name(event));
            assert_eq!(EventType::parse(event.as_str()), Some(event));
        }
    }
}
