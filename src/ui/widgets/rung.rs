//! The rung picker: the latest ladder's rungs (rating, other fields, earlier tries)
//! and a last row for a step not on the ladder.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::cursor_list;
use crate::app::LadderRecall;
use crate::app::answer::rung::{OFF_LADDER, RungDraft};
use crate::content::LadderSpec;
use crate::journal::AnswerValue;
use crate::ui::theme;

/// `ladder` is None while it is being looked up; `title` names the ladder's exercise.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    ladder: Option<&LadderRecall>,
    draft: &RungDraft,
) {
    let width = usize::from(area.width.saturating_sub(2));
    let latest = ladder.and_then(|l| l.latest.as_ref());
    // The ladder's own shape, as it was saved, so a rung reads as it does there.
    let (rungs, spec) = match latest {
        Some((
            _,
            AnswerValue::Ladder {
                item,
                fields,
                items,
                min,
                max,
            },
        )) => (&items[..], shape(item, fields, *min, *max)),
        _ => (&[][..], shape("rung", &[], 0, 0)),
    };
    let note = match (ladder, latest) {
        (None, _) => "Looking up your ladder…".to_string(),
        (Some(_), None) => format!(
            "There is no {title} yet, so there is nothing to pick here. That's fine: pick the row below, or skip this."
        ),
        (Some(_), Some((when, _))) => format!(
            "From your latest {title}, {}. The number is how hard you rated it then.",
            when.format("%-d %b %Y")
        ),
    };
    let note = crate::ui::wrap(&note, area.width);
    let [head, _, list] = Layout::vertical([
        Constraint::Length(u16::try_from(note.len()).unwrap_or(1)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(
            note.into_iter()
                .map(|l| Line::from(Span::styled(l, theme::dim())))
                .collect::<Vec<_>>(),
        ),
        head,
    );
    let mark = |row: usize| {
        if draft.is_chosen(rungs, row) {
            "(•)"
        } else {
            "( )"
        }
    };
    let rows: Vec<ListItem> = rungs
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let inner =
                super::ladder::rung_lines(&spec, i, item, ladder, width.saturating_sub(4), 4);
            // The mark before the first row, the rest under the words.
            let lines: Vec<Line> = inner
                .into_iter()
                .enumerate()
                .map(|(n, l)| {
                    let lead = if n == 0 { mark(i) } else { "   " };
                    let mut spans = vec![Span::raw(format!("{lead} "))];
                    spans.extend(l.spans);
                    Line::from(spans).style(l.style)
                })
                .collect();
            ListItem::new(lines)
        })
        .chain(std::iter::once(ListItem::new(format!(
            "{} {OFF_LADDER}",
            mark(rungs.len())
        ))))
        .collect();
    cursor_list(frame, list, rows, Some(draft.cursor.min(rungs.len())));
}

fn shape(item: &str, fields: &[String], min: i64, max: i64) -> LadderSpec {
    LadderSpec {
        item: item.to_string(),
        rating: crate::content::ScaleSpec {
            min,
            max,
            min_label: String::new(),
            max_label: String::new(),
            pair: None,
        },
        fields: fields.to_vec(),
    }
}
