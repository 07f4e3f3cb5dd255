//! The reader's state and what each key does to it. Pure of any terminal: tests drive it with
//! [`App::handle_key`] and draw it on a test backend with [`App::draw`].

use super::bidi::{Order, VisualLine};
use super::keys::{Action, KeyMap};
use super::picker::Picker;
use super::reading::Reading;
use crate::config::{BidiMode, Config, Lang};
use crate::refresh::{FeedStatus, RefreshEvent};
use crate::sanitize::sanitize;
use crate::store::{ArticleFilter, ArticleRow, Facet, Store};
use chrono::{FixedOffset, Offset};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
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
    pub(super) store: Store,
    pub(super) keys: KeyMap,
    pub(super) lang: Lang,
    pub(super) order: Order,
    /// The offset article times are shown in.
    pub(super) utc_offset: FixedOffset,
    pub(super) filter: ArticleFilter,
    /// What the status line shows for the place, actor and feed filters (the picker's labels).
    pub(super) filter_labels: HashMap<Facet, String>,
    /// Articles matching the filter.
    pub(super) total: usize,
    /// A window of the list, read from the database: rows `window_start..`.
    window: Vec<ArticleRow>,
    window_start: usize,
    /// The article under the cursor (index in the filtered list).
    pub(super) cursor: usize,
    /// The first list row on screen.
    pub(super) list_top: usize,
    /// How many list rows the last frame showed.
    pub(super) list_height: usize,
    pub(super) focus: Focus,
    pub(super) reading: Option<Reading>,
    pub(super) overlay: Overlay,
    pub(super) refresh: RefreshProgress,
    /// A one-off message for the status line (an error, a refused link).
    pub(super) notice: Option<String>,
    /// Laid-out article texts, by (article, width, selected item).
    layouts: HashMap<(i64, u16, Option<usize>), Rc<Vec<VisualLine>>>,
}

impl App {
    /// The reader over `store`, displayed and bound as `config` says. Fails on a bad `[keys]`
    /// table or a database error.
    pub fn new(store: Store, config: &Config) -> anyhow::Result<App> {
        let order = match config.display.bidi {
            BidiMode::App => Order::Visual,
            BidiMode::Terminal | BidiMode::Off => Order::Logical,
        };
        let local = chrono::Local::now().offset().fix();
        let mut app = App {
            store,
            keys: KeyMap::new(&config.keys)?,
            lang: config.display.lang,
            order,
            utc_offset: local,
            filter: ArticleFilter::default(),
            filter_labels: HashMap::new(),
            total: 0,
            window: Vec::new(),
            window_start: 0,
            cursor: 0,
            list_top: 0,
            list_height: 20,
            focus: Focus::List,
            reading: None,
            overlay: Overlay::None,
            refresh: RefreshProgress::default(),
            notice: None,
            layouts: HashMap::new(),
        };
        app.reload()?;
        Ok(app)
    }

    /// Shows times at this offset from UTC instead of the local one (for tests).
    pub fn set_utc_offset(&mut self, offset: FixedOffset) {
        self.utc_offset = offset;
    }

