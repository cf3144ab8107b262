//! How the App takes answers from the outside world: loaded data, saves that worked
//! or failed, and words from the runtime (alerts, notes, a damaged journal).

use super::{App, Effect, Msg, Screen};
use crate::journal::Entry;

impl Msg {
    /// An answer from the outside world rather than something the person did.
    pub fn is_reply(&self) -> bool {
        matches!(
            self,
            Msg::ActivityLoaded(_)
                | Msg::ReviewLoaded { .. }
                | Msg::InsightsLoaded(_)
                | Msg::EntryLoaded(..)
                | Msg::LatestLoaded { .. }
                | Msg::SafetyPlanLoaded(_)
                | Msg::RecallLoaded(..)
                | Msg::LadderLoaded(..)
                | Msg::EntrySaved(_)
                | Msg::EntryUpdated(_)
                | Msg::CommitFailed(_)
                | Msg::SessionSaved
                | Msg::SaveFailed(_)
                | Msg::QuitRefused(_)
                | Msg::Exported(_)
                | Msg::StoreFailed(_)
                | Msg::JournalDamaged { .. }
                | Msg::Alert(_)
                | Msg::Note(_)
        )
    }
}

impl App {
    pub(super) fn reply(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::ActivityLoaded(activity) => self.activity = activity,
            Msg::SafetyPlanLoaded(plan) => self.safety_plan = plan.map(|p| *p),
            Msg::ReviewLoaded {
                offset,
                rows,
                total,
            } => return self.review_loaded(offset, rows, total),
            Msg::InsightsLoaded(insights) => self.insights = Some(*insights),
            Msg::EntryLoaded(id, entry) => return self.entry_loaded(id, entry),
            Msg::LatestLoaded {
                step_id,
                exercise_id,
                entry,
            } => return self.latest_loaded(&step_id, &exercise_id, entry),
            Msg::RecallLoaded(key, found) => {
                self.recalls.insert(key, found);
            }
            Msg::LadderLoaded(key, ladder) => {
                self.ladders.insert(key, *ladder);
            }
            Msg::EntrySaved(_) => {
                self.pending = None;
                self.problem = None;
            }
            Msg::EntryUpdated(saved) => return self.entry_updated(saved),
            Msg::CommitFailed(problem) => {
                if let Some(draft) = self.pending.take() {
                    self.drafts.push(draft);
                }
                self.problem = Some(format!(
                    "Could not save the entry ({problem}). Your answers are kept as a draft."
                ));
                return vec![self.save()];
            }
            Msg::SessionSaved => {
                // A saved session holds the words; an entry that failed stays said
                // until it is saved.
                match self.problem.take() {
                    Some(p) if p.starts_with(NOT_SAVED) => {}
                    // Said until the person's next key, now that its draft is safe.
                    Some(p) => self.notice = Some(p),
                    None => {}
                }
                self.quit_refused = false;
            }
            Msg::SaveFailed(problem) => {
                self.dirty = true;
                // The entry's failure says more (its answers are a draft): keep it.
                if !self
                    .problem
                    .as_deref()
                    .is_some_and(|p| p.starts_with(COMMIT))
                {
                    self.problem = Some(format!(
                        "{NOT_SAVED} ({problem}). Your words are safe here while attune stays open; \
                         free some space or fix the problem and it saves again."
                    ));
                }
            }
            Msg::QuitRefused(problem) => {
                self.quit_refused = true;
                // Not saved: keep trying, so freeing space is enough.
                self.dirty = true;
                self.alerts.push(quit_refused(&problem));
            }
            Msg::Exported(done) => self.alerts.push(exported(&done)),
            Msg::StoreFailed(problem) | Msg::Note(problem) => self.notice = Some(problem),
            Msg::JournalDamaged { damage, backups } => {
                let said = damaged(&self.data_dir, &damage, backups);
                self.alerts.push(said);
            }
            Msg::Alert(text) => self.alerts.push(text),
            _ => {}
        }
        vec![]
    }

    fn entry_updated(&mut self, saved: super::Updated) -> Vec<Effect> {
        self.pending = None;
        self.problem = None;
        self.notice = Some(if saved.as_new {
            "The entry you were changing had been deleted, so your changes were saved as a new entry."
        } else {
            "Saved your changes. The earlier version is kept in the entry's history."
        }
        .to_string());
        if let Screen::Entry { id, .. } = &mut self.screen {
            *id = saved.id;
        }
        vec![
            Effect::LoadEntry(saved.id),
            Effect::LoadActivity,
            Effect::LoadSafetyPlan,
        ]
    }

    fn latest_loaded(
        &mut self,
        step_id: &str,
        exercise_id: &str,
        entry: Option<Box<Entry>>,
    ) -> Vec<Effect> {
        let (Some(entry), Some((_, exercise))) =
            (entry, self.content.exercise(step_id, exercise_id))
        else {
            return vec![];
        };
        let exercise = exercise.clone();
        let Some(draft) = self
            .drafts
            .iter_mut()
            .find(|d| d.step_id == step_id && d.exercise_id == exercise_id)
        else {
            return vec![];
        };
        // Only an untouched draft is filled: nothing typed meanwhile is ever replaced.
        if draft.touched || draft.prompt > 0 {
            return vec![];
        }
        draft.prefill(&exercise, &entry);
        self.notice = Some(
            "Your last answers are filled in. Change what you like and save again.".to_string(),
        );
        vec![self.save()]
    }

    fn entry_loaded(&mut self, id: i64, entry: Option<Box<Entry>>) -> Vec<Effect> {
        let showing = matches!(self.screen, Screen::Entry { id: open, .. } if open == id);
        match entry {
            Some(entry) if showing => {
                // A ladder whose rungs can be tried shows its tries.
                let loads = entry
                    .answers
                    .iter()
                    .filter(|a| matches!(a.value, crate::journal::AnswerValue::Ladder { .. }))
                    .filter_map(|a| {
                        let sources = self.content.rungs_from(
                            &entry.step_id,
                            &entry.exercise_id,
                            &a.prompt_id,
                        );
                        (!sources.is_empty()).then(|| {
                            Effect::LoadLadder(
                                super::RecallKey {
                                    step: entry.step_id.clone(),
                                    exercise: entry.exercise_id.clone(),
                                    prompt: a.prompt_id.clone(),
                                },
                                sources,
                            )
                        })
                    })
                    .collect();
                self.entry = Some(*entry);
                self.clamp_scroll();
                loads
            }
            None if showing => {
                self.notice = Some("That entry could not be found.".to_string());
                self.screen = Screen::Review { selected: 0 };
                vec![self.load_review(0)]
            }
            _ => vec![],
        }
    }
}

