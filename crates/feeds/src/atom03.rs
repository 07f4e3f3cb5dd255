//! Atom 0.3 (2003) rewritten as Atom 1.0, which feed-rs reads (it ignores the old namespace,
//! so an Atom 0.3 feed would give no items).
//!
//! What differs and is rewritten, for elements in the 0.3 namespace only: the namespace itself;
//! `issued` → `published`, `modified` → `updated`, `tagline` → `subtitle`, `copyright` →
//! `rights`, a person's `url` → `uri`; and the text constructs (`title`, `tagline`, `copyright`,
//! `summary`, `content`), whose MIME `type` and `mode` (`xml`, `escaped`, `base64`) become the
//! Atom 1.0 `type` (`text`, `html`, `xhtml`). Base64 text (never seen in news feeds) is dropped
//! rather than shown encoded. Everything else (text, CDATA, other namespaces) passes unchanged.

use quick_xml::XmlVersion;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::{Namespace, QName, ResolveResult};
use quick_xml::reader::NsReader;
use quick_xml::writer::Writer;

/// The Atom 0.3 namespace.
const ATOM_0_3: &str = "http://purl.org/atom/ns#";

/// The Atom 1.0 namespace.
const ATOM_1_0: &str = "http://www.w3.org/2005/Atom";

/// The document as Atom 1.0 when it uses the Atom 0.3 namespace; None when it does not (or is
/// too malformed to rewrite: feed-rs then reports what is wrong with the original).
pub(super) fn as_atom_1_0(text: &str) -> Option<String> {
    if !text.contains(ATOM_0_3) {
        return None;
    }
    let mut reader = NsReader::from_str(text);
    let mut writer = Writer::new(Vec::with_capacity(text.len()));
    loop {
        let (resolved, event) = reader.read_resolved_event().ok()?;
        let old_atom = matches!(resolved, ResolveResult::Bound(Namespace(ns)) if ns == ATOM_0_3);
        let event = match event {
            Event::Eof => break,
            Event::Start(start) if old_atom && is_base64(&start) => {
                reader.read_to_end(start.name()).ok()?;
                continue;
            }
            Event::Empty(start) if old_atom && is_base64(&start) => continue,
            Event::Start(start) => Event::Start(upgraded_start(start, old_atom)?),
            Event::Empty(start) => Event::Empty(upgraded_start(start, old_atom)?),
            Event::End(end) if old_atom => {
                Event::End(BytesEnd::new(upgraded_name(end.name())?).into_owned())
            }
            other => other,
        };
        writer.write_event(event).ok()?;
    }
    String::from_utf8(writer.into_inner()).ok()
}

/// A start tag with its Atom 1.0 name (when `old_atom`), text-construct type, and namespace
/// declarations; a tag with nothing to change is returned as it was.
fn upgraded_start(start: BytesStart, old_atom: bool) -> Option<BytesStart> {
    let declares_old_namespace = start.attributes().flatten().any(|attribute| {
        is_namespace_declaration(attribute.key.as_ref()) && attribute.value == ATOM_0_3
    });
    if !old_atom && !declares_old_namespace {
        return Some(start);
    }
    let name = if old_atom {
        upgraded_name(start.name())?
    } else {
        start.name().as_ref().to_string()
    };
    let mut upgraded = BytesStart::new(name);
    let construct = old_atom && is_text_construct(&start);
    let mut media_type = None;
    let mut mode = None;
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        let key = attribute.key.as_ref();
        let lowercase_value = || {
            attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|value| value.to_ascii_lowercase())
        };
        if construct && key == "type" {
            media_type = Some(lowercase_value()?);
        } else if construct && key == "mode" {
            mode = Some(lowercase_value()?);
        } else if is_namespace_declaration(key) && attribute.value == ATOM_0_3 {
            upgraded.push_attribute((key, ATOM_1_0));
        } else {
            // The value stays escaped as written; the writer quotes it with `"`, so a `"` that
            // was allowed inside `'...'` is escaped too.
            upgraded.push_attribute(Attribute {
                key: attribute.key,
                value: attribute.value.replace('"', "&quot;").into(),
            });
        }
    }
    if construct {
        let kind = text_kind(media_type.as_deref(), mode.as_deref());
        upgraded.push_attribute(("type", kind));
    }
    Some(upgraded.into_owned())
}

