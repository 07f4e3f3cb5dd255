//! `khabar reextract`.

/// Arguments of `khabar reextract`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `khabar reextract`.
pub fn run(_paths: &super::Paths, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
