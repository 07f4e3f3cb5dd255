//! The reader's state and what each key does to it. Pure of any terminal: tests drive it with
//! [`App::handle_key`] and draw it on a test backend with [`App::draw`].

use super::bidi::{Order, VisualLine};
use super::data::{Data, Reply, Request};
use super::keys::{Action, KeyMap};
use super::picker::Picker;
use super::reading::Reading;
use crate::config::{BidiMode, Config, Lang};
use crate::refresh::{FeedStatus, RefreshEvent};
use chrono::{FixedOffset, Offset};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use khabar_extract::EventType;
use khabar_feeds::sanitize;
use khabar_store::{ArticleFilter, ArticleRow, Facet, Store};
use std::collections::HashMap;
use std::rc::Rc;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// How many list rows are read from the database at a time.
const WINDOW: usize = 256;

/// What the app asks its runner to do, beyond redrawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Leave the reader.
    Quit,
    /// Start a refresh of every feed.
    Refresh,
    /// Open this http(s) URL in the browser.
    OpenLink(String),
}

/// Which pane the movement keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The article's text.
    Text,
    /// The summary beside it.
    Summary,
}

/// What is drawn over the panes.
pub(super) enum Overlay {
    /// Nothing.
    None,
    /// The key list.
    Help,
    /// A fuzzy picker of filter values.
    Picker(Picker),
    /// The search prompt.
    Search(Input),
}

/// How one feed fared in the current or last refresh.
#[derive(Debug, Clone)]
pub(super) struct FeedReport {
    /// The feed's title (or URL), sanitised.
    pub title: String,
    /// What happened, in a few words.
    pub outcome: String,
    /// Whether it failed.
    pub failed: bool,
}

/// Progress of the current or last refresh.
#[derive(Debug, Default)]
pub(super) struct RefreshProgress {
    /// A refresh is running.
    pub running: bool,
    /// How many feeds it covers.
    pub feeds: usize,
    /// One report per finished feed.
    pub done: Vec<FeedReport>,
    /// New articles so far.
    pub new: usize,
}

/// The reader.
pub struct App {
    /// The database thread, which owns the reader's connection.
    data: Data,
    /// The key bindings in force.
    pub(super) keys: KeyMap,
    /// The language of the labels.
    pub(super) lang: Lang,
    /// Whether the app reorders RTL text (`bidi = "app"`).
    pub(super) order: Order,
    /// The offset article times are shown in.
    pub(super) utc_offset: FixedOffset,
    /// The active filters.
    pub(super) filter: ArticleFilter,
    /// What the status line shows for the place, actor and feed filters (the picker's labels).
    pub(super) filter_labels: HashMap<Facet, String>,
    /// Bumped at each filter change, so that answers to older filters are dropped.
    generation: u64,
    /// Articles matching the filter.
    pub(super) total: usize,
    /// The count for the current filter is not in yet.
    pub(super) counting: bool,
    /// The offset of the list page asked for and not yet answered.
    window_request: Option<usize>,
    /// Keep the cursor on this article when the next page arrives (after a refresh).
    keep_on: Option<i64>,
    /// A window of the list, read from the database: rows `window_start..`.
    window: Vec<ArticleRow>,
    /// The index in the filtered list of `window[0]`.
    window_start: usize,
    /// The article under the cursor (index in the filtered list).
    pub(super) cursor: usize,
    /// The first list row on screen.
    pub(super) list_top: usize,
    /// How many list rows the last frame showed.
    pub(super) list_height: usize,
    /// How many text lines the last frame showed.
    pub(super) text_height: usize,
    /// The pane the movement keys act on.
    pub(super) focus: Focus,
    /// The reading pane is open (its article may still be loading).
    pub(super) pane_open: bool,
    /// The article shown in the reading pane.
    pub(super) reading: Option<Reading>,
    /// The article asked for and not yet answered.
    article_request: Option<i64>,
    /// The help, a picker or the search prompt, over the panes.
    pub(super) overlay: Overlay,
    /// The current or last refresh.
    pub(super) refresh: RefreshProgress,
    /// A one-off message for the status line (an error, a refused link).
    pub(super) notice: Option<String>,
    /// Laid-out article texts, by (article, width, selected item).
    layouts: HashMap<(i64, u16, Option<usize>), Rc<Vec<VisualLine>>>,
}