/// The Atom 1.0 name of an Atom 0.3 element, its prefix kept.
fn upgraded_name(name: QName) -> Option<String> {
    let local = name.local_name().into_inner();
    let renamed = match local {
        "issued" => "published",
        "modified" => "updated",
        "tagline" => "subtitle",
        "copyright" => "rights",
        "url" => "uri",
        other => other,
    };
    Some(match name.prefix() {
        Some(prefix) => format!("{}:{renamed}", prefix.as_ref()),
        None => renamed.to_string(),
    })
}

/// Whether `start` is one of the Atom 0.3 text constructs (with `type` and `mode`).
fn is_text_construct(start: &BytesStart) -> bool {
    matches!(
        start.local_name().as_ref(),
        "title" | "tagline" | "copyright" | "summary" | "content"
    )
}

/// Whether a text construct holds base64 (`mode="base64"`).
fn is_base64(start: &BytesStart) -> bool {
    is_text_construct(start)
        && start.attributes().flatten().any(|attribute| {
            attribute.key.as_ref() == "mode" && attribute.value.eq_ignore_ascii_case("base64")
        })
}

/// `xmlns` or `xmlns:prefix`.
fn is_namespace_declaration(key: &str) -> bool {
    key == "xmlns" || key.starts_with("xmlns:")
}

/// The Atom 1.0 `type` of a text construct from its Atom 0.3 MIME `type` (default
/// `text/plain`) and `mode` (default `xml`): escaped HTML is `html`, inline XHTML is `xhtml`,
/// anything else is plain `text`.
fn text_kind(media_type: Option<&str>, mode: Option<&str>) -> &'static str {
    let html = media_type.is_some_and(|t| t.contains("html"));
    match (html, mode.unwrap_or("xml")) {
        (true, "xml") => "xhtml",
        (true, _) => "html",
        (false, _) => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_documents_are_left_alone() {
        assert_eq!(
            as_atom_1_0("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>عنوان</title></feed>"),
            None
        );
        assert_eq!(
            as_atom_1_0("<rss version=\"2.0\"><channel><title>عنوان</title></channel></rss>"),
            None
        );
    }

    #[test]
    fn names_types_and_namespace_become_atom_1_0() {
        let old = r#"<a:feed xmlns:a="http://purl.org/atom/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"><a:entry><a:issued>2024-01-01T00:00:00Z</a:issued><a:title mode="escaped" type="text/html">&lt;b&gt;خبر&lt;/b&gt;</a:title><a:summary>نص</a:summary><dc:title>يبقى</dc:title><a:content type="text/plain" mode="base64">2K7YqNix</a:content><a:link href='https://x.example/?q="1"'/></a:entry></a:feed>"#;
        assert_eq!(
            as_atom_1_0(old).as_deref(),
            Some(
                r#"<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><a:entry><a:published>2024-01-01T00:00:00Z</a:published><a:title type="html">&lt;b&gt;خبر&lt;/b&gt;</a:title><a:summary type="text">نص</a:summary><dc:title>يبقى</dc:title><a:link href="https://x.example/?q=&quot;1&quot;"/></a:entry></a:feed>"#
            )
        );
    }

    #[test]
    fn text_kinds() {
        assert_eq!(text_kind(None, None), "text");
        assert_eq!(text_kind(Some("text/html"), Some("escaped")), "html");
        assert_eq!(text_kind(Some("application/xhtml+xml"), None), "xhtml");
        assert_eq!(text_kind(Some("text/plain"), Some("escaped")), "text");
    }

    #[test]
    fn malformed_documents_are_not_rewritten() {
        assert_eq!(
            as_atom_1_0("<feed xmlns=\"http://purl.org/atom/ns#\"><entry></feed>"),
            None
        );
    }
}
