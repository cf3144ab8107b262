//! Random edit sequences against the naive reference: same text, same cursor, a
//! wrap cache equal to a wrap from scratch, sound rows, and undo back to the start.
//! More cases: PROPTEST_CASES=5000 cargo test --release --test props

use super::reference::{Reference, bounds, cells, is_space, rows};
use attune::textfield::{Edit, TextField, visible_rows};
use proptest::prelude::*;

/// Characters chosen to hit every rule: words, spaces that break and that do not,
/// tabs, newlines and CRs, combining marks, wide glyphs, ZWJ emoji and flags,
/// controls and bidi overrides, halfwidth sound marks, variation selectors.
const CHARS: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', ' ', ' ', ' ', ' ', '\n', '\t', '\r', '_', ',', 'é', '\u{301}',
    '漢', '字', '👨', '\u{200d}', '👩', '🇫', '🇷', '\u{1b}', '\u{202e}', '\u{2066}', '\u{9b}',
    '\u{3000}', '\u{a0}', 'ｶ', '\u{ff9e}', '\u{fe0f}', '❤', '\u{0}', '\u{2028}',
];

fn chars() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'h'),
        2 => Just(' '),
        3 => proptest::sample::select(CHARS),
    ]
}

fn string(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(chars(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn edit() -> impl Strategy<Value = Edit> {
    use Edit::*;
    prop_oneof![
        12 => chars().prop_map(InsertChar),
        2 => string(12).prop_map(Paste),
        1 => Just(Paste("x\r\ny".to_string())),
        2 => Just(Newline),
        3 => Just(DeleteBack),
        2 => Just(DeleteForward),
        1 => Just(DeleteWordBack),
        1 => Just(DeleteWordForward),
        1 => Just(DeleteToLineStart),
        1 => Just(DeleteToLineEnd),
        3 => Just(Left),
        3 => Just(Right),
        1 => Just(WordLeft),
        1 => Just(WordRight),
        1 => Just(LineStart),
        1 => Just(LineEnd),
        1 => Just(Top),
        1 => Just(Bottom),
        3 => Just(Up),
        3 => Just(Down),
        2 => Just(Undo),
        1 => Just(Redo),
    ]
}

/// Mostly the field's own width (so the cache is kept across edits), sometimes another.
fn edits() -> impl Strategy<Value = Vec<(Edit, Option<u16>)>> {
    let width = prop_oneof![4 => Just(None), 1 => (0u16..14).prop_map(Some)];
    proptest::collection::vec((edit(), width), 0..60)
}

fn check_rows(field: &TextField, width: u16) -> Result<(), TestCaseError> {
    let text = field.text();
    let got = field.row_ranges(width);
    let want: Vec<_> = rows(&text, usize::from(width))
        .iter()
        .map(|r| r.start..r.end)
        .collect();
    prop_assert_eq!(&got, &want, "rows of {:?} at width {}", text, width);
    let mut line = String::new();
    for (i, r) in got.iter().enumerate() {
        let row = &text[r.clone()];
        line.push_str(row);
        let is_last_of_line = got.get(i + 1).is_none_or(|n| n.start > r.end);
        if is_last_of_line {
            let want = text[..r.end].rsplit('\n').next().unwrap_or("");
            prop_assert_eq!(&line, want, "a line's rows join back into the line");
            line.clear();
        }
        let gs: Vec<&str> =
            unicode_segmentation::UnicodeSegmentation::graphemes(row, true).collect();
        let starts_line = r.start == 0 || text.as_bytes()[r.start - 1] == b'\n';
        let space_first = gs.first().is_some_and(|g| is_space(g));
        prop_assert!(
            starts_line || !space_first,
            "row {:?} starts with a space",
            row
        );
        // Spaces hang past the edge; what is left fits, or is one glyph alone.
        let kept = gs.iter().rposition(|g| !is_space(g)).map_or(0, |i| i + 1);
        let used = gs[..kept].iter().fold(0, |col, g| col + cells(g, col));
        prop_assert!(
            used <= usize::from(width.max(1)) || kept == 1,
            "row {:?} is {} wide",
            row,
            used
        );
    }
    Ok(())
}

fn check_view(field: &TextField, width: u16, hint: usize) -> Result<usize, TestCaseError> {
    let height = 4;
    let v = visible_rows(field, width, height, hint);
    let (x, y) = v
        .cursor
        .ok_or_else(|| TestCaseError::fail("cursor not on screen"))?;
    prop_assert!(x < width && y < height);
    prop_assert!(v.top <= hint || v.top + usize::from(height) > hint);
    prop_assert_eq!(v.rows.len(), (v.total - v.top).min(usize::from(height)));
    for row in &v.rows {
        prop_assert!(row.glyphs.iter().all(|g| g.x + g.width <= width));
        prop_assert!(
            !row.text
                .chars()
                .any(|c| super::reference::hidden(c) || c == '\n')
        );
    }
    Ok(v.top)
}

proptest! {
    // 256 cases unless PROPTEST_CASES says otherwise; failures are printed, not saved.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn edits_match_the_reference(
        start in string(40),
        row in 0usize..4,
        col in 0usize..30,
        single_line in proptest::bool::weighted(0.2),
        width in 1u16..14,
        edits in edits(),
    ) {
        let mut field = TextField::from_text(&start, row, col, single_line);
        let mut model = Reference::new(&start, row, col, single_line);
        prop_assert_eq!(field.text(), model.text.clone());
        prop_assert_eq!(field.cursor_byte(), model.cursor);
        let mut hint = 0;
        for (edit, other) in edits {
            let w = other.unwrap_or(width);
            field.apply(edit.clone(), w);
            model.apply(&edit, usize::from(w));
            prop_assert_eq!(field.text(), model.text.clone(), "after {:?} at width {}", edit, w);
            prop_assert_eq!(field.cursor_byte(), model.cursor, "after {:?} at width {} in {:?}", edit, w, model.text);
            prop_assert!(bounds(&model.text).contains(&field.cursor_byte()));
            prop_assert!(field.cache_is_consistent(), "cache drifted after {:?}", edit);
            prop_assert_eq!(field.is_blank(), model.text.trim().is_empty());
            hint = check_view(&field, width, hint)?;
        }
        check_rows(&field, width)?;
        prop_assert_eq!(field.line_count(), model.text.split('\n').count());
        let mut undos = 0;
        while field.apply(Edit::Undo, width).text && undos < 1000 {
            undos += 1;
        }
        let first = Reference::new(&start, row, col, single_line);
        prop_assert_eq!(field.text(), first.text);
    }

    #[test]
    fn any_area_and_hint_draws_without_panic(
        text in string(200),
        at in 0usize..250,
        width in 0u16..300,
        height in 0u16..60,
        hint in prop_oneof![0usize..400, Just(usize::MAX)],
    ) {
        let field = TextField::from_text(&text, 0, at, false);
        let area = ratatui::layout::Rect::new(3, 2, width, height);
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 200, 40));
        let top = attune::ui::widgets::text_field::Field::new(&field).placeholder("say something").scroll(hint).draw(area, &mut buf);
        let v = visible_rows(&field, width, height, hint);
        if width > 0 && height > 0 {
            prop_assert!(v.cursor.is_some());
            prop_assert!(v.top <= v.total);
            prop_assert!(top <= v.total);
        }
    }

    #[test]
    fn rows_follow_the_rules(text in string(80), width in 1u16..20) {
        check_rows(&TextField::from_text(&text, 0, 0, false), width)?;
    }
}

