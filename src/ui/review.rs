//! Review: past entries, newest first: date, step, exercise.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::theme;
use crate::app::App;

pub fn render(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let [head, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let count = match app.review.len() {
        1 => "1 entry".to_string(),
        n => format!("{n} entries"),
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Past entries, newest first", theme::heading()),
            Span::styled(format!("  {count}"), theme::dim()),
        ])),
        head,
    );
    if app.review.is_empty() {
        let text = "Nothing here yet. When you finish an exercise it is saved here, and you can \
                    come back to read it whenever you like.";
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme::dim())).wrap(Wrap { trim: true }),
            list,
        );
        return;
    }
    let items: Vec<ListItem> = app
        .review
        .iter()
        .map(|e| {
            let step = app
                .content
                .step(&e.step_id)
                .map(|s| format!("Step {}", s.number))
                .unwrap_or_else(|| e.step_id.clone());
            ListItem::new(Line::from(vec![
                Span::raw(format!("{}  ", e.created_at.format("%a %-d %b %Y %H:%M"))),
                Span::styled(format!("{step:<7} "), theme::dim()),
                Span::raw(e.exercise_title.clone()),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected));
    let widget = List::new(items)
        .highlight_style(theme::selected())
        .highlight_symbol("› ");
    frame.render_stateful_widget(widget, list, &mut state);
}
