//! A step: its introduction, then its exercises with how often each was done.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::App;

pub fn render(app: &App, step: usize, selected: usize, frame: &mut Frame, area: Rect) {
    let Some(s) = app.content.steps.get(step) else {
        return;
    };
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
            format!("about {} min", e.minutes)
        }];
        if let Some(a) = app
            .activity
            .iter()
            .find(|a| a.step_id == s.id && a.exercise_id == e.id)
        {
            let times = match (e.repeatable, a.times) {
                (false, _) => "done".to_string(),
                (true, 1) => "done once".to_string(),
                (true, n) => format!("done {n} times"),
            };
            facts.push(format!("{times}, last {}", a.last_at.format("%-d %b")));
        }
        if app.find_draft(&s.id, &e.id).is_some() {
            facts.push("draft open".to_string());
        }
        list.push(Line::from(vec![
            Span::styled(format!("{marker}{}", e.title), style),
            Span::styled(format!("  {}", facts.join(" · ")), theme::dim()),
        ]));
        for l in super::wrap(&e.purpose, area.width.saturating_sub(4)) {
            list.push(Line::from(Span::styled(format!("    {l}"), theme::dim())));
        }
    }
    let list_height = u16::try_from(list.len()).unwrap_or(u16::MAX);
    let [head, intro, _, exercises] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(list_height),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            format!(
                "Step {} of {} · {}",
                s.number,
                app.content.steps.len(),
                s.title
            ),
            theme::heading(),
        ))),
        head,
    );
    let intro_lines: Vec<Line> = super::wrap(&super::reflow(&s.intro), intro.width)
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(intro_lines), intro);
    frame.render_widget(Paragraph::new(list), exercises);
}