    /// Handles one key event; what the runner must do comes back. Key releases and repeats
    /// of terminals that report them are ignored.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Command> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Some(Command::Quit);
        }
        self.notice = None;
        let result = match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Picker(picker) => self.picker_key(picker, key),
            Overlay::Search(input) => self.search_key(input, key),
            Overlay::Help => {
                if !matches!(self.keys.action(&key), Some(Action::Quit)) {
                    return None; // any key closes the help
                }
                Ok(Some(Command::Quit))
            }
            Overlay::None => match self.keys.action(&key) {
                Some(action) => self.act(action),
                None => Ok(None),
            },
        };
        result.unwrap_or_else(|err| {
            tracing::error!("{err:#}");
            self.notice = Some(format!("{err:#}"));
            None
        })
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

    /// Whether a refresh is running.
    pub fn refreshing(&self) -> bool {
        self.refresh.running
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
    fn act(&mut self, action: Action) -> anyhow::Result<Option<Command>> {
        match action {
            Action::Quit => return Ok(Some(Command::Quit)),
            Action::Down => self.step(1)?,
            Action::Up => self.step(-1)?,
            Action::PageDown => self.step(self.page() as isize)?,
            Action::PageUp => self.step(-(self.page() as isize))?,
            Action::Top => self.step(isize::MIN / 2)?,
            Action::Bottom => self.step(isize::MAX / 2)?,
            Action::Open => {
                if self.focus == Focus::List {
                    self.open_current()?;
                    if self.reading.is_some() {
                        self.focus = Focus::Text;
                    }
                }
            }
            Action::Close => {
                if self.reading.is_some() {
                    self.reading = None;
                    self.focus = Focus::List;
                }
            }
            Action::Focus => {
                self.focus = match (self.focus, self.reading.is_some()) {
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
            Action::PlaceFilter => self.open_picker(Facet::Place)?,
            Action::ActorFilter => self.open_picker(Facet::Actor)?,
            Action::EventFilter => self.open_picker(Facet::Event)?,
            Action::FeedFilter => self.open_picker(Facet::Feed)?,
            Action::ClearFilters => {
                self.filter = ArticleFilter::default();
                self.refilter()?;
            }
            Action::Search => {
                let current = self.filter.search.clone().unwrap_or_default();
                self.overlay = Overlay::Search(Input::new(current));
            }
            Action::UnreadOnly => {
                self.filter.unread_only = !self.filter.unread_only;
                self.refilter()?;
            }
            Action::StarredOnly => {
                self.filter.starred_only = !self.filter.starred_only;
                self.refilter()?;
            }
            Action::ToggleRead => {
                if let Some(row) = self.current_row_mut() {
                    row.read = !row.read;
                    let (id, read) = (row.id, row.read);
                    self.store.set_read(id, read)?;
                }
            }
            Action::Star => {
                if let Some(row) = self.current_row_mut() {
                    row.starred = !row.starred;
                    let (id, starred) = (row.id, row.starred);
                    self.store.set_starred(id, starred)?;
                }
            }
            Action::OpenLink => return Ok(self.link_to_open()),
            Action::Refresh => {
                if !self.refresh.running {
                    self.begin_refresh();
                    return Ok(Some(Command::Refresh));
                }
            }
            Action::Help => self.overlay = Overlay::Help,
        }
        Ok(None)
    }

    /// The link of the open article (or the one under the cursor), when it is http(s).
    fn link_to_open(&mut self) -> Option<Command> {
        let link = match &self.reading {
            Some(reading) => reading.article.row.link.clone(),
            None => self.current_row().and_then(|r| r.link.clone()),
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
    fn step(&mut self, delta: isize) -> anyhow::Result<()> {
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
                    return Ok(());
                }
                let target = self.cursor.saturating_add_signed(delta).min(self.total - 1);
                if target != self.cursor {
                    self.cursor = target;
                    self.ensure_window()?;
                    if self.reading.is_some() {
                        self.open_current()?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Rows per page of the pane in focus.
    fn page(&self) -> usize {
        self.list_height.max(2) - 1
    }

    /// Opens the article under the cursor in the reading pane and marks it read.
    fn open_current(&mut self) -> anyhow::Result<()> {
        let Some(row) = self.current_row() else {
            return Ok(());
        };
        let id = row.id;
        if self
            .reading
            .as_ref()
            .is_some_and(|r| r.article.row.id == id)
        {
            return Ok(());
        }
        let Some(article) = self.store.article(id)? else {
            return Ok(());
        };
        self.reading = Some(Reading::new(article, self.lang));
        if let Some(row) = self.current_row_mut()
            && !row.read
        {
            row.read = true;
            self.store.set_read(id, true)?;
        }
        Ok(())
    }

    /// Opens the picker of one facet, its values counted under the other active filters.
    fn open_picker(&mut self, facet: Facet) -> anyhow::Result<()> {
        let mut others = self.filter.clone();
        match facet {
            Facet::Place => others.place = None,
            Facet::Actor => others.actor = None,
            Facet::Event => others.event = None,
            Facet::Feed => others.feed = None,
        }
        let values = self.store.facet(facet, &others, Picker::LIMIT)?;
        self.overlay = Overlay::Picker(Picker::new(facet, values, self.lang));
        Ok(())
    }

    /// A key in the picker: Enter applies the value, Esc closes, the rest edits the query.
    fn picker_key(&mut self, mut picker: Picker, key: KeyEvent) -> anyhow::Result<Option<Command>> {
        match key.code {
            KeyCode::Esc => return Ok(None),
            KeyCode::Enter => {
                if let Some((value, label)) = picker.chosen() {
                    let key = value.key.clone();
                    self.filter_labels.insert(picker.facet, label.to_string());
                    match picker.facet {
                        Facet::Place => self.filter.place = Some(key),
                        Facet::Actor => self.filter.actor = Some(key),
                        Facet::Event => self.filter.event = crate::extract::EventType::parse(&key),
                        Facet::Feed => self.filter.feed = key.parse().ok(),
                    }
                    self.refilter()?;
                }
                return Ok(None);
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
        Ok(None)
    }

    /// A key in the search prompt: Enter searches (an empty query clears the search).
    fn search_key(&mut self, mut input: Input, key: KeyEvent) -> anyhow::Result<Option<Command>> {
        match key.code {
            KeyCode::Esc => return Ok(None),
            KeyCode::Enter => {
                let query = input.value().trim().to_string();
                self.filter.search = (!query.is_empty()).then_some(query);
                self.refilter()?;
                return Ok(None);
            }
            _ => {
                input.handle_event(&crossterm::event::Event::Key(key));
            }
        }
        self.overlay = Overlay::Search(input);
        Ok(None)
    }

    /// Re-reads the list from the top after a filter change.
    fn refilter(&mut self) -> anyhow::Result<()> {
        self.cursor = 0;
        self.list_top = 0;
        self.reading = None;
        self.focus = Focus::List;
        self.reload()
    }

    /// Re-reads the count and the window around the cursor.
    fn reload(&mut self) -> anyhow::Result<()> {
        self.total = usize::try_from(self.store.count(&self.filter)?).unwrap_or(usize::MAX);
        self.cursor = self.cursor.min(self.total.saturating_sub(1));
        self.window.clear();
        self.ensure_window()
    }

    /// Re-reads the list after new articles arrived, keeping the cursor on its article.
    fn reload_keeping_cursor(&mut self) {
        let id = self.current_row().map(|r| r.id);
        let result = self.reload().and_then(|()| {
            if let Some(id) = id
                && let Some(i) = self.window.iter().position(|r| r.id == id)
            {
                let shift = self.window_start + i;
                self.list_top += shift.saturating_sub(self.cursor);
                self.cursor = shift;
                self.ensure_window()?;
            }
            Ok(())
        });
        if let Err(err) = result {
            self.notice = Some(format!("{err:#}"));
        }
    }

    /// Makes the rows on screen (and the cursor's) present in the window.
    pub(super) fn ensure_window(&mut self) -> anyhow::Result<()> {
        // Keep the cursor on screen.
        let height = self.list_height.max(1);
        if self.cursor < self.list_top {
            self.list_top = self.cursor;
        } else if self.cursor >= self.list_top + height {
            self.list_top = self.cursor + 1 - height;
        }
        let need = self.list_top..(self.list_top + height).min(self.total);
        let have = self.window_start..self.window_start + self.window.len();
        if need.is_empty() || (have.start <= need.start && need.end <= have.end) {
            return Ok(());
        }
        let start = self
            .list_top
            .saturating_sub((WINDOW - height.min(WINDOW)) / 2);
        self.window = self.store.articles(&self.filter, start, WINDOW)?;
        self.window_start = start;
        Ok(())
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