/// Texts of thousands of rows, so the wrap cache spans many chunks, and edits that
/// add or remove hundreds of rows at once.
fn big_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => edit(),
        1 => (string(12), 1usize..80).prop_map(|(s, n)| Edit::Paste(s.repeat(n))),
        1 => (1usize..400).prop_map(|n| Edit::Paste("line\n".repeat(n))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        cases: ProptestConfig::default().cases / 4,
        ..ProptestConfig::default()
    })]

    #[test]
    fn big_texts_keep_their_cache(
        unit in string(30),
        copies in 20usize..200,
        row in 0usize..400,
        width in 1u16..10,
        edits in proptest::collection::vec((big_edit(), proptest::bool::weighted(0.9)), 0..40),
    ) {
        let start = format!("{unit}\n").repeat(copies);
        let mut field = TextField::from_text(&start, row, 3, false);
        let mut model = Reference::new(&start, row, 3, false);
        for (edit, same_width) in edits {
            let w = if same_width { width } else { width + 3 };
            field.apply(edit.clone(), w);
            model.apply(&edit, usize::from(w));
            prop_assert_eq!(field.text(), model.text.clone(), "after {:?}", edit);
            prop_assert_eq!(field.cursor_byte(), model.cursor, "after {:?}", edit);
            prop_assert!(field.cache_is_consistent(), "cache drifted after {:?}", edit);
        }
        check_rows(&field, width)?;
        while field.apply(Edit::Undo, width).text {}
        prop_assert_eq!(field.text(), Reference::new(&start, 0, 0, false).text);
    }
}
