//! `Engine::extract` never panics and keeps its spans inside the text it read, whatever the
//! input: empty, binary noise, Latin, mixed scripts, diacritised text, emoji, presentation
//! forms, with or without a title.

use std::sync::LazyLock;

use khabar_extract::{Article, Engine};
use proptest::prelude::*;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

/// Arabic words, clitics, digits, marks and noise, mixed.
fn arabic_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "و",
        "ب",
        "ال",
        "لل",
        "حمص",
        "حي",
        "ريف",
        "حلب",
        "قال",
        "الرئيس",
        "محافظ",
        "وزارة",
        "قوات",
        "النظام",
        "بين",
        "400",
        "٤٠٠",
        "ألف",
        "مقاتل",
        "،",
        ".",
        "\n\n",
        " ",
        "ـ",
        "َ",
        "ّ",
        "\u{200F}",
        "\u{202E}",
        "\u{FEFB}",
        "😀",
        "a",
        "AFP",
        "-",
        "«",
        "»",
        "(",
        ")",
        "؟",
        "فلاديمير",
        "بوتين",
        "الروسية",
        "برعاية",
        "السورية",
        "المرصد",
        "لحقوق",
        "الإنسان",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str) {
    check_article(&Article::untitled(text));
}

fn check_article(article: &Article) {
    let summary = ENGINE.extract(article);
    let chars = article.input().chars().count();
    for a in &summary.who {
        assert!(!a.name.is_empty());
        assert!(a.mentions.iter().all(|[s, e]| s <= e && *e <= chars));
    }
    for p in &summary.places {
        assert!(!p.name.is_empty());
        assert!(p.mentions.iter().all(|[s, e]| s <= e && *e <= chars));
    }
    for q in &summary.how_many {
        assert!(q.span[0] <= q.span[1] && q.span[1] <= chars);
    }
    for e in &summary.events {
        assert!(e.span[1] <= chars);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn arabic_like_text(text in arabic_like()) {
        check(&text);
    }

    #[test]
    fn arabic_like_article(title in arabic_like(), text in arabic_like()) {
        check_article(&Article::new(&title, &text));
    }
}

#[test]
fn edge_cases() {
    for text in [
        "",
        " ",
        "\u{0}\u{1}\u{7f}",
        "ـــــ",
        "َُِّ",
        "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ",
        "و",
        "لل",
        "ال",
        "😀😀😀",
        "Reuters reported 5 dead in Homs",
        &"حمص ".repeat(10_000),
    ] {
        check(text);
    }
}
