//! The character rules of FTS5's unicode61 tokenizer, function by function from
//! fts5_unicode2.c: which characters make tokens, case folding, diacritic removal.

use super::tables::{
    CATEGORY_BLOCKS, CATEGORY_DATA, CATEGORY_STARTS, DIACRITIC_BASE, DIACRITIC_KEYS, FOLD_OFFSETS,
    FOLD_RULES,
};

/// The categories that make token characters: "L* N* Co" (the default `categories`), plus
/// category 0, which `sqlite3Fts5UnicodeCatParse` always sets. Category 0 is every code
/// point missing from the tables, which are Unicode 6.1's: so characters assigned since
/// (skin-tone modifiers, most emoji after 2012, the bidi isolates U+2066..U+2069) and all
/// of planes 3 to 13 and 16 are token characters.
const TOKEN_CATEGORIES: u32 = 1 << 0 // not in the tables
    | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 8 | 1 << 9 | 1 << 30 // Ll Lm Lo Lt Lu LC
    | 1 << 13 | 1 << 14 | 1 << 15 // Nd Nl No
    | 1 << 31; // Co

/// `fts5UnicodeIsAlnum`, and the ASCII table `sqlite3Fts5UnicodeAscii` builds from the same
/// categories, in which NUL is never a token character.
pub(super) fn is_token_char(code: u32) -> bool {
    code != 0 && TOKEN_CATEGORIES & (1 << category(code)) != 0
}

/// `sqlite3Fts5UnicodeCategory`: the category index of a code point (see CatParse for the
/// numbering), from runs of (start, length << 5 | category) per 64K plane.
fn category(code: u32) -> u32 {
    let plane = (code >> 16) as usize;
    let (Some(&lo), Some(&hi)) = (CATEGORY_BLOCKS.get(plane), CATEGORY_BLOCKS.get(plane + 1))
    else {
        return 0; // beyond plane 15
    };
    let key = code & 0xFFFF;
    let starts = CATEGORY_STARTS
        .get(usize::from(lo)..usize::from(hi))
        .unwrap_or_default();
    let Some(run) = starts
        .partition_point(|&s| u32::from(s) <= key)
        .checked_sub(1)
    else {
        return 0;
    };
    let start = u32::from(starts[run]);
    let data = u32::from(CATEGORY_DATA[usize::from(lo) + run]);
    if key >= start + (data >> 5) {
        return 0;
    }
    match data & 0x1F {
        // LC: a run alternating upper (Lu, 9) and lower (Ll, 5) case, upper first.
        30 if (key - start) & 1 == 1 => 5,
        30 => 9,
        category => category,
    }
}

/// `sqlite3Fts5UnicodeIsdiacritic`: the combining marks among U+0300..U+0331 that
/// remove_diacritics knows. They continue a token, and folding drops them.
pub(super) fn is_diacritic(code: u32) -> bool {
    const LOW: u32 = 0x0802_9FDF; // U+0300..U+031F
    const HIGH: u32 = 0x0003_61F8; // U+0320..U+0331
    match code {
        768..800 => LOW & (1 << (code - 768)) != 0,
        800..=817 => HIGH & (1 << (code - 800)) != 0,
        _ => false,
    }
}

/// `sqlite3Fts5UnicodeFold` with remove_diacritics=2: simple (one code point) case folding,
/// then the diacritic removal, which applies below U+10000 only.
pub(super) fn fold(code: u32) -> u32 {
    match code {
        0..128 => u32::from(u8::try_from(code).unwrap_or(0).to_ascii_lowercase()),
        128..65536 => remove_diacritic(lower(code)),
        // Deseret, the only case pairs above the BMP that SQLite folds.
        66560..66600 => code + 40,
        _ => code,
    }
}

/// The case-folding rules: each covers `len` code points from `start` (every second one
/// when bit 0 of `flags` is set), adding `FOLD_OFFSETS[flags >> 1]` modulo 2^16.
fn lower(code: u32) -> u32 {
    let Some(rule) = FOLD_RULES
        .partition_point(|r| u32::from(r.0) <= code)
        .checked_sub(1)
    else {
        return code;
    };
    let (start, flags, len) = FOLD_RULES[rule];
    let (start, flags) = (u32::from(start), u32::from(flags));
    if code < start + u32::from(len) && 1 & flags & (start ^ code) == 0 {
        (code + u32::from(FOLD_OFFSETS[(flags >> 1) as usize])) & 0xFFFF
    } else {
        code
    }
}

/// `fts5_remove_diacritic(c, bComplex=1)`: runs of code points keyed by start << 3 | length-1
/// map to an ASCII base letter, or to 0 (dropped) for the combining marks. With
/// remove_diacritics=2 the "complex" ones (several diacritics, flagged 0x80) count too.
fn remove_diacritic(code: u32) -> u32 {
    let key = (code << 3) | 7;
    let run = DIACRITIC_KEYS
        .partition_point(|&k| u32::from(k) <= key)
        .saturating_sub(1);
    let entry = u32::from(DIACRITIC_KEYS[run]);
    if code > (entry >> 3) + (entry & 7) {
        code
    } else {
        u32::from(DIACRITIC_BASE[run] & 0x7F)
    }
}
