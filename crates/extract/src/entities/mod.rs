//! WHO and WHERE: lexicon matching on token boundaries after clitic segmentation, context
//! rules, alias merging and salience.

pub mod lexicon;
mod merge;
mod rules;
mod words;

use super::ner::NameSpan;
use super::text::Doc;
use super::{Actor, Place};
use lexicon::Lexicon;

/// The lexicons and rules that find actors and places.
#[derive(Debug)]
pub struct Recognizer {
    lex: Lexicon,
}

impl Default for Recognizer {
    fn default() -> Self {
        Recognizer::new()
    }
}

impl Recognizer {
    /// Loads the embedded lexicons.
    pub fn new() -> Recognizer {
        Recognizer {
            lex: Lexicon::load(),
        }
    }

    /// The lexicon membership bits ([`flags`]) of a folded, clitic-peeled token: person-name
    /// token, place, country, organisation head, group head, title, nationality, common word.
    /// For the name tagger's features.
    pub fn lexicon_flags(&self, folded_stem: &str) -> u8 {
        self.lex.flags(folded_stem)
    }

    /// The actors and places of a text, most salient first. `names` are the name tagger's
    /// spans, used for names no lexicon or rule finds.
    pub fn find(&self, doc: &Doc, names: &[NameSpan]) -> (Vec<Actor>, Vec<Place>) {
        let words = words::analyse(doc, &self.lex);
        let mentions = rules::Scan::new(doc, &words, &self.lex).run(names);
        merge::merge(doc, &words, &self.lex, mentions)
    }
}

#[cfg(test)]
mod tests {
    use super::lexicon::flags;
    use super::*;
    use crate::{ActorKind, PlaceKind, fold};

    fn find(text: &str) -> (Vec<Actor>, Vec<Place>) {
        Recognizer::new().find(&Doc::new(text), &[])
    }

