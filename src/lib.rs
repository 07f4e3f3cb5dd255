//! khabar (خبر): a terminal reader for Arabic news. This crate is the `khabar` binary's library:
//! the configuration file ([`config`]), one refresh of every feed ([`refresh`]: feeds → engine →
//! store) and the reader ([`tui`]).
//!
//! The rooms it builds on are crates of their own, each with one door, data flowing one way:
//! `khabar-feeds` turns a URL into parsed articles, `khabar-extract` (the engine) turns an
//! article into a summary, `khabar-store` keeps both in SQLite and owns every SQL string. The
//! reader reads through the store and never touches HTTP or SQL itself.

pub mod config;
pub mod refresh;
pub mod tui;
