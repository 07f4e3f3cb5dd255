//! `khabar-dev build-lexicons`: regenerates the engine's committed lexicon files (`data/lexicons/`)
//! from the gazetteers, the ANERcorp train split and the event-coding data under `../shared/data`. The engine embeds
//! the files it writes; the hand-written lists live in `data/curated/` and are read as they are.

mod events;
mod names;
mod places;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Arguments of `khabar-dev build-lexicons`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shared data directory (holding `gazetteers/` and `anercorp/`).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the lexicon files.
    #[arg(long, default_value = "data/lexicons")]
    out: PathBuf,
}

/// Runs `khabar-dev build-lexicons`.
pub fn run(args: Args) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let anercorp = names::Anercorp::read(&args.data)?;
    let (common, never_a_name) = anercorp.build_common_words(&args.out)?;
    places::build(&args.data, &args.out, &common, &never_a_name)?;
    let person_tokens = anercorp.build_person_tokens(&args.data, &args.out, &common)?;
    anercorp.build_entities(&args.out, &common, &person_tokens)?;
    events::build(&args.data, &args.out)?;
    eprintln!("lexicons written to {}", args.out.display());
    Ok(())
}

/// Reads a UTF-8 TSV file with a header line: its rows as fields.
fn read_tsv(path: &Path) -> anyhow::Result<Vec<Vec<String>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

/// Writes `lines` under a comment header naming the source, sorted for stable diffs.
fn write_lines(path: &Path, header: &str, mut lines: Vec<String>) -> anyhow::Result<()> {
    lines.sort();
    lines.dedup();
    let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum::<usize>() + 200);
    for h in header.lines() {
        text.push_str("# ");
        text.push_str(h);
        text.push('\n');
    }
    for l in &lines {
        text.push_str(l);
        text.push('\n');
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("{}: {} entries", path.display(), lines.len());
    Ok(())
}

/// Folded words that are mostly not names (see [`names::build_common_words`]).
type CommonWords = HashSet<String>;
