//! The unlock screen of an encrypted journal: the passphrase field (one dot per
//! character typed), what happened to the last try, and the crisis lines (F1).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{status, theme, wrap};
use crate::app::unlock::{MAX_LEN, Note, Showing, Unlock};
use crate::crisis;
use crate::keys::Context;
use crate::msg::Msg;

/// The keymap context of what the unlock screen shows.
pub fn context(u: &Unlock) -> Context {
    match u.showing {
        Showing::Field => Context::Unlock,
        Showing::Help => Context::UnlockHelp,
    }
}

pub fn render(u: &Unlock, frame: &mut Frame) {
    let area = frame.area();
    let [body, bar] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let width = body.width.saturating_sub(2).max(1);
    let (mut lines, scroll) = match u.showing {
        Showing::Field => (field_lines(u, width), 0),
        Showing::Help => {
            let lines = help_lines(u, width);
            // Scrolled no further than shows the last line.
            let most = (lines.len() as u16).saturating_sub(body.height);
            (lines, u.scroll.min(most))
        }
    };
    // In a small window the blank lines go first, so the field and what happened to
    // the last try stay in sight.
    if u.showing == Showing::Field && lines.len() > usize::from(body.height) {
        lines.retain(|l| l.width() > 0);
    }
    let inner = body.inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
    frame.render_widget(
        Paragraph::new(status::line(context(u), bar.width as usize)).style(theme::bar()),
        bar,
    );
    super::clean(frame);
}

fn field_lines(u: &Unlock, width: u16) -> Vec<Line<'static>> {
    let help = crate::keys::label(Context::Unlock, &Msg::Help);
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled("Your journal is locked", theme::heading())),
        Line::default(),
    ];
    for l in wrap(&format!("Type its passphrase to open {}.", u.file), width) {
        lines.push(Line::from(l));
    }
    lines.push(Line::default());
    // One dot per character, as many as fit; the field never shows what was typed.
    let room = usize::from(width).saturating_sub(14).max(1);
    let dots = "•".repeat(u.typed_len().min(room));
    lines.push(Line::from(vec![
        Span::styled("Passphrase: ", theme::accent()),
        Span::raw(dots),
        Span::styled("▏", theme::accent()),
    ]));
    lines.push(Line::default());
    let note = match &u.note {
        None => None,
        Some(Note::Unlocking) => Some(("Unlocking…".to_string(), theme::dim())),
        Some(Note::WrongPassphrase) => Some((
            match u.failed {
                1 => "That passphrase does not open this journal. Nothing was changed; try again."
                    .to_string(),
                n => format!(
                    "That passphrase does not open this journal either ({n} tries). Nothing was \
                     changed; try again."
                ),
            },
            theme::warning(),
        )),
        Some(Note::Damaged) => Some((
            "That passphrase opens your backups but not the journal: the journal looks \
             damaged. Nothing was changed. Quit, then restore the newest backup (see \
             \"Restoring a backup\" in the README)."
                .to_string(),
            theme::warning(),
        )),
        Some(Note::ChangeInterrupted) => Some((
            "That passphrase opens your backups but not the journal: a change of passphrase \
             was stopped partway, and the journal already has the new one. Nothing was \
             changed. Type the new passphrase: opening finishes the change."
                .to_string(),
            theme::warning(),
        )),
        Some(Note::Empty) => Some(("Type the passphrase first.".to_string(), theme::warning())),
        Some(Note::TooLong) => Some((
            format!("That is longer than attune takes ({MAX_LEN} bytes)."),
            theme::warning(),
        )),
    };
    if let Some((text, style)) = note {
        for l in wrap(&text, width) {
            lines.push(Line::from(Span::styled(l, style)));
        }
        lines.push(Line::default());
    }
    for l in wrap(
        &format!(
            "A lost passphrase cannot be recovered: not by attune, not by anyone. If you need \
             help now, {help} shows the crisis lines."
        ),
        width,
    ) {
        lines.push(Line::from(Span::styled(l, theme::dim())));
    }
    lines
}

fn help_lines(u: &Unlock, width: u16) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        "If you need help now",
        theme::heading(),
    ))];
    let mut bullet = |text: &str| {
        for (i, l) in wrap(text, width.saturating_sub(2).max(1))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 { "• " } else { "  " };
            lines.push(Line::from(format!("{lead}{l}")));
        }
    };
    for own in &u.own_lines {
        bullet(own);
    }
    for line in crisis::LINES {
        bullet(&format!("{}: {}", line.who, line.how));
    }
    lines.push(Line::default());
    for l in wrap(crisis::NOT_THERAPY, width) {
        lines.push(Line::from(Span::styled(l, theme::dim())));
    }
    lines
}
