//! One refresh of every feed: fetch (concurrently) → engine (off the async threads) → store
//! (one writer thread, batched transactions). Used by `khabar fetch` and by the reader's
//! background refresh; progress goes out as [`RefreshEvent`]s.
//!
//! A feed that fails (network error, timeout, HTTP error, a body over the cap, a malformed
//! feed) fails alone: its reason is stored as its last status and it is backed off, while the
//! other feeds go on. Only what concerns the whole run (an unusable database or configuration)
//! makes [`refresh`] itself fail.

use crate::config::Config;
use anyhow::Context;
use chrono::{DateTime, Utc};
use khabar_extract::{Article, Engine};
use khabar_feeds::sanitize;
use khabar_feeds::{FeedRequest, FetchedFeed, Fetcher, ParsedArticle, ParsedFeed};
use khabar_store::{FeedInfo, FetchSuccess, Incoming, Store, StoreOutcome};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Progress of a refresh, in the order it happens.
#[derive(Debug, Clone, PartialEq)]
pub enum RefreshEvent {
    /// The run begins with this many feeds.
    Started {
        /// Subscribed feeds, backed-off ones included.
        feeds: usize,
    },
    /// One feed is finished; its articles are committed.
    FeedDone {
        /// The feed's URL.
        url: String,
        /// The feed's display title.
        title: String,
        /// Articles stored for the first time.
        new: usize,
        /// Stored articles that changed and were summarised again.
        updated: usize,
        /// How it went.
        status: FeedStatus,
    },
    /// Every feed is finished.
    Finished {
        /// New articles, all feeds together.
        new: usize,
        /// Feeds that failed.
        failed: usize,
    },
}

/// How the refresh of one feed went.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedStatus {
    /// Fetched and stored.
    Ok,
    /// The server answered that nothing changed (`304`).
    NotModified,
    /// Not fetched: the feed failed recently and is backed off.
    Skipped {
        /// When it will be tried again.
        until: DateTime<Utc>,
        /// Its last error.
        last_error: String,
    },
    /// Failed, for this reason.
    Failed(String),
}

impl std::fmt::Display for FeedStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedStatus::Ok => f.write_str("ok"),
            FeedStatus::NotModified => f.write_str("not modified"),
            FeedStatus::Skipped { until, last_error } => write!(
                f,
                "backed off until {} (last error: {last_error})",
                until.format("%Y-%m-%d %H:%M UTC")
            ),
            FeedStatus::Failed(reason) => f.write_str(reason),
        }
    }
}

/// The outcome of one feed in a [`RefreshReport`].
#[derive(Debug, Clone, PartialEq)]
pub struct FeedReport {
    /// The feed's URL.
    pub url: String,
    /// The feed's display title.
    pub title: String,
    /// What was stored.
    pub outcome: StoreOutcome,
    /// How it went.
    pub status: FeedStatus,
}

/// The outcome of a whole refresh, feed by feed in the order they finished.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RefreshReport {
    /// One entry per subscribed feed.
    pub feeds: Vec<FeedReport>,
}

impl RefreshReport {
    /// New articles, all feeds together.
    pub fn new_articles(&self) -> usize {
        self.feeds.iter().map(|f| f.outcome.new).sum()
    }

    /// Feeds that failed.
    pub fn failed(&self) -> usize {
        self.feeds
            .iter()
            .filter(|f| matches!(f.status, FeedStatus::Failed(_)))
            .count()
    }
}

/// Choices of a refresh beyond the configuration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefreshOptions {
    /// Fetch backed-off feeds too.
    pub ignore_backoff: bool,
}

/// Refreshes every feed once (backed-off feeds are skipped). See [`refresh_with`].
pub async fn refresh(
    config: &Config,
    db_path: &Path,
    engine: Arc<Engine>,
    events: mpsc::UnboundedSender<RefreshEvent>,
) -> anyhow::Result<RefreshReport> {
    refresh_with(config, db_path, engine, events, RefreshOptions::default()).await
}

/// Refreshes every feed of the database at `db_path` once, after bringing its subscriptions in
/// line with `config`. Progress goes to `events` (a closed receiver is fine). Fails only when
/// the run cannot start: the database cannot be opened or the fetcher cannot be built.
pub async fn refresh_with(
    config: &Config,
    db_path: &Path,
    engine: Arc<Engine>,
    events: mpsc::UnboundedSender<RefreshEvent>,
    options: RefreshOptions,
) -> anyhow::Result<RefreshReport> {
    let mut store = Store::open(db_path)?;
    store
        .sync_config_feeds(&config.feeds)
        .context("cannot record the configured feeds")?;
    let feeds = store.feeds()?;
    let fetcher = Fetcher::new(config.fetch.options()).context("cannot start the HTTP client")?;
    let (writer, writer_thread) = Writer::start(store);
    let _ = events.send(RefreshEvent::Started { feeds: feeds.len() });

    let now = Utc::now();
    let mut tasks = tokio::task::JoinSet::new();
    let mut report = RefreshReport::default();
    for feed in feeds {
        match feed.next_attempt {
            Some(until) if until > now && !options.ignore_backoff => {
                let status = FeedStatus::Skipped {
                    until,
                    last_error: feed.last_status.clone().unwrap_or_default(),
                };
                let done = finished(&feed.url, &feed.title, StoreOutcome::default(), status);
                report.feeds.push(done);
            }
            _ => {
                let job = FeedJob {
                    fetcher: fetcher.clone(),
                    writer: writer.clone(),
                    engine: engine.clone(),
                };
                tasks.spawn(job.run(feed));
            }
        }
    }
    for done in &report.feeds {
        let _ = events.send(feed_done(done));
    }
    while let Some(result) = tasks.join_next().await {
        let done = result.context("a feed's task panicked")?;
        let _ = events.send(feed_done(&done));
        report.feeds.push(done);
    }
    drop(writer);
    writer_thread
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer panicked"))?;
    let _ = events.send(RefreshEvent::Finished {
        new: report.new_articles(),
        failed: report.failed(),
    });
    Ok(report)
}

