//! `khabar reextract`: summarise again the articles summarised by another engine version.

use khabar_extract::{ENGINE_VERSION, Engine, Summary};

/// Arguments of `khabar reextract`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Articles re-extracted per transaction.
const BATCH: usize = 256;

/// Runs `khabar reextract`, a transaction per batch, so that an interrupted run keeps what
/// it did and the next run goes on from there.
pub fn run(paths: &super::Paths, _args: Args) -> anyhow::Result<()> {
    let config = paths.config()?;
    let mut store = paths.open_store(&config)?;
    let engine = Engine::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut done = 0;
    loop {
        let stale = store.stale_summaries(ENGINE_VERSION, BATCH)?;
        if stale.is_empty() {
            break;
        }
        let chunk = stale.len().div_ceil(threads);
        let summaries: Vec<(i64, Summary)> = std::thread::scope(|scope| {
            let workers: Vec<_> = stale
                .chunks(chunk)
                .map(|part| {
                    let engine = &engine;
                    scope.spawn(move || {
                        part.iter()
                            .map(|stale| (stale.id, engine.extract(&stale.engine_article())))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("the engine never panics"))
                .collect()
        });
        // A summary signed by another version would be found stale again, forever.
        if let Some((_, odd)) = summaries.iter().find(|(_, s)| s.engine != ENGINE_VERSION) {
            anyhow::bail!(
                "the engine signs its summaries {:?}, not {ENGINE_VERSION:?}",
                odd.engine
            );
        }
        store.replace_summaries(&summaries)?;
        done += summaries.len();
        eprintln!("{done} articles re-extracted");
    }
    super::output::print(&format!(
        "{done} articles re-extracted with {ENGINE_VERSION}\n"
    ))
}
