//! Fetching: HTTP(S) with conditional GET, limits and politeness, and `file://` for saved feeds.

use super::fulltext;
use super::parse::parse_feed_at;
use super::{FeedError, FeedRequest, FetchOptions, FetchedFeed, FullText, ParsedArticle};
use chrono::{DateTime, Utc};
use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, Url};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::{Semaphore, SemaphorePermit};

/// Redirects followed before giving up (a loop ends here too).
const MAX_REDIRECTS: usize = 5;

/// Fetches feeds and article pages. Cheap to clone: clones share the HTTP client (and its
/// connection pool) and the concurrency limits.
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

/// What clones of a [`Fetcher`] share.
struct Inner {
    client: reqwest::Client,
    max_bytes: u64,
    timeout: Duration,
    connect_timeout: Duration,
    per_host: usize,
    /// Requests in flight over all hosts.
    everywhere: Semaphore,
    /// Per `host:port`: the request slots and any rate limit the host announced.
    hosts: Mutex<HashMap<String, Host>>,
}

/// What the fetcher knows about one host.
struct Host {
    /// Requests in flight to this host.
    slots: Arc<Semaphore>,
    /// Until when the host asked us to stay away (429/503), and the status it said it with.
    rate_limited_until: Option<(Instant, u16)>,
}

/// The pause after a 429 that gave no `Retry-After`.
const DEFAULT_RATE_LIMIT_PAUSE: Duration = Duration::from_secs(60);

/// A body as downloaded, before decoding.
struct Download {
    bytes: Vec<u8>,
    /// The `charset` parameter of `Content-Type`.
    charset: Option<String>,
    /// The media type of `Content-Type` (lowercase, no parameters).
    media_type: Option<String>,
    etag: Option<String>,
    last_modified: Option<String>,
    /// The URL after redirects.
    url: Url,
}

