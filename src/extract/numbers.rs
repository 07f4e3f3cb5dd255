//! HOW MANY: the number grammar over digits and words, ranges, bounds, vague counts, money and
//! percentages, with the counted noun attached.

use super::Quantity;
use super::text::Doc;

/// The quantities of a text, in text order.
pub fn quantities(_doc: &Doc) -> Vec<Quantity> {
    Vec::new()
}
