//! The command line: one file per command, each turning arguments into calls on the library's
//! rooms (`extract`, `feeds`, `store`, `tui`) and printing the result.

pub mod build_lexicons;
pub mod extract;
pub mod feeds;
pub mod fetch;
pub mod list;
pub mod opml;
pub mod reader;
pub mod reextract;
pub mod train_ner;

use std::path::PathBuf;

/// The paths given on the command line or in the environment (`--config`, `--db`).
#[derive(Debug, Clone, Default)]
pub struct Paths {
    /// `--config` / `KHABAR_CONFIG`.
    pub config: Option<PathBuf>,
    /// `--db` / `KHABAR_DB`.
    pub db: Option<PathBuf>,
}
