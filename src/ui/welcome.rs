//! First run: what attune is and is not, where the data lives, how to begin.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme;
use crate::app::App;
use crate::crisis;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::from(Span::styled("Welcome to attune", theme::heading())),
        Line::default(),
        Line::from(
            "attune keeps you company through six steps toward feeling safer with closeness: \
             noticing your patterns, finding support, self-compassion, questioning old beliefs, \
             naming feelings, and building trust a little at a time.",
        ),
        Line::default(),
        Line::from("Go at your own pace. Every question can be skipped. Nothing is scored."),
        Line::default(),
        Line::from(crisis::NOT_THERAPY),
        Line::from(
            "If you are in danger, call your local emergency number (911, 112, 999); in the US \
             you can call or text 988. F1 shows help lines at any time.",
        ),
        Line::default(),
        Line::from("What you write stays on this computer, readable only by you, in:"),
        Line::from(Span::styled(format!("  {}", app.data_dir), theme::accent())),
        Line::from("Nothing is ever sent anywhere."),
        Line::default(),
        Line::from(Span::styled("Press Enter to begin.", theme::heading())),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