impl Fetcher {
    /// A fetcher with these limits (a zero concurrency counts as one).
    pub fn new(options: FetchOptions) -> Result<Fetcher, FeedError> {
        let client = reqwest::Client::builder()
            .user_agent(options.user_agent.as_str())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|err| FeedError::Client(error_chain(&err)))?;
        Ok(Fetcher {
            inner: Arc::new(Inner {
                client,
                max_bytes: options.max_bytes,
                timeout: options.timeout,
                connect_timeout: options.connect_timeout,
                per_host: options.per_host.max(1),
                everywhere: Semaphore::new(options.concurrency.max(1)),
                hosts: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// Fetches, parses and cleans a feed, then (per `request.full_text`) the full text of its
    /// articles. A 304 (or an unchanged file) gives [`FetchedFeed::NotModified`].
    pub async fn fetch(&self, request: &FeedRequest) -> Result<FetchedFeed, FeedError> {
        let mut fetched = self.fetch_feed(request).await?;
        if let FetchedFeed::Updated(feed) = &mut fetched {
            self.complete_full_text(&mut feed.articles, request.full_text)
                .await;
        }
        Ok(fetched)
    }

    /// [`Fetcher::fetch`] without the full text: the caller may drop the articles it already
    /// has, then call [`Fetcher::complete_full_text`] on the new ones only.
    pub async fn fetch_feed(&self, request: &FeedRequest) -> Result<FetchedFeed, FeedError> {
        let Some(download) = self
            .download(
                &request.url,
                request.etag.as_deref(),
                request.last_modified.as_deref(),
            )
            .await?
        else {
            return Ok(FetchedFeed::NotModified);
        };
        let Download {
            bytes,
            charset,
            etag,
            last_modified,
            url,
            ..
        } = download;
        let mut feed = tokio::task::spawn_blocking(move || {
            parse_feed_at(&bytes, charset.as_deref(), Some(url.as_str()))
        })
        .await
        .map_err(|err| FeedError::NotAFeed(format!("the parser failed ({err})")))??;
        feed.etag = etag;
        feed.last_modified = last_modified;
        Ok(FetchedFeed::Updated(feed))
    }

    /// Fetches the pages of the articles that `mode` selects (all at once, within the
    /// concurrency limits) and puts their main text in `text`; where that fails, the feed's
    /// text stays and `full_text_error` says why.
    pub async fn complete_full_text(&self, articles: &mut [ParsedArticle], mode: FullText) {
        let pending = articles
            .iter_mut()
            .filter(|article| fulltext::wanted(mode, article))
            .map(|article| self.fill_full_text(article));
        futures::future::join_all(pending).await;
    }

    /// Fetches one article's page and extracts its main text.
    async fn fill_full_text(&self, article: &mut ParsedArticle) {
        let Some(link) = article.link.clone() else {
            return;
        };
        let result = match self.download(&link, None, None).await {
            Ok(Some(page))
                if page
                    .media_type
                    .as_deref()
                    .is_some_and(|m| !m.contains("html")) =>
            {
                Err(format!(
                    "article page: not a web page ({})",
                    page.media_type.unwrap_or_default()
                ))
            }
            Ok(Some(page)) => tokio::task::spawn_blocking(move || {
                fulltext::main_text(&page.bytes, page.charset.as_deref(), page.url.as_str())
            })
            .await
            .unwrap_or_else(|err| Err(format!("article page: the extractor failed ({err})"))),
            Ok(None) => Err("article page: the server answered 304 Not Modified".to_string()),
            Err(err) => Err(format!("article page: {err}")),
        };
        match result {
            Ok(text) => {
                article.text = text;
                article.full_text_error = None;
            }
            Err(reason) => article.full_text_error = Some(reason),
        }
    }

    /// The body at `url`, or None when the validators show it unchanged.
    async fn download(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Option<Download>, FeedError> {
        let parsed = Url::parse(url.trim()).map_err(|err| FeedError::InvalidUrl {
            url: url.to_string(),
            reason: err.to_string(),
        })?;
        match parsed.scheme() {
            "http" | "https" => self.get(parsed, etag, last_modified).await,
            "file" => self.read_file(parsed, last_modified).await,
            other => Err(FeedError::UnsupportedScheme(other.to_string())),
        }
    }

    /// A GET within the host and global limits, streaming the body under the size cap.
    async fn get(
        &self,
        url: Url,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Option<Download>, FeedError> {
        let host = host_key(&url);
        let slots = self.host_slots(&host)?;
        let _host_permit = permit(&slots).await?;
        let _permit = permit(&self.inner.everywhere).await?;
        // The host may have asked for a pause while this request waited for its slot.
        self.host_slots(&host)?;

        let mut request = self.inner.client.get(url.clone());
        if let Some(etag) = etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = last_modified {
            request = request.header(header::IF_MODIFIED_SINCE, last_modified);
        }
        let mut response = request
            .send()
            .await
            .map_err(|err| self.request_error(&err, &url))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(None);
        }
        let headers = response.headers();
        let retry_after = header_text(headers, header::RETRY_AFTER)
            .and_then(|v| parse_retry_after(&v, Utc::now()));
        if status == StatusCode::TOO_MANY_REQUESTS
            || (status == StatusCode::SERVICE_UNAVAILABLE && retry_after.is_some())
        {
            let pause = retry_after.unwrap_or(DEFAULT_RATE_LIMIT_PAUSE);
            self.with_host(&host, |state| {
                state.rate_limited_until = Some((Instant::now() + pause, status.as_u16()));
            });
            return Err(FeedError::RateLimited {
                code: status.as_u16(),
                retry_after,
            });
        }
        if !status.is_success() {
            return Err(FeedError::HttpStatus {
                code: status.as_u16(),
                reason: status
                    .canonical_reason()
                    .unwrap_or("(no reason)")
                    .to_string(),
            });
        }
        let (media_type, charset) = content_type(headers);
        let etag = header_text(headers, header::ETAG);
        let last_modified = header_text(headers, header::LAST_MODIFIED);
        let url = response.url().clone();

        let max = self.inner.max_bytes;
        if response.content_length().is_some_and(|len| len > max) {
            return Err(FeedError::TooLarge(max));
        }
        let mut bytes =
            Vec::with_capacity(response.content_length().unwrap_or(0).min(max) as usize);
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|err| self.request_error(&err, &url))?
        {
            if (bytes.len() + chunk.len()) as u64 > max {
                return Err(FeedError::TooLarge(max));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Some(Download {
            bytes,
            charset,
            media_type,
            etag,
            last_modified,
            url,
        }))
    }

    /// A `file://` feed; its modification time serves as `Last-Modified`.
    async fn read_file(
        &self,
        url: Url,
        last_modified: Option<&str>,
    ) -> Result<Option<Download>, FeedError> {
        let path = url.to_file_path().map_err(|()| FeedError::InvalidUrl {
            url: url.to_string(),
            reason: "not a local file path".into(),
        })?;
        let file_error = |source| FeedError::File {
            path: path.clone(),
            source,
        };
        let metadata = tokio::fs::metadata(&path).await.map_err(file_error)?;
        if metadata.len() > self.inner.max_bytes {
            return Err(FeedError::TooLarge(self.inner.max_bytes));
        }
        let modified = metadata.modified().ok().map(http_date);
        if modified.is_some() && modified.as_deref() == last_modified {
            return Ok(None);
        }
        let bytes = tokio::fs::read(&path).await.map_err(file_error)?;
        if bytes.len() as u64 > self.inner.max_bytes {
            return Err(FeedError::TooLarge(self.inner.max_bytes));
        }
        Ok(Some(Download {
            bytes,
            charset: None,
            media_type: media_type_of_path(&path),
            etag: None,
            last_modified: modified,
            url,
        }))
    }

    /// The request slots of `host`, or the rate limit it announced if that still holds: the
    /// other requests to a host that answered 429 fail at once instead of asking again.
    fn host_slots(&self, host: &str) -> Result<Arc<Semaphore>, FeedError> {
        self.with_host(host, |state| match state.rate_limited_until {
            Some((until, code)) if until > Instant::now() => Err(FeedError::RateLimited {
                code,
                retry_after: Some(until - Instant::now()),
            }),
            _ => Ok(state.slots.clone()),
        })
    }

    /// Runs `f` on what is known about `host` (creating it on first sight).
    fn with_host<T>(&self, host: &str, f: impl FnOnce(&mut Host) -> T) -> T {
        let mut hosts = self
            .inner
            .hosts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let state = hosts.entry(host.to_string()).or_insert_with(|| Host {
            slots: Arc::new(Semaphore::new(self.inner.per_host)),
            rate_limited_until: None,
        });
        f(state)
    }

    /// A reqwest failure (of a request for `url`) as the [`FeedError`] a user can act on.
    fn request_error(&self, err: &reqwest::Error, url: &Url) -> FeedError {
        if err.is_timeout() {
            let connecting = err.is_connect() && self.inner.connect_timeout < self.inner.timeout;
            FeedError::TimedOut {
                address: host_key(url),
                after: if connecting {
                    self.inner.connect_timeout
                } else {
                    self.inner.timeout
                },
            }
        } else if err.is_redirect() {
            FeedError::TooManyRedirects(MAX_REDIRECTS)
        } else {
            connection_error(err, url)
        }
    }
}

/// A failure to reach or hear from the server of `url`, naming its host (or `host:port`).
/// (After a redirect, reqwest's error still carries the first URL: the feed's own host is named.)
fn connection_error(err: &reqwest::Error, url: &Url) -> FeedError {
    let causes = || std::iter::successors(std::error::Error::source(err), |cause| cause.source());
    if err.is_connect() && causes().any(is_dns_wrapper) {
        let resolver_says = causes().last().map(|cause| cause.to_string());
        return FeedError::UnresolvedHost {
            host: url.host_str().unwrap_or_default().to_string(),
            reason: resolver_says
                .as_deref()
                .map(|text| text.trim_start_matches("failed to lookup address information: "))
                .unwrap_or("no address found")
                .to_string(),
        };
    }
    let io_reason = causes()
        .find_map(|cause| cause.downcast_ref::<std::io::Error>())
        .and_then(|io| io_error_text(io.kind()));
    let reason = io_reason.map_or_else(|| error_chain(err), str::to_string);
    let address = host_key(url);
    if err.is_connect() {
        FeedError::CannotConnect { address, reason }
    } else {
        FeedError::Connection { address, reason }
    }
}

/// Whether `cause` is the wrapper hyper-util ("dns error") or reqwest ("error resolving DNS")
/// puts around a failed name lookup (their error types are private: the text is all we see).
fn is_dns_wrapper(cause: &(dyn std::error::Error + 'static)) -> bool {
    let text = cause.to_string().to_ascii_lowercase();
    text == "dns error" || text == "error resolving dns"
}

/// A short phrase for the socket errors a reader meets, instead of the OS text with its
/// error number.
fn io_error_text(kind: std::io::ErrorKind) -> Option<&'static str> {
    use std::io::ErrorKind;
    Some(match kind {
        ErrorKind::ConnectionRefused => "connection refused",
        ErrorKind::ConnectionReset => "connection reset by the server",
        ErrorKind::ConnectionAborted => "connection aborted",
        ErrorKind::HostUnreachable => "host unreachable",
        ErrorKind::NetworkUnreachable => "network unreachable",
        ErrorKind::NetworkDown => "network down",
        _ => return None,
    })
}

/// The politeness unit of a URL: `host:port`.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// Waits for a slot of `semaphore` (never closed, so this only waits).
async fn permit(semaphore: &Semaphore) -> Result<SemaphorePermit<'_>, FeedError> {
    semaphore
        .acquire()
        .await
        .map_err(|_| FeedError::Client("the fetcher has been shut down".into()))
}

/// The causes of `err`, innermost last, without the wrappers of reqwest ("error sending
/// request for url ...") and hyper ("client error (Connect)").
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut causes: Vec<String> = Vec::new();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        let wrapper = text.starts_with("client error (");
        if !wrapper && !causes.iter().any(|known| known.contains(&text)) {
            causes.push(text);
        }
        source = cause.source();
    }
    if causes.is_empty() {
        err.to_string()
    } else {
        causes.join(": ")
    }
}

/// A header's value as text, when present and readable.
fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.trim().to_string())
        .filter(|value| !value.is_empty())
}

