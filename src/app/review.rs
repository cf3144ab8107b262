//! Review: filters that combine (step, exercise, time, words), a list loaded a page
//! at a time, one entry open, edit with history, delete with an undo until closing.

use super::nav::{PAGE, move_in, scrolled};
use super::{App, Effect, HomeItem, Msg, Screen};
use crate::journal::{Entry, EntrySummary};
pub use crate::query::{Range, ReviewQuery};

/// Rows asked for at a time; more are loaded as the selection nears the end.
pub const PAGE_ROWS: usize = 80;

/// Which filter a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Step,
    Exercise,
    Time,
}

/// A short list to choose a filter from, over Review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picker {
    pub filter: Filter,
    pub selected: usize,
}

/// One choice of a picker: what it reads, and the filter it sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    value: Chosen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Chosen {
    Step(Option<String>),
    Exercise(Option<String>),
    Time(Range),
}

#[derive(Debug, Clone, Default)]
pub struct Review {
    pub query: ReviewQuery,
    pub rows: Vec<EntrySummary>,
    pub total: usize,
    /// Typing into the search line.
    pub searching: bool,
    /// The search line being typed (its text is `query.text`).
    pub search: super::answer::text::Editor,
    /// Deleted this session, newest last: `u` brings them back until attune closes.
    pub deleted: Vec<i64>,
    /// Choosing a step, exercise or time, when open.
    pub picker: Option<Picker>,
}

