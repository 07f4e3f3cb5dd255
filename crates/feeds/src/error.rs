//! What can go wrong with one feed, each case with a message a reader understands.

use std::path::PathBuf;
use std::time::Duration;

/// Why a feed (or an article page) could not be fetched or read. The `Display` text is meant
/// for the user, e.g. in a feed's status column.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// The URL does not parse.
    #[error("not a valid URL \"{url}\": {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A scheme other than http, https and file.
    #[error("unsupported URL scheme \"{0}:\" (only http, https and file are fetched)")]
    UnsupportedScheme(String),
    /// The server answered with an error status.
    #[error("HTTP {code} {reason}")]
    HttpStatus {
        /// The status code, e.g. 404.
        code: u16,
        /// Its canonical reason phrase, e.g. "Not Found".
        reason: String,
    },
    /// 429, or 503 with `Retry-After`: the server asks us to come back later.
    #[error("HTTP {code}: rate limited, {}", retry_text(*.retry_after))]
    RateLimited {
        /// 429 or 503.
        code: u16,
        /// How long the server asks us to wait, when it says.
        retry_after: Option<Duration>,
    },
    /// No complete answer within the configured time.
    #[error("timed out: no complete answer from {address} within {} s", .after.as_secs_f64())]
    TimedOut {
        /// `host:port` of the server waited for, e.g. "news.example:443".
        address: String,
        /// The time allowed.
        after: Duration,
    },
    /// The redirect chain was longer than allowed (or looped).
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(usize),
    /// The (decompressed) body grew past the cap.
    #[error("body larger than the {} cap", size_text(*.0))]
    TooLarge(u64),
    /// The charset named by the document or the server is not one we can decode.
    #[error("unknown charset \"{label}\" (named in the {origin})")]
    UnknownCharset {
        /// The label as written, e.g. "cp864".
        label: String,
        /// Where it was named: "XML declaration", "HTTP header" or "HTML page".
        origin: &'static str,
    },
    /// The document is not RSS, Atom or JSON Feed, or is malformed.
    #[error("not a feed: {0}")]
    NotAFeed(String),
    /// The host name does not resolve: a typo, a dead domain, or no DNS at all (offline).
    #[error("cannot resolve host {host} ({reason})")]
    UnresolvedHost {
        /// The host name, e.g. "news.example.invalid".
        host: String,
        /// What the resolver said, e.g. "Name or service not known".
        reason: String,
    },
    /// No connection could be opened: refused, unreachable, or the TLS handshake failed.
    #[error("cannot connect to {address}: {reason}")]
    CannotConnect {
        /// `host:port`, e.g. "127.0.0.1:8080".
        address: String,
        /// Why, e.g. "connection refused".
        reason: String,
    },
    /// The connection broke off, or the answer could not be read.
    #[error("connection to {address} failed: {reason}")]
    Connection {
        /// `host:port`, e.g. "news.example:443".
        address: String,
        /// Why.
        reason: String,
    },
    /// A `file://` feed could not be read.
    #[error("cannot read {}: {source}", .path.display())]
    File {
        /// The local path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The HTTP client could not be set up (e.g. no TLS roots).
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
}

impl FeedError {
    /// How long the server asked us to wait before the next request (429/503 `Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FeedError::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// "retry after 120 s" or "no retry time given".
fn retry_text(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!("retry after {} s", wait.as_secs()),
        None => "no retry time given".to_string(),
    }
}

/// A byte count as "10 MiB", "512 KiB" or "100 bytes".
fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_well() {
        assert_eq!(
            FeedError::TooLarge(10 * 1024 * 1024).to_string(),
            "body larger than the 10 MiB cap"
        );
        assert_eq!(
            FeedError::TooLarge(2048).to_string(),
            "body larger than the 2 KiB cap"
        );
        assert_eq!(
            FeedError::RateLimited {
                code: 429,
                retry_after: Some(Duration::from_secs(120))
            }
            .to_string(),
            "HTTP 429: rate limited, retry after 120 s"
        );
        assert_eq!(
            FeedError::TimedOut {
                address: "news.example:443".into(),
                after: Duration::from_millis(500)
            }
            .to_string(),
            "timed out: no complete answer from news.example:443 within 0.5 s"
        );
        assert_eq!(
            FeedError::HttpStatus {
                code: 404,
                reason: "Not Found".into()
            }
            .to_string(),
            "HTTP 404 Not Found"
        );
    }

    #[test]
    fn only_rate_limits_carry_a_wait() {
        let wait = Some(Duration::from_secs(5));
        assert_eq!(
            FeedError::RateLimited {
                code: 503,
                retry_after: wait
            }
            .retry_after(),
            wait
        );
        assert_eq!(FeedError::TooManyRedirects(5).retry_after(), None);
    }
}
