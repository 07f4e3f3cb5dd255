//! The reader: a ratatui app over the local database, built as update and view.
//!
//! [`App`] is the reader's state, split into the parts it holds (the screen's layout, the
//! filters, the list window, the reading pane, the overlay, the refresh progress). Every
//! [`Event`] — a key, a resize, an answer of the database, the progress of a refresh — goes
//! through [`App::update`], which changes the state and returns the [`Effect`]s it asks for:
//! queries for the [`Database`] thread, a link to open, a refresh to start, quitting.
//! [`App::draw`] only reads the state: sizes are laid out by the update of
//! [`Event::Resize`], never by drawing. [`run`] drives it all in a real terminal; tests send
//! events and draw on a test backend.
//!
//! Right-to-left text is laid out by [`bidi`] (wrap in logical order, reorder each line by
//! grapheme cluster, mirror brackets, right-align), unless `[display] bidi` leaves it to the
//! terminal. The reader only reads through [`khabar_store`]; refreshes run in the background
//! through [`crate::refresh`].

mod app;
pub mod bidi;
mod data;
mod event;
mod filters;
pub mod keys;
mod labels;
mod layout;
mod list;
mod locale;
mod overlay;
mod picker;
mod progress;
mod reading;
mod run;
mod theme;
mod view;

pub use app::App;
pub use data::{Database, Reply, Request};
pub use event::{Effect, Event};
pub use run::run;
