//! Views: pure functions of `&App` that draw into a Frame. This file owns the frame
//! layout (title, body, status bar), the too-small guard and dispatch per screen.

mod answer;
mod entry;
mod exercise;
mod help;
mod home;
mod insights;
mod insights_beliefs;
mod insights_ladder;
mod kept;
mod reading;
mod review;
mod small;
mod status;
mod steady;
mod step;
pub mod theme;
pub mod unlock;
mod welcome;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use unicode_width::UnicodeWidthStr;

use crate::app::{App, Laid, Screen};
use crate::keys;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Draw the App, and hand back what the App needs of the layout (television-style).
pub fn render(app: &App, frame: &mut Frame) -> Laid {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let laid = small::too_small(app, frame, area);
        clean(frame);
        return laid;
    }
    let problem = app
        .problem
        .as_deref()
        .map(|p| wrap(p, area.width.saturating_sub(2)))
        .unwrap_or_default();
    // A problem stays in view above the status bar (at most a third of the window).
    let problem_rows = (problem.len() as u16).min(area.height / 3);
    // A notice wraps rather than being cut (at most three rows).
    let status_rows = app.notice.as_deref().map_or(1, |n| {
        wrap(n, area.width.saturating_sub(1)).len().clamp(1, 3)
    }) as u16;
    let [title, body, problem_area, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(problem_rows),
        Constraint::Length(status_rows),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(title_line(app, title.width)).style(theme::bar()),
        title,
    );
    let body = measure(inset(body));
    let laid = render_screen(app, &app.screen, frame, body);
    if problem_rows > 0 {
        let lines: Vec<Line> = problem
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), theme::warning())))
            .collect();
        frame.render_widget(Paragraph::new(lines), problem_area);
    }
    if let Some(alert) = app.alert() {
        let ok = format!(
            "{}: OK, I've read this",
            keys::label(keys::Context::Alert, &crate::app::Msg::Dismiss)
        );
        boxed(alert, &ok, theme::warning(), frame, body);
    } else if let Some(question) = app.question_text() {
        boxed(
            &question,
            &yes_no(app.question_verb(), "keep"),
            theme::accent(),
            frame,
            body,
        );
    }
    frame.render_widget(Paragraph::new(status_lines(app, status.width)), status);
    clean(frame);
    laid
}

/// The last word before anything reaches the terminal: ratatui already drops control
/// characters, and here bidi overrides go too, so no text can reorder the screen.
pub(crate) fn clean(frame: &mut Frame) {
    for cell in frame.buffer_mut().content.iter_mut() {
        if cell.symbol().chars().any(crate::sanitize::is_unsafe) {
            let symbol: String = cell
                .symbol()
                .chars()
                .filter_map(crate::sanitize::visible)
                .collect();
            cell.set_symbol(if symbol.is_empty() { " " } else { &symbol });
        }
    }
}

/// Something to read before going on (an alert, a question), in a box over the
/// screen, with what the keys do on its last line.
fn boxed(
    text: &str,
    keys_line: &str,
    border: ratatui::style::Style,
    frame: &mut Frame,
    body: Rect,
) {
    use ratatui::widgets::{Block, Borders, Clear};
    let width = body.width.min(76);
    let inner_width = width.saturating_sub(4);
    let mut lines: Vec<Line> = wrap(text, inner_width)
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        keys_line.to_string(),
        theme::dim(),
    )));
    let height = (lines.len() as u16 + 2).min(body.height);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn render_screen(app: &App, screen: &Screen, frame: &mut Frame, body: Rect) -> Laid {
    match screen {
        Screen::Welcome => welcome::render(app, frame, body),
        Screen::Home { selected } => home::render(app, *selected, frame, body),
        Screen::Step { step, selected } => {
            return step::render(app, *step, *selected, frame, body);
        }
        Screen::Exercise { step, exercise } => {
            return exercise::render(app, *step, *exercise, frame, body);
        }
        Screen::Reading {
            step,
            exercise,
            scroll,
        } => return reading::render(app, *step, *exercise, *scroll, frame, body),
        Screen::Review { selected } => review::render(app, *selected, frame, body),
        Screen::Insights { section } => insights::render(app, *section, frame, body),
        Screen::Entry { scroll, .. } => return entry::render(app, *scroll, frame, body),
        Screen::Kept { selected } => kept::render_list(app, *selected, frame, body),
        Screen::KeptDraft { index, scroll } => {
            return kept::render_draft(app, *index, *scroll, frame, body);
        }
        Screen::Help { under, scroll } => return help::render(app, under, *scroll, frame, body),
        Screen::Steady { scroll, .. } => return steady::render(app, *scroll, frame, body),
    }
    Laid::default()
}

fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x + 2,
        width: area.width.saturating_sub(4),
        y: area.y + 1,
        height: area.height.saturating_sub(1),
    }
}

/// The body at a comfortable reading measure: at most 100 columns, centred, so prose
/// never runs across a wide window and a row's columns stay near each other.
fn measure(area: Rect) -> Rect {
    let width = area.width.min(100);
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}

/// A page that scrolls: drawn from `scroll` (never past its end), and laid out for
/// the App to clamp the next scroll with the same lines. Only the rows on screen are
/// handed to ratatui, so a long page costs no more to draw than a short one. When it
/// doesn't fit, its last row says how much is above and below, and the keys.
fn page(frame: &mut Frame, area: Rect, lines: &[Line<'static>], scroll: u16) -> Laid {
    let height = usize::from(area.height);
    let fits = lines.len() <= height || height < 2;
    let rows = if fits { height } else { height - 1 };
    let top = usize::from(scroll).min(lines.len().saturating_sub(rows));
    let shown = lines[top..].iter().take(rows).cloned().collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(shown), area);
    if !fits {
        let below = lines.len() - top - rows;
        let key = |msg| keys::label(keys::Context::Entry, &msg);
        let mut parts = Vec::new();
        if top > 0 {
            parts.push(format!("↑ {top} above ({})", key(crate::app::Msg::PageUp)));
        }
        if below > 0 {
            parts.push(format!(
                "↓ {below} more ({})",
                key(crate::app::Msg::PageDown)
            ));
        }
        let marker = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(parts.join(" · "), theme::dim()))
                .alignment(ratatui::layout::Alignment::Right),
            marker,
        );
    }
    Laid {
        page_lines: lines.len(),
        page_height: u16::try_from(rows).unwrap_or(u16::MAX),
        ..Laid::default()
    }
}

/// The wrapped lines of a page, built once per (what, width) and kept while the same
/// page is on screen: scrolling a 50 MB entry must not wrap it again on every key.
/// A memo of a pure function of `&App`, so drawing still changes nothing the App sees.
fn page_memo(
    key: u64,
    build: impl FnOnce() -> Vec<Line<'static>>,
) -> std::rc::Rc<Vec<Line<'static>>> {
    use std::cell::RefCell;
    use std::rc::Rc;
    thread_local! {
        static LAST: RefCell<Option<(u64, Rc<Vec<Line<'static>>>)>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        if let Some((k, lines)) = &*last.borrow()
            && *k == key
        {
            return Rc::clone(lines);
        }
        let lines = Rc::new(build());
        *last.borrow_mut() = Some((key, Rc::clone(&lines)));
        lines
    })
}

/// A key for `page_memo` from everything a page's lines depend on.
fn memo_key(parts: impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(parts)
}

/// Where the person is. Too long for the window, the step keeps only its number,
/// then the end is cut with a mark (never mid-word without one).
fn title_line(app: &App, width: u16) -> Line<'static> {
    let full = title_parts(app, true).join(" · ");
    let width = usize::from(width);
    if full.width() <= width {
        return Line::from(full);
    }
    Line::from(truncate(&title_parts(app, false).join(" · "), width))
}

