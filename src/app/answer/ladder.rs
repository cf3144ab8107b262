//! A ladder answer: an ordered list of items, each with its own rating and optional
//! fields. Items are added, edited, deleted and reordered; an edit in progress is a
//! small form of one-line editors.

use super::Change;
use super::choice::move_cursor;
use super::text::{self, Editor};
use crate::app::Msg;
use crate::content::LadderSpec;
use crate::journal::LadderItem;
pub use crate::session::SavedEdit;

#[derive(Debug, Clone, Default)]
pub struct LadderDraft {
    pub items: Vec<LadderItem>,
    pub cursor: usize,
    pub editing: Option<LadderEdit>,
}

/// An item being written: which one (None for a new one), which field has the
/// cursor, and an editor per field (the item's text first).
#[derive(Debug, Clone)]
pub struct LadderEdit {
    pub index: Option<usize>,
    pub field: usize,
    pub inputs: Vec<Editor>,
}

impl LadderDraft {
    pub fn restore(
        spec: &LadderSpec,
        items: Vec<LadderItem>,
        cursor: usize,
        editing: Option<&SavedEdit>,
    ) -> LadderDraft {
        let cursor = cursor.min(items.len().saturating_sub(1));
        let editing = editing.map(|e| LadderEdit {
            index: e.index.filter(|i| *i < items.len()),
            field: e.field.min(spec.fields.len()),
            inputs: (0..=spec.fields.len())
                .map(|i| {
                    text::editor_at_end(
                        &placeholder(spec, i),
                        e.values.get(i).map_or("", |v| v),
                        true,
                    )
                })
                .collect(),
        });
        LadderDraft {
            items,
            cursor,
            editing,
        }
    }

    pub fn saved_edit(&self) -> Option<SavedEdit> {
        self.editing.as_ref().map(|e| SavedEdit {
            index: e.index,
            field: e.field,
            values: e.inputs.iter().map(text::text_of).collect(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
            && self
                .editing
                .as_ref()
                .is_none_or(|e| e.inputs.iter().all(text::is_blank))
    }

    pub fn apply(&mut self, spec: &LadderSpec, msg: Msg, field: (u16, u16)) -> Change {
        if let Some(edit) = &mut self.editing {
            let fields = edit.inputs.len();
            return match msg {
                Msg::NextField => {
                    edit.field = (edit.field + 1) % fields;
                    Change::Edited
                }
                Msg::PrevField => {
                    edit.field = (edit.field + fields - 1) % fields;
                    Change::Edited
                }
                Msg::Open => self.finish_edit(),
                Msg::Cancel => {
                    self.editing = None;
                    Change::Edited
                }
                msg @ (Msg::Edit(_) | Msg::Paste(_)) => match edit.inputs.get_mut(edit.field) {
                    Some(editor) => super::typed(text::apply(editor, msg, field)),
                    None => Change::None,
                },
                _ => Change::None,
            };
        }
        let len = self.items.len();
        match msg {
            Msg::Up => move_cursor(&mut self.cursor, len, -1),
            Msg::Down => move_cursor(&mut self.cursor, len, 1),
            Msg::Add => self.start_edit(spec, None),
            Msg::Open if len == 0 => self.start_edit(spec, None),
            Msg::Open => self.start_edit(spec, Some(self.cursor)),
            Msg::Delete if self.cursor < len => {
                self.items.remove(self.cursor);
                self.cursor = self.cursor.min(self.items.len().saturating_sub(1));
                Change::Edited
            }
            Msg::MoveUp if self.cursor > 0 && self.cursor < len => {
                self.items.swap(self.cursor, self.cursor - 1);
                self.cursor -= 1;
                Change::Edited
            }
            // Easiest first, unrated last; equal ones keep their order, and the
            // selected item stays selected.
            Msg::Sort if len > 1 => {
                let key = |item: &LadderItem| (item.rating.is_none(), item.rating);
                if self.items.is_sorted_by_key(key) {
                    return Change::None;
                }
                let mut keyed: Vec<(usize, LadderItem)> = std::mem::take(&mut self.items)
                    .into_iter()
                    .enumerate()
                    .collect();
                keyed.sort_by_key(|(_, item)| key(item));
                self.cursor = keyed
                    .iter()
                    .position(|(i, _)| *i == self.cursor)
                    .unwrap_or(0);
                self.items = keyed.into_iter().map(|(_, item)| item).collect();
                Change::Edited
            }
            Msg::MoveDown if self.cursor + 1 < len => {
                self.items.swap(self.cursor, self.cursor + 1);
                self.cursor += 1;
                Change::Edited
            }
            Msg::Decrease
            | Msg::Increase
            | Msg::Digit(_)
            | Msg::ScaleMin
            | Msg::ScaleMax
            | Msg::ClearAnswer
                if self.cursor < len =>
            {
                let item = &mut self.items[self.cursor];
                match super::scale_move(&spec.rating, item.rating, &msg) {
                    Some(next) => item.rating = next,
                    None => return Change::None,
                }
                Change::Edited
            }
            _ => Change::None,
        }
    }

    fn start_edit(&mut self, spec: &LadderSpec, index: Option<usize>) -> Change {
        let item = index
            .and_then(|i| self.items.get(i))
            .cloned()
            .unwrap_or_default();
        let values: Vec<String> = std::iter::once(item.text)
            .chain((0..spec.fields.len()).map(|i| item.fields.get(i).cloned().unwrap_or_default()))
            .collect();
        let inputs = values
            .iter()
            .enumerate()
            .map(|(i, v)| text::editor_at_end(&placeholder(spec, i), v, true))
            .collect();
        self.editing = Some(LadderEdit {
            index,
            field: 0,
            inputs,
        });
        Change::Edited
    }

    fn finish_edit(&mut self) -> Change {
        let Some(edit) = self.editing.take() else {
            return Change::None;
        };
        let values: Vec<String> = edit
            .inputs
            .iter()
            .map(|i| text::text_of(i).trim().to_string())
            .collect();
        let text = values.first().cloned().unwrap_or_default();
        if text.is_empty() {
            // An item needs words; keep the form open rather than lose the other fields.
            self.editing = Some(edit);
            return Change::None;
        }
        let fields = values[1..].to_vec();
        match edit.index {
            Some(i) if i < self.items.len() => {
                self.items[i].text = text;
                self.items[i].fields = fields;
                self.cursor = i;
            }
            _ => {
                self.items.push(LadderItem {
                    text,
                    rating: None,
                    fields,
                });
                self.cursor = self.items.len() - 1;
            }
        }
        Change::Edited
    }
}

fn placeholder(spec: &LadderSpec, field: usize) -> String {
    match field {
        0 => format!("the {}, in a few words", spec.item),
        i => spec
            .fields
            .get(i - 1)
            .map(|f| format!("{f} (optional)"))
            .unwrap_or_default(),
    }
}
