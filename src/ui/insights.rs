//! Insights: one picture at a time (activity per week, feelings over time, before
//! and after, progress per step), each with an inviting empty state. No streaks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

use super::theme;
use crate::app::App;
use crate::app::insights::{FeelingPoint, Insights, SECTIONS};
use crate::content::FeelingFamily;
use chrono::{DateTime, FixedOffset};

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
        // Each name padded by a space (two between names, no more), so all seven
        // fit in 80 columns.
        spans.push(Span::styled(format!(" {name} "), style));
    }
    // Too narrow for every name: the one shown, and where it is among them.
    if Line::from(spans.clone()).width() > usize::from(tabs.width) {
        spans = vec![
            Span::styled(
                format!(" {} ", SECTIONS.get(section).unwrap_or(&"")),
                theme::selected(),
            ),
            Span::styled(
                format!("  {} of {}", section + 1, SECTIONS.len()),
                theme::dim(),
            ),
        ];
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
        1 => patterns(data, frame, body),
        2 => feelings(data, &app.content.feelings, frame, body),
        3 => changes(data, frame, body),
        4 => trends(data, frame, body),
        5 => super::insights_beliefs::render(data, frame, body),
        6 => super::insights_ladder::render(data, frame, body),
        _ => steps(app, frame, body),
    }
}

pub(super) fn empty(frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_string(), theme::dim())).wrap(Wrap { trim: true }),
        area,
    );
}

