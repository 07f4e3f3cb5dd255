//! `khabar fetch`: refresh every feed once, headless.

use super::output::print;
use super::table::Table;
use indicatif::{ProgressBar, ProgressStyle};
use khabar::refresh::{FeedStatus, RefreshEvent, RefreshOptions, refresh_with};
use khabar_extract::Engine;
use khabar_feeds::sanitize;
use std::io::IsTerminal;
use std::sync::Arc;

/// Arguments of `khabar fetch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Also fetch the feeds that are backed off after repeated failures.
    #[arg(long)]
    force: bool,
}

/// Runs `khabar fetch`: a progress bar on a terminal, a line per feed otherwise, then a table
/// of every feed with its new articles and status. Failed feeds do not make it fail; only a
/// run that cannot start (configuration, database) does.
pub fn run(paths: &super::Paths, args: Args) -> anyhow::Result<()> {
    let config = paths.config()?;
    let db = paths.db_path()?;
    let runtime = tokio::runtime::Runtime::new()?;
    let (events, mut progress) = tokio::sync::mpsc::unbounded_channel();
    let options = RefreshOptions {
        ignore_backoff: args.force,
    };
    let report = runtime.block_on(async {
        let engine = Arc::new(tokio::task::spawn_blocking(Engine::new).await?);
        let printer = tokio::spawn(async move {
            let mut display = Progress::new();
            while let Some(event) = progress.recv().await {
                display.show(&event);
            }
            display.finish();
        });
        let report = refresh_with(&config, &db, engine, events, options).await;
        printer.await?;
        report
    })?;

    let mut table = Table::new(["feed", "new", "status"]);
    for feed in &report.feeds {
        let new = match feed.outcome.updated {
            0 => feed.outcome.new.to_string(),
            updated => format!("{} (+{updated} updated)", feed.outcome.new),
        };
        table.row([
            sanitize(&feed.title),
            new,
            sanitize(&feed.status.to_string()),
        ]);
    }
    print(&format!(
        "{table}{} new articles from {} feeds, {} failed\n",
        report.new_articles(),
        report.feeds.len(),
        report.failed()
    ))
}

/// Shows refresh events: a progress bar on a terminal, else one line per finished feed.
enum Progress {
    Bar(ProgressBar),
    Lines,
}

impl Progress {
    fn new() -> Progress {
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} feeds {msg}")
                .expect("the template is valid");
            bar.set_style(style);
            Progress::Bar(bar)
        } else {
            Progress::Lines
        }
    }

    fn show(&mut self, event: &RefreshEvent) {
        match (self, event) {
            (Progress::Bar(bar), RefreshEvent::Started { feeds }) => bar.set_length(*feeds as u64),
            (Progress::Bar(bar), RefreshEvent::FeedDone { .. }) => {
                bar.inc(1);
                let waiting = bar.length().unwrap_or(0).saturating_sub(bar.position());
                bar.set_message(match waiting {
                    0 => String::new(),
                    1 => "(waiting for 1 feed)".to_string(),
                    n => format!("(waiting for {n} feeds)"),
                });
            }
            (
                Progress::Lines,
                RefreshEvent::FeedDone {
                    url,
                    title,
                    new,
                    updated,
                    status,
                },
            ) => {
                let status = match status {
                    FeedStatus::Ok => "ok".to_string(),
                    other => sanitize(&other.to_string()),
                };
                let (title, url) = (sanitize(title), sanitize(url));
                let feed = if title.trim().is_empty() || title == url {
                    url
                } else {
                    format!("{title} ({url})")
                };
                let line = format!("{feed}: {new} new, {updated} updated, {status}\n");
                // A closed pipe only stops the progress lines; the refresh goes on.
                let _ = print(&line);
            }
            _ => {}
        }
    }

    fn finish(self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
