//! A multi answer: a checklist of options, then the person's own items (each ticked
//! or not, as the options are), then an optional free "something else" line that
//! sits below them all: Enter there adds what it holds as one more item of their own.

use super::Change;
use super::choice::move_cursor;
use super::text::{self, Editor};
use crate::app::Msg;

#[derive(Debug, Clone)]
pub struct MultiDraft {
    /// 0..options is an option, then the own items; options + own is the "other"
    /// line when there is one.
    pub cursor: usize,
    pub ticked: Vec<bool>,
    /// Items written in the "other" line and added, with whether each is ticked.
    pub own: Vec<(String, bool)>,
    pub other: Option<Editor>,
}

pub const OTHER_PLACEHOLDER: &str = "something else, in your own words";

impl MultiDraft {
    pub fn new(options: &[String], other: bool) -> MultiDraft {
        MultiDraft::restore(options, other, &[], &[], "", 0)
    }

    /// From the saved form: the options chosen, the own items, the line's text.
    pub fn restore(
        options: &[String],
        other: bool,
        chosen: &[String],
        own: &[(String, bool)],
        other_text: &str,
        cursor: usize,
    ) -> MultiDraft {
        let ticked = options.iter().map(|o| chosen.contains(o)).collect();
        let own = if other { own.to_vec() } else { Vec::new() };
        let other = other.then(|| text::editor_at_end(OTHER_PLACEHOLDER, other_text, true));
        let rows = options.len() + own.len() + usize::from(other.is_some());
        MultiDraft {
            cursor: cursor.min(rows.saturating_sub(1)),
            ticked,
            own,
            other,
        }
    }

    fn rows(&self) -> usize {
        self.ticked.len() + self.own.len() + usize::from(self.other.is_some())
    }

    pub fn on_other(&self) -> bool {
        self.other.is_some() && self.cursor == self.ticked.len() + self.own.len()
    }

    pub fn chosen(&self, options: &[String]) -> Vec<String> {
        options
            .iter()
            .zip(&self.ticked)
            .filter(|(_, t)| **t)
            .map(|(o, _)| o.clone())
            .collect()
    }

    /// What is typed in the "other" line and not yet added.
    pub fn line_text(&self) -> String {
        self.other
            .as_ref()
            .map(text::text_of)
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// The answer's own words: each ticked item of their own, and what the line still
    /// holds (typed, not yet added: kept all the same), one per line.
    pub fn other_text(&self) -> String {
        let line = self.line_text();
        self.own
            .iter()
            .filter(|(_, t)| *t)
            .map(|(item, _)| item.as_str())
            .chain(Some(line.as_str()).filter(|l| !l.is_empty()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Nothing ticked and nothing written: an item of their own, even unticked, is
    /// words they wrote, so a draft holding one is kept.
    pub fn is_empty(&self) -> bool {
        !self.ticked.contains(&true) && self.own.is_empty() && self.line_text().is_empty()
    }

    /// Nothing chosen: what the answer is when saved (unticked items are not chosen).
    pub fn chose_nothing(&self) -> bool {
        !self.ticked.contains(&true) && self.other_text().is_empty()
    }

    pub fn apply(&mut self, options: &[String], msg: Msg, field: (u16, u16)) -> Change {
        let rows = self.rows();
        let listed = self.ticked.len();
        match msg {
            Msg::Up => move_cursor(&mut self.cursor, rows, -1),
            Msg::Down => move_cursor(&mut self.cursor, rows, 1),
            Msg::Toggle if !self.on_other() => {
                let tick = match self.cursor.checked_sub(listed) {
                    None => self.ticked.get_mut(self.cursor),
                    Some(i) => self.own.get_mut(i).map(|(_, t)| t),
                };
                match tick {
                    Some(t) => {
                        *t = !*t;
                        Change::Edited
                    }
                    None => Change::None,
                }
            }
            // Enter on the line: what it holds becomes an item; an empty line goes on.
            Msg::Add if self.on_other() => {
                // One line of words: a pasted tab or other control is a space.
                let line: String = self
                    .line_text()
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                let line = line.trim().to_string();
                if line.is_empty() {
                    return Change::Next;
                }
                self.other = Some(text::editor_at_end(OTHER_PLACEHOLDER, "", true));
                self.cursor = self.rows() - 1;
                // Words that are already on the list tick what is there instead.
                let same = |s: &str| s.trim().to_lowercase() == line.to_lowercase();
                if let Some(i) = options.iter().position(|o| same(o)) {
                    self.ticked[i] = true;
                } else if let Some(item) = self.own.iter_mut().find(|(item, _)| same(item)) {
                    item.1 = true;
                } else {
                    self.own.push((line, true));
                    self.cursor = self.rows() - 1;
                }
                Change::Edited
            }
            msg @ (Msg::Edit(_) | Msg::Paste(_)) if self.on_other() => match &mut self.other {
                Some(editor) => super::typed(text::apply(editor, msg, field)),
                None => Change::None,
            },
            _ => Change::None,
        }
    }
}
