//! khabar-feeds: turns a feed URL into parsed, cleaned articles.
//!
//! The door of this room is [`Fetcher::fetch`] (HTTP/HTTPS/file, conditional GET, limits and
//! politeness, then decode + parse + clean, then optional full-text extraction), the pure
//! [`parse_feed`] for bytes already at hand, and [`opml`] for subscription lists.
//! [`Fetcher::fetch_feed`] and [`Fetcher::complete_full_text`] split `fetch` in two, so that a
//! caller fetches article pages only for the articles it does not have yet.
//!
//! The principal types: a [`FeedRequest`] (URL, validators of the last fetch, [`FullText`] mode)
//! goes to a [`Fetcher`] (built from [`FetchOptions`]), which answers a [`FetchedFeed`]: not
//! modified, or a [`ParsedFeed`] of [`ParsedArticle`]s.
//!
//! Every failure is a [`FeedError`] whose `Display` is a short sentence for the user (e.g.
//! "HTTP 404 Not Found", "body larger than the 10 MiB cap"); [`FeedError::retry_after`] tells
//! how long a rate-limited server asked us to wait.
//!
//! Every string that leaves this crate (titles, authors, texts) has been turned from HTML into
//! plain text and passed through [`sanitize`]; paragraphs are separated by a blank line. The
//! reader sanitises with the same function whatever else it shows.

mod atom03;
mod decode;
mod error;
mod fetch;
mod fulltext;
pub mod opml;
mod parse;
mod sanitize;
mod text;

pub use error::FeedError;
pub use fetch::Fetcher;
pub use parse::parse_feed;
pub use sanitize::sanitize;

use std::time::Duration;

/// Limits and politeness of a [`Fetcher`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    /// Requests in flight at once, over all hosts (default 8).
    pub concurrency: usize,
    /// Requests in flight at once to one host (default 2).
    pub per_host: usize,
    /// Time allowed for a whole request, body included (default 30 s).
    pub timeout: Duration,
    /// Time allowed to open the connection (default 10 s).
    pub connect_timeout: Duration,
    /// Largest body accepted, counted after decompression (default 10 MiB).
    pub max_bytes: u64,
    /// The `User-Agent` header sent with every request.
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            concurrency: 8,
            per_host: 2,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 10 * 1024 * 1024,
            user_agent: format!(
                "khabar/{} (+terminal Arabic news reader)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// Whether to fetch each article's page and extract its main text.
///
/// In configuration files it reads `true` ([`FullText::Always`]), `false` ([`FullText::Never`])
/// or `"auto"` ([`FullText::Auto`], the default: only when the feed carries a mere teaser).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FullText {
    /// Keep what the feed carries.
    Never,
    /// Fetch every article's page.
    Always,
    /// Fetch the page when the feed's text is short (see [`FULL_TEXT_AUTO_BELOW_CHARS`]).
    #[default]
    Auto,
}

/// Under [`FullText::Auto`], an article whose feed text has fewer characters than this (and a
/// web link) is a teaser, and its page is fetched.
pub const FULL_TEXT_AUTO_BELOW_CHARS: usize = 400;

impl serde::Serialize for FullText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FullText::Never => serializer.serialize_bool(false),
            FullText::Always => serializer.serialize_bool(true),
            FullText::Auto => serializer.serialize_str("auto"),
        }
    }
}

impl<'de> serde::Deserialize<'de> for FullText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FullText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("true, false or \"auto\"")
            }
            fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<FullText, E> {
                Ok(if value {
                    FullText::Always
                } else {
                    FullText::Never
                })
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<FullText, E> {
                match value.trim().to_ascii_lowercase().as_str() {
                    "auto" => Ok(FullText::Auto),
                    "true" | "always" | "yes" => Ok(FullText::Always),
                    "false" | "never" | "no" => Ok(FullText::Never),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(value), &self)),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A feed subscribed to from the configuration file (one `[[feeds]]` table).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// The feed's URL (`http`, `https` or `file`).
    pub url: String,
    /// The name shown for the feed; by default the feed's own title.
    #[serde(default)]
    pub title: Option<String>,
    /// Whether to fetch each article's page and keep its main text (`true`, `false`, `"auto"`).
    #[serde(default)]
    pub full_text: FullText,
}

/// One feed to fetch, with the validators stored from its previous fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedRequest {
    /// `http://`, `https://` or `file://` URL of the feed.
    pub url: String,
    /// The `ETag` of the previous answer, sent as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` of the previous answer, sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// Whether to fetch each article's page for its full text.
    pub full_text: FullText,
}

/// The outcome of a successful fetch.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchedFeed {
    /// The server answered 304 (or the file is unchanged): nothing new, nothing parsed.
    NotModified,
    /// A fresh copy of the feed.
    Updated(ParsedFeed),
}

/// A feed decoded, parsed and cleaned.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedFeed {
    /// The feed's own title.
    pub title: Option<String>,
    /// The web site the feed belongs to.
    pub site_link: Option<String>,
    /// The items, in feed order.
    pub articles: Vec<ParsedArticle>,
    /// The new `ETag` validator to store (None if the server sent none).
    pub etag: Option<String>,
    /// The new `Last-Modified` validator to store (None if the server sent none).
    pub last_modified: Option<String>,
}

/// One item of a feed, as plain sanitised text.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedArticle {
    /// The article's identity within its feed: the guid, else the link, else
    /// `fnv1a64:<hex>` of title and text. Stable across fetches and versions.
    pub key: String,
    /// The item's guid / id, when the feed gives one.
    pub guid: Option<String>,
    /// The item's web page.
    pub link: Option<String>,
    /// The title, one line; for an untitled item, the first words of its text.
    pub title: String,
    /// The first author's name.
    pub author: Option<String>,
    /// Publication (else update) time; None when missing or unreadable (e.g. hour 24).
    pub published: Option<chrono::DateTime<chrono::Utc>>,
    /// The summary the feed gives, else the beginning of the text.
    pub teaser: String,
    /// The full text when it was fetched, else the longest text the feed carries.
    pub text: String,
    /// Why the full text could not be fetched or extracted (the teaser is kept then).
    pub full_text_error: Option<String>,
}