/// The media type and the `charset` parameter of `Content-Type`.
fn content_type(headers: &HeaderMap) -> (Option<String>, Option<String>) {
    let Some(value) = header_text(headers, header::CONTENT_TYPE) else {
        return (None, None);
    };
    let mut parts = value.split(';');
    let media_type = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    });
    (media_type, charset)
}

/// A guess at a local file's media type from its extension, for the full-text HTML check.
fn media_type_of_path(path: &Path) -> Option<String> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    matches!(extension.as_str(), "html" | "htm").then(|| "text/html".to_string())
}

/// `Retry-After` as a wait: delay-seconds, or an HTTP date (a past date means now).
fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = DateTime::parse_from_rfc2822(value.trim()).ok()?;
    Some((date.to_utc() - now).to_std().unwrap_or(Duration::ZERO))
}

/// A time in the HTTP date format (IMF-fixdate).
fn http_date(time: SystemTime) -> String {
    DateTime::<Utc>::from(time)
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = Utc.with_ymd_and_hms(2025, 6, 10, 12, 0, 0).unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Tue, 10 Jun 2025 12:01:30 GMT", now),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            parse_retry_after("Tue, 10 Jun 2025 11:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn content_type_parameters() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            "Application/RSS+XML; Charset=\"windows-1256\""
                .parse()
                .unwrap(),
        );
        assert_eq!(
            content_type(&headers),
            (
                Some("application/rss+xml".into()),
                Some("windows-1256".into())
            )
        );
    }

    #[test]
    fn http_dates_round_trip() {
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_749_556_800);
        assert_eq!(http_date(time), "Tue, 10 Jun 2025 12:00:00 GMT");
    }
}
