//! Review: the filters in force, the search line, and entries newest first with a
//! one-line preview; search matches are highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme;
use super::widgets::cursor_list;
use crate::app::App;
use crate::app::review::{Filter, Picker};
use crate::journal::{EntrySummary, MATCH_END, MATCH_START};

pub fn render(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let review = &app.review;
    // A date in the search line that can't be read is said under the filters.
    let problem = review
        .query
        .date_problem()
        .map(|p| super::wrap(&p, area.width))
        .unwrap_or_default();
    let [head, filters, said, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length((problem.len() as u16).max(1)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let problem: Vec<Line> = problem
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme::warning())))
        .collect();
    frame.render_widget(Paragraph::new(problem), said);
    let count = match (review.total, review.rows.len()) {
        (1, _) => "1 entry".to_string(),
        (n, _) => format!("{n} entries"),
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Past entries, newest first", theme::heading()),
            Span::styled(format!("  {count}"), theme::dim()),
        ])),
        head,
    );
    frame.render_widget(Paragraph::new(filter_line(app, filters.width)), filters);
    if review.rows.is_empty() {
        let text = if review.query == Default::default() {
            "Nothing here yet. When you finish an exercise it is saved here, and you can come back \
             to read it whenever you like."
        } else {
            &format!(
                "No entries match. {} clears the filters.",
                crate::keys::label(crate::keys::Context::Review, &crate::app::Msg::ClearFilters)
            )
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme::dim())).wrap(Wrap { trim: true }),
            list,
        );
    } else {
        let width = usize::from(list.width.saturating_sub(2));
        let items = review.rows.iter().map(|e| row(app, e, width)).collect();
        cursor_list(frame, list, items, Some(selected));
    }
    if let Some(p) = review.picker {
        picker(app, p, frame, list);
    }
}

/// The filters in force, by name: "Step 4: Challenge negative beliefs · Thought
/// record · last 7 days", cut with a mark if the window is narrow.
fn filter_line(app: &App, width: u16) -> Line<'static> {
    let q = &app.review.query;
    let step = q
        .step
        .as_ref()
        .and_then(|id| app.content.step(id))
        .map_or_else(|| "all steps".to_string(), |s| s.label());
    let exercise = q
        .exercise
        .as_ref()
        .and_then(|id| {
            app.content
                .steps
                .iter()
                .flat_map(|s| &s.exercises)
                .find(|e| &e.id == id)
        })
        .map_or_else(|| "all exercises".to_string(), |e| e.title.clone());
    let filters = format!("{step} · {exercise} · {}", q.range.label());
    let mut spans = Vec::new();
    if app.review.searching || !q.text.is_empty() {
        let search = super::truncate(&q.text, usize::from(width / 2));
        let cursor = if app.review.searching { "▏" } else { "" };
        let used = "search: ".width() + search.width() + cursor.width() + 2;
        spans.push(Span::styled(
            super::truncate(&filters, usize::from(width).saturating_sub(used)),
            theme::dim(),
        ));
        spans.push(Span::raw("  search: "));
        spans.push(Span::styled(search, theme::accent()));
        spans.push(Span::styled(cursor, theme::accent()));
    } else {
        spans.push(Span::styled(
            super::truncate(&filters, usize::from(width)),
            theme::dim(),
        ));
    }
    Line::from(spans)
}

/// The list of steps, exercises or times to choose from, in a box over the list.
fn picker(app: &App, picker: Picker, frame: &mut Frame, area: Rect) {
    use ratatui::widgets::{Block, Borders, Clear};
    let title = match picker.filter {
        Filter::Step | Filter::Exercise => " Show entries of ",
        Filter::Time => " Show entries from ",
    };
    let choices = app.picker_choices(picker.filter);
    let longest = choices.iter().map(|c| c.label.width()).max().unwrap_or(0);
    let longest = u16::try_from(longest + 3).unwrap_or(u16::MAX);
    let inner_width = area
        .width
        .saturating_sub(6)
        .min(longest.max(title.width() as u16));
    let items: Vec<ListItem> = choices
        .iter()
        .map(|c| {
            ListItem::new(super::truncate(
                &c.label,
                usize::from(inner_width.saturating_sub(2)),
            ))
        })
        .collect();
    let height = (items.len() as u16 + 2).min(area.height);
    let width = inner_width + 2;
    let boxed = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y,
        width: width.min(area.width),
        height,
    };
    frame.render_widget(Clear, boxed);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::accent())
        .title(title);
    let inner = block.inner(boxed);
    frame.render_widget(block, boxed);
    cursor_list(frame, inner, items, Some(picker.selected));
}

fn row(app: &App, e: &EntrySummary, width: usize) -> ListItem<'static> {
    let step = app
        .content
        .step(&e.step_id)
        .map_or_else(|| e.step_id.clone(), |s| s.short());
    let when = e.created_at.format("%a %-d %b %Y %H:%M");
    // A place's one exercise has the place's name (the quick write): said once.
    let head = if step == e.exercise_title {
        format!("{when}  {step}")
    } else {
        format!("{when}  {step:<7} {}", e.exercise_title)
    };
    let mut preview = vec![Span::raw("    ")];
    preview.extend(highlighted(&e.preview, width.saturating_sub(4)));
    ListItem::new(vec![Line::from(head), Line::from(preview)])
}

/// A one-line preview cut to width, with search matches (between the markers the
/// store puts in) shown bold and underlined.
fn highlighted(text: &str, width: usize) -> Vec<Span<'static>> {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut spans = Vec::new();
    let mut used = 0;
    let mut in_match = false;
    let mut current = String::new();
    let flush = |current: &mut String, in_match: bool, spans: &mut Vec<Span<'static>>| {
        if !current.is_empty() {
            let style = if in_match {
                theme::accent().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                theme::dim()
            };
            spans.push(Span::styled(std::mem::take(current), style));
        }
    };
    for c in flat.chars() {
        match c {
            MATCH_START | MATCH_END => {
                flush(&mut current, in_match, &mut spans);
                in_match = c == MATCH_START;
            }
            c => {
                let w = c.to_string().width();
                if used + w + 1 > width {
                    current.push('…');
                    break;
                }
                used += w;
                current.push(c);
            }
        }
    }
    flush(&mut current, in_match, &mut spans);
    spans
}
