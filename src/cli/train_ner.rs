//! `khabar train_ner`.

/// Arguments of `khabar train_ner`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `khabar train_ner`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
