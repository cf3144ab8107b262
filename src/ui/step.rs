//! A step: its introduction, then its exercises with how often each was done, and
//! what the selected one is for.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme;
use crate::app::App;

pub fn render(app: &App, step: usize, selected: usize, frame: &mut Frame, area: Rect) {
    let Some(s) = app.content.steps.get(step) else {
        return;
    };
    let width = usize::from(area.width);
    let list = exercise_list(app, s, selected, area.width);
    let list_height = u16::try_from(list.len()).unwrap_or(u16::MAX);
    let [head, intro, _, exercises] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(list_height),
    ])
    .areas(area);
    let status = app.step_status(step).label();
    let title = format!(
        "Step {} of {} · {}",
        s.number,
        app.content.steps.len(),
        s.title
    );
    let gap = width.saturating_sub(title.width() + status.width()).max(2);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title, theme::heading()),
            Span::raw(" ".repeat(gap)),
            Span::styled(status, theme::dim()),
        ])),
        head,
    );
    let mut intro_lines: Vec<Line> = super::wrap(&super::reflow(&s.intro), intro.width)
        .into_iter()
        .map(Line::from)
        .collect();
    let room = usize::from(intro.height);
    if intro_lines.len() > room && room > 0 {
        // Never cut silently: say there is more.
        intro_lines.truncate(room - 1);
        intro_lines.push(Line::from(Span::styled(
            "… a larger window shows the rest of this introduction.",
            theme::dim(),
        )));
    }
    frame.render_widget(Paragraph::new(intro_lines), intro);
    frame.render_widget(Paragraph::new(list), exercises);
}

/// The step's exercises, each with its minutes, how often it was done and whether a
/// draft is open, then what the selected one is for.
fn exercise_list(
    app: &App,
    s: &crate::content::Step,
    selected: usize,
    area_width: u16,
) -> Vec<Line<'static>> {
    let width = usize::from(area_width);
    let mut list: Vec<Line> = vec![Line::from(Span::styled("Exercises", theme::heading()))];
    for (i, e) in s.exercises.iter().enumerate() {
        let style = if i == selected {
            theme::selected()
        } else {
            Style::default()
        };
        let marker = if i == selected { "› " } else { "  " };
        let mut facts = vec![if e.is_reading() {
            "to read".to_string()
        } else {
            format!("{} min", e.minutes)
        }];
        if let Some(a) = app
            .activity
            .iter()
            .find(|a| a.step_id == s.id && a.exercise_id == e.id)
        {
            facts.push(match (e.repeatable, a.times) {
                (false, _) => format!("done {}", a.last_at.format("%-d %b")),
                (true, 1) => format!("done once, {}", a.last_at.format("%-d %b")),
                (true, n) => format!("done {n} times, last {}", a.last_at.format("%-d %b")),
            });
        }
        if app
            .drafts_in_progress()
            .any(|d| d.step_id == s.id && d.exercise_id == e.id)
        {
            facts.push("draft open".to_string());
        }
        let left = format!("{marker}{}", e.title);
        let right = facts.join(" · ");
        let gap = width.saturating_sub(left.width() + right.width()).max(2);
        list.push(Line::from(vec![
            Span::styled(format!("{left}{}", " ".repeat(gap)), style),
            Span::styled(right, if i == selected { style } else { theme::dim() }),
        ]));
    }
    if let Some(e) = s.exercises.get(selected) {
        list.push(Line::default());
        for l in super::wrap(&e.purpose, area_width) {
            list.push(Line::from(Span::styled(l, theme::dim())));
        }
    }
    list
}