impl App {
    /// The reader over `store`, displayed and bound as `config` says; the first page of the
    /// list is asked for at once. Fails on a bad `[keys]` table.
    pub fn new(store: Store, config: &Config) -> anyhow::Result<App> {
        let order = match config.display.bidi {
            BidiMode::App => Order::Visual,
            BidiMode::Terminal | BidiMode::Off => Order::Logical,
        };
        let mut app = App {
            data: Data::start(store),
            keys: KeyMap::new(&config.keys)?,
            lang: config.display.lang,
            order,
            utc_offset: chrono::Local::now().offset().fix(),
            filter: ArticleFilter::default(),
            filter_labels: HashMap::new(),
            generation: 0,
            total: 0,
            counting: false,
            window_request: None,
            keep_on: None,
            window: Vec::new(),
            window_start: 0,
            cursor: 0,
            list_top: 0,
            list_height: 20,
            text_height: 20,
            focus: Focus::List,
            pane_open: false,
            reading: None,
            article_request: None,
            overlay: Overlay::None,
            refresh: RefreshProgress::default(),
            notice: None,
            layouts: HashMap::new(),
        };
        app.refilter();
        Ok(app)
    }

    /// Shows times at this offset from UTC instead of the local one (for tests).
    pub fn set_utc_offset(&mut self, offset: FixedOffset) {
        self.utc_offset = offset;
    }

