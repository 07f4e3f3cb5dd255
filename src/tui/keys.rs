//! Key bindings: the reader's actions, their default keys, and the `[keys]` table of the
//! configuration (`action = "key"`) that remaps them.

use anyhow::{Context, bail};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

/// Everything a key can do in the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Next article, line or summary item.
    Down,
    /// Previous article, line or summary item.
    Up,
    /// One screen down.
    PageDown,
    /// One screen up.
    PageUp,
    /// The first article.
    Top,
    /// The last article.
    Bottom,
    /// Open the article under the cursor in the reading pane.
    Open,
    /// Close the reading pane, an overlay or a prompt.
    Close,
    /// Move focus: list → text → summary.
    Focus,
    /// Pick a place to filter by.
    PlaceFilter,
    /// Pick an actor to filter by.
    ActorFilter,
    /// Pick an event type to filter by.
    EventFilter,
    /// Pick a feed to filter by.
    FeedFilter,
    /// Clear every filter.
    ClearFilters,
    /// Full-text search.
    Search,
    /// Show unread articles only (toggle).
    UnreadOnly,
    /// Show starred articles only (toggle).
    StarredOnly,
    /// Mark the article read or unread.
    ToggleRead,
    /// Star or unstar the article.
    Star,
    /// Open the article's link in the browser.
    OpenLink,
    /// Refresh the feeds now.
    Refresh,
    /// Show or hide the help overlay.
    Help,
    /// Leave the reader.
    Quit,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 23] = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Close,
        Action::Focus,
        Action::PlaceFilter,
        Action::ActorFilter,
        Action::EventFilter,
        Action::FeedFilter,
        Action::ClearFilters,
        Action::Search,
        Action::UnreadOnly,
        Action::StarredOnly,
        Action::ToggleRead,
        Action::Star,
        Action::OpenLink,
        Action::Refresh,
        Action::Help,
        Action::Quit,
    ];

    /// The name used in `[keys]` (`place_filter`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Close => "close",
            Action::Focus => "focus",
            Action::PlaceFilter => "place_filter",
            Action::ActorFilter => "actor_filter",
            Action::EventFilter => "event_filter",
            Action::FeedFilter => "feed_filter",
            Action::ClearFilters => "clear_filters",
            Action::Search => "search",
            Action::UnreadOnly => "unread_only",
            Action::StarredOnly => "starred_only",
            Action::ToggleRead => "toggle_read",
            Action::Star => "star",
            Action::OpenLink => "open_link",
            Action::Refresh => "refresh",
            Action::Help => "help",
            Action::Quit => "quit",
        }
    }

    /// The default key, in `[keys]` notation.
    fn default_key(self) -> &'static str {
        match self {
            Action::Down => "j",
            Action::Up => "k",
            Action::PageDown => "pagedown",
            Action::PageUp => "pageup",
            Action::Top => "g",
            Action::Bottom => "G",
            Action::Open => "enter",
            Action::Close => "esc",
            Action::Focus => "tab",
            Action::PlaceFilter => "p",
            Action::ActorFilter => "a",
            Action::EventFilter => "e",
            Action::FeedFilter => "f",
            Action::ClearFilters => "c",
            Action::Search => "/",
            Action::UnreadOnly => "u",
            Action::StarredOnly => "S",
            Action::ToggleRead => "m",
            Action::Star => "s",
            Action::OpenLink => "o",
            Action::Refresh => "r",
            Action::Help => "?",
            Action::Quit => "q",
        }
    }

    /// Keys that always work besides the configurable one (arrows and the like).
    fn fixed_keys(self) -> &'static [KeyCode] {
        match self {
            Action::Down => &[KeyCode::Down],
            Action::Up => &[KeyCode::Up],
            Action::Top => &[KeyCode::Home],
            Action::Bottom => &[KeyCode::End],
            _ => &[],
        }
    }
}

