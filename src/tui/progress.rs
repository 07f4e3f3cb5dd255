//! The progress of the current or last refresh, feed by feed, as the status line and the help
//! show it.

use crate::refresh::{FeedStatus, RefreshEvent};
use khabar_feeds::sanitize;

/// How one feed fared in the current or last refresh.
#[derive(Debug, Clone)]
pub(super) struct FeedReport {
    /// The feed's title (or URL), sanitised.
    pub title: String,
    /// What happened, in a few words, sanitised.
    pub outcome: String,
    /// Whether it failed.
    pub failed: bool,
}

/// Progress of the current or last refresh.
#[derive(Debug, Default)]
pub(super) struct RefreshProgress {
    /// A refresh is running.
    pub running: bool,
    /// How many feeds it covers.
    pub feeds: usize,
    /// One report per finished feed.
    pub done: Vec<FeedReport>,
    /// New articles so far.
    pub new: usize,
}

impl RefreshProgress {
    /// A refresh is starting (its `Started` event may come later).
    pub fn begin(&mut self) {
        *self = RefreshProgress {
            running: true,
            ..RefreshProgress::default()
        };
    }

    /// Takes in one event of the refresh; whether the list may have changed (articles arrived,
    /// or the refresh is over).
    pub fn update(&mut self, event: RefreshEvent) -> bool {
        match event {
            RefreshEvent::Started { feeds } => {
                *self = RefreshProgress {
                    running: true,
                    feeds,
                    ..RefreshProgress::default()
                };
                false
            }
            RefreshEvent::FeedDone {
                url,
                title,
                new,
                updated,
                status,
            } => {
                let (outcome, failed) = match status {
                    FeedStatus::Ok => (format!("+{new} ~{updated}"), false),
                    FeedStatus::NotModified => ("=".to_string(), false),
                    FeedStatus::Skipped { last_error, .. } => (format!("… {last_error}"), true),
                    FeedStatus::Failed(err) => (err, true),
                };
                self.done.push(FeedReport {
                    title: sanitize(if title.is_empty() { &url } else { &title }),
                    outcome: sanitize(&outcome),
                    failed,
                });
                self.new += new;
                new + updated > 0
            }
            RefreshEvent::Finished { .. } => {
                self.running = false;
                true
            }
        }
    }
}
