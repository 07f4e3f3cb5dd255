//! `khabar reextract`: summarises again, with the current engine, the articles whose summary an
//! engine of another version wrote (or that have none): what a lexicon or model change leaves
//! stale (the version is a hash of those files, see `khabar_extract::ENGINE_VERSION`).

use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};

use indicatif::{ProgressBar, ProgressStyle};
use khabar_extract::{Article, ENGINE_VERSION, Engine, Summary};
use khabar_store::StaleArticle;

/// Arguments of `khabar reextract`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Articles re-extracted per transaction.
const BATCH: usize = 256;

/// Runs `khabar reextract`: a transaction per batch, so that an interrupted run keeps what it
/// did and the next run goes on from there; a progress bar on a terminal. An article on which
/// the engine fails (a panic, which it should never do) keeps its old summary and is named on
/// standard error; the others go on.
pub fn run(paths: &super::Paths, _args: Args) -> anyhow::Result<()> {
    let config = paths.config()?;
    let mut store = paths.open_store(&config)?;
    let bar = progress_bar(store.stale_count(ENGINE_VERSION)?);
    let engine = Engine::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (mut done, mut failed, mut after) = (0usize, 0usize, 0i64);
    loop {
        let stale = store.stale_summaries(ENGINE_VERSION, after, BATCH)?;
        let Some(last) = stale.last() else {
            break;
        };
        after = last.id;
        let outcomes = summarise(&stale, threads, |article| engine.extract(article));
        let mut summaries: Vec<(i64, Summary)> = Vec::with_capacity(stale.len());
        for (article, outcome) in stale.iter().zip(outcomes) {
            match outcome {
                Ok(summary) => summaries.push((article.id, summary)),
                Err(reason) => {
                    failed += 1;
                    bar.suspend(|| {
                        eprintln!(
                            "khabar: article {}: the engine failed ({reason}); its summary is \
                             left as it was",
                            article.id
                        )
                    });
                }
            }
        }
        // A summary signed by another version would be found stale again, forever.
        if let Some((_, odd)) = summaries.iter().find(|(_, s)| s.engine != ENGINE_VERSION) {
            anyhow::bail!(
                "the engine signs its summaries {:?}, not {ENGINE_VERSION:?}",
                odd.engine
            );
        }
        store.replace_summaries(&summaries)?;
        done += summaries.len();
        bar.inc(stale.len() as u64);
    }
    bar.finish_and_clear();
    let failures = match failed {
        0 => String::new(),
        n => format!(", {n} failed (their summaries are left as they were)"),
    };
    super::output::print(&format!(
        "{done} articles re-extracted with {ENGINE_VERSION}{failures}\n"
    ))
}

/// A bar over `total` articles on a terminal; hidden otherwise (a pipe, a log).
fn progress_bar(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} articles re-extracted {eta}")
        .expect("the template is valid");
    bar.set_style(style);
    bar
}

/// Summarises `articles` with `extract` on up to `threads` threads, in order, each article on
/// its own: a panic fails that article (its message is the error), not the others.
fn summarise(
    articles: &[StaleArticle],
    threads: usize,
    extract: impl Fn(&Article) -> Summary + Sync,
) -> Vec<Result<Summary, String>> {
    let one = |article: &StaleArticle| {
        catch_unwind(AssertUnwindSafe(|| extract(&article.engine_article()))).map_err(|panic| {
            panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string())
        })
    };
    // The panic's message is reported with the article, not printed by the default hook.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let chunk = articles.len().div_ceil(threads.max(1)).max(1);
    let outcomes = std::thread::scope(|scope| {
        let workers: Vec<_> = articles
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("each article's panic is caught"))
            .collect()
    });
    std::panic::set_hook(hook);
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stale(id: i64, text: &str) -> StaleArticle {
        StaleArticle {
            id,
            title: format!("خبر {id}"),
            text: text.to_string(),
        }
    }

    #[test]
    fn a_panic_fails_its_article_alone_and_the_order_is_kept() {
        let articles: Vec<StaleArticle> = (1..=9)
            .map(|id| {
                stale(
                    id,
                    if id == 4 {
                        "انهيار"
                    } else {
                        "قصف على حمص"
                    },
                )
            })
            .collect();
        let extract = |article: &Article| {
            assert!(article.text != "انهيار", "the engine broke on article 4");
            Summary {
                engine: article.title.to_string(),
                ..Summary::default()
            }
        };
        let outcomes = summarise(&articles, 3, extract);
        assert_eq!(outcomes.len(), 9);
        for (article, outcome) in articles.iter().zip(&outcomes) {
            match outcome {
                Ok(summary) => assert_eq!(summary.engine, article.title),
                Err(reason) => {
                    assert_eq!(article.id, 4);
                    assert!(reason.contains("the engine broke on article 4"), "{reason}");
                }
            }
        }
        assert_eq!(outcomes.iter().filter(|o| o.is_err()).count(), 1);
    }
}
