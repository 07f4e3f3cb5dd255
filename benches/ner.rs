//! Name-tagging speed: tokens per second on one core, through `Engine::tag_sentences`
//! (the `--conll` path) and `dev::tag_doc` (the summary path).

use divan::counter::ItemsCount;
use khabar_extract::Engine;
use khabar_extract::dev::{self, Doc};

fn main() {
    divan::main();
}

/// News-like sentences written for this benchmark.
const SENTENCES: [&str; 6] = [
    "وقال وزير الخارجية زهرون الكشتالي في مؤتمر صحفي بالعاصمة إن المفاوضات ستستأنف الأسبوع المقبل",
    "أعلنت وزارة الصحة أن عدد المصابين ارتفع إلى 120 شخصا في محافظة الشمال خلال يومين",
    "ودخلت قوات الأمن حي الزيتون في مدينة تاغزوت بعد اشتباكات مع مسلحين مجهولين",
    "واستقبل الرئيس نظيره الفرنسي في قصر الرئاسة لبحث العلاقات الثنائية والتعاون الاقتصادي",
    "وذكرت وكالة الأنباء الرسمية أن الحكومة وافقت على خطة لإعادة إعمار المناطق المتضررة",
    "ويشارك في البطولة لاعبون من نادي الرجاء ونادي الوداد والمنتخب الوطني",
];

fn sentences(copies: usize) -> Vec<Vec<&'static str>> {
    (0..copies)
        .flat_map(|_| SENTENCES.iter().map(|s| s.split_whitespace().collect()))
        .collect()
}

#[divan::bench]
fn tag_sentences(bencher: divan::Bencher) {
    let engine = Engine::new();
    let input = sentences(50);
    let tokens: usize = input.iter().map(Vec::len).sum();
    bencher
        .counter(ItemsCount::new(tokens))
        .bench(|| divan::black_box(engine.tag_sentences(divan::black_box(&input))));
}

#[divan::bench]
fn tag_doc(bencher: divan::Bencher) {
    let engine = Engine::new();
    let text = SENTENCES.join(". ").repeat(50);
    let doc = Doc::new(&text);
    bencher
        .counter(ItemsCount::new(doc.tokens.len()))
        .bench(|| divan::black_box(dev::tag_doc(&engine, divan::black_box(&doc))));
}

#[divan::bench]
fn load_engine() -> Engine {
    Engine::new()
}
