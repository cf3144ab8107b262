//! Nothing untrusted reaches a terminal raw: text from the journal, an import file, a
//! content pack or settings is cleaned of control and bidi-override characters first.

use std::borrow::Cow;

/// Would printing this character let text take over a terminal: move the cursor,
/// reset the screen, set the title (C0 and C1 controls, DEL), or reorder the rest of
/// the line (bidi embeddings, overrides and isolates)? Newline and tab are fine.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// Bidi embeddings, overrides and isolates: they reorder text after them, up to the
/// end of the line, beyond the answer they came in.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text as it may be printed: each C0 control shows as its Control Picture (ESC as
/// ␛), DEL as ␡, a C1 control as �, and bidi controls are left out (they carry no
/// words). Unchanged text is not copied.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter_map(visible).collect())
}

/// What an unsafe character is shown as, or None to leave it out.
pub fn visible(c: char) -> Option<char> {
    if !is_unsafe(c) {
        return Some(c);
    }
    match c as u32 {
        code @ 0x00..=0x1F => char::from_u32(0x2400 + code),
        0x7F => Some('\u{2421}'),
        _ if is_bidi_control(c) => None,
        _ => Some('\u{FFFD}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_overrides_go() {
        assert_eq!(
            for_terminal("a\u{1b}c\u{7}\u{9b}2J\u{202E}x\u{7f}"),
            "a␛c␇�2Jx␡"
        );
        assert_eq!(for_terminal("line\n\ttab"), "line\n\ttab");
        assert!(matches!(for_terminal("plain é ✓"), Cow::Borrowed(_)));
    }
}
