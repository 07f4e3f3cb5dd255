//! `khabar build_lexicons`.

mod events;

use std::path::PathBuf;

/// Arguments of `khabar build_lexicons`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shared data directory (holding `events/`).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Where the generated lexicons go.
    #[arg(long, default_value = "data/lexicons")]
    pub out: PathBuf,
}

/// Runs `khabar build_lexicons`.
pub fn run(args: Args) -> anyhow::Result<()> {
    events::build(&args.data, &args.out)
}
