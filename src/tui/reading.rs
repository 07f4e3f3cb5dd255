//! The reading pane: closed, or open on the article under the cursor. Its content is the
//! article text with its mentions highlighted, laid out to the pane's width, and the summary as
//! a list of selectable items (WHO, WHERE, HOW MANY, WHAT HAPPENED).

use super::bidi::{self, Order, Run, VisualLine};
use super::data::Request;
use super::locale::Locale;
use super::theme;
use crate::config::Lang;
use chrono::FixedOffset;
use khabar_extract::{Quantity, Span, Summary};
use khabar_feeds::sanitize;
use khabar_store::Article;
use ratatui::style::Style;

/// The reading pane.
#[derive(Debug, Default)]
pub(super) struct Pane {
    /// The pane is open (its article may still be loading).
    pub open: bool,
    /// The article shown.
    pub reading: Option<Reading>,
    /// The article asked for and not yet answered.
    requested: Option<i64>,
}

impl Pane {
    /// Closes the pane, forgetting its article.
    pub fn close(&mut self) {
        *self = Pane::default();
    }

    /// With the pane open, asks for the article `id` under the cursor unless it is the one
    /// shown or asked for already.
    pub fn follow(&mut self, id: Option<i64>) -> Option<Request> {
        let id = id.filter(|_| self.open)?;
        let shown = self.reading.as_ref().map(|r| r.article.row.id);
        if shown == Some(id) || self.requested == Some(id) {
            return None;
        }
        self.requested = Some(id);
        Some(Request::Article(id))
    }

    /// Shows article `id` if it is the one asked for, laid out to `size` (width, height);
    /// whether it was.
    pub fn take(&mut self, id: i64, article: Article, locale: &Locale, size: (u16, usize)) -> bool {
        if self.requested != Some(id) {
            return false;
        }
        self.requested = None;
        self.reading = Some(Reading::new(article, locale, size));
        true
    }
}

/// The four parts of a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    /// Actors.
    Who,
    /// Places.
    Where,
    /// Counts.
    HowMany,
    /// Event frames.
    What,
}

/// One selectable line of the summary.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// The part it belongs to.
    pub section: Section,
    /// What is shown, sanitised.
    pub text: String,
    /// Its mentions in the text (char offsets into title + "\n\n" + text).
    pub spans: Vec<Span>,
}

/// An article open in the reading pane.
#[derive(Debug)]
pub(super) struct Reading {
    /// The article, as stored.
    pub article: Article,
    /// Its summary as items, section by section.
    pub items: Vec<Item>,
    /// The selected summary item, whose mentions are highlighted.
    pub selected: Option<usize>,
    /// The text laid out to the pane's width, the selected item's mentions marked.
    pub lines: Vec<VisualLine>,
    /// The first line on screen.
    pub scroll: usize,
    /// The width `lines` are laid out to.
    width: u16,
    /// How many lines the pane shows.
    height: usize,
}

/// How a character of the text is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    Person,
    OtherActor,
    Place,
    Number,
    Trigger,
}

impl Reading {
    /// Opens `article` at its top, laid out to `size` (width, height).
    pub fn new(article: Article, locale: &Locale, (width, height): (u16, usize)) -> Reading {
        let items = article
            .summary
            .as_ref()
            .map(|s| summary_items(s, locale.lang))
            .unwrap_or_default();
        let mut reading = Reading {
            article,
            items,
            selected: None,
            lines: Vec::new(),
            scroll: 0,
            width,
            height,
        };
        reading.lines = reading.layout_text(width, locale.order, locale.utc_offset);
        reading
    }

    /// Lays the text out again for a pane of `size` (width, height), when its width changed.
    pub fn resize(&mut self, locale: &Locale, (width, height): (u16, usize)) {
        if width != self.width {
            self.width = width;
            self.lines = self.layout_text(width, locale.order, locale.utc_offset);
        }
        self.height = height;
        self.scroll_to(self.scroll);
    }

