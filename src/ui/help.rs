//! Help: where to get help now, then the keys of the screen underneath.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme;
use crate::app::{App, Laid, Msg, Screen};
use crate::crisis;
use crate::keys;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, under: &Screen, scroll: u16, frame: &mut Frame, area: Rect) -> Laid {
    super::page(frame, area, &page_lines(app, under, area.width), scroll)
}

pub fn page_lines(app: &App, under: &Screen, width: u16) -> Vec<Line<'static>> {
    let mut lines = crisis_lines(app, width);
    lines.extend(about_lines(app, under, width));
    lines.extend(key_lines(app, under, width));
    lines
}

/// Under an exercise: what it is for and where it comes from, in full.
fn about_lines(app: &App, under: &Screen, width: u16) -> Vec<Line<'static>> {
    let (Screen::Exercise { step, exercise } | Screen::Reading { step, exercise, .. }) = under
    else {
        return Vec::new();
    };
    let Some(ex) = app.content.exercise_at(*step, *exercise) else {
        return Vec::new();
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("About {}", ex.title),
        theme::heading(),
    ))];
    for text in [&ex.purpose, &ex.about] {
        lines.extend(super::wrap(text, width).into_iter().map(Line::from));
    }
    lines.push(Line::default());
    lines
}

/// The crisis lines as short as they can be said, for a window too small for help:
/// the person's own first.
pub fn crisis_summary(app: &App) -> Vec<String> {
    app.settings
        .crisis_lines
        .iter()
        .map(|l| format!("• {}: {}", l.who, l.how))
        .chain(
            crisis::LINES
                .iter()
                .map(|l| format!("• {}: {}", l.who, l.how)),
        )
        .collect()
}

/// Where to get help now: the person's safety plan once they have made one, their
/// own lines, the built-in ones (checked when), and what else helps from here.
fn crisis_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let key = |msg| keys::label(keys::Context::Help, &msg);
    let mut lines = vec![Line::from(Span::styled(
        "If you need help now",
        theme::heading(),
    ))];
    lines.extend(safety_plan(app, width));
    for line in &app.settings.crisis_lines {
        let text = if line.checked.is_empty() {
            format!("{}: {} (your own line)", line.who, line.how)
        } else {
            format!(
                "{}: {} (your own line, checked {})",
                line.who, line.how, line.checked
            )
        };
        bullet(&mut lines, &text, width);
    }
    for line in crisis::LINES {
        bullet(&mut lines, &format!("{}: {}", line.who, line.how), width);
    }
    let checked = chrono::NaiveDate::parse_from_str(crisis::CHECKED, "%Y-%m-%d")
        .map_or(crisis::CHECKED.to_string(), |d| {
            d.format("%-d %B %Y").to_string()
        });
    let mut dim = |text: &str| {
        for l in super::wrap(text, width) {
            lines.push(Line::from(Span::styled(l, theme::dim())));
        }
    };
    dim(&format!(
        "These lines were checked on {checked}. {}",
        crisis::OWN_LINES
    ));
    dim("");
    dim(crisis::RELATIONSHIP_SAFETY);
    dim("");
    if app.content.safety_plan().is_some() && app.safety_plan.is_none() {
        dim(&format!(
            "A safety plan, made on a calm day, can help on a hard one: {} makes one, whenever \
             you like.",
            key(Msg::SafetyPlan)
        ));
        dim("");
    }
    dim(&format!(
        "Steady yourself: {} opens a few minutes of slow breathing and grounding.",
        key(Msg::Steady)
    ));
    dim("");
    dim(crisis::NOT_THERAPY);
    dim("");
    lines
}

/// The person's own safety plan, every part they wrote, above the lines.
fn safety_plan(app: &App, width: u16) -> Vec<Line<'static>> {
    let Some(plan) = &app.safety_plan else {
        return Vec::new();
    };
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "Your safety plan ({} changes it)",
            keys::label(keys::Context::Help, &Msg::SafetyPlan)
        ),
        theme::accent(),
    ))];
    // The built-in lines it started with are shown just below; the rest is theirs.
    let built_in: Vec<String> = crisis::as_text().lines().map(str::to_string).collect();
    for answer in &plan.answers {
        // Without the built-in lines, and without the blank lines they leave.
        let mut kept: Vec<&str> = Vec::new();
        let text = answer.value.full_text();
        for l in text
            .lines()
            .filter(|l| !built_in.iter().any(|b| b == l.trim()))
        {
            let blank = l.trim().is_empty();
            if !(blank && kept.last().is_none_or(|k| k.trim().is_empty())) {
                kept.push(l);
            }
        }
        while kept.last().is_some_and(|k| k.trim().is_empty()) {
            kept.pop();
        }
        let words = kept.join("\n");
        if words.trim().is_empty() || answer.value == crate::journal::AnswerValue::Skipped {
            continue;
        }
        lines.push(Line::from(Span::styled(
            format!("  {}", answer.label),
            theme::dim(),
        )));
        for l in super::wrap(&words, width.saturating_sub(4)) {
            lines.push(Line::from(format!("    {l}")));
        }
    }
    lines.push(Line::default());
    lines
}

/// A bulleted item, wrapped under its own first word.
fn bullet(lines: &mut Vec<Line<'static>>, text: &str, width: u16) {
    for (i, l) in super::wrap(text, width.saturating_sub(2))
        .into_iter()
        .enumerate()
    {
        lines.push(Line::from(if i == 0 {
            format!("• {l}")
        } else {
            format!("  {l}")
        }));
    }
}

/// The keys of the screen under help, from the keymap.
fn key_lines(app: &App, under: &Screen, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let context = app.context_of(under);
    lines.push(Line::from(Span::styled(
        "Keys on this screen",
        theme::heading(),
    )));
    let mut seen = Vec::new();
    let rows: Vec<(String, &str)> = keys::bindings(context)
        .filter(|b| {
            let fresh =
                !(b.keys.is_empty() || seen.contains(&b.does) && b.scope == keys::Scope::All);
            seen.push(b.does);
            fresh
        })
        .map(|b| (keys::key_names(b), b.does))
        .collect();
    // Keys in a column as wide as the longest (within reason); what they do wraps
    // beside them, and a name too long for the column gets a row of its own.
    let column = rows
        .iter()
        .map(|(k, _)| k.width())
        .filter(|w| *w <= 24)
        .max()
        .unwrap_or(12)
        .max(10)
        + 2;
    let room = width.saturating_sub(column as u16 + 2).max(12);
    for (names, does) in rows {
        let mut said = super::wrap(does, room).into_iter();
        if names.width() > column - 2 {
            lines.push(Line::from(Span::styled(
                format!("  {names}"),
                theme::accent(),
            )));
        } else {
            let first = said.next().unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(format!("  {names:<column$}"), theme::accent()),
                Span::raw(first),
            ]));
        }
        for more in said {
            lines.push(Line::from(format!("  {:<column$}{more}", "")));
        }
    }
    lines
}