/// A key with its modifiers, as written in `[keys]` (`q`, `enter`, `ctrl-r`, `F5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl Key {
    /// Parses `[keys]` notation.
    pub fn parse(spec: &str) -> anyhow::Result<Key> {
        let mut rest = spec.trim();
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 2 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "delete" => KeyCode::Delete,
                f if f.starts_with('f') => KeyCode::F(
                    f[1..]
                        .parse()
                        .ok()
                        .filter(|n| (1..=24).contains(n))
                        .with_context(|| format!("unknown key {spec:?}"))?,
                ),
                _ => bail!(
                    "unknown key {spec:?} (a single character, or enter, esc, tab, space, up, down, pageup, pagedown, home, end, f1-f24, with ctrl- or alt-)"
                ),
            },
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key of a terminal event (shift folded into the character).
    fn of_event(event: &KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// How the help overlay shows the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "BackTab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// The bindings in force: defaults overridden by `[keys]`.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<(Key, Action)>,
}

impl KeyMap {
    /// The defaults, with the `[keys]` table (`action name -> key`) applied. Unknown action
    /// names, unknown keys and two actions on one key are errors.
    pub fn new(overrides: &BTreeMap<String, String>) -> anyhow::Result<KeyMap> {
        let mut primary: BTreeMap<Action, Key> = Action::ALL
            .iter()
            .map(|&a| Ok((a, Key::parse(a.default_key())?)))
            .collect::<anyhow::Result<_>>()?;
        for (name, spec) in overrides {
            let action = Action::ALL
                .into_iter()
                .find(|a| a.name() == name)
                .with_context(|| format!("[keys]: unknown action {name:?}"))?;
            let key = Key::parse(spec).with_context(|| format!("[keys] {name}"))?;
            primary.insert(action, key);
        }
        let mut bindings: Vec<(Key, Action)> = Vec::new();
        for (&action, &key) in &primary {
            if let Some((_, other)) = bindings.iter().find(|(k, _)| *k == key) {
                bail!(
                    "[keys]: {} and {} are both bound to {:?}",
                    other.name(),
                    action.name(),
                    key.label()
                );
            }
            bindings.push((key, action));
        }
        for action in Action::ALL {
            for &code in action.fixed_keys() {
                let key = Key {
                    code,
                    ctrl: false,
                    alt: false,
                };
                if !bindings.iter().any(|(k, _)| *k == key) {
                    bindings.push((key, action));
                }
            }
        }
        Ok(KeyMap { bindings })
    }

    /// The action bound to a key press, if any.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        let key = Key::of_event(event);
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, action)| action)
    }

    /// The keys of an action, for the help overlay and the hints (`j/↓`).
    pub fn keys_of(&self, action: Action) -> String {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| k.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn defaults_and_arrows() {
        let keys = KeyMap::new(&BTreeMap::new()).unwrap();
        assert_eq!(keys.action(&press(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(keys.action(&press(KeyCode::Down)), Some(Action::Down));
        assert_eq!(keys.action(&press(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(keys.action(&press(KeyCode::Enter)), Some(Action::Open));
        assert_eq!(keys.keys_of(Action::Down), "j/↓");
    }

    #[test]
    fn remapping_replaces_the_default_key() {
        let overrides = BTreeMap::from([
            ("quit".to_string(), "x".to_string()),
            ("refresh".to_string(), "ctrl-r".to_string()),
        ]);
        let keys = KeyMap::new(&overrides).unwrap();
        assert_eq!(keys.action(&press(KeyCode::Char('x'))), Some(Action::Quit));
        assert_eq!(keys.action(&press(KeyCode::Char('q'))), None);
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(keys.action(&ctrl_r), Some(Action::Refresh));
        assert_eq!(keys.action(&press(KeyCode::Char('r'))), None);
    }

    #[test]
    fn bad_tables_are_clear_errors() {
        let unknown = BTreeMap::from([("fly".to_string(), "x".to_string())]);
        assert!(
            KeyMap::new(&unknown)
                .unwrap_err()
                .to_string()
                .contains("fly")
        );
        let clash = BTreeMap::from([("quit".to_string(), "j".to_string())]);
        let err = KeyMap::new(&clash).unwrap_err().to_string();
        assert!(err.contains("down") && err.contains("quit"), "{err}");
        let bad_key = BTreeMap::from([("quit".to_string(), "hyper".to_string())]);
        assert!(KeyMap::new(&bad_key).is_err());
    }
}
