//! `khabar list`.

/// Arguments of `khabar list`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `khabar list`.
pub fn run(_paths: &super::Paths, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
