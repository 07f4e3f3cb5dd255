//! khabar (خبر): a terminal reader for Arabic news.
//!
//! The rooms, each with one door: [`extract`] turns a text into a [`extract::Summary`];
//! [`feeds`] turns a URL into parsed articles; [`store`] owns every SQL string; [`refresh`]
//! runs feeds → engine → store; [`tui`] is the reader. Data flows one way.

pub mod config;
pub mod extract;
pub mod feeds;
pub mod refresh;
pub mod sanitize;
pub mod store;
pub mod tui;
