//! Home: the six steps with their progress, then continue, review and help.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use unicode_width::UnicodeWidthStr;

use super::theme;
use crate::app::{App, HomeItem, Msg};

pub fn render(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::from(Span::styled(
            "Six steps, at your own pace",
            theme::heading(),
        )),
        Line::from(Span::styled(
            "They are listed in order, and any of them can be opened.",
            theme::dim(),
        )),
        Line::default(),
    ];
    let items = app.home_items();
    let width = usize::from(area.width);
    // In a narrow window the steps leave out the day they were last done, rather
    // than have it cut.
    let pairs_with = |dates: bool| -> Vec<(String, String)> {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (left, right) = item_text(app, *item, dates);
                let marker = if i == selected { "› " } else { "  " };
                (format!("{marker}{left}"), right)
            })
            .collect()
    };
    let full = pairs_with(true);
    let fits = |pairs: &[(String, String)]| {
        let left = pairs.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
        let right = pairs.iter().map(|(_, r)| r.width()).max().unwrap_or(0);
        left + 4 + right <= width
    };
    let pairs = if fits(&full) { full } else { pairs_with(false) };
    for (i, (item, (left, right))) in items.iter().zip(super::rows(&pairs, width)).enumerate() {
        if !matches!(item, HomeItem::Step(_)) && i > 0 && matches!(items[i - 1], HomeItem::Step(_))
        {
            lines.push(Line::default());
        }
        let style = if i == selected {
            theme::selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(left, style),
            Span::styled(right, if i == selected { style } else { theme::dim() }),
        ]));
    }
    // What the selected step is about, when there is room for all of it; on a
    // short window the line under the heading gives way to it first.
    let about = match items.get(selected) {
        Some(HomeItem::Step(step)) => Some(*step),
        Some(HomeItem::QuickWrite) => app.content.quick_write().map(|(s, _)| s),
        _ => None,
    };
    if let Some(s) = about.and_then(|step| app.content.steps.get(step)) {
        let summary = super::wrap(&s.summary, area.width);
        let room = usize::from(area.height);
        if lines.len() + 1 + summary.len() > room {
            lines.remove(1);
        }
        if lines.len() + 1 + summary.len() <= room {
            lines.push(Line::default());
            for l in summary {
                lines.push(Line::from(Span::styled(l, theme::dim())));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn item_text(app: &App, item: HomeItem, dates: bool) -> (String, String) {
    match item {
        HomeItem::Step(i) => {
            let step = &app.content.steps[i];
            (
                format!("{}  {}", step.number, step.title),
                progress(app, i, dates),
            )
        }
        HomeItem::QuickWrite => (
            app.content
                .quick_write()
                .map(|(s, _)| app.content.steps[s].title.clone())
                .unwrap_or_default(),
            format!("{} ", key(&Msg::QuickWrite)),
        ),
        HomeItem::Continue => {
            let latest = app.drafts_in_progress().next_back();
            let what = latest
                .and_then(|d| app.content.exercise(&d.step_id, &d.exercise_id))
                .map(|(_, e)| e.title.clone())
                .unwrap_or_default();
            let what = match latest.and_then(|d| d.editing) {
                Some(_) => format!("changes to {what}"),
                None => what,
            };
            (
                "Continue where you left off".to_string(),
                format!("{what} "),
            )
        }
        HomeItem::Kept => (
            match app.kept.len() {
                1 => "A draft from an exercise this pack doesn't have".to_string(),
                n => format!("{n} drafts this pack can't open"),
            },
            "read, export or discard ".to_string(),
        ),
        HomeItem::Review => (
            "Review past entries".to_string(),
            format!("{} ", key(&Msg::Review)),
        ),
        HomeItem::Insights => ("Insights".to_string(), format!("{} ", key(&Msg::Insights))),
        HomeItem::Help => (
            "Help and crisis lines".to_string(),
            format!("{} ", crate::keys::label_everywhere(&Msg::Help)),
        ),
    }
}

fn key(msg: &Msg) -> String {
    crate::keys::label(crate::keys::Context::Home, msg)
}

/// "2 of 3 done · last 12 Nov", "in progress", or "not started": shown, never demanded.
fn progress(app: &App, step: usize, dates: bool) -> String {
    let p = app.step_progress(step);
    let status = p.status.label();
    match p.last {
        Some(_) if !dates => format!("{status} · {} of {} ", p.done, p.of),
        Some(last) => format!(
            "{status} · {} of {} · {} ",
            p.done,
            p.of,
            last.format("%-d %b")
        ),
        None => format!("{status} "),
    }
}
