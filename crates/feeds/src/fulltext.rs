//! Full text: which articles need their page fetched, and the main text of a page (Readability
//! via dom_smoothie, then the same cleaning as feed text).

use super::decode::{Markup, decode};
use super::text::clean;
use super::{FULL_TEXT_AUTO_BELOW_CHARS, FeedError, FullText, ParsedArticle};

/// Whether `article`'s page should be fetched under `mode`: always for [`FullText::Always`];
/// for [`FullText::Auto`] when the feed's text is shorter than
/// [`FULL_TEXT_AUTO_BELOW_CHARS`]. Only web links are followed.
pub(crate) fn wanted(mode: FullText, article: &ParsedArticle) -> bool {
    let has_web_link = article
        .link
        .as_deref()
        .is_some_and(|link| link.starts_with("http://") || link.starts_with("https://"));
    has_web_link
        && match mode {
            FullText::Never => false,
            FullText::Always => true,
            FullText::Auto => article.text.chars().count() < FULL_TEXT_AUTO_BELOW_CHARS,
        }
}

/// The main text of an article page, as clean paragraphs; the reason when there is none.
/// CPU-bound: call it off the async runtime's threads.
pub(crate) fn main_text(
    page: &[u8],
    header_charset: Option<&str>,
    url: &str,
) -> Result<String, String> {
    let html =
        decode(page, header_charset, Markup::Html).map_err(|err: FeedError| err.to_string())?;
    let mut readability = dom_smoothie::Readability::new(html.as_ref(), Some(url), None)
        .map_err(|err| format!("no readable main text on the page ({err})"))?;
    let article = readability
        .parse()
        .map_err(|err| format!("no readable main text on the page ({err})"))?;
    let text = clean(&article.content, true);
    if text.is_empty() {
        Err("no readable main text on the page (it is empty)".to_string())
    } else {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(link: Option<&str>, text_chars: usize) -> ParsedArticle {
        ParsedArticle {
            key: "k".into(),
            guid: None,
            link: link.map(str::to_string),
            title: "عنوان".into(),
            author: None,
            published: None,
            teaser: String::new(),
            text: "ن".repeat(text_chars),
            full_text_error: None,
        }
    }

    #[test]
    fn auto_fetches_teasers_only() {
        let web = Some("https://example.org/a");
        assert!(wanted(FullText::Auto, &article(web, 120)));
        assert!(!wanted(FullText::Auto, &article(web, 2000)));
        assert!(wanted(FullText::Always, &article(web, 2000)));
        assert!(!wanted(FullText::Never, &article(web, 10)));
        assert!(!wanted(FullText::Always, &article(None, 10)));
        assert!(!wanted(
            FullText::Always,
            &article(Some("javascript:alert(1)"), 10)
        ));
    }

    #[test]
    fn page_without_content_gives_a_reason() {
        let err =
            main_text(b"<html><body></body></html>", None, "https://example.org/a").unwrap_err();
        assert!(
            err.starts_with("no readable main text on the page"),
            "{err}"
        );
    }
}