/// How problems start, so a lesser one never hides a greater.
const NOT_SAVED: &str = "Not saved";
const COMMIT: &str = "Could not save the entry";

/// Where an export went, whole, and what it means for privacy.
fn exported(done: &super::Exported) -> String {
    let what = match (done.count, done.what) {
        (1, "entries") => "1 entry".to_string(),
        (1, "drafts") => "1 draft".to_string(),
        (n, what) => format!("{n} {what}"),
    };
    let plain = if done.from_encrypted {
        "It is plain text, not encrypted like your journal: readable only by you on this \
         computer, but wherever it is copied, anyone who opens it can read it, passphrase or not."
    } else {
        "It is plain text, readable only by you on this computer; wherever it is copied, anyone \
         who opens it can read it."
    };
    format!(
        "Exported {what} to\n{}\n\n{plain} Delete it when you no longer need it. To choose \
         the folder, set exports_dir in settings.toml beside your journal.",
        crate::sanitize::for_terminal(&done.path)
    )
}

/// Why attune is still open after a quit, and what quitting again does.
fn quit_refused(problem: &str) -> String {
    format!(
        "attune could not save before quitting ({problem}), so it is still open and your \
         words are still here. Free some space and quit again to save them in your journal. \
         Quit once more now and attune leaves anyway, writing your drafts to a rescue file \
         beside the journal that it reads back at the next start (if even that fails, it \
         says where they went as it leaves)."
    )
}

/// A damaged journal: what attune did about it, and the way on (a backup to restore,
/// or, with none, a new journal that takes the drafts back).
fn damaged(data_dir: &str, damage: &str, backups: bool) -> String {
    let (kept, way_on) = if backups {
        (
            ", and made no backup today, so your backups stay good",
            "To go on: quit, then restore the newest backup from the backups folder (see \
             \"Restoring a backup\" in the README).",
        )
    } else {
        (
            "",
            "There is no backup yet to restore. To go on: quit, move attune.db aside (keep \
             it: SQLite's .recover can often save what it holds), and start attune again: it \
             makes a new journal and brings your drafts back from the rescue file.",
        )
    };
    format!(
        "Your journal in {data_dir} looks damaged ({damage}). attune has stopped writing to \
         it, so nothing gets worse{kept}. What you can read still shows. Your drafts are kept \
         and go to a rescue file when you quit. {way_on}"
    )
}
