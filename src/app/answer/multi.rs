//! A multi answer: a checklist of options, plus an optional free "other" line
//! that sits below the last option.

use super::Change;
use super::choice::move_cursor;
use super::text::{self, Editor};
use crate::app::Msg;

#[derive(Debug, Clone)]
pub struct MultiDraft {
    /// 0..options is an option; options.len() is the "other" line when there is one.
    pub cursor: usize,
    pub ticked: Vec<bool>,
    pub other: Option<Editor>,
}

pub const OTHER_PLACEHOLDER: &str = "something else, in your own words";

impl MultiDraft {
    pub fn new(options: &[String], other: bool) -> MultiDraft {
        MultiDraft::restore(options, other, &[], "", 0)
    }

    pub fn restore(
        options: &[String],
        other: bool,
        chosen: &[String],
        other_text: &str,
        cursor: usize,
    ) -> MultiDraft {
        let ticked = options.iter().map(|o| chosen.contains(o)).collect();
        let other = other.then(|| text::editor_at_end(OTHER_PLACEHOLDER, other_text, true));
        let rows = options.len() + usize::from(other.is_some());
        MultiDraft {
            cursor: cursor.min(rows.saturating_sub(1)),
            ticked,
            other,
        }
    }

    pub fn on_other(&self) -> bool {
        self.other.is_some() && self.cursor == self.ticked.len()
    }

    pub fn chosen(&self, options: &[String]) -> Vec<String> {
        options
            .iter()
            .zip(&self.ticked)
            .filter(|(_, t)| **t)
            .map(|(o, _)| o.clone())
            .collect()
    }

    pub fn other_text(&self) -> String {
        self.other
            .as_ref()
            .map(text::text_of)
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    pub fn is_empty(&self) -> bool {
        !self.ticked.contains(&true) && self.other_text().is_empty()
    }

    pub fn apply(&mut self, msg: Msg, field: (u16, u16)) -> Change {
        let rows = self.ticked.len() + usize::from(self.other.is_some());
        match msg {
            Msg::Up => move_cursor(&mut self.cursor, rows, -1),
            Msg::Down => move_cursor(&mut self.cursor, rows, 1),
            Msg::Toggle if !self.on_other() => match self.ticked.get_mut(self.cursor) {
                Some(t) => {
                    *t = !*t;
                    Change::Edited
                }
                None => Change::None,
            },
            msg @ (Msg::Edit(_) | Msg::Paste(_)) if self.on_other() => match &mut self.other {
                Some(editor) => super::typed(text::apply(editor, msg, field)),
                None => Change::None,
            },
            _ => Change::None,
        }
    }
}
