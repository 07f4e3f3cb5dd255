//! `khabar feeds add|list|remove`.

/// The `feeds` sub-commands.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// List the feeds.
    List,
}

/// Runs `khabar feeds ...`.
pub fn run(_paths: &super::Paths, _cmd: Command) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
