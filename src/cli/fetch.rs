//! `khabar fetch`.

/// Arguments of `khabar fetch`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `khabar fetch`.
pub fn run(_paths: &super::Paths, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
