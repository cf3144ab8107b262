//! How one grapheme is shown: how many cells it takes and what is drawn for it.
//! Tabs, control, bidi and zero-width characters get visible stand-ins of known width.

use unicode_width::UnicodeWidthStr;

/// Tabs expand to the next multiple of this many columns.
pub const TAB_STOP: usize = 4;
/// Drawn for C1 controls, bidi controls and line/paragraph separators.
pub const REPLACEMENT: &str = "\u{FFFD}";
/// A zero-width grapheme (a lone combining mark, ZWSP...) is drawn on this base.
const DOTTED_CIRCLE: char = '\u{25CC}';

/// What a grapheme means to the wrapper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// '\n': ends the logical line.
    Newline,
    /// A space a row may break after; it hangs at the end of the row.
    Space,
    /// Anything else: part of a word.
    Other,
}

pub fn kind(g: &str) -> Kind {
    if let [b] = g.as_bytes() {
        return match b {
            b'\n' => Kind::Newline,
            b' ' | b'\t' => Kind::Space,
            _ => Kind::Other,
        };
    }
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        (Some('\n'), None) => Kind::Newline,
        (Some(c), None) if is_break_space(c) => Kind::Space,
        _ => Kind::Other,
    }
}

/// Breakable whitespace: not the no-break spaces, and not the separators, which
/// are hidden characters shown as a stand-in.
fn is_break_space(c: char) -> bool {
    c == ' '
        || c == '\t'
        || (c.is_whitespace() && !is_hidden(c) && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// Characters that never reach the terminal as they are: C0 and C1 controls other
/// than '\n' and '\t', DEL, the bidi embeddings, overrides, isolates and marks
/// (which would reorder what follows them on screen), and the Unicode line and
/// paragraph separators (which some terminals treat as line breaks).
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{b}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// Cells taken by grapheme `g` when it starts at column `col` of its row.
/// Never 0 except for '\n': every position the cursor can take has a cell.
pub fn width(g: &str, col: usize) -> usize {
    if let [b] = g.as_bytes() {
        return match *b {
            b'\t' => TAB_STOP - col % TAB_STOP,
            b'\n' => 0,
            0..=0x1f | 0x7f => 2,
            _ => 1,
        };
    }
    if g.chars().any(is_hidden) {
        return 1;
    }
    cell_width(g).max(1)
}

/// What ratatui's buffer counts for a symbol: unicode-width, plus one for each
/// halfwidth (semi-)voiced sound mark, which terminals draw in a cell of its own.
fn cell_width(g: &str) -> usize {
    g.width()
        + g.chars()
            .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
            .count()
}

/// Appends to `out` what is drawn for `g` at column `col` and calls `each` with
/// (start, end in `out`, cells) for every symbol, left to right: one symbol for
/// most graphemes, one per cell for a tab (spaces) and a control (^ and a letter).
pub fn display(g: &str, col: usize, out: &mut String, mut each: impl FnMut(usize, usize, usize)) {
    let start = out.len();
    if let [b] = g.as_bytes() {
        match *b {
            b'\t' => {
                for i in 0..width(g, col) {
                    out.push(' ');
                    each(start + i, start + i + 1, 1);
                }
                return;
            }
            b'\n' => return,
            b' '..=b'~' => {
                out.push(char::from(*b));
                each(start, start + 1, 1);
                return;
            }
            0..=0x1f | 0x7f => {
                // Caret notation, as terminals and `cat -v` show controls: ^[ for ESC.
                out.push('^');
                out.push(char::from(*b ^ 0x40));
                each(start, start + 1, 1);
                each(start + 1, start + 2, 1);
                return;
            }
            _ => {}
        }
    }
    let w = width(g, col);
    if g.chars().any(is_hidden) {
        out.push_str(REPLACEMENT);
    } else if cell_width(g) == 0 {
        out.push(DOTTED_CIRCLE);
        out.push_str(g);
    } else {
        out.push_str(g);
    }
    each(start, out.len(), w);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(g: &str) -> (String, usize) {
        let mut out = String::new();
        let mut cells = 0;
        display(g, 0, &mut out, |_, _, w| cells += w);
        (out, cells)
    }

    #[test]
    fn stand_ins_keep_their_width() {
        assert_eq!(shown("\u{1b}"), ("^[".to_string(), 2));
        assert_eq!(shown("\u{7f}"), ("^?".to_string(), 2));
        assert_eq!(shown("\u{0}"), ("^@".to_string(), 2));
        assert_eq!(shown("\u{9b}"), (REPLACEMENT.to_string(), 1));
        assert_eq!(shown("\u{202e}"), (REPLACEMENT.to_string(), 1));
        assert_eq!(shown("\u{2067}"), (REPLACEMENT.to_string(), 1));
        assert_eq!(shown("\u{301}"), ("\u{25cc}\u{301}".to_string(), 1));
        assert_eq!(shown("漢"), ("漢".to_string(), 2));
        assert_eq!(shown("\t"), ("    ".to_string(), 4));
    }

    #[test]
    fn tabs_stop_at_multiples_of_four() {
        assert_eq!(width("\t", 0), 4);
        assert_eq!(width("\t", 1), 3);
        assert_eq!(width("\t", 3), 1);
        assert_eq!(width("\t", 4), 4);
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("\n"), Kind::Newline);
        assert_eq!(kind(" "), Kind::Space);
        assert_eq!(kind("\t"), Kind::Space);
        assert_eq!(kind("\u{a0}"), Kind::Other);
        assert_eq!(kind("\u{2028}"), Kind::Other);
        assert_eq!(kind("a"), Kind::Other);
    }
}
