//! A window smaller than attune needs: it says so, and help (F1) and the steadying
//! page still show what matters most, in as little room as it takes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{MIN_HEIGHT, MIN_WIDTH, help, steady, theme, truncate, wrap};
use crate::app::{App, Laid, Screen};
use crate::keys;

/// A window too small to draw attune in: it says so, and help (F1) still shows
/// where to get help now, in as little room as it takes, and scrolls when even that
/// does not fit.
pub(super) fn too_small(app: &App, frame: &mut Frame, area: Rect) -> Laid {
    use crate::app::Msg;
    let mut scroll = 0;
    let text = match &app.screen {
        Screen::Help { scroll: at, .. } => {
            scroll = usize::from(*at);
            let mut lines = vec![format!(
                "If you need help now ({}: steady yourself, {}: close):",
                keys::label(keys::Context::Help, &Msg::Steady),
                keys::label(keys::Context::Help, &Msg::Back)
            )];
            lines.extend(help::crisis_summary(app));
            lines.push("A bigger window shows more.".to_string());
            lines.join("\n")
        }
        Screen::Steady { .. } => {
            // The pace first, then feet on the floor; the rest when there is room.
            let mut lines: Vec<String> = vec![
                steady::pace(app.pace, area.width)
                    .spans
                    .iter()
                    .map(|s| s.content.trim_start().to_string())
                    .collect(),
            ];
            lines.extend(steady::WORDS[2..].iter().map(|w| w.to_string()));
            lines.join("\n")
        }
        _ => format!(
            "Please enlarge the window (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}). {}: help and crisis lines. {} saves and quits.",
            area.width,
            area.height,
            keys::label_everywhere(&Msg::Help),
            keys::label_everywhere(&Msg::Quit)
        ),
    };
    let rows: Vec<String> = wrap(&text, area.width);
    let height = usize::from(area.height);
    // More than fits: the last row says so, and how to see it.
    let room = if rows.len() > height {
        height.saturating_sub(1)
    } else {
        height
    };
    let scroll = scroll.min(rows.len().saturating_sub(room));
    let mut lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(room)
        .map(|r| Line::from(r.clone()))
        .collect();
    if scroll + room < rows.len() {
        let more = format!("↓ more: {}", keys::label(keys::Context::Help, &Msg::Down));
        lines.push(Line::from(Span::styled(
            truncate(&more, usize::from(area.width)),
            theme::dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
    Laid {
        page_lines: rows.len(),
        page_height: u16::try_from(room).unwrap_or(u16::MAX),
        ..Laid::default()
    }
}
