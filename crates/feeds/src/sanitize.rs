//! Text from a feed is hostile until cleaned. [`sanitize`] removes what could act on a terminal
//! or reorder what a reader sees: C0/C1 controls (tab and newline kept), escape sequences whose
//! introducer survived as a char (ESC, CSI, OSC), and bidi override/embedding/isolate chars.

/// Whether `c` is a bidi control that can hide or reorder text (LRE RLE PDF LRO RLO, isolates).
fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is a control char other than tab and newline.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || c == '\u{FFF9}'
        || c == '\u{FFFA}'
        || c == '\u{FFFB}'
}

/// Removes controls, escape sequences and bidi overrides; `\r\n` and `\r` become `\n`.
///
/// An ESC (or the C1 CSI/OSC) together with the sequence it introduces is removed whole, so
/// `ESC ] 52 ; c ; ... BEL` leaves nothing behind, not a readable `]52;c;...`.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{1B}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(_) => {
                    chars.next();
                }
                None => {}
            },
            '\u{9B}' => skip_csi(&mut chars),
            '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            c if is_control(c) || is_bidi_override(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Skips the parameters and final byte of a CSI sequence.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7E}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3F}').contains(&c) {
            break;
        }
    }
}

/// Skips an OSC/DCS/PM/APC string up to BEL, ST (`ESC \`) or the C1 ST.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9C}' => break,
            '\u{1B}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            '\n' => break,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn escape_sequences_vanish_whole() {
        assert_eq!(sanitize("a\u{1B}[31mred\u{1B}[0m"), "ared");
        assert_eq!(sanitize("x\u{1B}]52;c;ZXZpbA==\u{07}y"), "xy");
        assert_eq!(sanitize("x\u{1B}]0;title\u{1B}\\y"), "xy");
        assert_eq!(sanitize("x\u{9B}2Jy"), "xy");
    }

    #[test]
    fn controls_and_bidi_overrides_go_newlines_stay() {
        assert_eq!(
            sanitize("حمص\u{202E}txt.exe\u{202C}\u{0}\u{7}"),
            "حمصtxt.exe"
        );
        assert_eq!(sanitize("a\r\nb\rc\td"), "a\nb\nc\td");
    }

    #[test]
    fn arabic_text_and_marks_survive() {
        let t = "مُحَمَّد \u{200F}400 مقاتل";
        assert_eq!(sanitize(t), t);
    }
}
