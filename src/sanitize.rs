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
    if !has_unsafe(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter_map(visible).collect())
}

/// Does the text hold an [`is_unsafe`] character? The same answer as asking each
/// char, read byte by byte (exports run every answer through it): the unsafe chars
/// are C0 and DEL (one byte), C1 (`C2 80`–`C2 9F`) and the bidi controls (`E2 80
/// AA`–`E2 80 AE`, `E2 81 A6`–`E2 81 A9`).
pub fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    if byte_kinds_in(bytes, &UNSAFE_KINDS) == 0 {
        return false;
    }
    let mut at = 0;
    while let Some(skip) = bytes[at..]
        .iter()
        .position(|&b| UNSAFE_KINDS[b as usize] != 0)
    {
        at += skip;
        let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
        let unsafe_here = match bytes[at] {
            b'\n' | b'\t' => false,
            0xC2 => (0x80..=0x9F).contains(&next(1)),
            0xE2 => {
                (next(1) == 0x80 && (0xAA..=0xAE).contains(&next(2)))
                    || (next(1) == 0x81 && (0xA6..=0xA9).contains(&next(2)))
            }
            _ => true,
        };
        if unsafe_here {
            return true;
        }
        at += 1;
    }
    false
}

/// Which bytes `any_byte` looks for: a bit per kind, set for each byte of that kind.
pub type ByteKinds = [u8; 256];

/// The bytes that may start an [`is_unsafe`] char (see `has_unsafe`).
pub const MAYBE_UNSAFE: u8 = 1;

/// `table` with `kind` also set for each of `bytes`.
pub const fn with_kind(mut table: ByteKinds, kind: u8, bytes: &[u8]) -> ByteKinds {
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] |= kind;
        i += 1;
    }
    table
}

/// The bytes that may start an unsafe char: C0, DEL, and the lead bytes of C1 and of
/// the bidi controls.
pub const UNSAFE_KINDS: ByteKinds = {
    let mut table = with_kind([0; 256], MAYBE_UNSAFE, &[0x7F, 0xC2, 0xE2]);
    let mut b = 0;
    while b < 0x20 {
        table[b] |= MAYBE_UNSAFE;
        b += 1;
    }
    table
};

/// The kinds of byte (bits of `table`) the bytes hold, by one table load per byte and
/// no branch: the scan every exported answer goes through.
pub fn byte_kinds_in(bytes: &[u8], table: &ByteKinds) -> u8 {
    let mut blocks = bytes.chunks_exact(8);
    let mut found = 0;
    for block in &mut blocks {
        for &b in block {
            found |= table[b as usize];
        }
    }
    for &b in blocks.remainder() {
        found |= table[b as usize];
    }
    found
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

    #[test]
    fn the_byte_scan_agrees_with_asking_each_char() {
        // Every char near the edges of the unsafe ranges, alone and between others.
        let edges = (0u32..0x300)
            .chain(0x2000..0x2100)
            .chain([0xFEFF, 0xFFFD, 0x1F600]);
        for code in edges {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for text in [c.to_string(), format!("a{c}b"), format!("é{c}ü")] {
                assert_eq!(
                    has_unsafe(&text),
                    text.chars().any(is_unsafe),
                    "U+{code:04X} in {text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_agrees_on_any_text(text in "\\PC*|.*") {
            proptest::prop_assert_eq!(has_unsafe(&text), text.chars().any(is_unsafe));
        }
    }
}
