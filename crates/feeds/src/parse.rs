//! Parsing: decoded feed bytes into [`ParsedFeed`] with feed-rs, then cleaning and identity.

use super::atom03;
use super::decode::{Markup, decode};
use super::text::{clean, clean_line, plain_line, shorten};
use super::{FeedError, ParsedArticle, ParsedFeed};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use feed_rs::model::{Entry, Link};
use std::collections::HashSet;

/// A teaser derived from the text (when the feed gives no summary) has at most this many
/// characters.
const DERIVED_TEASER_CHARS: usize = 300;

/// An item without a title is named by the first words of its text, at most this many
/// characters.
const UNTITLED_TITLE_CHARS: usize = 80;

/// Decodes, parses and cleans a feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed); no network.
///
/// `header_charset` is the `charset` of the HTTP `Content-Type`, used when neither a
/// byte-order mark nor the XML declaration names one. The returned validators are `None`.
pub fn parse_feed(bytes: &[u8], header_charset: Option<&str>) -> Result<ParsedFeed, FeedError> {
    parse_feed_at(bytes, header_charset, None)
}

/// [`parse_feed`], resolving relative links against `base_url` (the feed's own URL).
pub(crate) fn parse_feed_at(
    bytes: &[u8],
    header_charset: Option<&str>,
    base_url: Option<&str>,
) -> Result<ParsedFeed, FeedError> {
    let text = decode(bytes, header_charset, Markup::Feed)?;
    if text.trim().is_empty() {
        return Err(FeedError::NotAFeed("the document is empty".into()));
    }
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        // An empty id means "the feed gave none"; keys are then made here, stably.
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(parse_timestamp)
        .build();
    let atom_1_0 = atom03::as_atom_1_0(&text);
    let feed = parser
        .parse(atom_1_0.as_deref().unwrap_or(&text).as_bytes())
        .map_err(|err| not_a_feed(&text, err))?;
    Ok(ParsedFeed {
        title: feed
            .title
            .map(|title| clean_line(&title.content, is_html(&title.content_type)))
            .filter(|t| !t.is_empty()),
        site_link: web_link(&feed.links),
        articles: unique(feed.entries.into_iter().map(article)),
        etag: None,
        last_modified: None,
    })
}

/// The articles, each key once (the first occurrence wins: feeds do repeat items).
fn unique(articles: impl Iterator<Item = ParsedArticle>) -> Vec<ParsedArticle> {
    let mut seen = HashSet::new();
    articles
        .filter(|article| seen.insert(article.key.clone()))
        .collect()
}

/// The error for a document feed-rs refused, saying so plainly when it is a web page.
fn not_a_feed(text: &str, err: feed_rs::parser::ParseFeedError) -> FeedError {
    let head: String = text
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype html") {
        FeedError::NotAFeed("the document is an HTML page, not RSS, Atom or JSON Feed".into())
    } else {
        FeedError::NotAFeed(err.to_string())
    }
}

/// One cleaned article from a feed-rs entry.
fn article(entry: Entry) -> ParsedArticle {
    let guid = Some(plain_line(&entry.id)).filter(|id| !id.is_empty());
    let link = web_link(&entry.links);
    let title = entry
        .title
        .as_ref()
        .map(|t| clean_line(&t.content, is_html(&t.content_type)))
        .unwrap_or_default();
    let summary = entry
        .summary
        .as_ref()
        .map(|s| clean(&s.content, is_html(&s.content_type)))
        .unwrap_or_default();
    let content = entry
        .content
        .as_ref()
        .and_then(|c| {
            c.body
                .as_deref()
                .map(|body| clean(body, is_html(&c.content_type)))
        })
        .unwrap_or_default();
    let text = if content.chars().count() >= summary.chars().count() {
        content
    } else {
        summary.clone()
    };
    let teaser = if summary.is_empty() {
        shorten(&text, DERIVED_TEASER_CHARS)
    } else {
        summary
    };
    let title = if title.is_empty() {
        shorten(&text, UNTITLED_TITLE_CHARS).replace('\n', " ")
    } else {
        title
    };
    let key = guid
        .clone()
        .or_else(|| link.clone())
        .unwrap_or_else(|| content_key(&title, &text));
    ParsedArticle {
        key,
        guid,
        link,
        title,
        author: entry.authors.iter().find_map(|a| {
            a.name
                .as_deref()
                .map(|name| clean_line(name, false))
                .filter(|name| !name.is_empty())
        }),
        published: entry.published.or(entry.updated),
        teaser,
        text,
        full_text_error: None,
    }
}

