//! The feelings picker: a family, then a word, then how strong; or, when unsure,
//! first where it is felt in the body.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::cursor_list;
use super::scale::Scale;
use crate::app::Msg;
use crate::app::answer::feelings::{FeelingsDraft, Stage};
use crate::content::{FeelingFamily, ScaleSpec};
use crate::keys::{self, Context};
use crate::ui::theme;
use unicode_width::UnicodeWidthStr;

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
    frame.render_widget(
        Paragraph::new(summary(draft, spec, usize::from(picked.width))),
        picked,
    );
    let ask = match draft.stage {
        Stage::Family => "Which family is closest?",
        Stage::Body => "Where do you notice something in your body?",
        Stage::BodyFamily => "Feelings that often come with that. Does one fit?",
        Stage::Word => "Which word fits best?",
        Stage::Intensity => "How strong is it?",
        Stage::More => "Is there another feeling here too?",
    };
    // What Enter or Backspace does here that the status bar has no room to say.
    // Said in full, or shorter where that does not fit, never cut.
    let enter = keys::label(Context::FeelingsMore, &Msg::Open);
    let back = keys::label(Context::FeelingsMore, &Msg::ClearAnswer);
    let asides = match draft.stage {
        Stage::Intensity => vec![
            format!("  {enter} keeps it; then another can be named."),
            format!("  {enter} keeps it."),
        ],
        Stage::More if draft.cursor >= 2 => vec![
            format!("  {enter} changes it, {back} takes it out."),
            format!("  {back} takes it out."),
        ],
        _ => vec![],
    };
    let room = usize::from(question.width).saturating_sub(ask.width());
    let aside = asides
        .into_iter()
        .find(|a| a.width() <= room)
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(ask, theme::heading()),
            Span::styled(aside, theme::dim()),
        ])),
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
        .rows(families, spec.max)
        .into_iter()
        .map(ListItem::new)
        .collect();
    cursor_list(frame, body, rows, Some(draft.cursor));
}

/// What is picked so far: the feeling being picked first, always whole, then the
/// feelings named, as many as fit ("+2 more").
fn summary(draft: &FeelingsDraft, spec: &ScaleSpec, width: usize) -> Line<'static> {
    let mut named: Vec<String> = draft
        .felt
        .iter()
        .enumerate()
        .filter(|(i, _)| draft.editing != Some(*i) || draft.family.is_none())
        .map(|(_, f)| match f.intensity {
            Some(i) => format!("{} {i}", f.name()),
            None => f.name().to_string(),
        })
        .collect();
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
    if parts.is_empty() && named.is_empty() {
        return Line::from(Span::styled("Nothing picked yet.", theme::dim()));
    }
    let mut line = Vec::new();
    if !parts.is_empty() {
        line.push(Span::raw(if named.is_empty() {
            "So far: "
        } else {
            "Now: "
        }));
        line.push(Span::styled(parts.join(" › "), theme::accent()));
    }
    if !named.is_empty() {
        let lead = if parts.is_empty() {
            "Named: "
        } else {
            "   Named: "
        };
        let used = Line::from(line.clone()).width() + lead.len();
        let all = named.len();
        // Fewer, and how many more, until they fit.
        let mut shown = named.join(" · ");
        while used + shown.width() > width && !named.is_empty() {
            named.pop();
            shown = format!("{} +{} more", named.join(" · "), all - named.len());
        }
        line.push(Span::raw(lead));
        line.push(Span::styled(shown, theme::accent()));
    }
    Line::from(line)
}