pub(super) fn caption(frame: &mut Frame, area: Rect, text: String) -> Rect {
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

/// Lines that fit `area`: when there are more, the last says so.
pub(super) fn fitted(mut lines: Vec<Line<'static>>, area: Rect) -> Vec<Line<'static>> {
    let room = usize::from(area.height);
    if lines.len() > room && room > 0 {
        lines.truncate(room - 1);
        lines.push(Line::from(Span::styled(
            "… more in a taller window",
            theme::dim(),
        )));
    }
    lines
}

/// How many items of each checklist are listed.
const ITEMS_SHOWN: usize = 4;

fn patterns(data: &Insights, frame: &mut Frame, area: Rect) {
    if data.patterns.is_empty() {
        empty(
            frame,
            area,
            "When you tick distancing moves, triggers or thinking traps in an exercise, the ones that come up most show here, month by month. A picture, not a score.",
        );
        return;
    }
    let area = caption(
        frame,
        area,
        "What you ticked most in each checklist: in all, and in each of the last three months."
            .to_string(),
    );
    let width = usize::from(area.width);
    let months = data.patterns[0].months.map(|m| m.format("%b").to_string());
    // Item, then four numbers of five columns each.
    let numbers = 5 * 4;
    let item_width = width.saturating_sub(numbers + 2).max(8);
    let mut lines = Vec::new();
    for pattern in &data.patterns {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let head = super::truncate(
            &format!("{} · {}", pattern.exercise_title, pattern.label),
            width,
        );
        lines.push(Line::from(vec![
            Span::styled(format!("{head:<w$}", w = item_width + 2), theme::heading()).clone(),
        ]));
        lines.push(Line::from(Span::styled(
            format!(
                "  {:<item_width$}{:>5}{:>5}{:>5}{:>5}",
                "", "all", months[0], months[1], months[2]
            ),
            theme::dim(),
        )));
        for item in pattern.items.iter().take(ITEMS_SHOWN) {
            // Padded by what it takes on screen (wide and zero-width characters).
            let name = super::truncate(&item.item, item_width);
            let pad = " ".repeat(item_width.saturating_sub(name.width()));
            lines.push(Line::from(vec![
                Span::raw(format!("  {name}{pad}")),
                Span::styled(format!("{:>5}", item.total), theme::accent()),
                Span::raw(format!(
                    "{:>5}{:>5}{:>5}",
                    item.by_month[0], item.by_month[1], item.by_month[2]
                )),
            ]));
        }
        if let Some(more) = pattern
            .items
            .len()
            .checked_sub(ITEMS_SHOWN)
            .filter(|n| *n > 0)
        {
            lines.push(Line::from(Span::styled(
                format!("  and {more} more, each fewer times"),
                theme::dim(),
            )));
        }
    }
    frame.render_widget(Paragraph::new(fitted(lines, area)), area);
}

/// Pleasant, unpleasant, or neither, as content says of the feeling's family.
fn tone(families: &[FeelingFamily], family: &str) -> Option<bool> {
    families
        .iter()
        .find(|f| f.name == family)
        .and_then(|f| f.pleasant)
}

/// The words named most often, "anxious 12, lonely 9".
fn most_named(points: &[&FeelingPoint]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for p in points {
        let word = if p.word.is_empty() {
            &p.family
        } else {
            &p.word
        };
        match counts.iter_mut().find(|(w, _)| *w == word.as_str()) {
            Some((_, n)) => *n += 1,
            None => counts.push((word, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    counts
        .iter()
        .take(3)
        .map(|(w, n)| format!("{w} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn feelings(data: &Insights, families: &[FeelingFamily], frame: &mut Frame, area: Rect) {
    if data.feelings.is_empty() {
        empty(
            frame,
            area,
            "When you name a feeling and how strong it is (in a feelings check-in or a thought record), it appears here over time, pleasant and unpleasant apart.",
        );
        return;
    }
    let groups: [(Option<bool>, &str); 3] = [
        (Some(false), "unpleasant"),
        (Some(true), "pleasant"),
        (None, "neither"),
    ];
    let of = |t: Option<bool>| -> Vec<&FeelingPoint> {
        data.feelings
            .iter()
            .filter(|p| tone(families, &p.family) == t)
            .collect()
    };
    let named: Vec<String> = groups
        .iter()
        .filter_map(|(t, name)| {
            let points = of(*t);
            (!points.is_empty()).then(|| format!("{name}: {}", most_named(&points)))
        })
        .collect();
    let area = caption(
        frame,
        area,
        format!(
            "How strong the feelings you named were, pleasant and unpleasant apart, as a share of their scale. Named most, {}.",
            named.join("; ")
        ),
    );
    // Told apart by their marks as well as colour (NO_COLOR leaves colour out):
    // unpleasant as bold dots, pleasant as a line, neither as faint blocks.
    let looks: [Look; 3] = [
        (theme::heading(), Marker::Dot, GraphType::Scatter),
        (theme::accent(), Marker::Braille, GraphType::Line),
        (theme::dim(), Marker::Block, GraphType::Scatter),
    ];
    let series = groups
        .iter()
        .zip(looks)
        .map(|((t, name), look)| {
            let points = of(*t).iter().map(|p| (p.when, p.percent)).collect();
            (name.to_string(), look, points)
        })
        .collect();
    over_time(frame, area, None, series);
}

fn changes(data: &Insights, frame: &mut Frame, area: Rect) {
    if data.changes.is_empty() {
        empty(
            frame,
            area,
            "Some exercises ask before and after, like a thought record's belief or a self-compassion break's distress. Each run's change shows here, with its exercise and day.",
        );
        return;
    }
    let area = caption(
        frame,
        area,
        "Before and after within one run of an exercise, newest first.".to_string(),
    );
    let width = usize::from(area.width);
    let lines: Vec<Line<'static>> = data
        .changes
        .iter()
        .rev()
        .map(|c| {
            let moved = crate::journal::change(
                &crate::journal::AnswerValue::Scale {
                    value: c.before,
                    min: 0,
                    max: c.max,
                },
                &crate::journal::AnswerValue::Scale {
                    value: c.after,
                    min: 0,
                    max: c.max,
                },
            )
            .unwrap_or_default();
            let right = format!("{moved} of {}", c.max);
            let what = format!(
                "{:>6}  {} · {}",
                c.when.format("%-d %b"),
                c.exercise_title,
                c.pair
            );
            let (left, right) = super::row(&what, &right, width);
            Line::from(vec![Span::raw(left), Span::styled(right, theme::accent())])
        })
        .collect();
    frame.render_widget(Paragraph::new(fitted(lines, area)), area);
}

/// Scales content asks to see over time, a chart per group, a line per scale.
fn trends(data: &Insights, frame: &mut Frame, area: Rect) {
    if data.trends.is_empty() {
        empty(
            frame,
            area,
            "Some exercises ask how something felt, like how understood you felt when you shared something (step 6, A step taken). Those answers show here over time.",
        );
        return;
    }
    let area = caption(
        frame,
        area,
        "How some answers moved over time, each as a share of its scale.".to_string(),
    );
    let rows = Layout::vertical(
        data.trends
            .iter()
            .map(|_| Constraint::Fill(1))
            .collect::<Vec<_>>(),
    )
    .split(area);
    // Told apart by their marks as well as colour (NO_COLOR leaves colour out).
    let looks = [
        (theme::accent(), Marker::Braille, GraphType::Line),
        (theme::heading(), Marker::Dot, GraphType::Scatter),
        (theme::dim(), Marker::Block, GraphType::Scatter),
    ];
    for (group, area) in data.trends.iter().zip(rows.iter()) {
        let series = group
            .lines
            .iter()
            .zip(looks.iter().cycle())
            .map(|(line, look)| (line.name.clone(), *look, line.points.clone()))
            .collect();
        over_time(frame, *area, Some(&group.group), series);
    }
}

/// How a series is drawn: its colour, its mark, line or points.
pub(super) type Look = (ratatui::style::Style, Marker, GraphType);
/// A named series of shares over time, and how it is drawn.
pub(super) type Series = (String, Look, Vec<(DateTime<FixedOffset>, i64)>);

/// Series of shares (0-100) over time, each named and drawn its own way, as one
/// chart from the first day any of them has to the last; empty ones are left out.
pub(super) fn over_time(frame: &mut Frame, area: Rect, title: Option<&str>, series: Vec<Series>) {
    let series: Vec<_> = series.into_iter().filter(|(.., p)| !p.is_empty()).collect();
    let days = || {
        series
            .iter()
            .flat_map(|(.., p)| p.iter().map(|(when, _)| *when))
    };
    let (Some(first), Some(last)) = (days().min(), days().max()) else {
        return;
    };
    let span = (last - first).num_hours().max(1) as f64;
    let points: Vec<Vec<(f64, f64)>> = series
        .iter()
        .map(|(.., p)| {
            p.iter()
                .map(|(when, pct)| {
                    let x = (*when - first).num_hours() as f64 / span * 100.0;
                    (x, *pct as f64)
                })
                .collect()
        })
        .collect();
    let datasets = series
        .iter()
        .zip(&points)
        .map(|((name, (style, marker, graph), _), points)| {
            Dataset::default()
                .name(name.clone())
                .marker(*marker)
                .graph_type(*graph)
                .style(*style)
                .data(points)
        })
        .collect();
    let mut chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, 100.0]).labels([
            first.format("%-d %b %Y").to_string(),
            last.format("%-d %b %Y").to_string(),
        ]))
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0", "50", "100"]),
        )
        .hidden_legend_constraints((Constraint::Percentage(50), Constraint::Percentage(50)));
    if let Some(title) = title {
        chart = chart.block(
            ratatui::widgets::Block::default()
                .title(Span::styled(title.to_string(), theme::heading())),
        );
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
