//! OPML subscription lists: reading the exports of newsboat, Feedly, Thunderbird and others
//! (nested category outlines are flattened), and writing OPML 2.0 that they import.

use super::text::plain_line;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashSet;

/// One subscribed feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outline {
    /// The feed's URL (`xmlUrl`).
    pub url: String,
    /// Its name (`title`, else `text`).
    pub title: Option<String>,
}

/// Why an OPML document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OpmlError {
    /// The XML itself is broken.
    #[error("malformed OPML at byte {position}: {reason}")]
    Malformed {
        /// Byte offset where reading stopped.
        position: u64,
        /// What the XML reader found.
        reason: String,
    },
    /// Well-formed XML, but its root is not `<opml>`.
    #[error("not an OPML file (the document starts with <{0}>)")]
    NotOpml(String),
    /// No element at all.
    #[error("not an OPML file (the document is empty)")]
    Empty,
}

/// The feeds of an OPML document, in document order, each URL once. Outlines without
/// `xmlUrl` (categories) contribute their children.
pub fn parse(xml: &str) -> Result<Vec<Outline>, OpmlError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut outlines = Vec::new();
    let mut seen = HashSet::new();
    let mut root_checked = false;
    loop {
        let event = reader.read_event().map_err(|err| OpmlError::Malformed {
            position: reader.error_position(),
            reason: err.to_string(),
        })?;
        match event {
            Event::Start(element) | Event::Empty(element) => {
                if !root_checked {
                    let root = element.local_name().as_ref().to_string();
                    if !root.eq_ignore_ascii_case("opml") {
                        return Err(OpmlError::NotOpml(root));
                    }
                    root_checked = true;
                } else if element
                    .local_name()
                    .as_ref()
                    .eq_ignore_ascii_case("outline")
                    && let Some(outline) = feed_outline(&element)
                    && seen.insert(outline.url.clone())
                {
                    outlines.push(outline);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if root_checked {
        Ok(outlines)
    } else {
        Err(OpmlError::Empty)
    }
}

/// The feed an `<outline>` subscribes to, if it has an `xmlUrl`.
fn feed_outline(element: &BytesStart<'_>) -> Option<Outline> {
    let mut url = None;
    let mut title = None;
    let mut text = None;
    for attribute in element.attributes().with_checks(false).flatten() {
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .unwrap_or_else(|_| attribute.value.clone());
        let name = attribute.key.local_name();
        let name = name.as_ref();
        if name.eq_ignore_ascii_case("xmlurl") {
            url = Some(plain_line(&value));
        } else if name.eq_ignore_ascii_case("title") {
            title = Some(plain_line(&value));
        } else if name.eq_ignore_ascii_case("text") {
            text = Some(plain_line(&value));
        }
    }
    let url = url.filter(|url| !url.is_empty())?;
    let title = title
        .filter(|t| !t.is_empty())
        .or(text)
        .filter(|t| !t.is_empty());
    Some(Outline { url, title })
}

/// An OPML 2.0 document listing `outlines` (a feed without a title is named by its URL).
pub fn write(outlines: &[Outline]) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<opml version=\"2.0\">\n",
        "  <head>\n    <title>khabar subscriptions</title>\n  </head>\n",
        "  <body>\n",
    ));
    for outline in outlines {
        let name = escape_attribute(outline.title.as_deref().unwrap_or(&outline.url));
        let url = escape_attribute(&outline.url);
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{url}\"/>\n"
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Text safe inside a double-quoted XML attribute; chars XML 1.0 forbids are dropped, and
/// whitespace controls are written as references so they survive attribute normalisation.
fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_categories_are_flattened() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Feedly</title></head><body>
  <outline text="أخبار" title="أخبار">
    <outline type="rss" text="نص" title="الجزيرة" xmlUrl="https://a.example/rss" htmlUrl="https://a.example"/>
    <outline text="دولية"><outline type="rss" text="بي بي سي" xmlUrl="https://b.example/feed?x=1&amp;y=2"/></outline>
  </outline>
  <outline type="rss" xmlurl="https://a.example/rss" title="مكرر"/>
  <outline type="rss" xmlUrl="https://c.example/atom"/>
</body></opml>"#;
        let outlines = parse(xml).unwrap();
        assert_eq!(
            outlines,
            vec![
                Outline {
                    url: "https://a.example/rss".into(),
                    title: Some("الجزيرة".into())
                },
                Outline {
                    url: "https://b.example/feed?x=1&y=2".into(),
                    title: Some("بي بي سي".into())
                },
                Outline {
                    url: "https://c.example/atom".into(),
                    title: None
                },
            ]
        );
    }

    #[test]
    fn written_opml_reads_back_with_hostile_names() {
        let outlines = vec![
            Outline {
                url: "https://a.example/rss?a=1&b=\"2\"".into(),
                title: Some("<أخبار> & 'تحليلات'".into()),
            },
            Outline {
                url: "file:///home/u/feed.xml".into(),
                title: None,
            },
        ];
        let xml = write(&outlines);
        assert!(
            xml.contains("xmlUrl=\"https://a.example/rss?a=1&amp;b=&quot;2&quot;\""),
            "{xml}"
        );
        let back = parse(&xml).unwrap();
        assert_eq!(back[0], outlines[0]);
        assert_eq!(back[1].title.as_deref(), Some("file:///home/u/feed.xml"));
    }

    #[test]
    fn byte_order_mark_and_doctype_are_fine() {
        let xml = "\u{FEFF}<?xml version=\"1.0\"?>\n<!DOCTYPE opml>\n<!-- newsboat -->\n<opml version=\"1.0\"><head/><body>\
                   <outline type=\"rss\" xmlUrl=\"https://a.example/rss\" text=\"أ\"/></body></opml>";
        assert_eq!(parse(xml).unwrap().len(), 1);
    }

    #[test]
    fn bad_documents_say_what_they_are() {
        assert_eq!(
            parse("<rss version=\"2.0\"></rss>")
                .unwrap_err()
                .to_string(),
            "not an OPML file (the document starts with <rss>)"
        );
        assert!(
            parse("<opml><body><outline></body></opml>")
                .unwrap_err()
                .to_string()
                .starts_with("malformed OPML at byte")
        );
        assert_eq!(
            parse("  ").unwrap_err().to_string(),
            "not an OPML file (the document is empty)"
        );
    }
}