/// "Last 7 days" from "last 7 days".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl App {
    pub(super) fn open_review(&mut self) -> Vec<Effect> {
        self.screen = Screen::Review { selected: 0 };
        vec![self.load_review(0), self.save()]
    }

    pub(super) fn load_review(&mut self, offset: usize) -> Effect {
        self.review.query.offset = offset;
        Effect::LoadReview(self.review.query.clone())
    }

    pub(super) fn review_loaded(
        &mut self,
        offset: usize,
        rows: Vec<EntrySummary>,
        total: usize,
    ) -> Vec<Effect> {
        let more = !rows.is_empty();
        if offset == 0 {
            self.review.rows = rows;
        } else if offset == self.review.rows.len() {
            self.review.rows.extend(rows);
        }
        self.review.total = total;
        let loaded = self.review.rows.len();
        if let Screen::Review { selected } = &mut self.screen {
            if *selected >= loaded && loaded < total && more {
                // A row restored further down than the pages read so far: read on to it.
                return vec![self.load_review(loaded)];
            }
            *selected = (*selected).min(loaded.saturating_sub(1));
        }
        vec![]
    }

    pub(super) fn on_review(&mut self, selected: usize, msg: Msg) -> Vec<Effect> {
        if self.review.searching {
            return self.on_search(msg);
        }
        if let Some(picker) = self.review.picker {
            return self.on_picker(picker, msg);
        }
        match msg {
            Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown => {
                self.move_in_review(selected, &msg)
            }
            Msg::Open => match self.review.rows.get(selected) {
                Some(summary) => self.open_entry(summary.id),
                None => vec![],
            },
            Msg::Search => {
                self.review.searching = true;
                // Saved, so a restart goes on typing in the search line.
                self.dirty = true;
                vec![]
            }
            Msg::PickStep => self.open_picker(Filter::Step),
            Msg::PickExercise => self.open_picker(Filter::Exercise),
            Msg::PickTime => self.open_picker(Filter::Time),
            Msg::ClearFilters => {
                self.review.query = ReviewQuery::default();
                self.review.search = Default::default();
                self.refilter()
            }
            Msg::Delete => match self.review.rows.get(selected) {
                Some(row) => self.ask(super::Question::DeleteEntry(row.id)),
                None => vec![],
            },
            Msg::Undo => self.undo_delete(),
            Msg::Insights => self.open_insights(),
            Msg::Export => vec![Effect::Export(
                self.review.query.clone(),
                self.exports_dir.clone(),
            )],
            Msg::Back => {
                let at = self
                    .home_items()
                    .iter()
                    .position(|i| *i == HomeItem::Review)
                    .unwrap_or(0);
                self.screen = Screen::Home { selected: at };
                vec![self.save()]
            }
            _ => vec![],
        }
    }

    /// Up, down, a page up or down the list; the next page loads before it is reached.
    fn move_in_review(&mut self, selected: usize, msg: &Msg) -> Vec<Effect> {
        let rows = self.review.rows.len();
        let selected = match msg {
            Msg::PageUp => selected.saturating_sub(usize::from(PAGE)),
            Msg::PageDown => (selected + usize::from(PAGE)).min(rows.saturating_sub(1)),
            _ => move_in(selected, rows, msg),
        };
        self.screen = Screen::Review { selected };
        self.dirty = true;
        if selected + 40 >= rows && rows < self.review.total {
            return vec![self.load_review(rows)];
        }
        vec![]
    }

    /// Is `id` among the exercises the exercise picker offers now (within the chosen
    /// step, never a reading)?
    pub(super) fn offers_exercise(&self, id: &str) -> bool {
        self.picker_choices(Filter::Exercise)
            .iter()
            .any(|c| matches!(&c.value, Chosen::Exercise(Some(e)) if e == id))
    }

    /// The choices of a picker, "all" first, in the content's order.
    pub fn picker_choices(&self, filter: Filter) -> Vec<Choice> {
        let all = |label: &str, value| Choice {
            label: label.to_string(),
            value,
        };
        match filter {
            Filter::Step => std::iter::once(all("All steps", Chosen::Step(None)))
                .chain(self.content.steps.iter().map(|s| Choice {
                    label: s.label(),
                    value: Chosen::Step(Some(s.id.clone())),
                }))
                .collect(),
            Filter::Exercise => {
                // Within the chosen step, or every exercise with its step's number.
                let chosen = self.review.query.step.as_deref();
                let label = if chosen.is_some() {
                    "All exercises of this step"
                } else {
                    "All exercises"
                };
                std::iter::once(all(label, Chosen::Exercise(None)))
                    .chain(
                        self.content
                            .steps
                            .iter()
                            .filter(|s| chosen.is_none_or(|id| id == s.id))
                            .flat_map(|s| s.exercises.iter().map(move |e| (s, e)))
                            .filter(|(_, e)| !e.is_reading())
                            .map(|(s, e)| Choice {
                                label: if chosen.is_some() || s.place {
                                    e.title.clone()
                                } else {
                                    format!("{} (step {})", e.title, s.number)
                                },
                                value: Chosen::Exercise(Some(e.id.clone())),
                            }),
                    )
                    .collect()
            }
            Filter::Time => Range::ALL
                .iter()
                .map(|r| Choice {
                    label: capitalised(r.label()),
                    value: Chosen::Time(*r),
                })
                .collect(),
        }
    }

    /// Open a picker on the choice in force.
    fn open_picker(&mut self, filter: Filter) -> Vec<Effect> {
        let q = &self.review.query;
        let current = match filter {
            Filter::Step => Chosen::Step(q.step.clone()),
            Filter::Exercise => Chosen::Exercise(q.exercise.clone()),
            Filter::Time => Chosen::Time(q.range),
        };
        let selected = self
            .picker_choices(filter)
            .iter()
            .position(|c| c.value == current)
            .unwrap_or(0);
        self.review.picker = Some(Picker { filter, selected });
        self.dirty = true;
        vec![]
    }

    fn on_picker(&mut self, picker: Picker, msg: Msg) -> Vec<Effect> {
        let choices = self.picker_choices(picker.filter);
        match msg {
            Msg::Up | Msg::Down => {
                self.review.picker = Some(Picker {
                    selected: move_in(picker.selected, choices.len(), &msg),
                    ..picker
                });
                self.dirty = true;
                vec![]
            }
            Msg::Cancel | Msg::Back => {
                self.review.picker = None;
                self.dirty = true;
                vec![]
            }
            Msg::Open => {
                self.review.picker = None;
                let Some(choice) = choices.into_iter().nth(picker.selected) else {
                    return vec![];
                };
                let q = &mut self.review.query;
                match choice.value {
                    Chosen::Step(step) => {
                        // An exercise of another step would show nothing: let it go.
                        let keeps = |ex: &String| {
                            step.as_deref()
                                .and_then(|id| self.content.step(id))
                                .is_some_and(|s| s.exercises.iter().any(|e| &e.id == ex))
                        };
                        if step.is_some() && !q.exercise.as_ref().is_some_and(keeps) {
                            q.exercise = None;
                        }
                        q.step = step;
                    }
                    Chosen::Exercise(exercise) => q.exercise = exercise,
                    Chosen::Time(range) => q.range = range,
                }
                self.refilter()
            }
            _ => vec![],
        }
    }

    /// Typing in the search line: every change of words searches again.
    fn on_search(&mut self, msg: Msg) -> Vec<Effect> {
        use super::answer::text;
        match msg {
            Msg::Back => {
                self.review.searching = false;
                self.dirty = true;
                vec![]
            }
            msg @ (Msg::Edit(_) | Msg::Paste(_)) => {
                let (words, _) = text::apply(&mut self.review.search, msg, (0, 0));
                if !words {
                    return vec![];
                }
                let typed = text::text_of(&self.review.search);
                let line = crate::query::search_line(&typed);
                if line != typed {
                    // A paste with a tab or a control character: shown as searched.
                    self.review.search = text::editor_at_end("", &line, true);
                }
                self.review.query.text = line.into_owned();
                self.refilter()
            }
            _ => vec![],
        }
    }

    fn refilter(&mut self) -> Vec<Effect> {
        self.screen = Screen::Review { selected: 0 };
        self.dirty = true;
        vec![self.load_review(0)]
    }

    pub(super) fn delete(&mut self, id: i64) -> Vec<Effect> {
        self.review.deleted.push(id);
        if let Screen::Entry { .. } = self.screen {
            self.screen = Screen::Review {
                selected: self
                    .review
                    .rows
                    .iter()
                    .position(|r| r.id == id)
                    .unwrap_or(0),
            };
        }
        self.notice = Some(format!(
            "Deleted. Press {} in Review to undo, until you close attune.",
            crate::keys::label(crate::keys::Context::Review, &Msg::Undo)
        ));
        vec![
            Effect::DeleteEntry(id),
            self.load_review(0),
            Effect::LoadActivity,
            Effect::LoadSafetyPlan,
            self.save(),
        ]
    }

    fn undo_delete(&mut self) -> Vec<Effect> {
        match self.review.deleted.pop() {
            Some(id) => {
                self.notice = Some("Brought back.".to_string());
                vec![
                    Effect::UndeleteEntry(id),
                    self.load_review(0),
                    Effect::LoadActivity,
                    Effect::LoadSafetyPlan,
                ]
            }
            None => {
                self.notice = Some("Nothing to undo.".to_string());
                vec![]
            }
        }
    }

    /// The question asked before deleting entry `id` (from the list or the entry).
    pub fn delete_question(&self, id: i64) -> String {
        let title = self
            .review
            .rows
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.exercise_title.as_str())
            .or(self
                .entry
                .as_ref()
                .filter(|e| e.id == id)
                .map(|e| e.exercise_title.as_str()))
            .unwrap_or("this entry");
        let draft = if self.edit_draft_of(id).is_some() {
            " Your unsaved changes to it stay as a draft; saving them makes a new entry."
        } else {
            ""
        };
        format!(
            "Delete {title}? It can be brought back with {} until you close attune.{draft}",
            crate::keys::label(crate::keys::Context::Review, &Msg::Undo)
        )
    }

    /// The unsaved edit of entry `id`, if there is one.
    pub fn edit_draft_of(&self, id: i64) -> Option<&super::exercise::Draft> {
        self.drafts.iter().find(|d| d.editing == Some(id))
    }

    pub(super) fn open_entry(&mut self, id: i64) -> Vec<Effect> {
        self.entry = None;
        self.screen = Screen::Entry { id, scroll: 0 };
        vec![Effect::LoadEntry(id), self.save()]
    }

    pub(super) fn on_entry(&mut self, id: i64, scroll: u16, msg: Msg) -> Vec<Effect> {
        let scroll = match msg {
            Msg::Back => {
                let selected = self
                    .review
                    .rows
                    .iter()
                    .position(|e| e.id == id)
                    .unwrap_or(0);
                self.screen = Screen::Review { selected };
                return vec![self.load_review(0), self.save()];
            }
            Msg::Delete => return self.ask(super::Question::DeleteEntry(id)),
            Msg::EditEntry => return self.edit_entry(),
            other => match scrolled(scroll, &other) {
                Some(scroll) => scroll,
                None => return vec![],
            },
        };
        self.screen = Screen::Entry { id, scroll };
        self.clamp_scroll();
        self.dirty = true;
        vec![]
    }

    /// Open the entry's exercise with its answers, to change and save over it.
    fn edit_entry(&mut self) -> Vec<Effect> {
        let Some(entry) = self.entry.clone() else {
            return vec![];
        };
        let Some((step, exercise)) = self.content.position(&entry.step_id, &entry.exercise_id)
        else {
            self.notice = Some(
                "This entry's exercise is not in the content any more, so it can't be edited."
                    .to_string(),
            );
            return vec![];
        };
        self.open_edit(step, exercise, &entry)
    }

    fn open_edit(&mut self, step: usize, exercise: usize, entry: &Entry) -> Vec<Effect> {
        let ex = self.content.steps[step].exercises[exercise].clone();
        let draft = match self.drafts.iter().position(|d| d.editing == Some(entry.id)) {
            Some(i) => self.drafts.remove(i),
            None => {
                let mut draft = super::exercise::Draft::new(&entry.step_id, &ex);
                draft.prefill(&ex, entry);
                draft.editing = Some(entry.id);
                draft.editing_uid = Some(entry.uid.clone());
                draft
            }
        };
        self.drafts.push(draft);
        self.show_edit(step, exercise)
    }

    /// Show the exercise with the edit's draft (the one touched last) open.
    pub(super) fn show_edit(&mut self, step: usize, exercise: usize) -> Vec<Effect> {
        self.screen = Screen::Exercise { step, exercise };
        self.notice =
            Some("Editing this entry. Its earlier version is kept in its history.".to_string());
        let mut effects = vec![self.save()];
        effects.extend(self.recall_loads(step, exercise));
        effects
    }
}
