//! The two sides of [`App::update`](super::App::update): what happens to the reader
//! ([`Event`]) and what it asks of the world in return ([`Effect`]).

use super::data::{Reply, Request};
use super::keys::Action;
use crate::refresh::RefreshEvent;
use crossterm::event::KeyEvent;

/// Everything that can happen to the reader. The runner turns the terminal's input, the
/// database's answers and the refresh's progress into events; tests send them directly.
#[derive(Debug)]
pub enum Event {
    /// The terminal's size in cells (columns, rows), before the first frame and after each
    /// resize: the screen is laid out, the open article wrapped to its pane, and the rows the
    /// list shows are asked for. The same size again changes nothing.
    Resize(u16, u16),
    /// A key from the terminal (releases and repeats are ignored).
    Key(KeyEvent),
    /// A bound action, as if its key had been pressed with no overlay open (the runner starts
    /// the first refresh with [`Action::Refresh`]).
    Action(Action),
    /// An answer of the database thread.
    Data(Reply),
    /// Progress of the refresh running in the background.
    Refresh(RefreshEvent),
    /// The refresh could not run at all, for this reason.
    RefreshFailed(String),
    /// A link could not be opened.
    OpenFailed {
        /// The link.
        url: String,
        /// Why.
        error: String,
    },
}

/// What an update asks of the world beyond the reader's own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// A question or a mark for the database thread; answers come back as [`Event::Data`].
    Query(Request),
    /// Open this http(s) URL in the browser.
    OpenLink(String),
    /// Start a refresh of every feed; its progress comes back as [`Event::Refresh`].
    Refresh,
    /// Leave the reader.
    Quit,
}
