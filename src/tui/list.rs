//! The article list as the reader holds it: how many articles match the filters, a window of
//! their rows read from the database, the cursor and the rows on screen. Its updates say which
//! page to ask for, if any.

use super::data::Request;
use khabar_store::{ArticleFilter, ArticleRow};

/// How many list rows are read from the database at a time (a screenful when that is more).
const WINDOW: usize = 256;

/// The filtered list.
#[derive(Debug)]
pub(super) struct List {
    /// Bumped at each filter change, so that answers to older filters are dropped.
    generation: u64,
    /// Articles matching the filter.
    pub total: usize,
    /// The count for the current filter is not in yet.
    pub counting: bool,
    /// The offset of the page asked for and not yet answered.
    requested: Option<usize>,
    /// Keep the cursor on this article when the next page arrives (after a refresh).
    keep_on: Option<i64>,
    /// A window of the list: rows `start..`.
    rows: Vec<ArticleRow>,
    /// The index in the filtered list of `rows[0]`.
    start: usize,
    /// The article under the cursor (index in the filtered list).
    pub cursor: usize,
    /// The first row on screen.
    pub top: usize,
    /// How many rows are on screen; nothing is asked for before it is known.
    height: usize,
}

impl Default for List {
    /// A list whose count and first page are asked for once its height is known.
    fn default() -> List {
        List {
            generation: 0,
            total: 0,
            counting: true,
            requested: None,
            keep_on: None,
            rows: Vec::new(),
            start: 0,
            cursor: 0,
            top: 0,
            height: 0,
        }
    }
}

impl List {
    /// Forgets the list for a new filter; its count and first page are asked for at the next
    /// [`List::set_height`].
    pub fn reset(&mut self) {
        *self = List {
            generation: self.generation + 1,
            height: self.height,
            ..List::default()
        };
    }

    /// Asks for the count and the page on screen again after new articles arrived; the cursor
    /// stays on its article.
    pub fn reload(&mut self, filter: &ArticleFilter) -> Option<Request> {
        self.keep_on = self.current().map(|r| r.id);
        self.ask(self.start, true, filter)
    }

    /// Takes in the screen's list height, and asks for the rows it shows.
    pub fn set_height(&mut self, height: usize, filter: &ArticleFilter) -> Option<Request> {
        self.height = height;
        self.fetch(filter)
    }

    /// Moves the cursor by `delta` rows (clamped to the list).
    pub fn step(&mut self, delta: isize, filter: &ArticleFilter) -> Option<Request> {
        if self.total == 0 {
            return None;
        }
        let target = self.cursor.saturating_add_signed(delta).min(self.total - 1);
        if target == self.cursor {
            return None;
        }
        self.cursor = target;
        self.fetch(filter)
    }

    /// Takes in a page the database answered (dropped when skipped or for an older filter).
    pub fn take_rows(
        &mut self,
        generation: u64,
        total: Option<usize>,
        offset: usize,
        rows: Vec<ArticleRow>,
        filter: &ArticleFilter,
    ) -> Option<Request> {
        if generation != self.generation || offset == usize::MAX {
            return None;
        }
        if let Some(total) = total {
            self.total = total;
            self.counting = false;
        }
        self.rows = rows;
        self.start = offset;
        if self.requested == Some(offset) {
            self.requested = None;
        }
        self.cursor = self.cursor.min(self.total.saturating_sub(1));
        if let Some(id) = self.keep_on.take()
            && let Some(i) = self.rows.iter().position(|r| r.id == id)
        {
            self.cursor = self.start + i;
        }
        self.fetch(filter)
    }

    /// Keeps the cursor on screen, and asks for the rows on screen when they are not read yet.
    fn fetch(&mut self, filter: &ArticleFilter) -> Option<Request> {
        let height = self.height.max(1);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + height {
            self.top = self.cursor + 1 - height;
        }
        if self.counting {
            // The first page of a filter is asked for once, with the count.
            return match self.requested {
                None => self.ask(0, true, filter),
                Some(_) => None,
            };
        }
        let need = self.top..(self.top + height).min(self.total);
        let have = self.start..self.start + self.rows.len();
        if need.is_empty() || (have.start <= need.start && need.end <= have.end) {
            return None;
        }
        let start = self.top.saturating_sub((self.limit() - height) / 2);
        match self.requested == Some(start) {
            true => None,
            false => self.ask(start, false, filter),
        }
    }

    /// How many rows a page holds.
    fn limit(&self) -> usize {
        WINDOW.max(self.height)
    }

    /// Asks for the page starting at `offset`, once the height is known.
    fn ask(&mut self, offset: usize, count: bool, filter: &ArticleFilter) -> Option<Request> {
        if self.height == 0 {
            return None;
        }
        self.requested = Some(offset);
        Some(Request::Rows {
            generation: self.generation,
            filter: filter.clone(),
            offset,
            limit: self.limit(),
            count,
        })
    }

    /// The row at index `i` of the filtered list, if read.
    pub fn row(&self, i: usize) -> Option<&ArticleRow> {
        i.checked_sub(self.start).and_then(|j| self.rows.get(j))
    }

    /// The row under the cursor.
    pub fn current(&self) -> Option<&ArticleRow> {
        self.row(self.cursor)
    }

    /// The row under the cursor, to change its marks.
    pub fn current_mut(&mut self) -> Option<&mut ArticleRow> {
        let j = self.cursor.checked_sub(self.start)?;
        self.rows.get_mut(j)
    }

    /// Rows per page.
    pub fn page(&self) -> usize {
        self.height.max(2) - 1
    }
}
