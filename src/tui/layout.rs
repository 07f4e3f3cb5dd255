//! Where each part of the screen is: computed by the update from the terminal's size and
//! whether the reading pane is open, and read by the view.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders};

/// The borders of the text pane.
pub(super) const TEXT_BORDERS: Borders = Borders::TOP;
/// The borders of the summary pane.
pub(super) const SUMMARY_BORDERS: Borders = Borders::TOP.union(Borders::LEFT);

/// The screen's parts, top to bottom: the list (and under it, when open, the reading pane:
/// text | summary), the status line, the key hints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Screen {
    /// The whole terminal.
    pub area: Rect,
    /// The article list.
    pub list: Rect,
    /// The text pane and the summary pane, borders included, when the reading pane is open.
    pub pane: Option<(Rect, Rect)>,
    /// The status line.
    pub status: Rect,
    /// The key hints (or the search prompt).
    pub hints: Rect,
}

impl Screen {
    /// The parts of `area`; the list takes a third of it when the reading pane is open.
    pub fn new(area: Rect, pane_open: bool) -> Screen {
        let [main, status, hints] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let (list, pane) = if pane_open {
            let list_rows = (main.height / 3).max(3);
            let [list, pane] =
                Layout::vertical([Constraint::Length(list_rows), Constraint::Min(1)]).areas(main);
            let [text, summary] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(pane);
            (list, Some((text, summary)))
        } else {
            (main, None)
        };
        Screen {
            area,
            list,
            pane,
            status,
            hints,
        }
    }

    /// How many list rows are on screen.
    pub fn list_height(&self) -> usize {
        usize::from(self.list.height)
    }

    /// Inside the text pane's border: where its lines are drawn.
    pub fn text_body(&self) -> Rect {
        let text = self.pane.map(|(text, _)| text).unwrap_or_default();
        Block::new().borders(TEXT_BORDERS).inner(text)
    }

    /// The width the article's lines are wrapped to (one column of the body kept free) and
    /// how many of them are on screen.
    pub fn text_size(&self) -> (u16, usize) {
        let body = self.text_body();
        (body.width.saturating_sub(1), usize::from(body.height))
    }
}
