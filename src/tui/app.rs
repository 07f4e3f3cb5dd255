//! The reader's state and its one [`App::update`]: each [`Event`] goes to the part of the state
//! it concerns (the screen's layout, the filters, the list, the reading pane, the overlay, the
//! refresh progress), and what those parts ask for comes back as [`Effect`]s. Pure of any
//! terminal and of the database: tests send it events and draw it ([`App::draw`]) on a test
//! backend.

use super::data::{Reply, Request};
use super::event::{Effect, Event};
use super::filters::Filters;
use super::keys::{Action, KeyMap};
use super::layout::Screen;
use super::list::List;
use super::locale::Locale;
use super::overlay::{Outcome, Overlay};
use super::picker::Picker;
use super::progress::RefreshProgress;
use super::reading::Pane;
use crate::config::Config;
use chrono::FixedOffset;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use khabar_feeds::sanitize;
use khabar_store::Facet;
use ratatui::layout::Rect;
use tui_input::Input;

/// Which pane the movement keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Focus {
    /// The article list.
    List,
    /// The article's text.
    Text,
    /// The summary beside it.
    Summary,
}

/// The reader.
pub struct App {
    /// The key bindings in force.
    pub(super) keys: KeyMap,
    /// How text is shown.
    pub(super) locale: Locale,
    /// Where each part of the screen is (empty before the first [`Event::Resize`]).
    pub(super) screen: Screen,
    /// The active filters.
    pub(super) filters: Filters,
    /// The filtered list.
    pub(super) list: List,
    /// The reading pane.
    pub(super) pane: Pane,
    /// The pane the movement keys act on.
    pub(super) focus: Focus,
    /// The help, a picker or the search prompt, over the panes.
    pub(super) overlay: Overlay,
    /// The current or last refresh.
    pub(super) refresh: RefreshProgress,
    /// A one-off message for the status line (an error, a refused link), until the next key.
    pub(super) notice: Option<String>,
}

impl App {
    /// The reader, displayed and bound as `config` says. It asks for nothing until the first
    /// [`Event::Resize`] tells it how many rows the list shows. Fails on a bad `[keys]` table.
    pub fn new(config: &Config) -> anyhow::Result<App> {
        Ok(App {
            keys: KeyMap::new(&config.keys)?,
            locale: Locale::new(config),
            screen: Screen::default(),
            filters: Filters::default(),
            list: List::default(),
            pane: Pane::default(),
            focus: Focus::List,
            overlay: Overlay::None,
            refresh: RefreshProgress::default(),
            notice: None,
        })
    }

    /// Shows times at this offset from UTC instead of the local one (for tests; before the
    /// first event).
    pub fn set_utc_offset(&mut self, offset: FixedOffset) {
        self.locale.utc_offset = offset;
    }

