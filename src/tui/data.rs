//! The reader's database work, off the render loop: one thread owns the reader's [`Store`]
//! connection, runs the [`Request`]s the app's updates ask for in order and sends each
//! [`Reply`] back. A query superseded by a newer one of the same kind before it started is
//! skipped, so fast typing or scrolling never queues up stale work.

use khabar_store::{Article, ArticleFilter, ArticleRow, Facet, FacetValue, Store};
use std::sync::mpsc as std_mpsc;
use tokio::sync::mpsc;

/// What the app asks of the database (through [`Effect::Query`](super::Effect::Query)).
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// A page of the list; with the count of matching articles when `count` is set.
    Rows {
        /// Which filter generation asked (stale answers are dropped).
        generation: u64,
        /// The filters the list is read under.
        filter: ArticleFilter,
        /// The index in the filtered list of the first row.
        offset: usize,
        /// How many rows at most.
        limit: usize,
        /// Whether to count the matching articles too.
        count: bool,
    },
    /// One article, whole.
    Article(i64),
    /// The values of a facet under the other filters.
    Facet {
        /// Which facet.
        facet: Facet,
        /// The filters the values are counted under.
        filter: ArticleFilter,
        /// How many values at most.
        limit: usize,
    },
    /// Mark read or unread.
    SetRead(i64, bool),
    /// Star or unstar.
    SetStarred(i64, bool),
}

/// What the database answered (given to the app as [`Event::Data`](super::Event::Data)).
#[derive(Debug)]
pub enum Reply {
    /// A page of the list.
    Rows {
        /// The filter generation that asked.
        generation: u64,
        /// The count of matching articles, when it was asked for.
        total: Option<usize>,
        /// The index in the filtered list of the first row (`usize::MAX` for a skipped page).
        offset: usize,
        /// The rows.
        rows: Vec<ArticleRow>,
    },
    /// An article (`None` when it is gone).
    Article(i64, Option<Box<Article>>),
    /// Facet values, and what else each one is found by (a feed's URL; empty for the other
    /// facets).
    Facet(Facet, Vec<FacetValue>, Vec<String>),
    /// A query or write failed.
    Failed(String),
}

/// The app's side of the database thread: the runner sends it the queries the app's updates
/// ask for and gives the app its replies.
pub struct Database {
    /// `None` once dropping (which ends the thread).
    requests: Option<std_mpsc::Sender<Request>>,
    thread: Option<std::thread::JoinHandle<()>>,
    replies: mpsc::UnboundedReceiver<Reply>,
    /// Requests sent whose replies have not been taken (writes reply nothing).
    pending: usize,
}

impl Database {
    /// Starts the thread that owns `store`.
    pub fn start(store: Store) -> Database {
        let (requests, inbox) = std_mpsc::channel();
        let (outbox, replies) = mpsc::unbounded_channel();
        let thread = std::thread::Builder::new()
            .name("khabar-reader-db".into())
            .spawn(move || serve(store, inbox, outbox))
            .expect("the database thread starts");
        Database {
            requests: Some(requests),
            thread: Some(thread),
            replies,
            pending: 0,
        }
    }

    /// Sends a request.
    pub fn send(&mut self, request: Request) {
        let answers = !matches!(request, Request::SetRead(..) | Request::SetStarred(..));
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|r| r.send(request).is_ok());
        if sent && answers {
            self.pending += 1;
        }
    }

    /// The next reply, waiting for it (for the event loop's `select!`; pending forever when
    /// nothing was asked). Cancel-safe.
    pub async fn next(&mut self) -> Option<Reply> {
        let reply = self.replies.recv().await;
        self.pending = self.pending.saturating_sub(1);
        reply
    }

    /// A reply that has already arrived, without waiting.
    pub fn try_next(&mut self) -> Option<Reply> {
        let reply = self.replies.try_recv().ok();
        if reply.is_some() {
            self.pending = self.pending.saturating_sub(1);
        }
        reply
    }

    /// The next reply, blocking the thread; `None` when no reply is awaited (tests and
    /// benchmarks; never inside async code).
    pub fn wait(&mut self) -> Option<Reply> {
        if self.pending == 0 {
            return None;
        }
        let reply = self.replies.blocking_recv();
        self.pending = self.pending.saturating_sub(1);
        reply
    }
}

