//! The reader.

pub mod bidi;
pub mod keys;
