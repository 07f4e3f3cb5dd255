//! The reader: a ratatui app over the local database. [`run`] opens it in the terminal;
//! [`App`] is its state, drivable without a terminal ([`App::handle_key`], [`App::draw`]).
//!
//! Right-to-left text is laid out by [`bidi`] (wrap in logical order, reorder each line by
//! grapheme cluster, mirror brackets, right-align), unless `[display] bidi` leaves it to the
//! terminal. The reader only reads through [`khabar_store`]; refreshes run in the background
//! through [`crate::refresh`].

mod app;
pub mod bidi;
mod data;
pub mod keys;
mod labels;
mod picker;
mod reading;
mod run;
mod theme;
mod view;

pub use app::{App, Command};
pub use run::run;