fn title_parts(app: &App, step_titles: bool) -> Vec<String> {
    let mut parts = vec![" attune".to_string()];
    let step_title = |i: usize| {
        app.content
            .steps
            .get(i)
            .map(|s| if step_titles { s.label() } else { s.short() })
    };
    let screen = match &app.screen {
        Screen::Help { under, .. } => under.as_ref(),
        Screen::Steady { .. } => {
            parts.push("Steady yourself".into());
            return parts;
        }
        s => s,
    };
    match screen {
        Screen::Welcome => parts.push("welcome".into()),
        Screen::Home { .. } => {}
        Screen::Step { step, .. } => parts.extend(step_title(*step)),
        Screen::Exercise { step, exercise } | Screen::Reading { step, exercise, .. } => {
            parts.extend(step_title(*step));
            // A place's one exercise has the place's name (the quick write): said once.
            if let Some(e) = app.content.exercise_at(*step, *exercise)
                && parts.last() != Some(&e.title)
            {
                parts.push(e.title.clone());
            }
        }
        Screen::Review { .. } | Screen::Entry { .. } => parts.push("Review".into()),
        Screen::Insights { .. } => parts.push("Insights".into()),
        Screen::Kept { .. } | Screen::KeptDraft { .. } => parts.push("Drafts kept".into()),
        Screen::Help { .. } | Screen::Steady { .. } => {}
    }
    if matches!(app.screen, Screen::Help { .. }) {
        parts.push("Help".into());
    }
    parts
}

fn status_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    if let Some(notice) = &app.notice {
        return wrap(notice, width.saturating_sub(1))
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), theme::accent())))
            .collect();
    }
    vec![Line::from(Span::styled(
        status::line(app.context(), usize::from(width)),
        theme::dim(),
    ))]
}

/// "y delete · n keep": the keys of a yes-or-no question, from the keymap.
pub fn yes_no(yes: &str, no: &str) -> String {
    use crate::app::Msg;
    let c = keys::Context::Confirm;
    format!(
        "{} {yes} · {} {no}",
        keys::label(c, &Msg::Confirm),
        keys::label(c, &Msg::Cancel)
    )
}

/// A row of two columns in `width`: the right one whole (cut only if it alone would
/// take more than half), the left cut with "…" to leave room, and the gap between.
pub fn row(left: &str, right: &str, width: usize) -> (String, String) {
    let right = truncate(right, width / 2);
    let room = width.saturating_sub(right.width() + 2);
    let left = truncate(left, room);
    let gap = width.saturating_sub(left.width() + right.width()).max(1);
    (format!("{left}{}", " ".repeat(gap)), right)
}

/// Rows of two columns laid out as a table: the right column ends just past the
/// longest row (not at the far edge of a wide window), so each row's facts stay
/// near its label; each row cut as [`row`] cuts when the window is narrow.
pub fn rows(pairs: &[(String, String)], width: usize) -> Vec<(String, String)> {
    let longest = pairs.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let widest_right = pairs.iter().map(|(_, r)| r.width()).max().unwrap_or(0);
    let table = longest + 4 + widest_right;
    if table > width {
        return pairs.iter().map(|(l, r)| row(l, r, width)).collect();
    }
    pairs
        .iter()
        .map(|(l, r)| {
            let gap = table - l.width() - r.width();
            (format!("{l}{}", " ".repeat(gap)), r.clone())
        })
        .collect()
}

/// Text cut to fit `width` columns, ending in "…" when anything was left out.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Wrap plain text to a width, keeping blank lines between paragraphs.
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            out.push(String::new());
        } else {
            let line = expand_tabs(line);
            out.extend(
                textwrap::wrap(&line, width)
                    .into_iter()
                    .map(|l| l.into_owned()),
            );
        }
    }
    out
}

/// Tabs as the spaces to the next multiple of four columns (a terminal cell cannot
/// hold a tab, and ratatui would drop it).
fn expand_tabs(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\t') {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let pad = 4 - column % 4;
            out.extend(std::iter::repeat_n(' ', pad));
            column += pad;
        } else {
            out.push(c);
            column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Intro text in TOML is wrapped by hand; join its lines back into paragraphs.
pub fn reflow(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::{truncate, wrap};

    #[test]
    fn truncation_counts_columns_and_says_it_cut() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("exactly ten", 11), "exactly ten");
        assert_eq!(truncate("a longer line", 8), "a longe…");
        // Wide characters take two columns and are never split.
        assert_eq!(truncate("日本語の文", 5), "日本…");
        // A flag or a family emoji is one grapheme, kept whole or left out.
        assert_eq!(truncate("ab👨‍👩‍👧cd", 4), "ab…");
        assert_eq!(truncate("", 3), "");
    }

    #[test]
    fn wrapping_keeps_blank_lines_between_paragraphs() {
        assert_eq!(
            wrap("one two three\n\nfour", 7),
            ["one two", "three", "", "four"]
        );
    }
}