fn finished(url: &str, title: &str, outcome: StoreOutcome, status: FeedStatus) -> FeedReport {
    FeedReport {
        url: url.to_string(),
        title: title.to_string(),
        outcome,
        status,
    }
}

fn feed_done(report: &FeedReport) -> RefreshEvent {
    RefreshEvent::FeedDone {
        url: report.url.clone(),
        title: report.title.clone(),
        new: report.outcome.new,
        updated: report.outcome.updated,
        status: report.status.clone(),
    }
}

/// What one feed's task needs.
struct FeedJob {
    fetcher: Fetcher,
    writer: Writer,
    engine: Arc<Engine>,
}

impl FeedJob {
    /// Fetches, summarises and stores one feed; every failure ends up in the report.
    async fn run(self, feed: FeedInfo) -> FeedReport {
        let request = FeedRequest {
            url: feed.url.clone(),
            etag: feed.etag.clone(),
            last_modified: feed.last_modified.clone(),
            full_text: feed.full_text,
        };
        let at = Utc::now();
        let mut title = feed.title.clone();
        let result = match self.fetcher.fetch_feed(&request).await {
            Ok(FetchedFeed::NotModified) => {
                let success = FetchSuccess {
                    status: "not modified".to_string(),
                    ..FetchSuccess::default()
                };
                let stored = self.writer.store(feed.id, at, success, Vec::new()).await;
                stored.map(|outcome| (outcome, FeedStatus::NotModified))
            }
            Ok(FetchedFeed::Updated(parsed)) => {
                if let Some(own) = parsed.title.as_deref().filter(|_| feed.title == feed.url) {
                    title = own.to_string();
                }
                let stored = self.store_parsed(&feed, at, parsed).await;
                stored.map(|outcome| (outcome, FeedStatus::Ok))
            }
            Err(err) => {
                let reason = sanitize(&err.to_string());
                let failed = self
                    .writer
                    .fail(feed.id, at, reason.clone(), err.retry_after())
                    .await;
                failed.map(|_| (StoreOutcome::default(), FeedStatus::Failed(reason)))
            }
        };
        let (outcome, status) = result.unwrap_or_else(|err| {
            let reason = format!("cannot store the articles: {err}");
            (StoreOutcome::default(), FeedStatus::Failed(reason))
        });
        finished(&feed.url, &title, outcome, status)
    }

    /// Keeps the new and changed articles of a fetched feed, fetches their pages if the feed
    /// wants full text, summarises them and stores them.
    async fn store_parsed(
        &self,
        feed: &FeedInfo,
        at: DateTime<Utc>,
        parsed: ParsedFeed,
    ) -> khabar_store::Result<StoreOutcome> {
        let success = FetchSuccess {
            status: "ok".to_string(),
            etag: parsed.etag,
            last_modified: parsed.last_modified,
            feed_title: parsed.title,
            site_link: parsed.site_link,
        };
        let mut fresh = self.writer.keep_fresh(feed.id, parsed.articles).await?;
        let feed_texts: Vec<String> = fresh.iter().map(|a| a.text.clone()).collect();
        self.fetcher
            .complete_full_text(&mut fresh, feed.full_text)
            .await;
        let engine = self.engine.clone();
        let summarise = move || -> Vec<Incoming> {
            fresh
                .into_iter()
                .zip(feed_texts)
                .map(|(article, feed_text)| {
                    let summary = engine.extract(&Article::new(&article.title, &article.text));
                    Incoming {
                        article,
                        feed_text,
                        summary,
                    }
                })
                .collect()
        };
        let items = tokio::task::spawn_blocking(summarise)
            .await
            .map_err(|_| khabar_store::StoreError::NotCommitted("the engine failed".to_string()))?;
        self.writer.store(feed.id, at, success, items).await
    }
}

