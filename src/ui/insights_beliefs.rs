//! Insights, "Beliefs": how much each thought or belief weighed was believed. One
//! rated on more than one run is a line across the weeks (its first rating in each
//! run: how strongly it was held on coming to it); every one is listed with its
//! latest runs, before → after.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{GraphType, Paragraph};

use super::insights::{Look, Series, caption, empty, fitted, over_time};
use super::theme;
use crate::app::insights::{Belief, Insights};
use unicode_width::UnicodeWidthStr;

/// Beliefs drawn as lines: the latest re-rated, told apart by mark and colour.
const LINES: usize = 3;
/// Each line's mark, as the list shows it beside the belief.
const MARKS: [&str; LINES] = ["⣀", "•", "█"];

pub fn render(data: &Insights, frame: &mut Frame, area: Rect) {
    if data.beliefs.is_empty() {
        empty(
            frame,
            area,
            "When a thought record, a core belief check or a behavioural experiment asks how much you believe something, each belief shows here: how strongly you held it, and how that moves across the weeks.",
        );
        return;
    }
    let area = caption(
        frame,
        area,
        "How much you believed each thought you weighed. One weighed more than once is a line of how strongly you held it each time you came to it (a share of its scale); the list gives each time's before → after."
            .to_string(),
    );
    let again: Vec<&Belief> = data
        .beliefs
        .iter()
        .filter(|b| b.runs() > 1)
        .take(LINES)
        .collect();
    let listed = u16::try_from(data.beliefs.len()).unwrap_or(u16::MAX);
    let (chart, list) = if again.is_empty() {
        (None, area)
    } else {
        let rows = listed.min((area.height / 3).max(3));
        let [chart, _, list] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(rows),
        ])
        .areas(area);
        (Some(chart), list)
    };
    if let Some(chart) = chart {
        let looks: [Look; 3] = [
            (theme::accent(), Marker::Braille, GraphType::Line),
            (theme::heading(), Marker::Dot, GraphType::Line),
            (theme::dim(), Marker::Block, GraphType::Line),
        ];
        let series: Vec<Series> = again
            .iter()
            .zip(looks)
            .map(|(b, look)| (super::truncate(&b.text, 28), look, first_of_each_run(b)))
            .collect();
        over_time(frame, chart, None, series);
    }
    let width = usize::from(list.width);
    let lines: Vec<Line<'static>> = data
        .beliefs
        .iter()
        .map(|b| {
            // A belief drawn is marked as its line is.
            let drawn = again.iter().position(|a| std::ptr::eq(*a, b));
            let mark = drawn.map_or("  ".to_string(), |i| format!("{} ", MARKS[i]));
            let room = width.saturating_sub(mark.width()) * 11 / 20;
            let (left, right) = super::row(
                &format!("“{}”", b.text),
                &runs(b, room),
                width - mark.width().min(width),
            );
            let style = match drawn {
                Some(0) => theme::accent(),
                Some(1) => theme::heading(),
                _ => theme::dim(),
            };
            Line::from(vec![
                Span::styled(mark, style),
                Span::raw(left),
                Span::styled(right, theme::accent()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(fitted(lines, list)), list);
}

/// The first rating of each run, as a share of its scale.
fn first_of_each_run(belief: &Belief) -> Vec<(chrono::DateTime<chrono::FixedOffset>, i64)> {
    let mut points: Vec<(i64, chrono::DateTime<chrono::FixedOffset>, i64)> = Vec::new();
    for r in &belief.ratings {
        if points.last().is_none_or(|(entry, ..)| *entry != r.entry) {
            points.push((r.entry, r.when, r.share()));
        }
    }
    points
        .into_iter()
        .map(|(_, when, share)| (when, share))
        .collect()
}

/// "90 → 65 (7 Sep) · 84 → 59 (14 Sep)": as many of the latest runs as fit in
/// `room` columns (the latest always), each its ratings in order.
fn runs(belief: &Belief, room: usize) -> String {
    let mut runs: Vec<(i64, String, Vec<String>)> = Vec::new();
    for r in &belief.ratings {
        match runs.last_mut() {
            Some((entry, _, values)) if *entry == r.entry => values.push(r.value.to_string()),
            _ => runs.push((
                r.entry,
                r.when.format("%-d %b").to_string(),
                vec![r.value.to_string()],
            )),
        }
    }
    let mut shown: Vec<String> = Vec::new();
    for (_, day, values) in runs.iter().rev() {
        let run = format!("{} ({day})", values.join(" → "));
        let width = shown.iter().map(|s| s.width() + 3).sum::<usize>() + run.width();
        if !shown.is_empty() && width > room {
            break;
        }
        shown.push(run);
    }
    shown.reverse();
    shown.join(" · ")
}