    /// Takes in one event; what the world must do for it comes back. Never waits.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let mut effects = Vec::new();
        match event {
            Event::Resize(width, height) => {
                let area = Rect::new(0, 0, width, height);
                if area != self.screen.area {
                    self.screen.area = area;
                    self.lay_out(&mut effects);
                }
            }
            Event::Key(key) => self.key(key, &mut effects),
            Event::Action(action) => self.act(action, &mut effects),
            Event::Data(reply) => self.take(reply, &mut effects),
            Event::Refresh(event) => {
                if self.refresh.update(event) {
                    let reload = self.list.reload(&self.filters.filter);
                    effects.extend(reload.map(Effect::Query));
                }
            }
            Event::RefreshFailed(error) => {
                self.refresh.running = false;
                self.notify(&error);
            }
            Event::OpenFailed { url, error } => self.notify(&format!("{url}: {error}")),
        }
        effects
    }

    /// Shows a one-off message (an error) on the status line until the next key.
    fn notify(&mut self, message: &str) {
        self.notice = Some(sanitize(message));
    }

    /// Lays the screen out for its size and the pane's state: the open article is wrapped to
    /// its pane, and the list asks for the rows it now shows.
    fn lay_out(&mut self, effects: &mut Vec<Effect>) {
        self.screen = Screen::new(self.screen.area, self.pane.open);
        if let Some(reading) = &mut self.pane.reading {
            reading.resize(&self.locale, self.screen.text_size());
        }
        let height = self.screen.list_height();
        let rows = self.list.set_height(height, &self.filters.filter);
        effects.extend(rows.map(Effect::Query));
    }

    /// A key: the overlay's when one is open, else its bound action.
    fn key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            effects.push(Effect::Quit);
            return;
        }
        self.notice = None;
        match self.overlay.key(key, &self.keys) {
            None => {
                if let Some(action) = self.keys.action(&key) {
                    self.act(action, effects);
                }
            }
            Some(Outcome::Open | Outcome::Closed) => {}
            Some(Outcome::Chosen(facet, value, label)) => {
                self.filters.choose(facet, value, label);
                self.refilter(effects);
            }
            Some(Outcome::Searched(query)) => {
                self.filters.filter.search = query;
                self.refilter(effects);
            }
            Some(Outcome::Quit) => effects.push(Effect::Quit),
        }
    }

    /// Takes in one answer of the database thread.
    fn take(&mut self, reply: Reply, effects: &mut Vec<Effect>) {
        match reply {
            Reply::Rows {
                generation,
                total,
                offset,
                rows,
            } => {
                let filter = &self.filters.filter;
                let more = self.list.take_rows(generation, total, offset, rows, filter);
                effects.extend(more.map(Effect::Query));
                self.follow_cursor(effects);
            }
            Reply::Article(id, Some(article)) => {
                let size = self.screen.text_size();
                if self.pane.take(id, *article, &self.locale, size)
                    && let Some(row) = self.list.current_mut()
                    && row.id == id
                    && !row.read
                {
                    row.read = true;
                    effects.push(Effect::Query(Request::SetRead(row.id, true)));
                }
            }
            Reply::Article(_, None) => {}
            Reply::Facet(facet, values, also) => {
                if let Overlay::Picker(picker) = &mut self.overlay
                    && picker.facet == facet
                {
                    picker.set_values(values, &also, self.locale.lang);
                }
            }
            Reply::Failed(error) => self.notify(&error),
        }
    }

    /// Does what a bound key asks.
    fn act(&mut self, action: Action, effects: &mut Vec<Effect>) {
        match action {
            Action::Quit => effects.push(Effect::Quit),
            Action::Down => self.step(1, effects),
            Action::Up => self.step(-1, effects),
            Action::PageDown => self.step(self.page() as isize, effects),
            Action::PageUp => self.step(-(self.page() as isize), effects),
            Action::Top => self.step(isize::MIN / 2, effects),
            Action::Bottom => self.step(isize::MAX / 2, effects),
            Action::Open => {
                if self.focus == Focus::List && self.list.current().is_some() {
                    self.pane.open = true;
                    self.focus = Focus::Text;
                    self.lay_out(effects);
                    self.follow_cursor(effects);
                }
            }
            Action::Close => {
                let was_open = self.pane.open;
                self.pane.close();
                self.focus = Focus::List;
                if was_open {
                    self.lay_out(effects);
                }
            }
            Action::Focus => {
                self.focus = match (self.focus, self.pane.open) {
                    (_, false) => Focus::List,
                    (Focus::List, true) => Focus::Text,
                    (Focus::Text, true) => Focus::Summary,
                    (Focus::Summary, true) => Focus::List,
                };
                if self.focus == Focus::Summary
                    && let Some(reading) = &mut self.pane.reading
                {
                    reading.select_first(&self.locale);
                }
            }
            Action::PlaceFilter => self.open_picker(Facet::Place, effects),
            Action::ActorFilter => self.open_picker(Facet::Actor, effects),
            Action::EventFilter => self.open_picker(Facet::Event, effects),
            Action::FeedFilter => self.open_picker(Facet::Feed, effects),
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.refilter(effects);
            }
            Action::Search => {
                let current = self.filters.filter.search.clone().unwrap_or_default();
                self.overlay = Overlay::Search(Input::new(current));
            }
            Action::UnreadOnly => {
                self.filters.filter.unread_only = !self.filters.filter.unread_only;
                self.refilter(effects);
            }
            Action::StarredOnly => {
                self.filters.filter.starred_only = !self.filters.filter.starred_only;
                self.refilter(effects);
            }
            Action::ToggleRead => {
                if let Some(row) = self.list.current_mut() {
                    row.read = !row.read;
                    effects.push(Effect::Query(Request::SetRead(row.id, row.read)));
                }
            }
            Action::Star => {
                if let Some(row) = self.list.current_mut() {
                    row.starred = !row.starred;
                    effects.push(Effect::Query(Request::SetStarred(row.id, row.starred)));
                }
            }
            Action::OpenLink => effects.extend(self.link_to_open()),
            Action::Refresh => {
                if !self.refresh.running {
                    self.refresh.begin();
                    effects.push(Effect::Refresh);
                }
            }
            Action::Help => self.overlay = Overlay::Help,
        }
    }

    /// The link of the open article (or the one under the cursor), when it is http(s).
    fn link_to_open(&mut self) -> Option<Effect> {
        let link = match &self.pane.reading {
            Some(reading) if self.pane.open => reading.article.row.link.clone(),
            _ => self.list.current().and_then(|r| r.link.clone()),
        }?;
        let safe = link.trim();
        let lower = safe.to_ascii_lowercase();
        let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
            && !safe.chars().any(|c| c.is_control() || c.is_whitespace());
        if ok {
            Some(Effect::OpenLink(safe.to_string()))
        } else {
            self.notice = Some(self.locale.lang.labels().bad_link.to_string());
            None
        }
    }

    /// Moves the cursor, or scrolls the text, or selects a summary item, by `delta`.
    fn step(&mut self, delta: isize, effects: &mut Vec<Effect>) {
        match (self.focus, &mut self.pane.reading) {
            (Focus::Text, Some(reading)) => reading.scroll_by(delta),
            (Focus::Summary, Some(reading)) => reading.select_by(delta, &self.locale),
            _ => {
                let rows = self.list.step(delta, &self.filters.filter);
                effects.extend(rows.map(Effect::Query));
                self.follow_cursor(effects);
            }
        }
    }

    /// Rows per page of the pane in focus.
    fn page(&self) -> usize {
        match self.focus {
            Focus::Text => self.screen.text_size().1.max(2) - 1,
            Focus::List | Focus::Summary => self.list.page(),
        }
    }

    /// With the reading pane open, asks for the article under the cursor if it is not the
    /// one shown (or asked for) already.
    fn follow_cursor(&mut self, effects: &mut Vec<Effect>) {
        let id = self.list.current().map(|r| r.id);
        effects.extend(self.pane.follow(id).map(Effect::Query));
    }

    /// Opens the picker of one facet; its values, counted under the other active filters,
    /// come from the database thread.
    fn open_picker(&mut self, facet: Facet, effects: &mut Vec<Effect>) {
        effects.push(Effect::Query(Request::Facet {
            facet,
            filter: self.filters.without(facet),
            limit: Picker::LIMIT,
        }));
        self.overlay = Overlay::Picker(Picker::new(facet));
    }

    /// Asks for the list from the top after a filter change; the old list and the reading
    /// pane are gone at once.
    fn refilter(&mut self, effects: &mut Vec<Effect>) {
        self.focus = Focus::List;
        self.pane.close();
        self.list.reset();
        self.lay_out(effects);
    }
}
