//! The feelings picker: a family, then a word, then how strong; or, when unsure,
//! first where it is felt in the body.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::cursor_list;
use super::scale::Scale;
use crate::app::answer::feelings::{FeelingsDraft, Stage};
use crate::content::{FeelingFamily, ScaleSpec};
use crate::ui::theme;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    families: &[FeelingFamily],
    spec: &ScaleSpec,
    draft: &FeelingsDraft,
) {
    let [picked, question, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(summary(draft, spec)), picked);
    let ask = match draft.stage {
        Stage::Family => "Which family is closest?",
        Stage::Body => "Where do you notice something in your body?",
        Stage::BodyFamily => "Feelings that often come with that. Does one fit?",
        Stage::Word => "Which word fits best?",
        Stage::Intensity => "How strong is it?",
    };
    frame.render_widget(
        Paragraph::new(Span::styled(ask, theme::heading())),
        question,
    );
    if draft.stage == Stage::Intensity {
        frame.render_widget(
            Scale {
                spec,
                value: draft.intensity,
                before: None,
            },
            body,
        );
        return;
    }
    let rows = draft
        .rows(families)
        .into_iter()
        .map(ListItem::new)
        .collect();
    cursor_list(frame, body, rows, Some(draft.cursor));
}

fn summary(draft: &FeelingsDraft, spec: &ScaleSpec) -> Line<'static> {
    let mut parts = Vec::new();
    if let Some(s) = &draft.sensation {
        parts.push(format!("felt as {s}"));
    }
    if let Some(f) = &draft.family {
        parts.push(f.clone());
    }
    if let Some(w) = &draft.word {
        parts.push(w.clone());
    }
    if let Some(i) = draft.intensity {
        parts.push(format!("{i} of {}", spec.max));
    }
    if parts.is_empty() {
        return Line::from(Span::styled("Nothing picked yet.", theme::dim()));
    }
    Line::from(vec![
        Span::raw("So far: "),
        Span::styled(parts.join(" › "), theme::accent()),
    ])
}