impl Drop for Database {
    /// Lets the thread finish what was sent (read and star marks are written before the
    /// reader exits), then joins it.
    fn drop(&mut self) {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The database thread: answers requests until the app is gone.
fn serve(
    mut store: Store,
    inbox: std_mpsc::Receiver<Request>,
    outbox: mpsc::UnboundedSender<Reply>,
) {
    while let Ok(first) = inbox.recv() {
        let mut batch = vec![first];
        batch.extend(inbox.try_iter());
        let superseded = |i: usize, request: &Request| {
            batch[i + 1..]
                .iter()
                .any(|later| same_question(request, later))
        };
        for (i, request) in batch.iter().enumerate() {
            let reply = if superseded(i, request) {
                skipped(request)
            } else {
                answer(&mut store, request)
            };
            if let Some(reply) = reply
                && outbox.send(reply).is_err()
            {
                return;
            }
        }
    }
}

/// Whether `later` makes `earlier` pointless (a newer page, article or facet query; a page
/// without a count does not replace one with a count).
fn same_question(earlier: &Request, later: &Request) -> bool {
    match (earlier, later) {
        (Request::Rows { count: before, .. }, Request::Rows { count: after, .. }) => {
            *after || !*before
        }
        (Request::Article(_), Request::Article(_)) => true,
        (Request::Facet { .. }, Request::Facet { .. }) => true,
        _ => false,
    }
}

/// The empty answer of a skipped question (the app counts its replies).
fn skipped(request: &Request) -> Option<Reply> {
    match request {
        Request::Rows { generation, .. } => Some(Reply::Rows {
            generation: *generation,
            total: None,
            offset: usize::MAX,
            rows: Vec::new(),
        }),
        Request::Article(id) => Some(Reply::Article(*id, None)),
        Request::Facet { facet, .. } => Some(Reply::Facet(*facet, Vec::new(), Vec::new())),
        Request::SetRead(..) | Request::SetStarred(..) => None,
    }
}

/// The URL of each feed in `values` (keyed by feed id), so the feed picker finds feeds by URL.
fn feed_urls(store: &Store, values: &[FacetValue]) -> khabar_store::Result<Vec<String>> {
    let urls: std::collections::HashMap<String, String> = store
        .feeds()?
        .into_iter()
        .map(|feed| (feed.id.to_string(), feed.url))
        .collect();
    Ok(values
        .iter()
        .map(|v| urls.get(&v.key).cloned().unwrap_or_default())
        .collect())
}

/// Runs one request.
fn answer(store: &mut Store, request: &Request) -> Option<Reply> {
    let result = match request {
        Request::Rows {
            generation,
            filter,
            offset,
            limit,
            count,
        } => (|| {
            let total = match count {
                true => Some(usize::try_from(store.count(filter)?).unwrap_or(usize::MAX)),
                false => None,
            };
            Ok(Reply::Rows {
                generation: *generation,
                total,
                offset: *offset,
                rows: store.articles(filter, *offset, *limit)?,
            })
        })(),
        Request::Article(id) => store
            .article(*id)
            .map(|article| Reply::Article(*id, article.map(Box::new))),
        Request::Facet {
            facet,
            filter,
            limit,
        } => (|| {
            let values = store.facet(*facet, filter, *limit)?;
            let also = match facet {
                Facet::Feed => feed_urls(store, &values)?,
                _ => Vec::new(),
            };
            Ok(Reply::Facet(*facet, values, also))
        })(),
        Request::SetRead(id, read) => return store.set_read(*id, *read).err().map(failed),
        Request::SetStarred(id, starred) => {
            return store.set_starred(*id, *starred).err().map(failed);
        }
    };
    Some(result.unwrap_or_else(failed))
}

/// The reply of a failed request.
fn failed(err: khabar_store::StoreError) -> Reply {
    tracing::error!("reader query failed: {err}");
    Reply::Failed(err.to_string())
}
