//! What is drawn over the panes (the help, a picker of filter values, the search prompt), and
//! what a key does while it is open.

use super::keys::{Action, KeyMap};
use super::picker::Picker;
use crossterm::event::{KeyCode, KeyEvent};
use khabar_store::Facet;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// The overlay.
#[derive(Default)]
pub(super) enum Overlay {
    /// Nothing.
    #[default]
    None,
    /// The key list.
    Help,
    /// A fuzzy picker of filter values.
    Picker(Picker),
    /// The search prompt.
    Search(Input),
}

/// What a key in an open overlay decided.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    /// The overlay stays open (its query edited, its highlight moved).
    Open,
    /// It closed without a choice.
    Closed,
    /// A picker's value was chosen: its facet, key and label.
    Chosen(Facet, String, String),
    /// A search was entered (`None`: an empty query, which clears the search).
    Searched(Option<String>),
    /// Quit, from the help.
    Quit,
}

impl Overlay {
    /// Takes a key; `None` when no overlay is open (the key is the app's). The overlay closes
    /// itself unless the outcome is [`Outcome::Open`].
    pub fn key(&mut self, key: KeyEvent, keys: &KeyMap) -> Option<Outcome> {
        let outcome = match self {
            Overlay::None => return None,
            // Any key closes the help; quit still quits.
            Overlay::Help => match keys.action(&key) {
                Some(Action::Quit) => Outcome::Quit,
                _ => Outcome::Closed,
            },
            Overlay::Picker(picker) => picker_key(picker, key),
            Overlay::Search(input) => search_key(input, key),
        };
        if outcome != Outcome::Open {
            *self = Overlay::None;
        }
        Some(outcome)
    }
}

/// A key in the picker: Enter chooses the value, Esc closes, the rest edits the query.
fn picker_key(picker: &mut Picker, key: KeyEvent) -> Outcome {
    match key.code {
        KeyCode::Esc => return Outcome::Closed,
        KeyCode::Enter => {
            return match picker.chosen() {
                Some((value, label)) => {
                    Outcome::Chosen(picker.facet, value.key.clone(), label.to_string())
                }
                None => Outcome::Closed,
            };
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
    Outcome::Open
}

/// A key in the search prompt: Enter searches, Esc closes, the rest edits the query.
fn search_key(input: &mut Input, key: KeyEvent) -> Outcome {
    match key.code {
        KeyCode::Esc => Outcome::Closed,
        KeyCode::Enter => {
            let query = input.value().trim().to_string();
            Outcome::Searched((!query.is_empty()).then_some(query))
        }
        _ => {
            input.handle_event(&crossterm::event::Event::Key(key));
            Outcome::Open
        }
    }
}
