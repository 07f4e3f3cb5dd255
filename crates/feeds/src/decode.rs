//! Charsets: finds how a document is encoded and decodes it to UTF-8.
//!
//! Feeds (XML): byte-order mark, then the XML declaration, then the HTTP header, then UTF-8
//! (one exception: a declared UTF-8 that the bytes disprove yields to the header's charset).
//! Pages (HTML): byte-order mark, then the HTTP header, then `<meta charset>`, then UTF-8.
//! Undecodable bytes become U+FFFD instead of failing the whole document; an unknown charset
//! label is an error. After decoding, an XML declaration is removed so that the parser, which
//! honours it, does not decode the UTF-8 a second time as the declared charset.

use super::FeedError;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// The kind of document, which decides where its charset is looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Markup {
    /// A feed: XML (or JSON, which simply has no declaration).
    Feed,
    /// A web page.
    Html,
}

/// Decodes `bytes` to UTF-8 (borrowing when they already are) and, for feeds, drops the XML
/// declaration.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    header_charset: Option<&str>,
    markup: Markup,
) -> Result<Cow<'a, str>, FeedError> {
    let (encoding, body) = detect(bytes, header_charset, markup)?;
    let text = match encoding.decode_without_bom_handling(body).0 {
        Cow::Borrowed(text) => Cow::Borrowed(without_xml_declaration(text, markup)),
        Cow::Owned(text) => match without_xml_declaration(&text, markup).len() {
            len if len == text.len() => Cow::Owned(text),
            len => Cow::Owned(text[text.len() - len..].to_string()),
        },
    };
    Ok(text)
}

/// The encoding and the bytes after any byte-order mark.
fn detect<'a>(
    bytes: &'a [u8],
    header_charset: Option<&str>,
    markup: Markup,
) -> Result<(&'static Encoding, &'a [u8]), FeedError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok((encoding, &bytes[bom_len..]));
    }
    // UTF-16 without a byte-order mark shows itself by the zero bytes around the first '<'.
    if bytes.starts_with(&[0, b'<']) {
        return Ok((UTF_16BE, bytes));
    }
    if bytes.starts_with(&[b'<', 0]) {
        return Ok((UTF_16LE, bytes));
    }
    let header = header_charset
        .map(str::trim)
        .filter(|label| !label.is_empty());
    if markup == Markup::Feed
        && let Some(label) = xml_declared_charset(bytes)
    {
        let declared = ascii_compatible(lookup(label, "XML declaration")?);
        // A document declared UTF-8 that is not, served with another known charset, is in
        // that charset (a template's declaration left as it was).
        let served = header.and_then(|label| Encoding::for_label(label.as_bytes()));
        return Ok(match served {
            Some(served)
                if declared == UTF_8 && served != UTF_8 && std::str::from_utf8(bytes).is_err() =>
            {
                (ascii_compatible(served), bytes)
            }
            _ => (declared, bytes),
        });
    }
    if let Some(label) = header {
        return lookup(label, "HTTP header").map(|encoding| (ascii_compatible(encoding), bytes));
    }
    if markup == Markup::Html
        && let Some(label) = html_meta_charset(bytes)
    {
        return lookup(&label, "HTML page").map(|encoding| (ascii_compatible(encoding), bytes));
    }
    Ok((UTF_8, bytes))
}

/// The encoding for a label, or a clear error naming the label and where it came from.
fn lookup(label: &str, origin: &'static str) -> Result<&'static Encoding, FeedError> {
    Encoding::for_label(label.as_bytes()).ok_or_else(|| FeedError::UnknownCharset {
        label: label.chars().take(40).collect(),
        origin,
    })
}

/// A document we could read a declaration from is ASCII-compatible, so a declared UTF-16
/// (without a byte-order mark) is wrong and really means UTF-8.
fn ascii_compatible(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else {
        encoding
    }
}

/// The `encoding="..."` of a leading `<?xml ...?>` declaration.
fn xml_declared_charset(bytes: &[u8]) -> Option<&str> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &bytes[start..];
    if !rest.starts_with(b"<?xml") || !rest.get(5).is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let head = &rest[..rest.len().min(512)];
    let end = find(head, b"?>")?;
    let declaration = &head[..end];
    let at = find(declaration, b"encoding")?;
    let after = trim_ascii_start(&declaration[at + b"encoding".len()..]);
    let after = trim_ascii_start(after.strip_prefix(b"=")?);
    let quote = *after.first().filter(|q| **q == b'"' || **q == b'\'')?;
    let value = &after[1..];
    let close = value.iter().position(|b| *b == quote)?;
    std::str::from_utf8(&value[..close]).ok().map(str::trim)
}

