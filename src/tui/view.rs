//! Drawing the reader: the list, the reading pane (text | summary), the status line and the
//! overlays, where the last update laid them out. Every string goes through [`bidi`] so that
//! Arabic reads right to left. Nothing here changes the state.

use super::app::{App, Focus};
use super::bidi::{self, Base, Run, VisualLine};
use super::keys::Action;
use super::layout::{SUMMARY_BORDERS, TEXT_BORDERS};
use super::overlay::Overlay;
use super::picker::Picker;
use super::reading::Section;
use super::theme;
use khabar_feeds::sanitize;
use khabar_store::Facet;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

impl App {
    /// Draws the whole screen as the last update laid it out. Only reads the state: drawing
    /// twice draws the same, and asks nothing of anyone.
    pub fn draw(&self, frame: &mut Frame<'_>) {
        let buf = frame.buffer_mut();
        let screen = &self.screen;
        self.draw_list(buf, screen.list);
        if let Some((text, summary)) = screen.pane {
            self.draw_text(buf, text);
            self.draw_summary(buf, summary);
        }
        self.draw_status(buf, screen.status);
        self.draw_hints(buf, screen.hints);
        match &self.overlay {
            Overlay::Help => self.draw_help(buf, screen.area),
            Overlay::Picker(picker) => self.draw_picker(buf, screen.area, picker),
            Overlay::None | Overlay::Search(_) => {}
        }
    }

    /// Draws a label fitted to `area`'s first row.
    fn label(&self, buf: &mut Buffer, area: Rect, text: &str, style: Style) {
        let line = bidi::fit(
            text,
            style,
            area.width,
            self.locale.order,
            self.locale.ui_base(),
        );
        put(buf, area.x, area.y, &line, area.width);
    }

    /// Draws a pane's title on its top border, at the start of the reading direction.
    fn pane_title(&self, buf: &mut Buffer, area: Rect, title: &str) {
        let width = (bidi::text_width(title) as u16 + 2).min(area.width.saturating_sub(4));
        let x = if self.locale.columns_from_right() {
            area.right().saturating_sub(width + 2)
        } else {
            area.x + 2
        };
        let title = format!(" {title} ");
        self.label(
            buf,
            Rect::new(x, area.y, width, 1),
            &title,
            theme::heading(),
        );
    }

    /// The article list: marks, time, outlet, title, event type, top place.
    fn draw_list(&self, buf: &mut Buffer, area: Rect) {
        if area.height == 0 {
            return;
        }
        let list = &self.list;
        if list.total == 0 && !list.counting {
            let labels = self.locale.lang.labels();
            let text = if self.filters.any() {
                labels.nothing_matches
            } else {
                labels.empty
            };
            let lines = bidi::layout_with_base(
                &[Run::new(text, theme::meta())],
                area.width.saturating_sub(2),
                self.locale.order,
                self.locale.ui_base(),
            );
            for (y, line) in (area.y + 1..area.bottom()).zip(&lines) {
                put(buf, area.x + 1, y, &line.line, area.width.saturating_sub(2));
            }
            return;
        }
        let columns = Columns::new(area.width);
        for y in area.y..area.bottom() {
            let i = list.top + usize::from(y - area.y);
            let Some(row) = list.row(i) else { break };
            let style = if row.read {
                Style::default()
            } else {
                theme::unread()
            };
            let marks = format!(
                "{}{}",
                if row.read { " " } else { "●" },
                if row.starred { "★" } else { " " }
            );
            let time = row
                .published
                .with_timezone(&self.locale.utc_offset)
                .format("%m-%d %H:%M")
                .to_string();
            let event = row
                .primary_event
                .map(|e| self.locale.lang.event_name(e))
                .unwrap_or("");
            let place = row.top_place.as_deref().map(sanitize).unwrap_or_default();
            let cells = [
                (marks, theme::heading()),
                (time, theme::meta()),
                (sanitize(&row.feed_title), theme::meta()),
                (sanitize(&row.title), style),
                (event.to_string(), theme::trigger()),
                (place, theme::place()),
            ];
            for ((text, style), (x, w)) in cells.iter().zip(columns.spans()) {
                if w == 0 {
                    continue;
                }
                let x = if self.locale.columns_from_right() {
                    area.right() - (x - area.x) - w
                } else {
                    x + area.x
                };
                let line = bidi::fit(text, *style, w, self.locale.order, Base::Auto);
                put(buf, x, y, &line, w);
            }
            if i == list.cursor {
                let row_area = Rect::new(area.x, y, area.width, 1);
                let cursor = if self.focus == Focus::List {
                    theme::cursor()
                } else {
                    theme::cursor_unfocused()
                };
                buf.set_style(row_area, cursor);
            }
        }
    }

