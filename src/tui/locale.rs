//! How the reader shows text: the language of its labels, who orders right-to-left text, and
//! the offset times are shown at.

use super::bidi::{Base, Order};
use crate::config::{BidiMode, Config, Lang};
use chrono::{FixedOffset, Offset};

/// How text is shown, from `[display]`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Locale {
    /// The language of the labels.
    pub lang: Lang,
    /// Whether the app reorders RTL text (`bidi = "app"`).
    pub order: Order,
    /// The offset article times are shown at.
    pub utc_offset: FixedOffset,
}

impl Locale {
    /// As `[display]` says, times at the local offset.
    pub fn new(config: &Config) -> Locale {
        let order = match config.display.bidi {
            BidiMode::App => Order::Visual,
            BidiMode::Terminal | BidiMode::Off => Order::Logical,
        };
        Locale {
            lang: config.display.lang,
            order,
            utc_offset: chrono::Local::now().offset().fix(),
        }
    }

    /// The base direction of the reader's own labels.
    pub fn ui_base(&self) -> Base {
        match self.lang {
            Lang::Ar => Base::Rtl,
            Lang::En => Base::Auto,
        }
    }

    /// Whether columns run from the right (Arabic labels, the app doing the layout).
    pub fn columns_from_right(&self) -> bool {
        self.lang == Lang::Ar && self.order == Order::Visual
    }
}
