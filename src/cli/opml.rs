//! `khabar import-opml` and `khabar export-opml`.

/// Arguments of `khabar import-opml`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {}

/// Arguments of `khabar export-opml`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {}

/// Runs `khabar import-opml`.
pub fn import(_paths: &super::Paths, _args: ImportArgs) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}

/// Runs `khabar export-opml`.
pub fn export(_paths: &super::Paths, _args: ExportArgs) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