    /// The article text with its mentions highlighted, from the line it is scrolled to.
    fn draw_text(&self, buf: &mut Buffer, area: Rect) {
        Block::new()
            .borders(TEXT_BORDERS)
            .border_style(pane_style(self.focus == Focus::Text))
            .render(area, buf);
        self.pane_title(buf, area, self.locale.lang.labels().text);
        if let Some(reading) = &self.pane.reading {
            let lines = &reading.lines;
            draw_lines(
                buf,
                self.screen.text_body(),
                &lines[reading.scroll.min(lines.len())..],
                0,
            );
        }
    }

    /// The summary: WHO, WHERE, HOW MANY, WHAT HAPPENED, the selected item highlighted.
    fn draw_summary(&self, buf: &mut Buffer, area: Rect) {
        let block = Block::new()
            .borders(SUMMARY_BORDERS)
            .border_style(pane_style(self.focus == Focus::Summary));
        let inner = block.inner(area);
        block.render(area, buf);
        let labels = self.locale.lang.labels();
        self.pane_title(buf, area, labels.summary);
        let Some(reading) = &self.pane.reading else {
            return;
        };
        let width = inner.width.saturating_sub(1);
        let (order, base) = (self.locale.order, self.locale.ui_base());
        let mut lines: Vec<VisualLine> = Vec::new();
        let mut selected_line = None;
        if reading.items.is_empty() {
            // Not extracted yet, or extracted and empty.
            let note = match reading.article.summary {
                None => labels.no_summary,
                Some(_) => labels.nothing_found,
            };
            lines.extend(bidi::layout_with_base(
                &[Run::new(note, theme::meta())],
                width,
                order,
                base,
            ));
        }
        let mut section = None;
        for (i, item) in reading.items.iter().enumerate() {
            if section != Some(item.section) {
                section = Some(item.section);
                let heading = match item.section {
                    Section::Who => labels.who,
                    Section::Where => labels.place_section,
                    Section::HowMany => labels.how_many,
                    Section::What => labels.what,
                };
                if !lines.is_empty() {
                    lines.push(VisualLine {
                        line: Line::default(),
                        marked: false,
                    });
                }
                lines.push(VisualLine {
                    line: bidi::fit(heading, theme::heading(), width, order, base),
                    marked: false,
                });
            }
            let is_selected = reading.selected == Some(i);
            if is_selected {
                selected_line = Some(lines.len());
            }
            let style = if is_selected && self.focus == Focus::Summary {
                theme::cursor()
            } else if is_selected {
                theme::cursor_unfocused()
            } else {
                Style::default()
            };
            let text = format!("• {}", item.text);
            // The pane's direction for every line, so that "• 0.24 %" lines up with the rest.
            let mut item_lines =
                bidi::layout_with_base(&[Run::new(&text, style)], width, order, base);
            for l in &mut item_lines {
                l.marked = is_selected;
            }
            lines.extend(item_lines);
        }
        let height = usize::from(inner.height);
        let scroll = match selected_line {
            Some(at) if at + 2 > height => at + 2 - height,
            _ => 0,
        };
        draw_lines(buf, inner, &lines[scroll.min(lines.len())..], 1);
    }

