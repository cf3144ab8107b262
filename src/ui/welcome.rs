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
    let help = crate::keys::label_everywhere(&crate::app::Msg::Help);
    let danger = format!(
        "If you are in danger, call your local emergency number (911, 112, 999); in the US and \
         Canada call or text 988; in the UK and Ireland call Samaritans on 116 123. {help} shows \
         help lines at any time."
    );
    let short = para(&format!(
        "attune is a self-help companion, not therapy and not an emergency service. {danger}"
    ));
    let long = para(&format!("{} {danger}", crisis::NOT_THERAPY));
    let plan = para(&format!(
        "Whenever you like, {help} also has a page to steady yourself and a place for a safety \
         plan: a short plan, made on a calm day, for the hard ones."
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
    // The richest version that fits: a small window does without the description,
    // then the offer of a safety plan (help offers it too), then the longer word on
    // what attune is not; the crisis lines, the data folder and how to begin stay.
    let room = usize::from(area.height);
    let fits = |sections: &[&Vec<Line>]| {
        lines.len() + sections.iter().map(|s| s.len() + 1).sum::<usize>() <= room
    };
    let sections = if fits(&[&about, &long, &plan, &data, &begin]) {
        vec![about, long, plan, data, begin]
    } else if fits(&[&long, &plan, &data, &begin]) {
        vec![long, plan, data, begin]
    } else if fits(&[&long, &data, &begin]) {
        vec![long, data, begin]
    } else if fits(&[&short, &plan, &data, &begin]) {
        vec![short, plan, data, begin]
    } else {
        vec![short, data, begin]
    };
    for (i, section) in sections.into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        lines.extend(section);
    }
    frame.render_widget(Paragraph::new(lines), area);
}
