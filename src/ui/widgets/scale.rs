//! A labelled scale: a track with a marker, the value in words, and the end labels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::Msg;
use crate::content::ScaleSpec;
use crate::journal::difference;
use crate::keys::{self, Context};
use crate::ui::theme;

pub struct Scale<'a> {
    pub spec: &'a ScaleSpec,
    pub value: Option<i64>,
    /// The before half of this scale's pair, answered earlier in the run.
    pub before: Option<i64>,
}

impl Widget for Scale<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let spec = self.spec;
        let min = spec.min.to_string();
        let max = spec.max.to_string();
        let width = usize::from(area.width);
        // "min ├────●────┤ max"
        let track = width.saturating_sub(min.width() + max.width() + 4).max(3);
        let mut cells = vec!["─"; track];
        if let Some(v) = self.value {
            let at = ((v - spec.min) as f64 / (spec.max - spec.min) as f64 * (track - 1) as f64)
                .round() as usize;
            cells[at.min(track - 1)] = "●";
        }
        let track_line = Line::from(vec![
            Span::raw(format!("{min} ├")),
            Span::styled(cells.concat(), theme::accent()),
            Span::raw(format!("┤ {max}")),
        ]);
        let left = format!("{}{}", " ".repeat(min.width() + 1), spec.min_label);
        let right = format!("{}{}", spec.max_label, " ".repeat(max.width() + 1));
        let gap = width.saturating_sub(left.width() + right.width()).max(1);
        let labels = Line::from(Span::styled(
            format!("{left}{}{right}", " ".repeat(gap)),
            theme::dim(),
        ));
        let mut value = match self.value {
            Some(v) => Line::from(vec![
                Span::raw("Your answer: "),
                Span::styled(format!("{v}"), theme::heading()),
                Span::raw(format!(" (from {} to {})", spec.min, spec.max)),
            ]),
            None => Line::from(Span::styled(
                format!(
                    "Not set. {} skips it.",
                    keys::label(Context::Scale, &Msg::NextPrompt)
                ),
                theme::dim(),
            )),
        };
        // The first rating in view while rating again, and the change once set.
        match (self.before, self.value) {
            (Some(b), Some(v)) => value.spans.push(Span::styled(
                format!(" · before and now: {b} → {v} ({})", difference(b, v)),
                theme::accent(),
            )),
            (Some(b), None) => value
                .spans
                .push(Span::styled(format!(" Before: {b}."), theme::accent())),
            _ => {}
        }
        let rule = Line::from(Span::styled(
            format!(
                "{}{}: {}.",
                keys::label(Context::Scale, &Msg::Decrease),
                keys::label(Context::Scale, &Msg::Increase),
                spec.keys_rule()
            ),
            theme::dim(),
        ));
        Paragraph::new(vec![track_line, labels, Line::default(), value, rule])
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(area, buf);
    }
}