    /// Filters, counts, refresh progress, or a notice.
    fn draw_status(&self, buf: &mut Buffer, area: Rect) {
        buf.set_style(area, theme::status());
        let (lang, labels) = (self.locale.lang, self.locale.lang.labels());
        let mut parts: Vec<String> = Vec::new();
        let f = &self.filters.filter;
        let shown = |facet: Facet, key: &str| self.filters.shown(facet, key);
        if let Some(place) = &f.place {
            parts.push(format!("{}: {}", labels.place, shown(Facet::Place, place)));
        }
        if let Some(actor) = &f.actor {
            parts.push(format!("{}: {}", labels.actor, shown(Facet::Actor, actor)));
        }
        if let Some(event) = f.event {
            parts.push(format!("{}: {}", labels.event, lang.event_name(event)));
        }
        if let Some(feed) = f.feed {
            let name = shown(Facet::Feed, &feed.to_string());
            parts.push(format!("{}: {}", labels.feed, name));
        }
        if let Some(search) = &f.search {
            parts.push(format!("{}: {}", labels.search, sanitize(search)));
        }
        if f.unread_only {
            parts.push(labels.unread.to_string());
        }
        if f.starred_only {
            parts.push(labels.starred.to_string());
        }
        let list = &self.list;
        let position = if list.counting {
            "…".to_string()
        } else if list.total == 0 {
            "0".to_string()
        } else {
            format!("{}/{}", list.cursor + 1, list.total)
        };
        parts.push(position);
        let r = &self.refresh;
        if r.running {
            parts.push(format!(
                "↻ {} {}/{} (+{} {})",
                labels.refreshing,
                r.done.len(),
                r.feeds,
                r.new,
                labels.new
            ));
        } else if !r.done.is_empty() {
            let failed = r.done.iter().filter(|d| d.failed).count();
            parts.push(format!(
                "✓ {} +{} {}{}{} {}",
                labels.refreshed,
                r.new,
                labels.new,
                lang.comma(),
                failed,
                labels.failed
            ));
        }
        if let Some(last_failure) = r.done.iter().rev().find(|d| d.failed) {
            parts.push(format!(
                "✗ {}: {}",
                last_failure.title, last_failure.outcome
            ));
        }
        let mut text = parts.join(" · ");
        let mut style = theme::status();
        if let Some(notice) = &self.notice {
            text = notice.clone();
            style = style.patch(theme::error());
        }
        self.label(buf, area, &text, style);
    }

    /// Key hints, or the search prompt.
    fn draw_hints(&self, buf: &mut Buffer, area: Rect) {
        match &self.overlay {
            Overlay::Search(input) => {
                let text = format!("/ {}▏", input.value());
                self.label(buf, area, &text, Style::default());
            }
            _ => self.label(buf, area, self.locale.lang.labels().hints, theme::meta()),
        }
    }

    /// Every binding, and the last refresh feed by feed.
    fn draw_help(&self, buf: &mut Buffer, screen: Rect) {
        let area = centered(
            screen,
            screen.width.saturating_sub(4).min(100),
            screen.height.saturating_sub(2),
        );
        Clear.render(area, buf);
        let block = Block::bordered().border_style(theme::heading());
        let inner = block.inner(area);
        block.render(area, buf);
        let lang = self.locale.lang;
        self.pane_title(buf, area, lang.labels().help);
        // With room to spare, each entry also names its action as `[keys]` knows it.
        let lines = Action::ALL.len() + self.refresh.done.len() + 2;
        let columns = lines.div_ceil(usize::from(inner.height.max(1))).max(1);
        let named = usize::from(inner.width) / columns >= 60;
        let mut entries: Vec<String> = Action::ALL
            .iter()
            .map(|&a| {
                let keys = self.keys.keys_of(a);
                match named {
                    true => format!("{keys:<9} {} [{}]", lang.action(a), a.name()),
                    false => format!("{keys:<9} {}", lang.action(a)),
                }
            })
            .collect();
        if !self.refresh.done.is_empty() {
            entries.push(String::new());
            entries.push(format!("{}:", lang.labels().last_refresh));
            entries.extend(self.refresh.done.iter().map(|d| {
                format!(
                    "{} {}: {}",
                    if d.failed { "✗" } else { "✓" },
                    d.title,
                    d.outcome
                )
            }));
        }
        let columns = entries
            .len()
            .div_ceil(usize::from(inner.height.max(1)))
            .max(1);
        let rows = entries.len().div_ceil(columns).max(1);
        let columns = columns as u16;
        let col_width = inner.width / columns;
        for (n, entry) in entries.iter().enumerate() {
            let col = (n / rows) as u16;
            let x = if self.locale.columns_from_right() {
                inner.right() - (col + 1) * col_width
            } else {
                inner.x + col * col_width
            };
            let y = inner.y + (n % rows) as u16;
            let cell = Rect::new(x, y, col_width.saturating_sub(1), 1);
            // Feed errors are cut between words, never inside one.
            let entry = bidi::truncate_at_word(entry, usize::from(cell.width));
            self.label(buf, cell, &entry, Style::default());
        }
    }