    /// Handles one key event; what the runner must do comes back. Key releases and repeats
    /// of terminals that report them are ignored. Never waits on the database.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Command> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Some(Command::Quit);
        }
        self.notice = None;
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Picker(picker) => self.picker_key(picker, key),
            Overlay::Search(input) => self.search_key(input, key),
            // Any key closes the help; quit still quits.
            Overlay::Help => match self.keys.action(&key) {
                Some(Action::Quit) => Some(Command::Quit),
                _ => None,
            },
            Overlay::None => self.keys.action(&key).and_then(|a| self.act(a)),
        }
    }

    /// Waits for the next answer of the database thread and takes it in (for the event
    /// loop; pending forever when nothing was asked). Cancel-safe.
    pub async fn next_data(&mut self) {
        if let Some(reply) = self.data.next().await {
            self.apply(reply);
        }
        while let Some(reply) = self.data.try_next() {
            self.apply(reply);
        }
    }

    /// Blocks until every question to the database is answered and taken in; whether anything
    /// was (tests and benchmarks, which then draw the settled state; never in async code).
    pub fn settle(&mut self) -> bool {
        let mut changed = false;
        while self.data.busy() {
            match self.data.wait() {
                Some(reply) => {
                    self.apply(reply);
                    changed = true;
                }
                None => break,
            }
        }
        changed
    }

    /// Takes in one answer of the database thread.
    fn apply(&mut self, reply: Reply) {
        match reply {
            Reply::Rows {
                generation,
                total,
                offset,
                rows,
            } => {
                // Skipped (superseded) pages and answers to an older filter are dropped.
                if generation != self.generation || offset == usize::MAX {
                    return;
                }
                if let Some(total) = total {
                    self.total = total;
                    self.counting = false;
                }
                self.window = rows;
                self.window_start = offset;
                if self.window_request == Some(offset) {
                    self.window_request = None;
                }
                self.cursor = self.cursor.min(self.total.saturating_sub(1));
                if let Some(id) = self.keep_on.take()
                    && let Some(i) = self.window.iter().position(|r| r.id == id)
                {
                    self.cursor = self.window_start + i;
                }
                self.ensure_window();
                self.follow_cursor();
            }
            Reply::Article(id, Some(article)) if self.article_request == Some(id) => {
                self.article_request = None;
                self.reading = Some(Reading::new(*article, self.lang));
                if let Some(row) = self.current_row_mut()
                    && row.id == id
                    && !row.read
                {
                    row.read = true;
                    self.data.send(Request::SetRead(id, true));
                }
            }
            Reply::Article(..) => {}
            Reply::Facet(facet, values, also) => {
                if let Overlay::Picker(picker) = &mut self.overlay
                    && picker.facet == facet
                {
                    picker.set_values(values, &also, self.lang);
                }
            }
            Reply::Failed(error) => self.notify(&error),
        }
    }

    /// Takes in one refresh event: progress for the status line, and the list re-read when
    /// articles arrived.
    pub fn handle_refresh(&mut self, event: RefreshEvent) {
        match event {
            RefreshEvent::Started { feeds } => {
                self.refresh = RefreshProgress {
                    running: true,
                    feeds,
                    ..RefreshProgress::default()
                };
            }
            RefreshEvent::FeedDone {
                url,
                title,
                new,
                updated,
                status,
            } => {
                let (outcome, failed) = match status {
                    FeedStatus::Ok => (format!("+{new} ~{updated}"), false),
                    FeedStatus::NotModified => ("=".to_string(), false),
                    FeedStatus::Skipped { last_error, .. } => (format!("… {last_error}"), true),
                    FeedStatus::Failed(err) => (err, true),
                };
                self.refresh.done.push(FeedReport {
                    title: sanitize(if title.is_empty() { &url } else { &title }),
                    outcome: sanitize(&outcome),
                    failed,
                });
                self.refresh.new += new;
                if new + updated > 0 {
                    self.reload_keeping_cursor();
                }
            }
            RefreshEvent::Finished { .. } => {
                self.refresh.running = false;
                self.reload_keeping_cursor();
            }
        }
    }

    /// Records that a refresh is starting (its `Started` event may come later).
    pub fn begin_refresh(&mut self) {
        self.refresh = RefreshProgress {
            running: true,
            ..RefreshProgress::default()
        };
    }

    /// Records that a refresh could not run at all.
    pub fn refresh_failed(&mut self, error: &str) {
        self.refresh.running = false;
        self.notify(error);
    }

    /// Shows a one-off message (an error) on the status line until the next key.
    pub fn notify(&mut self, message: &str) {
        self.notice = Some(sanitize(message));
    }

    /// Does what a bound key asks.
    fn act(&mut self, action: Action) -> Option<Command> {
        match action {
            Action::Quit => return Some(Command::Quit),
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::PageDown => self.step(self.page() as isize),
            Action::PageUp => self.step(-(self.page() as isize)),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Open => {
                if self.focus == Focus::List && self.current_row().is_some() {
                    self.pane_open = true;
                    self.focus = Focus::Text;
                    self.follow_cursor();
                }
            }
            Action::Close => {
                self.pane_open = false;
                self.reading = None;
                self.article_request = None;
                self.focus = Focus::List;
            }
            Action::Focus => {
                self.focus = match (self.focus, self.pane_open) {
                    (_, false) => Focus::List,
                    (Focus::List, true) => Focus::Text,
                    (Focus::Text, true) => Focus::Summary,
                    (Focus::Summary, true) => Focus::List,
                };
                if self.focus == Focus::Summary
                    && let Some(reading) = &mut self.reading
                    && reading.selected.is_none()
                    && !reading.items.is_empty()
                {
                    reading.selected = Some(0);
                    reading.jump_pending = true;
                }
            }
            Action::PlaceFilter => self.open_picker(Facet::Place),
            Action::ActorFilter => self.open_picker(Facet::Actor),
            Action::EventFilter => self.open_picker(Facet::Event),
            Action::FeedFilter => self.open_picker(Facet::Feed),
            Action::ClearFilters => {
                self.filter = ArticleFilter::default();
                self.refilter();
            }
            Action::Search => {
                let current = self.filter.search.clone().unwrap_or_default();
                self.overlay = Overlay::Search(Input::new(current));
            }
            Action::UnreadOnly => {
                self.filter.unread_only = !self.filter.unread_only;
                self.refilter();
            }
            Action::StarredOnly => {
                self.filter.starred_only = !self.filter.starred_only;
                self.refilter();
            }
            Action::ToggleRead => {
                if let Some(row) = self.current_row_mut() {
                    row.read = !row.read;
                    let request = Request::SetRead(row.id, row.read);
                    self.data.send(request);
                }
            }
            Action::Star => {
                if let Some(row) = self.current_row_mut() {
                    row.starred = !row.starred;
                    let request = Request::SetStarred(row.id, row.starred);
                    self.data.send(request);
                }
            }
            Action::OpenLink => return self.link_to_open(),
            Action::Refresh => {
                if !self.refresh.running {
                    self.begin_refresh();
                    return Some(Command::Refresh);
                }
            }
            Action::Help => self.overlay = Overlay::Help,
        }
        None
    }

    /// The link of the open article (or the one under the cursor), when it is http(s).
    fn link_to_open(&mut self) -> Option<Command> {
        let link = match &self.reading {
            Some(reading) if self.pane_open => reading.article.row.link.clone(),
            _ => self.current_row().and_then(|r| r.link.clone()),
        }?;
        let safe = link.trim();
        let lower = safe.to_ascii_lowercase();
        let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
            && !safe.chars().any(|c| c.is_control() || c.is_whitespace());
        if ok {
            Some(Command::OpenLink(safe.to_string()))
        } else {
            self.notice = Some(self.lang.labels().bad_link.to_string());
            None
        }
    }

    /// Moves the cursor, or scrolls the text, or selects a summary item, by `delta`.
    fn step(&mut self, delta: isize) {
        match (self.focus, &mut self.reading) {
            (Focus::Text, Some(reading)) => {
                reading.text_scroll = reading.text_scroll.saturating_add_signed(delta);
            }
            (Focus::Summary, Some(reading)) => {
                if !reading.items.is_empty() {
                    let last = reading.items.len() - 1;
                    let from = reading.selected.unwrap_or(0);
                    reading.selected = Some(from.saturating_add_signed(delta).min(last));
                    reading.jump_pending = true;
                }
            }
            _ => {
                if self.total == 0 {
                    return;
                }
                let target = self.cursor.saturating_add_signed(delta).min(self.total - 1);
                if target != self.cursor {
                    self.cursor = target;
                    self.ensure_window();
                    self.follow_cursor();
                }
            }
        }
    }

    /// Rows per page of the pane in focus.
    fn page(&self) -> usize {
        let height = match self.focus {
            Focus::Text => self.text_height,
            Focus::List | Focus::Summary => self.list_height,
        };
        height.max(2) - 1
    }

    /// With the reading pane open, asks for the article under the cursor if it is not the
    /// one shown (or asked for) already.
    fn follow_cursor(&mut self) {
        if !self.pane_open {
            return;
        }
        let Some(id) = self.current_row().map(|r| r.id) else {
            return;
        };
        let shown = self.reading.as_ref().map(|r| r.article.row.id);
        if shown != Some(id) && self.article_request != Some(id) {
            self.article_request = Some(id);
            self.data.send(Request::Article(id));
        }
    }

    /// Opens the picker of one facet; its values, counted under the other active filters,
    /// come from the database thread.
    fn open_picker(&mut self, facet: Facet) {
        let mut others = self.filter.clone();
        match facet {
            Facet::Place => others.place = None,
            Facet::Actor => others.actor = None,
            Facet::Event => others.event = None,
            Facet::Feed => others.feed = None,
        }
        self.data.send(Request::Facet {
            facet,
            filter: others,
            limit: Picker::LIMIT,
        });
        self.overlay = Overlay::Picker(Picker::new(facet));
    }

    /// A key in the picker: Enter applies the value, Esc closes, the rest edits the query.
    fn picker_key(&mut self, mut picker: Picker, key: KeyEvent) -> Option<Command> {
        match key.code {
            KeyCode::Esc => return None,
            KeyCode::Enter => {
                if let Some((value, label)) = picker.chosen() {
                    let key = value.key.clone();
                    self.filter_labels.insert(picker.facet, label.to_string());
                    match picker.facet {
                        Facet::Place => self.filter.place = Some(key),
                        Facet::Actor => self.filter.actor = Some(key),
                        Facet::Event => self.filter.event = EventType::parse(&key),
                        Facet::Feed => self.filter.feed = key.parse().ok(),
                    }
                    self.refilter();
                }
                return None;
            }
            KeyCode::Down => picker.step(1),
            KeyCode::Up => picker.step(-1),
            KeyCode::PageDown => picker.step(10),
            KeyCode::PageUp => picker.step(-10),
            _ => {
                if picker
                    .input
                    .handle_event(&crossterm::event::Event::Key(key))
                    .is_some()
                {
                    picker.rematch();
                }
            }
        }
        self.overlay = Overlay::Picker(picker);
        None
    }

    /// A key in the search prompt: Enter searches (an empty query clears the search).
    fn search_key(&mut self, mut input: Input, key: KeyEvent) -> Option<Command> {
        match key.code {
            KeyCode::Esc => return None,
            KeyCode::Enter => {
                let query = input.value().trim().to_string();
                self.filter.search = (!query.is_empty()).then_some(query);
                self.refilter();
                return None;
            }
            _ => {
                input.handle_event(&crossterm::event::Event::Key(key));
            }
        }
        self.overlay = Overlay::Search(input);
        None
    }

    /// Asks for the list from the top after a filter change; the old list is gone at once.
    fn refilter(&mut self) {
        self.generation += 1;
        self.cursor = 0;
        self.list_top = 0;
        self.total = 0;
        self.counting = true;
        self.window.clear();
        self.window_start = 0;
        self.pane_open = false;
        self.reading = None;
        self.article_request = None;
        self.focus = Focus::List;
        self.ask_rows(0, true);
    }

    /// Asks for the count and the page on screen again after new articles arrived; the
    /// cursor stays on its article.
    fn reload_keeping_cursor(&mut self) {
        self.keep_on = self.current_row().map(|r| r.id);
        self.ask_rows(self.window_start, true);
    }

    /// Asks for the page of the list starting at `offset`.
    fn ask_rows(&mut self, offset: usize, count: bool) {
        self.window_request = Some(offset);
        self.data.send(Request::Rows {
            generation: self.generation,
            filter: self.filter.clone(),
            offset,
            limit: WINDOW,
            count,
        });
    }

    /// Keeps the cursor on screen, and asks for the rows on screen when they are not read yet.
    pub(super) fn ensure_window(&mut self) {
        let height = self.list_height.max(1);
        if self.cursor < self.list_top {
            self.list_top = self.cursor;
        } else if self.cursor >= self.list_top + height {
            self.list_top = self.cursor + 1 - height;
        }
        if self.counting {
            return; // the first page is on its way
        }
        let need = self.list_top..(self.list_top + height).min(self.total);
        let have = self.window_start..self.window_start + self.window.len();
        if need.is_empty() || (have.start <= need.start && need.end <= have.end) {
            return;
        }
        let start = self
            .list_top
            .saturating_sub((WINDOW - height.min(WINDOW)) / 2);
        if self.window_request != Some(start) {
            self.ask_rows(start, false);
        }
    }

    /// The list row at index `i` of the filtered list, if read.
    pub(super) fn row(&self, i: usize) -> Option<&ArticleRow> {
        i.checked_sub(self.window_start)
            .and_then(|j| self.window.get(j))
    }

    /// The row under the cursor.
    fn current_row(&self) -> Option<&ArticleRow> {
        self.row(self.cursor)
    }

    /// The row under the cursor, to change its marks.
    fn current_row_mut(&mut self) -> Option<&mut ArticleRow> {
        let j = self.cursor.checked_sub(self.window_start)?;
        self.window.get_mut(j)
    }

    /// The open article's text laid out to `width`, from the cache when it was done before.
    pub(super) fn text_lines(&mut self, width: u16) -> Option<Rc<Vec<VisualLine>>> {
        let reading = self.reading.as_ref()?;
        let key = (reading.article.row.id, width, reading.selected);
        if let Some(lines) = self.layouts.get(&key) {
            return Some(lines.clone());
        }
        if self.layouts.len() > 32 {
            self.layouts.clear();
        }
        let lines = Rc::new(reading.layout_text(width, self.order, self.utc_offset));
        self.layouts.insert(key, lines.clone());
        Some(lines)
    }
}