/// Whether a feed-rs media type (`text/html`, `application/xhtml+xml`...) is HTML.
fn is_html(media_type: &impl std::fmt::Display) -> bool {
    media_type.to_string().contains("html")
}

/// The page a feed or an entry links to: its alternate (or untyped) link, else the first.
fn web_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(links.first())
        .map(|l| plain_line(&l.href))
        .filter(|href| !href.is_empty())
}

/// The key of an item with neither guid nor link: a 64-bit FNV-1a of title and text, in hex.
/// (std's `DefaultHasher` may change between Rust versions; this never does.)
fn content_key(title: &str, text: &str) -> String {
    let hash = fnv1a64(title.bytes().chain([0u8]).chain(text.bytes()));
    format!("fnv1a64:{hash:016x}")
}

/// The 64-bit FNV-1a hash of `bytes`.
fn fnv1a64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.into_iter().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// Reads a feed date leniently (RFC 3339, RFC 2822 with common faults, bare ISO dates).
/// A date that cannot be right, such as hour 24, gives None so the store uses the fetch time.
pub(crate) fn parse_timestamp(raw: &str) -> Option<DateTime<Utc>> {
    let ascii = ascii_digits(raw.trim());
    let s = ascii.as_str();
    if s.is_empty() {
        return None;
    }
    if let Ok(date) = DateTime::parse_from_rfc3339(s) {
        return Some(date.to_utc());
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(s) {
        return Some(date.to_utc());
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(&repair_rfc2822(s)) {
        return Some(date.to_utc());
    }
    const WITH_OFFSET: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"];
    if let Some(date) = WITH_OFFSET
        .iter()
        .find_map(|f| DateTime::parse_from_str(s, f).ok())
    {
        return Some(date.to_utc());
    }
    const NAIVE: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    if let Some(date) = NAIVE
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(date.and_utc());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

/// Arabic-Indic and Persian digits as ASCII digits (chrono reads only the latter).
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

/// Fixes what feeds get wrong in RFC 2822 dates: a wrong or long weekday (dropped), long month
/// names, and `UTC`/`Z` as zone.
fn repair_rfc2822(s: &str) -> String {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let without_weekday = match s.split_once(',') {
        Some((weekday, rest)) if weekday.chars().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => s,
    };
    let words: Vec<String> = without_weekday
        .split_whitespace()
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            match MONTHS
                .iter()
                .find(|m| lower.len() > 3 && lower.starts_with(*m))
            {
                Some(_) => word[..3].to_string(),
                None if lower == "utc" || lower == "z" => "+0000".to_string(),
                None => word.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime<Utc>> {
        Some(Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap())
    }

    #[test]
    fn dates_in_the_forms_feeds_write() {
        assert_eq!(
            parse_timestamp("Tue, 10 Jun 2025 04:05:06 GMT"),
            utc(2025, 6, 10, 4, 5, 6)
        );
        assert_eq!(
            parse_timestamp("Sat, 10 Jun 2025 07:05:06 +0300"),
            utc(2025, 6, 10, 4, 5, 6)
        );
        assert_eq!(
            parse_timestamp("Tuesday, 10 June 2025 04:05:06 UTC"),
            utc(2025, 6, 10, 4, 5, 6)
        );
        assert_eq!(
            parse_timestamp("2025-06-10T04:05:06Z"),
            utc(2025, 6, 10, 4, 5, 6)
        );
        assert_eq!(
            parse_timestamp("2025-06-10 07:05:06+0300"),
            utc(2025, 6, 10, 4, 5, 6)
        );
        assert_eq!(
            parse_timestamp("2025-06-10 04:05"),
            utc(2025, 6, 10, 4, 5, 0)
        );
        assert_eq!(parse_timestamp("٢٠٢٥-٠٦-١٠"), utc(2025, 6, 10, 0, 0, 0));
    }

    #[test]
    fn impossible_dates_are_none() {
        assert_eq!(parse_timestamp("Tue, 10 Jun 2025 24:05:06 GMT"), None);
        assert_eq!(parse_timestamp("2025-06-10T24:30:00Z"), None);
        assert_eq!(parse_timestamp("أمس"), None);
        assert_eq!(parse_timestamp(""), None);
    }

    #[test]
    fn content_keys_are_stable_and_distinct() {
        // The published FNV-1a 64 test vectors pin the algorithm.
        assert_eq!(fnv1a64(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(*b"foobar"), 0x8594_4171_f739_67e8);
        assert_ne!(content_key("أ", "ب"), content_key("أب", ""));
        assert_eq!(content_key("عنوان", "نص"), content_key("عنوان", "نص"));
    }
}
