//! khabar-dev: the developer pipeline of khabar, kept out of the reader a user installs.
//!
//! `build-lexicons` regenerates the engine's lexicon files (`data/lexicons/`) from the
//! gazetteers, the ANERcorp train split and the event-coding data under `../shared/data`;
//! `train-ner` learns the name tagger's model (`data/ner.bin`) from an ANERcorp-style file.
//! Both are deterministic. The engine embeds what they write, and its version
//! (`khabar_extract::ENGINE_VERSION`) changes with it, so that `khabar reextract` knows which
//! stored summaries are stale. Run from the repository root: `cargo run --release -p khabar-dev
//! -- build-lexicons`.

mod build_lexicons;
mod train_ner;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// khabar's developer tools: rebuild the engine's lexicons and the name tagger's model.
#[derive(Parser, Debug)]
#[command(name = "khabar-dev", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Train the name tagger on an ANERcorp-style file.
    TrainNer(train_ner::Args),
    /// Regenerate the engine's lexicons from ../shared/data.
    BuildLexicons(build_lexicons::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::TrainNer(args) => train_ner::run(args),
        Command::BuildLexicons(args) => build_lexicons::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("khabar-dev: {err:#}");
            ExitCode::FAILURE
        }
    }
}
