//! Reusable pieces of the exercise screen, one per prompt kind that needs one.

pub mod choice;
pub mod feelings;
pub mod ladder;
pub mod recall;
pub mod rerate;
pub mod rung;
pub mod scale;
pub mod text_field;

use crate::app::answer::text::Editor;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, List, ListItem, ListState};

use super::theme;

/// A list with a visible cursor that keeps the cursor row on screen. When it doesn't
/// fit, its last row says how many items are above and below.
pub fn cursor_list(
    frame: &mut Frame,
    area: Rect,
    rows: Vec<ListItem<'static>>,
    cursor: Option<usize>,
) {
    let count = rows.len();
    let heights: Vec<usize> = rows.iter().map(ListItem::height).collect();
    let fits = heights.iter().sum::<usize>() <= usize::from(area.height) || area.height < 2;
    let list_area = if fits {
        area
    } else {
        Rect {
            height: area.height - 1,
            ..area
        }
    };
    let mut state = ListState::default().with_selected(cursor);
    let list = List::new(rows)
        .highlight_style(theme::selected())
        .highlight_symbol("› ");
    frame.render_stateful_widget(list, list_area, &mut state);
    if fits {
        return;
    }
    // What the list showed: from its offset, as many items as their rows allow.
    let top = state.offset();
    let mut used = 0;
    let shown = heights[top..]
        .iter()
        .take_while(|h| {
            used += **h;
            used <= usize::from(list_area.height)
        })
        .count();
    let below = count.saturating_sub(top + shown);
    let mut parts = Vec::new();
    if top > 0 {
        parts.push(format!("↑ {top} above"));
    }
    if below > 0 {
        parts.push(format!("↓ {below} more"));
    }
    let marker = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    frame.render_widget(
        ratatui::widgets::Paragraph::new(ratatui::text::Span::styled(
            parts.join(" · "),
            theme::dim(),
        ))
        .alignment(ratatui::layout::Alignment::Right),
        marker,
    );
}

/// A bordered one-line editor; the accent border marks where typing goes. Returns
/// the size of what is typed in (for the App to move and scroll by).
pub fn line_editor(
    frame: &mut Frame,
    area: Rect,
    editor: &Editor,
    title: &str,
    focused: bool,
) -> (u16, u16) {
    let style = if focused {
        theme::accent()
    } else {
        theme::dim()
    };
    let block = Block::bordered()
        .border_style(style)
        .title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    text(frame, inner, editor, focused)
}

/// A text field: its visible rows, the cursor when typing, the example while empty.
pub fn text(frame: &mut Frame, area: Rect, editor: &Editor, focused: bool) -> (u16, u16) {
    text_field::Field::new(&editor.field)
        .placeholder(&editor.placeholder)
        .scroll(editor.scroll)
        .show_cursor(focused)
        .draw(area, frame.buffer_mut());
    (area.width, area.height)
}
