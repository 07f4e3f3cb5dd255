//! `khabar build_lexicons`.

/// Arguments of `khabar build_lexicons`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `khabar build_lexicons`.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