/// The charset of a `<meta charset=...>` or `<meta http-equiv content="...; charset=...">` in
/// the first 2 KiB of a page.
fn html_meta_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes[..bytes.len().min(2048)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = head[tag_start..]
            .iter()
            .position(|b| *b == b'>')
            .map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(pos) = find(tag, b"charset") {
            let after = trim_ascii_start(&tag[pos + b"charset".len()..]);
            if let Some(value) = after.strip_prefix(b"=") {
                let value = trim_ascii_start(value);
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let len = value
                    .iter()
                    .position(|b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(value.len());
                if len > 0 {
                    return std::str::from_utf8(&value[..len]).ok().map(str::to_string);
                }
            }
        }
        from = tag_end;
    }
    None
}

/// The text after a leading `<?xml ...?>` declaration (the whole text when there is none).
fn without_xml_declaration(text: &str, markup: Markup) -> &str {
    if markup != Markup::Feed {
        return text;
    }
    let trimmed = text.trim_start();
    let is_declaration = trimmed.starts_with("<?xml")
        && trimmed[5..].starts_with(|c: char| c.is_ascii_whitespace() || c == '?');
    match trimmed.find("?>") {
        Some(end) if is_declaration => &trimmed[end + 2..],
        _ => text,
    }
}

/// The first position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// `bytes` without leading ASCII whitespace.
fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "خبر عاجل من حمص";

    fn encode(text: &str, label: &str) -> Vec<u8> {
        let encoding = Encoding::for_label(label.as_bytes()).unwrap();
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn xml_declaration_names_the_charset_and_is_removed() {
        let mut doc = b"<?xml version=\"1.0\" encoding='windows-1256'?>\n<rss>".to_vec();
        doc.extend(encode(ARABIC, "windows-1256"));
        let text = decode(&doc, Some("utf-8"), Markup::Feed).unwrap();
        assert_eq!(text, format!("\n<rss>{ARABIC}"));
    }

    #[test]
    fn a_false_utf8_declaration_yields_to_the_header() {
        let mut doc = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>".to_vec();
        doc.extend(encode(ARABIC, "windows-1256"));
        let text = decode(&doc, Some("windows-1256"), Markup::Feed).unwrap();
        assert_eq!(text, format!("<rss>{ARABIC}"));
        // A true UTF-8 document keeps its declaration's word.
        let doc = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>{ARABIC}");
        let text = decode(doc.as_bytes(), Some("windows-1256"), Markup::Feed).unwrap();
        assert_eq!(text, format!("<rss>{ARABIC}"));
    }

    #[test]
    fn header_charset_applies_when_the_document_is_silent() {
        let mut doc = b"<?xml version=\"1.0\"?><rss>".to_vec();
        doc.extend(encode(ARABIC, "iso-8859-6"));
        assert_eq!(
            decode(&doc, Some("ISO-8859-6"), Markup::Feed).unwrap(),
            format!("<rss>{ARABIC}")
        );
    }

    #[test]
    fn byte_order_mark_wins() {
        let mut doc = vec![0xEF, 0xBB, 0xBF];
        doc.extend(
            format!("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss>{ARABIC}").bytes(),
        );
        assert_eq!(
            decode(&doc, Some("iso-8859-6"), Markup::Feed).unwrap(),
            format!("<rss>{ARABIC}")
        );
    }

    #[test]
    fn utf8_without_declaration_is_borrowed() {
        let doc = format!("<feed>{ARABIC}</feed>");
        assert!(matches!(
            decode(doc.as_bytes(), None, Markup::Feed).unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn unknown_labels_are_named() {
        let err = decode(b"<rss/>", Some("cp864"), Markup::Feed).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown charset \"cp864\" (named in the HTTP header)"
        );
        let err = decode(
            b"<?xml version='1.0' encoding='x-klingon'?><rss/>",
            None,
            Markup::Feed,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown charset \"x-klingon\" (named in the XML declaration)"
        );
    }

    #[test]
    fn html_meta_charset_is_found() {
        let mut page = b"<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body>".to_vec();
        page.extend(encode(ARABIC, "windows-1256"));
        assert!(decode(&page, None, Markup::Html).unwrap().ends_with(ARABIC));
        let page = b"<meta charset=\"utf-8\"><p>x</p>";
        assert_eq!(html_meta_charset(page).as_deref(), Some("utf-8"));
    }

    #[test]
    fn stylesheet_instruction_is_not_a_declaration() {
        let doc = "<?xml-stylesheet href=\"a.xsl\"?><rss/>";
        assert_eq!(decode(doc.as_bytes(), None, Markup::Feed).unwrap(), doc);
    }
}
