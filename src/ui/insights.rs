//! Insights: one picture at a time (activity per week, feelings over time, before
//! and after, progress per step), each with an inviting empty state. No streaks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Paragraph, Wrap};

use super::theme;
use crate::app::App;
use crate::app::insights::{Insights, SECTIONS};

pub fn render(app: &App, section: usize, frame: &mut Frame, area: Rect) {
    let [tabs, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let mut spans = Vec::new();
    for (i, name) in SECTIONS.iter().enumerate() {
        let style = if i == section {
            theme::selected()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let Some(data) = &app.insights else {
        frame.render_widget(
            Paragraph::new(Span::styled("Gathering your entries…", theme::dim())),
            body,
        );
        return;
    };
    match section {
        0 => activity(data, frame, body),
        1 => feelings(data, frame, body),
        2 => changes(data, frame, body),
        _ => steps(app, frame, body),
    }
}

fn empty(frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_string(), theme::dim())).wrap(Wrap { trim: true }),
        area,
    );
}

fn caption(frame: &mut Frame, area: Rect, text: String) -> Rect {
    let rows = u16::try_from(super::wrap(&text, area.width).len()).unwrap_or(1);
    let [top, _, rest] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(text, theme::dim())).wrap(Wrap { trim: true }),
        top,
    );
    rest
}

fn activity(data: &Insights, frame: &mut Frame, area: Rect) {
    // Each week's bar is as wide as its label ("14 Sep"), so no label is cut: a
    // narrow window shows fewer, most recent, weeks.
    const LABEL: u16 = 6;
    let fit = usize::from(area.width.saturating_sub(2) / (LABEL + 1)).max(1);
    let weeks = &data.weeks[data.weeks.len().saturating_sub(fit)..];
    let total: u32 = weeks.iter().map(|(_, n)| n).sum();
    if total == 0 {
        empty(
            frame,
            area,
            "Nothing here yet. Each exercise you finish adds a little to this picture of your weeks. There is no target to meet.",
        );
        return;
    }
    let area = caption(
        frame,
        area,
        format!(
            "Entries in each week, by the Monday it began, the last {} weeks: {total} in all.",
            weeks.len()
        ),
    );
    let bars: Vec<Bar> = weeks
        .iter()
        .map(|(monday, n)| {
            Bar::default()
                .value(u64::from(*n))
                .label(Line::from(monday.format("%-d %b").to_string()))
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(LABEL)
        .bar_gap(1)
        .bar_style(theme::accent())
        .value_style(theme::selected());
    frame.render_widget(chart, area);
}

fn feelings(data: &Insights, frame: &mut Frame, area: Rect) {
    if data.feelings.is_empty() {
        empty(
            frame,
            area,
            "When you name a feeling and how strong it is (in a feelings check-in or a thought record), it appears here over time.",
        );
        return;
    }
    let first = data.feelings.first().map(|p| p.when).unwrap_or_default();
    let last = data.feelings.last().map(|p| p.when).unwrap_or_default();
    let latest = data
        .feelings
        .last()
        .map(|p| format!("The latest: {}, {}%.", p.word, p.percent))
        .unwrap_or_default();
    let area = caption(
        frame,
        area,
        format!("How strong the feelings you named were, as a share of their scale. {latest}"),
    );
    let span = (last - first).num_hours().max(1) as f64;
    let points: Vec<(f64, f64)> = data
        .feelings
        .iter()
        .map(|p| {
            (
                (p.when - first).num_hours() as f64 / span * 100.0,
                p.percent as f64,
            )
        })
        .collect();
    let dataset = Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme::accent())
        .data(&points);
    let chart = Chart::new(vec![dataset])
        .x_axis(Axis::default().bounds([0.0, 100.0]).labels([
            first.format("%-d %b").to_string(),
            last.format("%-d %b").to_string(),
        ]))
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0", "50", "100"]),
        );
    frame.render_widget(chart, area);
}

fn changes(data: &Insights, frame: &mut Frame, area: Rect) {
    if data.changes.is_empty() {
        empty(
            frame,
            area,
            "Some exercises ask before and after, like a thought record's belief or a self-compassion break's distress. Their change shows here.",
        );
        return;
    }
    let shown: Vec<_> = data
        .changes
        .iter()
        .rev()
        .take(usize::from(area.width / 10).max(1))
        .rev()
        .collect();
    let area = caption(
        frame,
        area,
        "Before (left) and after (right) in recent runs, as a share of the scale.".to_string(),
    );
    let groups: Vec<BarGroup> = shown
        .iter()
        .map(|c| {
            let pct = |v: i64| u64::try_from(v * 100 / c.max.max(1)).unwrap_or(0);
            BarGroup::default()
                .label(Line::from(c.when.format("%-d %b").to_string()))
                .bars(&[
                    Bar::default().value(pct(c.before)).style(theme::dim()),
                    Bar::default().value(pct(c.after)).style(theme::accent()),
                ])
        })
        .collect();
    let mut chart = BarChart::default()
        .bar_width(3)
        .bar_gap(0)
        .group_gap(2)
        .max(100)
        .value_style(theme::selected());
    for group in groups {
        chart = chart.data(group);
    }
    frame.render_widget(chart, area);
}

fn steps(app: &App, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::from(Span::styled(
            "Where you are with each step. Shown, never demanded.",
            theme::dim(),
        )),
        Line::default(),
    ];
    for (i, step) in app.content.numbered() {
        let progress = app.step_progress(i);
        let bar: String = (0..progress.of)
            .map(|k| if k < progress.done { '■' } else { '□' })
            .collect();
        lines.push(Line::from(vec![
            Span::raw(format!("{}  {:<28}", step.number, step.title)),
            Span::styled(format!("{bar:<8}"), theme::accent()),
            Span::styled(
                format!(
                    " {} of {} · {}",
                    progress.done,
                    progress.of,
                    progress.status.label()
                ),
                theme::dim(),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