    fn actor<'a>(who: &'a [Actor], name: &str) -> &'a Actor {
        who.iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("no actor {name} in {who:#?}"))
    }

    fn place<'a>(places: &'a [Place], name: &str) -> &'a Place {
        places
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no place {name} in {places:#?}"))
    }

    #[test]
    fn titles_give_persons_their_roles() {
        let (who, _) = find("وقال وزير الخارجية الفرنسي جان لودريان للصحفيين إن الوضع خطير.");
        let p = actor(&who, "جان لودريان");
        assert_eq!(p.kind, ActorKind::Person);
        assert_eq!(p.role.as_deref(), Some("وزير الخارجية الفرنسي"));
    }

    #[test]
    fn place_heads_and_countryside() {
        let text = "تجددت الاشتباكات في حي المزة بدمشق، وفي ريف إدلب الجنوبي قرب الحدود.";
        let (_, places) = find(text);
        let district = place(&places, "حي المزة");
        assert_eq!(district.kind, PlaceKind::District);
        let damascus = place(&places, "دمشق");
        assert_eq!(damascus.kind, PlaceKind::City);
        assert_eq!(damascus.country.as_deref(), Some("SY"));
        assert!(damascus.lat.is_some(), "coordinates from the gazetteer");
        assert_eq!(damascus.within.as_deref(), Some("سوريا"));
        let chars: Vec<char> = text.chars().collect();
        let [s, e] = damascus.mentions[0];
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            "دمشق",
            "span without ب"
        );
        assert_eq!(place(&places, "ريف إدلب").kind, PlaceKind::Region);
    }

    #[test]
    fn aliases_merge_into_one_actor() {
        let text = "التقى الرئيس الروسي فلاديمير بوتين نظيره في موسكو. وقال بوتين إن المحادثات \
                    جيدة. وقصفت قوات النظام البلدة، واتهمت المعارضة النظام السوري بخرق الهدنة.";
        let (who, _) = find(text);
        let putin = actor(&who, "فلاديمير بوتين");
        assert_eq!(putin.mentions.len(), 2);
        assert_eq!(putin.aliases, ["بوتين"]);
        let regimes: Vec<&Actor> = who.iter().filter(|a| a.name.contains("النظام")).collect();
        assert_eq!(regimes.len(), 1, "one regime: {who:#?}");
        assert_eq!(regimes[0].mentions.len(), 2);
    }

    #[test]
    fn organisations_take_their_modifiers_and_clitics_are_dropped() {
        let (who, _) = find("وأعلنت وزارة الصحة الفلسطينية ارتفاع عدد الضحايا، وفق المرصد.");
        let o = actor(&who, "وزارة الصحة الفلسطينية");
        assert_eq!(o.kind, ActorKind::Organization);
        let (who, _) = find("ونقلت وكالة رويترز عن مصادر أن الوزارة لم تعلق.");
        assert!(who.iter().any(|a| a.name == "وكالة رويترز"), "{who:#?}");
    }

    #[test]
    fn countries_as_adjectives_are_not_places_unless_the_story_is_there() {
        let (_, places) = find("قال مسؤول في الخارجية الإيرانية إن المحادثات مستمرة.");
        assert!(places.is_empty(), "{places:#?}");
        let (_, places) = find("الحكومة المصرية ترفع الأسعار\n\nقررت الحكومة رفع أسعار الوقود.");
        assert_eq!(places[0].name, "مصر");
    }

    #[test]
    fn the_headline_makes_an_actor_salient() {
        let text = "الأمم المتحدة تحذر من المجاعة\n\nقال مسؤولون في جامعة الدول العربية إن \
                    جامعة الدول العربية ستجتمع. وحذرت الأمم المتحدة من نقص الغذاء.";
        let (who, _) = find(text);
        assert_eq!(who[0].name, "الأمم المتحدة", "{who:#?}");
        assert!(who[0].salience > who[1].salience);
    }

    #[test]
    fn common_words_are_not_places_or_names() {
        let (who, places) = find("فرض الحصار على المدينة منذ أشهر وسط ظروف صعبة.");
        assert!(places.is_empty(), "{places:#?}");
        assert!(who.is_empty(), "{who:#?}");
    }

    #[test]
    fn a_name_that_is_a_common_word_needs_support() {
        let (who, _) = find("فتح الادعاء تحقيقا في الصفقة، وفتحت الشرطة النار على اللصوص.");
        assert!(who.iter().all(|a| a.name != "فتح"), "{who:#?}");
        let (who, _) = find("وتبادلت حماس وفتح الاتهامات بعد جولة الحوار.");
        actor(&who, "فتح");
        let (who, _) = find("قالت حركة فتح إنها سترد. واتهمت فتح خصومها بالتصعيد.");
        assert_eq!(
            actor(&who, "حركة فتح").mentions.len(),
            2,
            "one movement: {who:#?}"
        );
    }

    #[test]
    fn a_preposition_and_an_armed_corps_are_no_person_and_no_place() {
        let (who, places) = find("صوت المجلس لصالح القرار، وعاقبت واشنطن قادة في فيلق القدس.");
        assert!(who.iter().all(|a| !a.name.contains("صالح")), "{who:#?}");
        assert!(places.iter().all(|p| p.name != "القدس"), "{places:#?}");
        assert_eq!(actor(&who, "فيلق القدس").kind, ActorKind::Group);
    }

    #[test]
    fn common_words_of_the_gazetteer_are_no_places() {
        let (_, places) = find("جنت المصارف أرباحا، وطالبت النقابة بضمان سلامة العمال في المصانع.");
        assert!(places.is_empty(), "{places:#?}");
        // `ك` before a place is rarer than a word that starts with ك (`كبيرا`).
        let (_, places) = find("شهد الحي دمارا كبيرا بعد القصف.");
        assert!(places.is_empty(), "{places:#?}");
    }

    #[test]
    fn names_are_not_cut_short() {
        let (who, _) = find("ورحب الزعيم الكوري الشمالي كيم جونغ-أون بالمبادرة.");
        assert_eq!(actor(&who, "كيم جونغ-أون").kind, ActorKind::Person);
        let (who, _) = find("وأكد كيم جونغ أون استعداده للقاء.");
        actor(&who, "كيم جونغ أون");
        let (who, _) = find("وأرسلت منظمة حظر الأسلحة الكيميائية خبراءها إلى الموقع.");
        let o = actor(&who, "منظمة حظر الأسلحة الكيميائية");
        assert_eq!(o.kind, ActorKind::Organization);
    }

    #[test]
    fn lexicon_flags_mark_names_places_and_heads() {
        let r = Recognizer::new();
        let f = |w: &str| r.lexicon_flags(&fold(w));
        assert_ne!(f("حلب") & flags::PLACE, 0);
        assert_ne!(f("سوريا") & flags::COUNTRY, 0);
        assert_ne!(f("وزارة") & flags::ORG_HEAD, 0);
        assert_ne!(f("قوات") & flags::GROUP_HEAD, 0);
        assert_ne!(f("محافظ") & flags::TITLE, 0);
        assert_ne!(f("الروسية") & flags::NATIONALITY, 0);
        assert_ne!(f("طلال") & flags::PERSON_NAME, 0);
        assert_ne!(f("في") & flags::COMMON, 0);
        assert_eq!(f("ززززز"), 0);
    }
}
