//! Throughput of `Engine::extract` on one core, and `Engine::new()`. Run:
//! `cargo bench --bench extract`.
//!
//! The corpus is the 2,000 real news items of `../shared/data/ant/articles.jsonl` (their `text`
//! fields, read at run time, never copied) when present, else a composed text. Besides the whole
//! corpus, inputs of 1 KB, 100 KB and 10 MB (cut from the corpus on char boundaries) show that
//! the work grows linearly with the text.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use khabar_extract::{Article, Engine};

fn main() {
    divan::main();
}

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

/// The texts of the shared corpus, or a composed stand-in.
static TEXTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/ant/articles.jsonl"
    );
    match std::fs::read_to_string(path) {
        Ok(jsonl) => jsonl
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
            .collect(),
        Err(_) => vec![
            "قال محافظ حمص طلال البرازي لوكالة فرانس برس إن بين 400 و500 مقاتل سيخرجون من \
             حي الوعر في مدينة حمص، برعاية روسية، نحو ريف حلب وإدلب. "
                .repeat(20);
            100
        ],
    }
});

/// All the texts joined, cut to `bytes` on a char boundary.
fn cut(bytes: usize) -> String {
    let all = TEXTS.join("\n\n");
    let mut text = String::with_capacity(bytes);
    while text.len() < bytes {
        text.push_str(&all);
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

#[divan::bench]
fn engine_new() -> Engine {
    Engine::new()
}

#[divan::bench]
fn corpus(bencher: divan::Bencher) {
    let engine = &*ENGINE;
    let bytes: usize = TEXTS.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for t in TEXTS.iter() {
            divan::black_box(engine.extract(divan::black_box(&Article::untitled(t))));
        }
    });
}

#[divan::bench(args = [1_000, 100_000, 10_000_000], sample_count = 5, sample_size = 1)]
fn linear(bencher: divan::Bencher, bytes: usize) {
    let engine = &*ENGINE;
    let text = cut(bytes);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| divan::black_box(engine.extract(divan::black_box(&Article::untitled(&text)))));
}
