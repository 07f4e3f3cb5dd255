//! `khabar` with no command: the reader.

use anyhow::Context;

/// Opens the reader on the database, logging to `khabar.log` beside it (never to the
/// terminal; `KHABAR_LOG` sets the level, e.g. `debug`).
pub fn run(paths: &super::Paths) -> anyhow::Result<()> {
    let config = paths.config()?;
    let db_path = paths.db_path()?;
    let store = paths.open_store(&config)?;
    let log_dir = db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let log_file = tracing_appender::rolling::never(log_dir, "khabar.log");
    let (writer, _guard) = tracing_appender::non_blocking(log_file);
    let filter = tracing_subscriber::EnvFilter::try_from_env("KHABAR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()
        .context("cannot start logging")?;
    tracing::info!("reader opened on {}", db_path.display());
    khabar::tui::run(store, config, db_path)
}
