//! First run: what attune is and is not, where the data lives, how to begin. What
//! matters most comes first, so even the smallest window shows it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::App;
use crate::crisis;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width;
    let para = |text: &str| -> Vec<Line<'static>> {
        super::wrap(text, width)
            .into_iter()
            .map(Line::from)
            .collect()
    };
    let safety = para(&format!(
        "{} If you are in danger, call your local emergency number (911, 112, 999); in the US you can \
         call or text 988. F1 shows help lines at any time.",
        crisis::NOT_THERAPY
    ));
    let mut data = para("What you write stays on this computer, readable only by you, in:");
    data.extend(
        super::wrap(&app.data_dir, width.saturating_sub(2))
            .into_iter()
            .map(|l| Line::from(Span::styled(format!("  {l}"), theme::accent()))),
    );
    data.push(Line::from("Nothing is ever sent anywhere."));
    let about = para(
        "attune keeps you company through six steps toward feeling safer with closeness: noticing your \
         patterns, finding support, self-compassion, questioning old beliefs, naming feelings, and \
         building trust a little at a time. Go at your own pace. Every question can be skipped. \
         Nothing is scored.",
    );
    let begin = vec![Line::from(Span::styled(
        format!(
            "Press {} to begin.",
            crate::keys::label(crate::keys::Context::Welcome, &crate::app::Msg::Open)
        ),
        theme::heading(),
    ))];

    let mut lines = vec![
        Line::from(Span::styled("Welcome to attune", theme::heading())),
        Line::default(),
    ];
    // The description is the one part a small window can do without.
    let needed = lines.len() + safety.len() + data.len() + about.len() + begin.len() + 3;
    let sections = if needed <= usize::from(area.height) {
        vec![about, safety, data, begin]
    } else {
        vec![safety, data, begin]
    };
    for (i, section) in sections.into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        lines.extend(section);
    }
    frame.render_widget(Paragraph::new(lines), area);
}
