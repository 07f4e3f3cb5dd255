//! The SQLite store: every SQL string of khabar lives in this module.
//!
//! One [`Store`] is one connection. The database runs in WAL mode, so one writer (the refresh's
//! writer thread, or a command) and any number of readers (the reader's own connection) work at
//! once; a second writer waits for the first and, if it waits too long, fails with
//! [`StoreError::Busy`]. The schema lives in `migrations/`, applied in order at open.
//!
//! Articles are unique per feed by their key. Each has at most one summary, stored as the
//! engine's JSON with the engine version, and indexed: its places and actors become rows of
//! `entities` (by folded name, [`khabar_extract::fold`], a country by its code so that all its
//! spellings are one place), its event types rows of `events`, and
//! a folded copy of its title and text feeds the FTS5 index behind [`ArticleFilter::search`].

mod feeds;
mod index;
mod query;
mod write;

pub use feeds::FeedInfo;
pub use query::{Article, ArticleFilter, ArticleRow, Facet, FacetValue};
pub use write::{FetchSuccess, Incoming, StaleArticle, StoreOutcome, WriteBatch};

use chrono::{DateTime, Utc};
use include_dir::{Dir, include_dir};
use rusqlite::{Connection, ErrorCode};
use rusqlite_migration::Migrations;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

/// The numbered migrations, embedded in the binary.
static MIGRATIONS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../migrations");

/// The migrations, loaded once.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::from_directory(&MIGRATIONS_DIR).expect("the embedded migrations are well formed")
});

/// How long a connection waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process held the write lock for longer than the busy timeout.
    #[error(
        "the database is busy: another khabar process is writing to it (waited {} s); try again",
        BUSY_TIMEOUT.as_secs()
    )]
    Busy,
    /// The database file or its directory cannot be created or opened.
    #[error("cannot open the database {path}: {reason}")]
    Open {
        /// The database path.
        path: String,
        /// Why.
        reason: String,
    },
    /// The schema could not be brought up to date.
    #[error("cannot update the database schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A feed given by URL is not subscribed.
    #[error("no feed with the URL {0}")]
    NoSuchFeed(String),
    /// The feed is listed in the configuration file, so it cannot be removed from the command
    /// line.
    #[error("the feed {0} is listed in config.toml: remove it there")]
    FeedInConfig(String),
    /// A write could not be committed, so it was not stored.
    #[error("not stored: {0}")]
    NotCommitted(String),
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> StoreError {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sql(err),
        }
    }
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, StoreError>;

/// One connection to the database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating it and its directory if needed) the database at `path`, in WAL mode
    /// with foreign keys on, and applies the pending migrations. A file without write
    /// permission is opened read-only, as it is.
    pub fn open(path: &Path) -> Result<Store> {
        let open_error = |reason: String| StoreError::Open {
            path: path.display().to_string(),
            reason,
        };
        // A file the user cannot write is opened read-only: reading commands work, writes
        // fail with SQLite's "readonly database" (named with the path by the caller).
        let read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        if read_only {
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn =
                Connection::open_with_flags(path, flags).map_err(|e| open_error(e.to_string()))?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            return Ok(Store { conn });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| open_error(e.to_string()))?;
        }
        let mut conn = Connection::open(path).map_err(|e| open_error(e.to_string()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Reads go through the OS page cache without copies, and a larger page cache keeps
        // the indexes of a big database in memory (both are ceilings, not allocations). Mapped
        // pages count in the process's resident memory, so the map stays at 64 MiB: the reader
        // keeps under its 150 MB budget over 100,000 articles.
        conn.pragma_update(None, "mmap_size", 64 * 1024 * 1024)?;
        conn.pragma_update(None, "cache_size", -32 * 1024)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Writers take the lock when they begin, so that waiting works (a deferred transaction
        // that upgrades to a write fails at once when another process wrote meanwhile).
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // Two processes opening a new file may both see it unmigrated; the second then fails
        // and, trying again, finds the schema up to date.
        if MIGRATIONS.to_latest(&mut conn).is_err() {
            MIGRATIONS.to_latest(&mut conn).map_err(|err| match err {
                rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::from(err),
                err => StoreError::Migration(err),
            })?;
        }
        run_pending_rebuilds(&mut conn)?;
        Ok(Store { conn })
    }

    /// Runs `PRAGMA integrity_check`: `Ok(())` when the file is whole, else the report.
    pub fn integrity_check(&self) -> Result<std::result::Result<(), String>> {
        let report: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(if report == ["ok"] {
            Ok(())
        } else {
            Err(report.join("\n"))
        })
    }
}

/// Does the work that migrations left to Rust (listed in `pending_rebuilds`), in one
/// transaction with the removal of its marker, so that it runs exactly once.
fn run_pending_rebuilds(conn: &mut Connection) -> Result<()> {
    let pending: Vec<String> = conn
        .prepare("SELECT name FROM pending_rebuilds")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in pending {
        let tx = conn.transaction()?;
        match name.as_str() {
            "entity_keys" => write::rebuild_entities(&tx, write::Restore::All)?,
            "country_keys" => write::rebuild_entities(&tx, write::Restore::NamingCountries)?,
            "articles_fts" => write::rebuild_fts(&tx)?,
            _ => {}
        }
        tx.execute("DELETE FROM pending_rebuilds WHERE name = ?1", [&name])?;
        tx.commit()?;
    }
    Ok(())
}

/// A time as stored (Unix seconds).
fn to_secs(time: DateTime<Utc>) -> i64 {
    time.timestamp()
}

/// A stored time (Unix seconds) back as a date.
fn from_secs(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests;
