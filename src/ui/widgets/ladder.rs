//! The ladder: ordered items with their own ratings; or, while one is being
//! written, a small form with a field per line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{cursor_list, line_editor};
use crate::app::answer::ladder::{LadderDraft, LadderEdit};
use crate::app::{LadderRecall, Msg};
use crate::content::LadderSpec;
use crate::ui::theme;

/// The ladder, or the form of the item being written (returning its field's size).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    spec: &LadderSpec,
    draft: &LadderDraft,
    tried: Option<&LadderRecall>,
) -> Option<(u16, u16)> {
    if let Some(edit) = &draft.editing {
        return Some(form(frame, area, spec, edit));
    }
    // The legend follows the items directly; the items take what they need.
    let width = usize::from(area.width.saturating_sub(2));
    let (legend_rows, fit) = legend_and_fit(area, spec, draft, tried, width);
    let rows: Vec<ListItem> = draft
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ListItem::new(rung_lines(spec, i, item, tried, width, fit)))
        .collect();
    let legend_lines: Vec<Line> = legend_rows
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme::dim())))
        .collect();
    let needed = rows.iter().map(ListItem::height).sum::<usize>().max(1);
    let needed = u16::try_from(needed).unwrap_or(u16::MAX);
    let [list, _, legend] = Layout::vertical([
        Constraint::Max(needed),
        Constraint::Length(1),
        Constraint::Length(legend_lines.len() as u16),
    ])
    .areas(area);
    if draft.items.is_empty() {
        let text = format!(
            "No {}s yet. Press {} (or {}) to add the first one.",
            spec.item,
            key(&Msg::Add),
            key(&Msg::Open)
        );
        frame.render_widget(Paragraph::new(Span::styled(text, theme::dim())), list);
    } else {
        cursor_list(frame, list, rows, Some(draft.cursor));
    }
    frame.render_widget(Paragraph::new(legend_lines), legend);
    None
}

/// The legend's rows, and how many rows a rung may take. The rating's key rule is
/// said when there is room for it beside the rungs (it is also in help); in a small
/// window the rungs come first, and one taller than the list shows its start.
fn legend_and_fit(
    area: Rect,
    spec: &LadderSpec,
    draft: &LadderDraft,
    tried: Option<&LadderRecall>,
    width: usize,
) -> (Vec<String>, usize) {
    let r = &spec.rating;
    let legend = |rule: &str| {
        format!(
            "Rating: {} = {}, {} = {}{rule}.\n{} add · {} edit · {}{} or {} rate · {}/{} move · {} delete",
            r.min,
            r.min_label,
            r.max,
            r.max_label,
            key(&Msg::Add),
            key(&Msg::Open),
            key(&Msg::Decrease),
            key(&Msg::Increase),
            key(&Msg::Digit(0)),
            key(&Msg::MoveUp),
            key(&Msg::MoveDown),
            key(&Msg::Delete)
        )
    };
    let total: usize = draft
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| rung_lines(spec, i, item, tried, width, usize::MAX).len())
        .sum::<usize>()
        .max(1);
    let full = crate::ui::wrap(&legend(&format!("; {}", r.keys_rule())), area.width);
    let room = |legend: usize| usize::from(area.height).saturating_sub(legend + 1);
    let legend_rows = if room(full.len()) >= total.min(4) {
        full
    } else {
        crate::ui::wrap(&legend(""), area.width)
    };
    let list_rows = room(legend_rows.len());
    let fit = if total > list_rows {
        list_rows.saturating_sub(1).max(1)
    } else {
        list_rows.max(1)
    };
    (legend_rows, fit)
}

/// One rung's lines: its number and words (wrapped, never cut) with its rating on
/// the first row, then its other fields and when it was last tried.
pub fn rung_lines(
    spec: &LadderSpec,
    i: usize,
    item: &crate::journal::LadderItem,
    tried: Option<&LadderRecall>,
    width: usize,
    max_rows: usize,
) -> Vec<Line<'static>> {
    let rating = item
        .rating
        .map_or_else(|| "not rated".to_string(), |r| format!("{r}"));
    let text = crate::ui::wrap(
        &item.text,
        (width.saturating_sub(rating.width() + 6)) as u16,
    );
    let mut lines: Vec<Line> = text
        .iter()
        .enumerate()
        .map(|(row, words)| {
            if row == 0 {
                let head = format!("{:>2}. {words}", i + 1);
                let gap = width.saturating_sub(head.width() + rating.width()).max(2);
                Line::from(format!("{head}{}{rating}", " ".repeat(gap)))
            } else {
                Line::from(format!("    {words}"))
            }
        })
        .collect();
    let mut extra: Vec<String> = spec
        .fields
        .iter()
        .zip(&item.fields)
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(n, v)| format!("{n}: {v}"))
        .collect();
    extra.extend(tried.and_then(|t| tries_line(t, &item.text)));
    for l in crate::ui::wrap(&extra.join(" · "), width.saturating_sub(4) as u16) {
        if !l.is_empty() {
            lines.push(Line::from(Span::styled(format!("    {l}"), theme::dim())));
        }
    }
    // The first row keeps its rating whole; a later last row says the rest is cut.
    if lines.len() > max_rows {
        lines.truncate(max_rows.max(1));
        if let Some(last) = lines.last_mut().filter(|_| max_rows > 1) {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let cut = crate::ui::truncate(text.trim_end(), width.saturating_sub(2));
            *last = Line::from(if cut.ends_with('…') {
                cut
            } else {
                format!("{cut} …")
            });
        }
    }
    lines
}

/// "tried 7 Sep: 30 of 100, expected 60", the latest try of a rung, and how many
/// before it.
pub fn tries_line(tried: &LadderRecall, rung: &str) -> Option<String> {
    let tries: Vec<_> = tried.tries_of(rung).collect();
    let last = tries.last()?;
    Some(match tries.len() {
        1 => last.describe(),
        n => format!("{} ({} tries)", last.describe(), n),
    })
}

fn key(msg: &Msg) -> String {
    crate::keys::label(crate::keys::Context::Ladder, msg)
}

fn form(frame: &mut Frame, area: Rect, spec: &LadderSpec, edit: &LadderEdit) -> (u16, u16) {
    let title = match edit.index {
        Some(i) => format!("Editing {} {}", spec.item, i + 1),
        None => format!("A new {}", spec.item),
    };
    let mut constraints = vec![Constraint::Length(1)];
    constraints.extend(edit.inputs.iter().map(|_| Constraint::Length(3)));
    constraints.push(Constraint::Fill(1));
    let rows = Layout::vertical(constraints).split(area);
    let mut typing = (0, 0);
    frame.render_widget(
        Paragraph::new(Span::styled(title, crate::ui::theme::heading())),
        rows[0],
    );
    for (i, input) in edit.inputs.iter().enumerate() {
        let name = if i == 0 {
            spec.item.clone()
        } else {
            spec.fields.get(i - 1).cloned().unwrap_or_default()
        };
        let size = line_editor(frame, rows[i + 1], input, &name, i == edit.field);
        if i == edit.field {
            typing = size;
        }
    }
    typing
}
