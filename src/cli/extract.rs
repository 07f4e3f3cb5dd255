//! `khabar extract`.

/// Arguments of `khabar extract`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `khabar extract`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
