//! Tests of the tagger as a whole: training, the model file, the embedded model.

use std::ops::Range;

use super::*;
use crate::Engine;
use crate::text::Doc;

/// A tiny corpus written for these tests: people after `السيد`/`قال`, places after `مدينة`/`في`,
/// organisations after `شركة`.
const TINY: &str = "\
قال O\nالسيد O\nكريم B-PERS\nالعلوي I-PERS\nإن O\nمدينة O\nطنجة B-LOC\nجميلة O\n\n\
زار O\nالسيد O\nسعيد B-PERS\nالمراكشي I-PERS\nمدينة O\nفاس B-LOC\n\n\
أعلنت O\nشركة O\nالنور B-ORG\nللطيران I-ORG\nعن O\nرحلات O\nإلى O\nمدينة O\nمكناس B-LOC\n\n\
قال O\nالسيد O\nحسن B-PERS\nالبقالي I-PERS\nفي O\nمدينة O\nوجدة B-LOC\n\n\
اشترت O\nشركة O\nالأمل B-ORG\nللتأمين I-ORG\nأرضا O\nفي O\nمدينة O\nأكادير B-LOC\n\n";

fn tiny_model() -> Tagger {
    let corpus = Corpus::parse(TINY).unwrap();
    let options = TrainOptions {
        epochs: 5,
        ..TrainOptions::default()
    };
    train(&corpus, &options, &no_lexicon, |_, _| {})
}

fn tags(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn training_twice_gives_the_same_model_and_it_learns_the_corpus() {
    let first = tiny_model();
    let second = tiny_model();
    assert!(first.num_features() > 0);
    assert_eq!(first.to_bytes(), second.to_bytes());
    let corpus = Corpus::parse(TINY).unwrap();
    let mut scores = Scores::default();
    for sentence in &corpus.sentences {
        let tokens: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
        scores.add(&sentence.tags, &first.tag(&tokens, &no_lexicon));
    }
    assert_eq!(scores.micro().prf().2.round(), 100.0, "{scores}");
}

#[test]
fn another_seed_still_learns_but_visits_in_another_order() {
    let corpus = Corpus::parse(TINY).unwrap();
    let options = TrainOptions {
        epochs: 5,
        seed: 7,
        ..TrainOptions::default()
    };
    let model = train(&corpus, &options, &no_lexicon, |_, _| {});
    let predicted = model.tag(&tags("زار السيد كريم العلوي مدينة فاس"), &no_lexicon);
    assert_eq!(predicted[2], Tag::Begin(NameKind::Person));
    assert_eq!(predicted[5], Tag::Begin(NameKind::Place));
}

#[test]
fn the_model_file_round_trips_and_bad_files_are_errors() {
    let model = tiny_model();
    let bytes = model.to_bytes();
    let loaded = Tagger::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.to_bytes(), bytes);
    let sentence = tags("قال السيد حسن العلوي في مدينة طنجة");
    assert_eq!(
        loaded.tag(&sentence, &no_lexicon),
        model.tag(&sentence, &no_lexicon)
    );
    assert!(matches!(
        Tagger::from_bytes(b"not a model at all"),
        Err(ModelError::BadMagic)
    ));
    assert!(matches!(
        Tagger::from_bytes(&bytes[..bytes.len() - 3]),
        Err(ModelError::WrongLength { .. })
    ));
}

#[test]
fn the_embedded_model_loads_and_finds_names_no_lexicon_holds() {
    let engine = Engine::new();
    // Invented names: a minister whose surname no lexicon holds (his given name is a known
    // name token, weak evidence), and a town after `مدينة` that no gazetteer holds.
    let sentence = tags("والتقى الوزير طلال الكشتالي بالرئيس في مدينة تاغزوت الليلة");
    for word in ["الكشتالي", "تاغزوت"] {
        assert_eq!(engine.lexicon_flags(&crate::fold(word)), 0, "{word}");
    }
    let predicted = engine
        .tag_sentences(std::slice::from_ref(&sentence))
        .remove(0);
    assert_eq!(predicted.len(), sentence.len());
    let names = spans(&predicted);
    for (tokens, kind) in [(2..4, NameKind::Person), (7..8, NameKind::Place)] {
        assert!(names.contains(&NameSpan { tokens, kind }), "{predicted:?}");
    }
}

#[test]
fn doc_names_are_ranges_of_doc_tokens() {
    let engine = Engine::new();
    let text = "عنوان قصير\n\nوالتقى الوزير طلال الكشتالي بالرئيس في مدينة تاغزوت الليلة.";
    let doc = Doc::new(text);
    let names = engine.tag_doc(&doc);
    let person = names
        .iter()
        .find(|n| n.kind == NameKind::Person)
        .expect("a person");
    assert_eq!(doc.surface(person.tokens.clone()), "طلال الكشتالي");
    let place = names
        .iter()
        .find(|n| n.kind == NameKind::Place)
        .expect("a place");
    assert_eq!(doc.surface(place.tokens.clone()), "تاغزوت");
}

#[test]
fn empty_and_odd_input_never_panics() {
    let engine = Engine::new();
    assert!(engine.tag_sentences(&[]).is_empty());
    assert_eq!(engine.tag_sentences(&[vec![]]), [Vec::<Tag>::new()]);
    let odd = ["", "😀", "\u{0}", "ـــ", "123", "abc", "،"];
    assert_eq!(engine.tag_sentences(&[odd.to_vec()])[0].len(), odd.len());
    assert!(engine.tag_doc(&Doc::new("")).is_empty());
}

#[test]
fn tags_round_trip_through_text_and_index() {
    for i in 0..NUM_TAGS {
        let tag = Tag::from_index(i);
        assert_eq!(tag.index(), i);
        assert_eq!(Tag::parse(tag.as_str()), Some(tag));
    }
    assert_eq!(Tag::parse("B-PER"), None);
    assert_eq!(Tag::parse("X-LOC"), None);
}

#[test]
fn spans_follow_conll_rules() {
    use NameKind::*;
    let tags = [
        Tag::Begin(Person),
        Tag::Inside(Person),
        Tag::Outside,
        Tag::Inside(Place),
        Tag::Begin(Place),
        Tag::Inside(Organization),
    ];
    let found: Vec<(Range<usize>, NameKind)> = spans(&tags)
        .into_iter()
        .map(|s| (s.tokens, s.kind))
        .collect();
    assert_eq!(
        found,
        [
            (0..2, Person),
            (3..4, Place),
            (4..5, Place),
            (5..6, Organization)
        ]
    );
}
