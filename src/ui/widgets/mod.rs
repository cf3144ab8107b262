//! Reusable pieces of the exercise screen, one per prompt kind that needs one.

pub mod choice;
pub mod feelings;
pub mod ladder;
pub mod recall;
pub mod scale;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, List, ListItem, ListState};
use ratatui_textarea::TextArea;

use super::theme;

/// A list with a visible cursor that keeps the cursor row on screen.
pub fn cursor_list(
    frame: &mut Frame,
    area: Rect,
    rows: Vec<ListItem<'static>>,
    cursor: Option<usize>,
) {
    let mut state = ListState::default().with_selected(cursor);
    let list = List::new(rows)
        .highlight_style(theme::selected())
        .highlight_symbol("› ");
    frame.render_stateful_widget(list, area, &mut state);
}

/// A bordered one-line editor; the accent border marks where typing goes.
pub fn line_editor(
    frame: &mut Frame,
    area: Rect,
    editor: &TextArea<'static>,
    title: &str,
    focused: bool,
) {
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
    frame.render_widget(editor, inner);
}
