//! A step: its introduction, then its exercises with how often each was done, and
//! what the selected one is for.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme;
use crate::app::{App, Laid};

/// The step: its title and status, its introduction (scrolled with PgUp/PgDn when
/// the window can't show it whole), then its exercises right below it. Returns the
/// introduction's layout, for the App to clamp that scroll.
pub fn render(app: &App, step: usize, selected: usize, frame: &mut Frame, area: Rect) -> Laid {
    let Some(s) = app.content.steps.get(step) else {
        return Laid::default();
    };
    let width = usize::from(area.width);
    let intro_lines: Vec<Line> = super::wrap(&super::reflow(&s.intro), area.width)
        .into_iter()
        .map(Line::from)
        .collect();
    let needed = u16::try_from(intro_lines.len()).unwrap_or(u16::MAX);
    // The exercises always show. What the selected one is for, and where it comes
    // from, show when the whole introduction fits beside them (both are also on the
    // exercise's first page and in help); otherwise the introduction gets the room
    // and scrolls.
    let fits = |detail| {
        let list = exercise_list(app, s, selected, area.width, detail).len();
        3 + list + usize::from(needed) <= usize::from(area.height)
    };
    let detail = [Detail::All, Detail::Purpose]
        .into_iter()
        .find(|d| fits(*d))
        .unwrap_or(Detail::None);
    let list = exercise_list(app, s, selected, area.width, detail);
    let list_height = u16::try_from(list.len()).unwrap_or(u16::MAX);
    let room = area.height.saturating_sub(2 + 1 + list_height).max(3);
    let [head, intro, _, exercises] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(needed.min(room)),
        Constraint::Length(1),
        Constraint::Length(list_height),
    ])
    .areas(area);
    let status = app.step_status(step).label();
    let title = format!(
        "Step {} of {} · {}",
        s.number,
        app.content.numbered().count(),
        s.title
    );
    let title = super::truncate(&title, width.saturating_sub(status.width() + 2));
    let gap = width.saturating_sub(title.width() + status.width()).max(2);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title, theme::heading()),
            Span::raw(" ".repeat(gap)),
            Span::styled(status, theme::dim()),
        ])),
        head,
    );
    let laid = super::page(frame, intro, &intro_lines, app.step_scroll);
    frame.render_widget(Paragraph::new(list), exercises);
    laid
}

/// The step's exercises, each with its minutes, how often it was done and whether a
/// draft is open, then what the selected one is for.
fn exercise_list(
    app: &App,
    s: &crate::content::Step,
    selected: usize,
    area_width: u16,
    detail: Detail,
) -> Vec<Line<'static>> {
    let width = usize::from(area_width);
    let mut list: Vec<Line> = vec![Line::from(Span::styled("Exercises", theme::heading()))];
    let pairs: Vec<(String, String)> = s
        .exercises
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let marker = if i == selected { "› " } else { "  " };
            (format!("{marker}{}", e.title), facts(app, s, e).join(" · "))
        })
        .collect();
    for (i, (left, right)) in super::rows(&pairs, width).into_iter().enumerate() {
        let style = if i == selected {
            theme::selected()
        } else {
            Style::default()
        };
        list.push(Line::from(vec![
            Span::styled(left, style),
            Span::styled(right, if i == selected { style } else { theme::dim() }),
        ]));
    }
    if let Some(e) = s.exercises.get(selected)
        && detail != Detail::None
    {
        list.push(Line::default());
        let about = if detail == Detail::All {
            e.about.as_str()
        } else {
            ""
        };
        // What it is for; where it comes from and how to use it ("one entry per
        // relationship").
        for text in [e.purpose.as_str(), about] {
            for l in super::wrap(text, area_width) {
                if !l.is_empty() {
                    list.push(Line::from(Span::styled(l, theme::dim())));
                }
            }
        }
    }
    list
}

/// An exercise's minutes, how often it was done, and whether a draft is open.
fn facts(app: &App, s: &crate::content::Step, e: &crate::content::Exercise) -> Vec<String> {
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
    facts
}

/// How much is said under the exercises about the selected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    None,
    Purpose,
    All,
}