    /// Scrolls the text by `delta` lines.
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll_to(self.scroll.saturating_add_signed(delta));
    }

    /// Scrolls to `line`, or as far as the text goes.
    fn scroll_to(&mut self, line: usize) {
        self.scroll = line.min(self.lines.len().saturating_sub(self.height));
    }

    /// Moves the summary selection by `delta` items (from the first when none is selected).
    pub fn select_by(&mut self, delta: isize, locale: &Locale) {
        if let Some(last) = self.items.len().checked_sub(1) {
            let from = self.selected.unwrap_or(0);
            self.select(from.saturating_add_signed(delta).min(last), locale);
        }
    }

    /// Selects the first summary item, when there is one and none is selected.
    pub fn select_first(&mut self, locale: &Locale) {
        if self.selected.is_none() && !self.items.is_empty() {
            self.select(0, locale);
        }
    }

    /// Selects item `i`: its mentions are marked, and the text scrolls to the first of them.
    fn select(&mut self, i: usize, locale: &Locale) {
        self.selected = Some(i);
        self.lines = self.layout_text(self.width, locale.order, locale.utc_offset);
        if let Some(first) = self.lines.iter().position(|l| l.marked) {
            self.scroll_to(first.saturating_sub(self.height / 3));
        }
    }

    /// The title, a line of outlet, date and link, then the body, laid out to `width`, with
    /// the mentions highlighted and the selected item's mentions marked.
    fn layout_text(&self, width: u16, order: Order, offset: FixedOffset) -> Vec<VisualLine> {
        // The text the engine read, which mention offsets point into: title, blank line, body.
        let read = self.article.engine_article();
        let doc: Vec<char> = read.input().chars().collect();
        let title_len = self.article.row.title.chars().count();
        let marks = self.marks(doc.len());
        let selected: Vec<Span> = self
            .selected
            .and_then(|i| self.items.get(i))
            .map(|item| item.spans.clone())
            .unwrap_or_default();
        let is_selected = |i: usize| selected.iter().any(|s| s[0] <= i && i < s[1]);
        let style_at = |i: usize, mark: Mark| {
            let base = if i < title_len {
                theme::title()
            } else {
                Style::default()
            };
            let styled = base.patch(match mark {
                Mark::Plain => Style::default(),
                Mark::Person => theme::person(),
                Mark::OtherActor => theme::actor(),
                Mark::Place => theme::place(),
                Mark::Number => theme::number(),
                Mark::Trigger => theme::trigger(),
            });
            if is_selected(i) {
                styled.patch(theme::selected_mention())
            } else {
                styled
            }
        };
        // Runs of one style, each sanitised on its own so that offsets stay aligned.
        let mut pieces: Vec<(String, Style, bool)> = Vec::new();
        let mut lines = Vec::new();
        let regions = [
            (0, title_len),
            (read.text_start().min(doc.len()), doc.len()),
        ];
        for (n, (from, to)) in regions.into_iter().enumerate() {
            pieces.clear();
            let mut i = from;
            while i < to {
                let (style, sel) = (style_at(i, marks[i]), is_selected(i));
                let mut j = i + 1;
                while j < to && style_at(j, marks[j]) == style && is_selected(j) == sel {
                    j += 1;
                }
                let text: String = doc[i..j].iter().collect();
                pieces.push((sanitize(&text), style, sel));
                i = j;
            }
            let runs: Vec<Run<'_>> = pieces
                .iter()
                .map(|(text, style, mark)| Run {
                    text,
                    style: *style,
                    mark: *mark,
                })
                .collect();
            lines.extend(bidi::layout(&runs, width, order));
            if n == 0 {
                lines.extend(self.meta_lines(width, order, offset));
                lines.push(VisualLine {
                    line: Default::default(),
                    marked: false,
                });
            }
        }
        lines
    }

    /// Outlet, date and author; then the link.
    fn meta_lines(&self, width: u16, order: Order, offset: FixedOffset) -> Vec<VisualLine> {
        let row = &self.article.row;
        let mut meta = vec![
            sanitize(&row.feed_title),
            row.published
                .with_timezone(&offset)
                .format("%Y/%m/%d %H:%M")
                .to_string(),
        ];
        if let Some(author) = self.article.author.as_deref().filter(|a| !a.is_empty()) {
            meta.push(sanitize(author));
        }
        let mut lines = vec![meta.join(" · ")];
        if let Some(link) = &row.link {
            lines.push(sanitize(link));
        }
        if let Some(err) = &self.article.full_text_error {
            lines.push(sanitize(err));
        }
        lines
            .iter()
            .flat_map(|l| bidi::layout(&[Run::new(l, theme::meta())], width, order))
            .collect()
    }

    /// The highlight of each char of the document.
    fn marks(&self, len: usize) -> Vec<Mark> {
        let mut marks = vec![Mark::Plain; len];
        let mut paint = |span: &Span, mark: Mark| {
            let end = span[1].min(len);
            for m in marks.iter_mut().take(end).skip(span[0]) {
                *m = mark;
            }
        };
        if let Some(summary) = &self.article.summary {
            for event in &summary.events {
                paint(&event.span, Mark::Trigger);
            }
            for q in &summary.how_many {
                paint(&q.span, Mark::Number);
            }
            for place in &summary.places {
                place.mentions.iter().for_each(|s| paint(s, Mark::Place));
            }
            for actor in &summary.who {
                let mark = if actor.kind == khabar_extract::ActorKind::Person {
                    Mark::Person
                } else {
                    Mark::OtherActor
                };
                actor.mentions.iter().for_each(|s| paint(s, mark));
            }
        }
        marks
    }
}