    /// The open picker: the query, then the matching values with their counts.
    fn draw_picker(&self, buf: &mut Buffer, screen: Rect, picker: &Picker) {
        let area = centered(
            screen,
            screen.width.saturating_sub(4).min(60),
            screen.height.saturating_sub(4).min(22),
        );
        Clear.render(area, buf);
        let block = Block::bordered().border_style(theme::heading());
        let inner = block.inner(area);
        block.render(area, buf);
        let labels = self.locale.lang.labels();
        let title = match picker.facet {
            Facet::Place => labels.place,
            Facet::Actor => labels.actor,
            Facet::Event => labels.event,
            Facet::Feed => labels.feed,
        };
        self.pane_title(buf, area, title);
        if inner.height < 2 {
            return;
        }
        let query = picker.input.value();
        let prompt = if picker.loading {
            format!("› {query}…")
        } else if query.is_empty() {
            format!("› {}", labels.type_to_filter)
        } else {
            format!("› {query}▏")
        };
        let prompt_style = if query.is_empty() {
            theme::meta()
        } else {
            Style::default()
        };
        self.label(buf, Rect { height: 1, ..inner }, &prompt, prompt_style);
        let list = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
        let rows = usize::from(list.height);
        let top = picker.selected.saturating_sub(rows.saturating_sub(1));
        for y in list.y..list.bottom() {
            let n = top + usize::from(y - list.y);
            let Some((label, count)) = picker.shown(n) else {
                break;
            };
            let count = count.to_string();
            let count_width = count.len() as u16;
            let label_width = list.width.saturating_sub(count_width + 1);
            let (label_x, count_x) = if self.locale.columns_from_right() {
                (list.x + count_width + 1, list.x)
            } else {
                (list.x, list.right() - count_width)
            };
            let line = bidi::fit(
                label,
                Style::default(),
                label_width,
                self.locale.order,
                Base::Auto,
            );
            put(buf, label_x, y, &line, label_width);
            put(
                buf,
                count_x,
                y,
                &Line::styled(count, theme::meta()),
                count_width,
            );
            if n == picker.selected {
                buf.set_style(Rect::new(list.x, y, list.width, 1), theme::cursor());
            }
        }
    }
}

/// Column positions of a list row (left to right, from x = 0): marks, time, outlet, title,
/// event, place. Narrow screens drop the event and place columns.
struct Columns {
    widths: [u16; 6],
    /// The row's width: columns past it are cut.
    total: u16,
}

impl Columns {
    fn new(width: u16) -> Columns {
        let (marks, time) = (2, 11);
        let outlet = (width / 8).clamp(6, 16);
        let (event, place) = if width >= 70 { (11, 10) } else { (0, 0) };
        let gaps = 2 + if event > 0 { 2 } else { 0 } + 1;
        let used = marks + time + outlet + event + place + gaps;
        let title = width.saturating_sub(used);
        Columns {
            widths: [marks, time, outlet, title, event, place],
            total: width,
        }
    }

    /// `(x, width)` of each column.
    fn spans(&self) -> Vec<(u16, u16)> {
        let mut x = 0u16;
        self.widths
            .iter()
            .map(|&w| {
                let at = x.min(self.total);
                let w = w.min(self.total - at);
                if w > 0 {
                    x = x.saturating_add(w + 1);
                }
                (at, w)
            })
            .collect()
    }
}

/// Draws a line at (x, y), clipped to `width` cells.
fn put(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, width: u16) {
    if width > 0 && buf.area.contains((x, y).into()) {
        buf.set_line(x, y, line, width);
    }
}

/// Draws laid-out lines from the top of `area`, `indent` cells in.
fn draw_lines(buf: &mut Buffer, area: Rect, lines: &[VisualLine], indent: u16) {
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        put(
            buf,
            area.x + indent,
            y,
            &line.line,
            area.width.saturating_sub(indent),
        );
    }
}

/// The border style of a pane.
fn pane_style(focused: bool) -> Style {
    if focused {
        theme::heading()
    } else {
        theme::meta()
    }
}

/// A `width` × `height` rectangle in the middle of `screen`.
fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    Rect::new(
        screen.x + (screen.width.saturating_sub(width)) / 2,
        screen.y + (screen.height.saturating_sub(height)) / 2,
        width.min(screen.width),
        height.min(screen.height),
    )
}
