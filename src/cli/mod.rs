//! The command line: one file per command, each turning arguments into calls on the library's
//! rooms (the engine, the feeds, the store, the reader) and printing the result. The developer
//! commands (building the lexicons, training the name tagger) are `khabar-dev`'s.

pub mod extract;
pub mod feeds;
pub mod fetch;
pub mod list;
pub mod opml;
mod output;
pub mod reader;
pub mod reextract;
mod table;

use anyhow::Context;
use khabar::config::Config;
use khabar_store::Store;
use std::path::PathBuf;

/// The paths given on the command line or in the environment (`--config`, `--db`).
#[derive(Debug, Clone, Default)]
pub struct Paths {
    /// `--config` / `KHABAR_CONFIG`.
    pub config: Option<PathBuf>,
    /// `--db` / `KHABAR_DB`.
    pub db: Option<PathBuf>,
}

impl Paths {
    /// The configuration file: `--config`, else `KHABAR_CONFIG`, else `config.toml` in the
    /// platform's config directory (`~/.config/khabar/` on Linux).
    pub fn config_path(&self) -> anyhow::Result<PathBuf> {
        match &self.config {
            Some(path) => Ok(path.clone()),
            None => Ok(project_dirs()?.config_dir().join("config.toml")),
        }
    }

    /// The database: `--db`, else `KHABAR_DB`, else `khabar.db` in the platform's data
    /// directory (`~/.local/share/khabar/` on Linux).
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => Ok(project_dirs()?.data_dir().join("khabar.db")),
        }
    }

    /// Loads the configuration. The documented default is written only at the platform's
    /// location on first run: a path given with `--config` or `KHABAR_CONFIG` must exist (a
    /// mistyped path would otherwise become a default config whose feeds replace the real ones).
    pub fn config(&self) -> anyhow::Result<Config> {
        match &self.config {
            Some(path) if !path.exists() => {
                anyhow::bail!("config file not found: {}", path.display())
            }
            Some(path) => Config::load(path),
            None => Config::load_or_create(&self.config_path()?),
        }
    }

    /// Opens the database (creating it on first run) with the feeds of `config` subscribed.
    /// Feeds the config no longer lists stay until the next `fetch` (see
    /// [`Store::add_config_feeds`]).
    pub fn open_store(&self, config: &Config) -> anyhow::Result<Store> {
        let path = self.db_path()?;
        let mut store = Store::open(&path)?;
        store.add_config_feeds(&config.feeds).with_context(|| {
            format!(
                "cannot record the configured feeds in the database {}",
                path.display()
            )
        })?;
        Ok(store)
    }
}

/// The platform's directories for khabar.
fn project_dirs() -> anyhow::Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "khabar").context(
        "cannot find the home directory: give the paths with --config and --db \
         (or KHABAR_CONFIG and KHABAR_DB)",
    )
}
