//! Insights' "Ladder": each rung of the trust ladder tried, how hard it was expected
//! to be (its rating on the ladder, given before) against how it was.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::insights::{caption, empty, fitted};
use super::theme;
use crate::app::insights::Insights;

pub fn render(data: &Insights, frame: &mut Frame, area: Rect) {
    if data.rungs.is_empty() {
        empty(
            frame,
            area,
            "When you take a step from your trust ladder (step 6) and write about it in \"A step taken\" or a behavioural experiment (step 4), it shows here: how hard you expected it to be, and how it was.",
        );
        return;
    }
    let area = caption(
        frame,
        area,
        "Each rung you tried, newest first: how hard you expected it to be (its rating on your ladder, from before you tried it) → how hard it was.".to_string(),
    );
    let width = usize::from(area.width);
    let lines: Vec<Line<'static>> = data
        .rungs
        .iter()
        .rev()
        // Only what the picture can list (and one more, so it says there is more).
        .take(usize::from(area.height) + 1)
        .map(|t| {
            let right = match (t.expected, t.actual) {
                (Some(e), Some(a)) => format!(
                    "{e} → {a} ({}) of {}",
                    crate::journal::difference(e, a),
                    t.max
                ),
                (Some(e), None) => format!("expected {e} of {}", t.max),
                (None, Some(a)) => format!("was {a} of {}", t.max),
                (None, None) => "not rated".to_string(),
            };
            let what = format!("{:>6}  {}", t.on.format("%-d %b"), t.rung);
            let (left, right) = super::row(&what, &right, width);
            Line::from(vec![Span::raw(left), Span::styled(right, theme::accent())])
        })
        .collect();
    frame.render_widget(Paragraph::new(fitted(lines, area)), area);
}