/// Work for the writer thread; each job answers once its transaction is committed.
enum WriteJob {
    /// Keep the articles that are new or changed.
    KeepFresh {
        feed_id: i64,
        articles: Vec<ParsedArticle>,
        reply: oneshot::Sender<khabar_store::Result<Vec<ParsedArticle>>>,
    },
    /// Store summarised articles and a successful fetch.
    Store {
        feed_id: i64,
        at: DateTime<Utc>,
        success: FetchSuccess,
        items: Vec<Incoming>,
        reply: oneshot::Sender<khabar_store::Result<StoreOutcome>>,
    },
    /// Record a failed fetch.
    Fail {
        feed_id: i64,
        at: DateTime<Utc>,
        reason: String,
        retry_after: Option<Duration>,
        reply: oneshot::Sender<khabar_store::Result<DateTime<Utc>>>,
    },
}

/// The door to the writer thread, which owns the writing connection and commits whatever
/// jobs are waiting in one transaction.
#[derive(Clone)]
struct Writer {
    jobs: mpsc::UnboundedSender<WriteJob>,
}

/// Most jobs committed in one transaction.
const MAX_BATCH: usize = 64;

impl Writer {
    /// Starts the writer thread; it ends when every [`Writer`] is dropped.
    fn start(store: Store) -> (Writer, std::thread::JoinHandle<()>) {
        let (jobs, receiver) = mpsc::unbounded_channel();
        let thread = std::thread::Builder::new()
            .name("khabar-writer".to_string())
            .spawn(move || write_loop(store, receiver))
            .expect("a thread can be started");
        (Writer { jobs }, thread)
    }

    async fn keep_fresh(
        &self,
        feed_id: i64,
        articles: Vec<ParsedArticle>,
    ) -> khabar_store::Result<Vec<ParsedArticle>> {
        let (reply, answer) = oneshot::channel();
        self.send(
            WriteJob::KeepFresh {
                feed_id,
                articles,
                reply,
            },
            answer,
        )
        .await
    }

    async fn store(
        &self,
        feed_id: i64,
        at: DateTime<Utc>,
        success: FetchSuccess,
        items: Vec<Incoming>,
    ) -> khabar_store::Result<StoreOutcome> {
        let (reply, answer) = oneshot::channel();
        let job = WriteJob::Store {
            feed_id,
            at,
            success,
            items,
            reply,
        };
        self.send(job, answer).await
    }

    async fn fail(
        &self,
        feed_id: i64,
        at: DateTime<Utc>,
        reason: String,
        retry_after: Option<Duration>,
    ) -> khabar_store::Result<DateTime<Utc>> {
        let (reply, answer) = oneshot::channel();
        let job = WriteJob::Fail {
            feed_id,
            at,
            reason,
            retry_after,
            reply,
        };
        self.send(job, answer).await
    }

    async fn send<T>(
        &self,
        job: WriteJob,
        answer: oneshot::Receiver<khabar_store::Result<T>>,
    ) -> khabar_store::Result<T> {
        let gone =
            || khabar_store::StoreError::NotCommitted("the database writer stopped".to_string());
        self.jobs.send(job).map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }
}

/// An answer to send once the transaction holding it is committed.
type Reply = Box<dyn FnOnce(Option<&khabar_store::StoreError>) + Send>;

/// The writer thread: takes the waiting jobs (up to [`MAX_BATCH`]), runs them in one
/// transaction, commits, then answers them.
fn write_loop(mut store: Store, mut receiver: mpsc::UnboundedReceiver<WriteJob>) {
    while let Some(first) = receiver.blocking_recv() {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let mut replies: Vec<Reply> = Vec::with_capacity(jobs.len());
        let committed = store.batch().and_then(|batch| {
            for job in jobs {
                replies.push(run_job(&batch, job));
            }
            batch.commit()
        });
        for reply in replies {
            reply(committed.as_ref().err());
        }
    }
}

/// Runs one job inside `batch`; the returned closure sends its answer (or the commit's error).
fn run_job(batch: &khabar_store::WriteBatch<'_>, job: WriteJob) -> Reply {
    fn answer<T: Send + 'static>(
        reply: oneshot::Sender<khabar_store::Result<T>>,
        result: khabar_store::Result<T>,
    ) -> Reply {
        Box::new(move |commit_error| {
            let result = match (result, commit_error) {
                (Ok(_), Some(err)) => Err(khabar_store::StoreError::NotCommitted(err.to_string())),
                (result, _) => result,
            };
            let _ = reply.send(result);
        })
    }
    match job {
        WriteJob::KeepFresh {
            feed_id,
            articles,
            reply,
        } => {
            let result = batch.needs_summary(feed_id, &articles).map(|needed| {
                articles
                    .into_iter()
                    .zip(needed)
                    .filter_map(|(article, needed)| needed.then_some(article))
                    .collect()
            });
            answer(reply, result)
        }
        WriteJob::Store {
            feed_id,
            at,
            success,
            items,
            reply,
        } => {
            let result = batch
                .store_articles(feed_id, at, &items)
                .and_then(|outcome| batch.record_success(feed_id, at, &success).map(|_| outcome));
            answer(reply, result)
        }
        WriteJob::Fail {
            feed_id,
            at,
            reason,
            retry_after,
            reply,
        } => answer(
            reply,
            batch.record_failure(feed_id, at, &reason, retry_after),
        ),
    }
}
