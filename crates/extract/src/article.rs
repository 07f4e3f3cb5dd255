//! The engine's input: an article's title and text, and the one text they make.

use std::borrow::Cow;

/// The blank line between an article's title and its text in [`Article::input`].
const TITLE_BREAK: &str = "\n\n";

/// An article as the engine reads it: a title and a text, borrowed.
///
/// The engine reads them as one text, [`Article::input`]: the title, a blank line, then the
/// text (the layout of the evaluation texts, whose first line is the headline); an article
/// without a title is its text alone. Every [`Span`](crate::Span) of a
/// [`Summary`](crate::Summary) is a `[start, end)` range of char (Unicode scalar) offsets into
/// that text: a span below [`Article::text_start`] lies in the title, one from it on in the
/// text. So a plain file given as [`Article::untitled`] keeps its offsets exactly as given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Article<'a> {
    /// The headline, one line; empty when the article has none.
    pub title: &'a str,
    /// The body, paragraphs separated by blank lines.
    pub text: &'a str,
}

impl<'a> Article<'a> {
    /// An article with a title and a text.
    pub fn new(title: &'a str, text: &'a str) -> Article<'a> {
        Article { title, text }
    }

    /// A text given whole (a file, a JSON line's `text`), whatever headline it holds: the
    /// spans of its summary index it as given.
    pub fn untitled(text: &'a str) -> Article<'a> {
        Article { title: "", text }
    }

    /// The text the engine reads and the spans point into: the title, a blank line, then the
    /// text; without a title, the text alone.
    pub fn input(&self) -> Cow<'a, str> {
        if self.title.is_empty() {
            Cow::Borrowed(self.text)
        } else {
            Cow::Owned([self.title, TITLE_BREAK, self.text].concat())
        }
    }

    /// The char offset in [`Article::input`] at which the text starts (0 without a title).
    pub fn text_start(&self) -> usize {
        if self.title.is_empty() {
            0
        } else {
            self.title.chars().count() + TITLE_BREAK.chars().count()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Article;

    #[test]
    fn the_input_is_the_title_a_blank_line_and_the_text() {
        let article = Article::new("قصف على إدلب", "قصفت الطائرات المدينة.");
        assert_eq!(article.input(), "قصف على إدلب\n\nقصفت الطائرات المدينة.");
        let start = article.text_start();
        let text: String = article.input().chars().skip(start).collect();
        assert_eq!(text, article.text);
    }

    #[test]
    fn an_untitled_text_is_read_as_given() {
        let text = "عنوان\n\nنص الخبر";
        assert_eq!(Article::untitled(text).input(), text);
        assert_eq!(Article::untitled(text).text_start(), 0);
    }
}
