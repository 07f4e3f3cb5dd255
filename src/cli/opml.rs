//! `khabar import-opml` and `khabar export-opml`.

use super::output::print;
use khabar_feeds::opml::{self, Outline};
use std::path::PathBuf;

/// Arguments of `khabar import-opml`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The OPML file (as exported by newsboat and other readers).
    file: PathBuf,
}

/// Arguments of `khabar export-opml`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Where to write the OPML (default: standard output).
    file: Option<PathBuf>,
}

/// Runs `khabar import-opml`: subscribes to every feed of the file.
pub fn import(paths: &super::Paths, args: ImportArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", args.file.display()))?;
    let outlines = opml::parse(&text)
        .map_err(|err| anyhow::anyhow!("{} is not valid OPML: {err}", args.file.display()))?;
    let config = paths.config()?;
    let mut store = paths.open_store(&config)?;
    let mut added = 0;
    let mut skipped = Vec::new();
    for outline in &outlines {
        match super::feeds::check_feed_url(&outline.url) {
            Ok(url) => {
                if store.feed_by_url(&url)?.is_none() {
                    added += 1;
                }
                store.add_feed(&url, outline.title.as_deref())?;
            }
            Err(err) => skipped.push(err),
        }
    }
    let mut report = format!(
        "{} feeds in {}: {added} new, {} already subscribed\n",
        outlines.len(),
        args.file.display(),
        outlines.len() - added - skipped.len()
    );
    for err in skipped {
        report.push_str(&format!("skipped: {err}\n"));
    }
    print(&report)
}

/// Runs `khabar export-opml`: writes every subscribed feed as OPML.
pub fn export(paths: &super::Paths, args: ExportArgs) -> anyhow::Result<()> {
    let config = paths.config()?;
    let store = paths.open_store(&config)?;
    let outlines: Vec<Outline> = store
        .feeds()?
        .into_iter()
        .map(|feed| Outline {
            title: (feed.title != feed.url).then_some(feed.title),
            url: feed.url,
        })
        .collect();
    let text = opml::write(&outlines);
    match args.file {
        Some(path) => std::fs::write(&path, text)
            .map_err(|err| anyhow::anyhow!("cannot write {}: {err}", path.display()))?,
        None => print(&text)?,
    }
    Ok(())
}
