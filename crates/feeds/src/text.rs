//! Cleaning: HTML (or plain text) from a feed or a page into safe plain text.
//!
//! HTML goes through html2text (no decorations, no link footnotes, no wrapping), then
//! [`sanitize`]; whitespace runs inside a line become one space, lines are trimmed, and runs
//! of blank lines become one blank line, the paragraph separator.

use crate::sanitize::sanitize;
use html2text::render::TrivialDecorator;
use std::borrow::Cow;

/// Lines longer than this are not wrapped by html2text (paragraphs stay one line each).
const NO_WRAP_WIDTH: usize = 1_000_000;

/// Plain paragraphs from a text that may be HTML.
///
/// `is_html` says the source declares HTML; text with tags or entities in it is treated as
/// HTML too, since feeds put HTML where they declare plain text.
pub(crate) fn clean(source: &str, is_html: bool) -> String {
    if is_html || has_markup(source) {
        // html2text drops a control char but keeps what follows it, so `&#27;[31m` would
        // leave `[31m`: escape sequences go first, whole, whether raw or written as references.
        let resolved = control_references_resolved(source);
        let source = if resolved.contains(is_sequence_introducer) {
            Cow::Owned(sanitize(&resolved))
        } else {
            resolved
        };
        let rendered = html2text::config::with_decorator(TrivialDecorator::new())
            .raw_mode(true)
            .allow_width_overflow()
            .link_footnotes(false)
            .string_from_read(source.as_bytes(), NO_WRAP_WIDTH);
        match rendered {
            Ok(text) => paragraphs(&sanitize(&text)),
            Err(_) => paragraphs(&source),
        }
    } else {
        paragraphs(&sanitize(source))
    }
}

/// Whether `text` holds a tag (`<p`, `</`, `<!`) or an entity (`&amp;`, `&#27;`).
fn has_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &b)| {
        let next = &bytes[at + 1..];
        match b {
            b'<' => next
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!')),
            b'&' => {
                let name = next
                    .iter()
                    .take(32)
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
                    .count();
                name > 0 && next.get(name) == Some(&b';')
            }
            _ => false,
        }
    })
}

/// ESC and the C1 controls that start a terminal sequence (CSI, OSC, DCS, SOS, PM, APC).
fn is_sequence_introducer(c: char) -> bool {
    matches!(
        c,
        '\u{1B}' | '\u{9B}' | '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}'
    )
}

/// `source` with numeric character references to C0 controls (`&#27;`, `&#x1B;`) replaced by
/// the chars themselves, so that [`sanitize`] sees the escape sequences they start.
fn control_references_resolved(source: &str) -> Cow<'_, str> {
    if !source.contains("&#") {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (radix, digits_from) = match rest.as_bytes().get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let digits_len = rest[digits_from..]
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(rest.len() - digits_from);
        let digits = &rest[digits_from..digits_from + digits_len];
        let control = u32::from_str_radix(digits, radix)
            .ok()
            .filter(|&n| (n < 0x20 && !matches!(n, 0x09 | 0x0A | 0x0D)) || n == 0x7F)
            .and_then(char::from_u32);
        match control {
            Some(c) if !digits.is_empty() => {
                out.push(c);
                let end = digits_from + digits_len;
                rest = &rest[end + usize::from(rest[end..].starts_with(';'))..];
            }
            _ => {
                out.push_str("&#");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One line of clean text (titles, authors): like [`clean`], with line breaks as spaces.
pub(crate) fn clean_line(source: &str, is_html: bool) -> String {
    one_line(&clean(source, is_html))
}

/// One line of sanitised text that is never HTML (URLs, ids, XML attribute values): entities
/// are left alone, so a `&copy=1` in a URL stays as written.
pub(crate) fn plain_line(source: &str) -> String {
    one_line(&sanitize(source))
}

/// `text` with every whitespace run, line breaks included, as one space.
fn one_line(text: &str) -> String {
    text.split(is_space)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Trims lines, collapses whitespace runs inside them and blank-line runs between them.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    for line in text.lines() {
        let mut words = line
            .split(is_space)
            .filter(|word| !word.is_empty())
            .peekable();
        if words.peek().is_none() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Whitespace that separates words (tabs, no-break spaces, and the like).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// The first paragraph of `text`, cut at a word boundary to at most `max_chars` characters
/// (an ellipsis marks a cut).
pub(crate) fn shorten(text: &str, max_chars: usize) -> String {
    let first = text.split("\n\n").next().unwrap_or_default();
    if first.chars().count() <= max_chars {
        return first.to_string();
    }
    let cut = first
        .char_indices()
        .nth(max_chars)
        .map_or(first.len(), |(at, _)| at);
    let head = &first[..cut];
    let head = head
        .rfind(char::is_whitespace)
        .map_or(head, |space| &head[..space]);
    format!("{}…", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_paragraphs() {
        let html = "<p>قصفت   الطائرات <b>حمص</b> <a href='x'>أمس</a>.</p>\n\n<p>وقتل 12 شخصاً</p><script>alert(1)</script>";
        assert_eq!(clean(html, true), "قصفت الطائرات حمص أمس.\n\nوقتل 12 شخصاً");
    }

    #[test]
    fn entities_and_escapes_are_disarmed() {
        assert_eq!(
            clean_line("عنوان &#27;[31m أحمر &amp; \u{202E}مقلوب", false),
            "عنوان أحمر & مقلوب"
        );
        assert_eq!(clean_line("a\u{1B}[31mb\u{1B}]0;x\u{7}c", false), "abc");
        assert_eq!(
            clean_line(
                "<b>a&#x1b;[2Jb&#X1B;]0;t&#7;c</b>&#8207;&#x202e;d &#1575; &#",
                true
            ),
            "abc\u{200F}d ا &#"
        );
    }

    #[test]
    fn markup_is_recognised_in_undeclared_html() {
        assert!(has_markup("نص <b>عريض</b>"));
        assert!(has_markup("&quot;اقتباس&quot;"));
        assert!(has_markup("&#1575;"));
        assert!(!has_markup("1 < 2 & 3 > 2"));
        assert!(!has_markup("AT&T و R&D"));
        assert_eq!(clean("أ & ب\n\nج < د", false), "أ & ب\n\nج < د");
    }

    #[test]
    fn plain_text_keeps_its_paragraphs() {
        assert_eq!(
            clean("  سطر أول\r\n\n\n\tسطر ثان  \n", false),
            "سطر أول\n\nسطر ثان"
        );
        assert_eq!(clean_line("عنوان\nعلى سطرين", false), "عنوان على سطرين");
        assert_eq!(
            plain_line(" https://a.example/?x=1&copy=2\u{1B}[2J\n"),
            "https://a.example/?x=1&copy=2"
        );
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("واحد اثنان ثلاثة", 11), "واحد اثنان…");
        assert_eq!(shorten("قصير\n\nثان", 100), "قصير");
    }
}
