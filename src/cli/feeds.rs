//! `khabar feeds add|list|remove`.

use super::output::print;
use super::table::Table;
use anyhow::Context;
use khabar_feeds::sanitize;

/// The `feeds` sub-commands.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Subscribe to a feed (http, https or file URL).
    Add {
        /// The feed's URL.
        url: String,
        /// The name to show for it (default: the feed's own title).
        #[arg(long)]
        title: Option<String>,
    },
    /// List the feeds with their last status, last success and article counts.
    List,
    /// Unsubscribe from a feed, deleting its articles.
    Remove {
        /// The feed's URL.
        url: String,
    },
}

/// Runs `khabar feeds ...`.
pub fn run(paths: &super::Paths, cmd: Command) -> anyhow::Result<()> {
    let config = paths.config()?;
    let mut store = paths.open_store(&config)?;
    let db = paths.db_path()?;
    let in_db = || format!("in the database {}", db.display());
    match cmd {
        Command::Add { url, title } => {
            let url = check_feed_url(&url)?;
            let known = store.feed_by_url(&url).with_context(in_db)?.is_some();
            store.add_feed(&url, title.as_deref()).with_context(in_db)?;
            if known {
                print(&format!("already subscribed to {url}\n"))?;
            } else {
                print(&format!("subscribed to {url}; `khabar fetch` fetches it\n"))?;
            }
        }
        Command::Remove { url } => {
            if store.remove_feed(&url).with_context(in_db)? {
                print(&format!("unsubscribed from {}\n", url.trim()))?;
            } else {
                anyhow::bail!("no feed with the URL {}", url.trim());
            }
        }
        Command::List => {
            let mut table = Table::new(["feed", "url", "articles", "last success", "status"]);
            for feed in store.feeds()? {
                let status = match (&feed.last_status, feed.next_attempt) {
                    (None, _) => "never fetched".to_string(),
                    (Some(status), Some(next)) if feed.failures > 0 => format!(
                        "{status} ({} {}; next try after {})",
                        feed.failures,
                        if feed.failures == 1 {
                            "failure"
                        } else {
                            "failures"
                        },
                        next.format("%Y-%m-%d %H:%M UTC")
                    ),
                    (Some(status), _) => status.clone(),
                };
                table.row([
                    sanitize(&feed.title),
                    sanitize(&feed.url),
                    format!("{} ({} unread)", feed.article_count, feed.unread_count),
                    feed.last_success.map_or("never".to_string(), |t| {
                        t.format("%Y-%m-%d %H:%M").to_string()
                    }),
                    sanitize(&status),
                ]);
            }
            print(&table.to_string())?;
        }
    }
    Ok(())
}

/// Checks that `url` is an absolute `http`, `https` or `file` URL and returns it trimmed.
pub fn check_feed_url(url: &str) -> anyhow::Result<String> {
    let url = url.trim();
    let parsed =
        reqwest::Url::parse(url).map_err(|err| anyhow::anyhow!("{url:?} is not a URL: {err}"))?;
    match parsed.scheme() {
        "http" | "https" | "file" => Ok(url.to_string()),
        other => anyhow::bail!("{url}: the {other}: scheme is not supported (http, https or file)"),
    }
}
