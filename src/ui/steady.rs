//! "Steady yourself": a few minutes of slow breathing and grounding, opened from
//! help on any screen. Nothing to write, nothing saved. The breathing pace moves on
//! by itself (half a second a step) only while this page is open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme;
use crate::app::{App, Laid};

/// Half-seconds of one breath: in for four seconds, out for six.
const IN: u32 = 8;
const OUT: u32 = 12;

/// The page's words, in paragraphs; the pace goes after the first.
pub const WORDS: &[&str] = &[
    "Nothing to write here. Stay as long as you like; leave whenever you are ready.",
    "Breathe with the bar if it helps: in while it fills, out, a little slower, while it \
     empties. If counting or slowing your breath makes you uneasy, breathe as you do and \
     just watch it.",
    "Feet on the floor. Press them down and notice the floor pressing back. Notice what \
     is holding you up: the chair, the bed, the wall at your back.",
    "Look around and name, quietly, five things you can see. Then four you can hear or \
     feel against your skin, three you can touch, two you can smell, and one you can taste \
     or would like to.",
    "Say to yourself where you are and what day it is. Whatever came up, it is not \
     happening in this room right now.",
    "When you are ready, go back to what you were doing, or stop for today. Both are fine. \
     If you feel no steadier, the people on the help page are there to talk to.",
];

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) -> Laid {
    super::page(frame, area, &lines(app, area.width), scroll)
}

pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled("Steady yourself", theme::heading())),
        Line::default(),
    ];
    for (i, words) in WORDS.iter().enumerate() {
        lines.extend(super::wrap(words, width).into_iter().map(Line::from));
        lines.push(Line::default());
        if i == 0 {
            lines.push(pace(app.pace, width));
            lines.push(Line::default());
        }
    }
    lines
}

/// "breathe in  ■■■■■■□□□□□□□□□□": the bar fills over four seconds, empties over six.
pub fn pace(step: u32, width: u16) -> Line<'static> {
    let at = step % (IN + OUT);
    let bar = usize::from(width.saturating_sub(16)).clamp(8, 40);
    let (word, filled) = if at < IN {
        ("breathe in ", (at + 1) as usize * bar / IN as usize)
    } else {
        (
            "breathe out",
            (IN + OUT - at - 1) as usize * bar / OUT as usize,
        )
    };
    Line::from(vec![
        Span::styled(format!("  {word}  "), theme::dim()),
        Span::styled("■".repeat(filled), theme::accent()),
        Span::styled("□".repeat(bar - filled), theme::dim()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(step: u32) -> usize {
        pace(step, 56)
            .spans
            .get(1)
            .map_or(0, |s| s.content.chars().count())
    }

    #[test]
    fn the_bar_fills_for_four_seconds_and_empties_for_six() {
        let full = 40;
        let fills: Vec<usize> = (0..IN).map(filled).collect();
        assert!(fills.windows(2).all(|w| w[0] < w[1]), "{fills:?}");
        assert_eq!(fills.last(), Some(&full));
        let empties: Vec<usize> = (IN..IN + OUT).map(filled).collect();
        assert!(empties.windows(2).all(|w| w[0] > w[1]), "{empties:?}");
        assert_eq!(empties.last(), Some(&0));
        // And round again.
        assert_eq!(filled(IN + OUT), filled(0));
    }
}