/// The summary as selectable items.
fn summary_items(summary: &Summary, lang: Lang) -> Vec<Item> {
    let mut items = Vec::new();
    for actor in &summary.who {
        let mut text = sanitize(&actor.name);
        if let Some(role) = actor.role.as_deref().filter(|r| !r.is_empty()) {
            text = format!("{text} — {}", sanitize(role));
        }
        text = format!("{text} ({})", lang.actor_kind(actor.kind));
        items.push(Item {
            section: Section::Who,
            text,
            spans: actor.mentions.clone(),
        });
    }
    for place in &summary.places {
        let mut parts = vec![lang.place_kind(place.kind).to_string()];
        parts.extend(place.within.as_deref().map(sanitize));
        parts.extend(place.country.as_deref().map(sanitize));
        items.push(Item {
            section: Section::Where,
            text: format!("{} ({})", sanitize(&place.name), parts.join(lang.comma())),
            spans: place.mentions.clone(),
        });
    }
    for q in &summary.how_many {
        items.push(Item {
            section: Section::HowMany,
            text: quantity_text(q, lang),
            spans: vec![q.span],
        });
    }
    for event in &summary.events {
        let mut text = format!(
            "{}: {}",
            lang.event_name(event.event_type),
            sanitize(&event.trigger)
        );
        let mut details: Vec<String> = Vec::new();
        details.extend(event.who.iter().map(|w| sanitize(w)));
        details.extend(event.places.iter().map(|p| sanitize(p)));
        details.extend(
            event
                .how_many
                .iter()
                .filter_map(|&i| summary.how_many.get(i))
                .map(|q| quantity_text(q, lang)),
        );
        if !details.is_empty() {
            text = format!("{text} — {}", details.join(lang.comma()));
        }
        items.push(Item {
            section: Section::What,
            text,
            spans: vec![event.span],
        });
    }
    items
}

/// A count as shown: value or range, `~` when approximate, then the unit.
fn quantity_text(q: &Quantity, lang: Lang) -> String {
    let number = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    };
    let value = match (q.vague, q.min, q.max) {
        (Some(v), _, _) => lang.vague(v).to_string(),
        (None, Some(a), Some(b)) if a == b => number(a),
        (None, Some(a), Some(b)) => format!("{}–{}", number(a), number(b)),
        (None, Some(a), None) => format!("≥{}", number(a)),
        (None, None, Some(b)) => format!("≤{}", number(b)),
        (None, None, None) => sanitize(&q.text),
    };
    let approx = if q.approx { "~" } else { "" };
    match &q.unit {
        Some(unit) => format!("{approx}{value} {}", sanitize(unit)),
        None => format!("{approx}{value}"),
    }
}
