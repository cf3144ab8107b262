//! A choice answer: one option of a list, picked with the cursor.

use super::Change;
use crate::app::Msg;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChoiceDraft {
    pub cursor: usize,
    pub chosen: Option<usize>,
}

impl ChoiceDraft {
    pub fn restore(options: &[String], chosen: Option<&str>, cursor: usize) -> ChoiceDraft {
        let chosen = chosen.and_then(|c| options.iter().position(|o| o == c));
        ChoiceDraft {
            cursor: cursor.min(options.len().saturating_sub(1)),
            chosen,
        }
    }

    pub fn apply(&mut self, options: &[String], msg: Msg) -> Change {
        match msg {
            Msg::Up => move_cursor(&mut self.cursor, options.len(), -1),
            Msg::Down => move_cursor(&mut self.cursor, options.len(), 1),
            Msg::Toggle => self.choose(),
            Msg::Open => {
                self.choose();
                Change::EditedAndNext
            }
            Msg::ClearAnswer if self.chosen.is_some() => {
                self.chosen = None;
                Change::Edited
            }
            _ => Change::None,
        }
    }

    fn choose(&mut self) -> Change {
        self.chosen = Some(self.cursor);
        Change::Edited
    }
}

pub fn move_cursor(cursor: &mut usize, len: usize, by: isize) -> Change {
    let next = cursor.saturating_add_signed(by).min(len.saturating_sub(1));
    if next == *cursor {
        return Change::None;
    }
    *cursor = next;
    Change::Moved
}
