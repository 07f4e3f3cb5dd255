//! `khabar` with no command: the reader.

/// Opens the reader on the database.
pub fn run(_paths: &super::Paths) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
