//! Arabic folding: the one normal form used for matching everywhere (engine lexicons, place and
//! actor filters, full-text search, the TUI's pickers).
//!
//! Harakat, tatweel and bidi marks are dropped; alef forms become ا, ى becomes ي, ة becomes ه,
//! hamza seats ؤ ئ become و ي; Arabic-Indic and Persian digits become ASCII digits;
//! presentation forms are decomposed (NFKC); Latin is lower-cased.

use unicode_normalization::UnicodeNormalization;

/// Folds one char: `None` when it is dropped (harakat, tatweel, bidi marks).
/// Presentation forms are not handled here (they may expand to two chars): see [`fold_into`].
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '٫' => '.',
        '٬' => ',',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    })
}

/// Whether `c` is an Arabic presentation form or another compatibility char that NFKC rewrites.
fn needs_nfkc(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF01}'..='\u{FF5E}')
}

/// Folds `c` and pushes the result (zero, one or more chars) onto `out`.
pub fn fold_into(c: char, out: &mut String) {
    if needs_nfkc(c) {
        for d in std::iter::once(c).nfkc() {
            out.extend(fold_char(d));
        }
    } else {
        out.extend(fold_char(c));
    }
}

/// Folds a whole string.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_into(c, &mut out);
    }
    out
}

/// `s` without its first `n` chars that survive folding (harakat and tatweel skipped over).
pub fn skip_folded(s: &str, n: usize) -> &str {
    let mut seen = 0;
    for (b, c) in s.char_indices() {
        if seen == n {
            return s[b..].trim_start_matches(|c| fold_char(c).is_none());
        }
        if fold_char(c).is_some() {
            seen += 1;
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn alef_forms_and_harakat_fold_together() {
        assert_eq!(fold("إدلب"), fold("ادلب"));
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("مـــدينة"), "مدينه");
        assert_eq!(fold("مستشفى"), "مستشفي");
    }

    #[test]
    fn digits_become_ascii() {
        assert_eq!(fold("١٢٣ و۴۵"), "123 و45");
        assert_eq!(fold("١٫٥"), "1.5");
    }

    #[test]
    fn presentation_forms_and_bidi_marks() {
        assert_eq!(fold("\u{FEFB}"), "لا");
        assert_eq!(fold("\u{202B}حمص\u{202C}"), "حمص");
    }
}
