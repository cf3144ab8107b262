//! How a saved answer reads on screen, for every prompt kind, including the change
//! between a before/after pair of scales.

use ratatui::text::{Line, Span};

use super::theme;
use super::widgets::ladder::tries_line;
use crate::app::LadderRecall;
use crate::journal::{Answer, AnswerValue};

/// The answer as indented lines wrapped to `width`.
/// `tried` is the ladder's tries, when the answer is a ladder whose rungs can be
/// tried (each rung tried says so).
pub fn lines(
    answer: &Answer,
    answers: &[Answer],
    width: u16,
    tried: Option<&LadderRecall>,
) -> Vec<Line<'static>> {
    let indent = |text: String| -> Vec<Line<'static>> {
        super::wrap(&text, width.saturating_sub(2))
            .into_iter()
            .map(|l| Line::from(format!("  {l}")))
            .collect()
    };
    match &answer.value {
        AnswerValue::Skipped => vec![Line::from(Span::styled("  skipped", theme::dim()))],
        AnswerValue::Text(text) | AnswerValue::Choice(text) => indent(text.clone()),
        AnswerValue::Scale { value, min, max } => {
            let mut out = vec![Line::from(format!(
                "  {value}  (on a scale from {min} to {max})"
            ))];
            if let Some(change) = answer.change_from_before(answers) {
                out.push(Line::from(Span::styled(
                    format!("  before and after: {change}"),
                    theme::accent(),
                )));
            }
            out
        }
        AnswerValue::Multi { chosen, other } => {
            let mut out: Vec<Line> = chosen
                .iter()
                .flat_map(|c| indent(format!("• {c}")))
                .collect();
            // Their own items, one per line.
            for item in other.lines().map(str::trim).filter(|l| !l.is_empty()) {
                out.extend(indent(format!("• {item}")));
            }
            out
        }
        // One feeling per line; rated again, each one's change.
        AnswerValue::Feeling(f) => {
            let mut out: Vec<Line> = f
                .felt
                .iter()
                .flat_map(|felt| indent(felt.line(f.max)))
                .collect();
            if let Some(change) = answer.change_from_before(answers) {
                out.extend(
                    super::wrap(
                        &format!("before and now: {change}"),
                        width.saturating_sub(2),
                    )
                    .into_iter()
                    .map(|l| Line::from(Span::styled(format!("  {l}"), theme::accent()))),
                );
            }
            out
        }
        AnswerValue::Rung { .. } => indent(answer.value.full_text()),
        AnswerValue::Ladder {
            items, fields, max, ..
        } => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let rating = item
                    .rating
                    .map(|r| format!("  ({r} of {max})"))
                    .unwrap_or_default();
                out.extend(indent(format!("{}. {}{rating}", i + 1, item.text)));
                for (name, value) in fields.iter().zip(&item.fields) {
                    if !value.trim().is_empty() {
                        out.extend(indent(format!("   {name}: {value}")));
                    }
                }
                if let Some(line) = tried.and_then(|t| tries_line(t, &item.text)) {
                    out.extend(
                        indent(format!("   {line}"))
                            .into_iter()
                            .map(|l| l.style(theme::dim())),
                    );
                }
            }
            out
        }
    }
}
