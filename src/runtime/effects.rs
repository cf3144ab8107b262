//! Carrying out the App's effects against the store, and answering with messages.
//! Writes wait for the start-up check and are refused on a damaged journal.

use std::collections::VecDeque;

use super::checks::Checks;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::app::{App, Effect, Exported, Msg};
use crate::content::Content;
use crate::store::Store;

/// Feed messages to the App and carry out the effects it returns (and the answers they
/// bring) until none are left: the one loop of the runtime, the tests and the benches.
/// A quit is not carried out but handed back, with the rest of the queue kept.
pub fn drain(
    app: &mut App,
    queue: &mut VecDeque<Msg>,
    mut carry: impl FnMut(&App, Effect) -> Vec<Msg>,
) -> Option<Effect> {
    while let Some(msg) = queue.pop_front() {
        for effect in app.update(msg) {
            if matches!(effect, Effect::Quit | Effect::QuitAnyway) {
                return Some(effect);
            }
            queue.extend(carry(app, effect));
        }
    }
    None
}

/// Run one effect for the live app: writes go through the start-up check first.
pub(super) fn perform(
    store: &mut Option<Store>,
    checks: &mut Checks,
    content: &Content,
    effect: Effect,
) -> Vec<Msg> {
    let Some(store) = store.as_mut() else {
        return vec![];
    };
    if effect.writes() {
        if checks.pending() {
            if let Effect::SaveSession(session) = effect {
                // Kept for when the check passes; typing never waits for it.
                checks.defer(session);
                return vec![];
            }
            checks.wait();
        }
        if let Some(damage) = checks.damage() {
            return vec![refusal(&effect, &damage.0)];
        }
        // What waited for the check goes before this write, in order.
        let mut replies = super::checks::after_passing(store, checks, content, Some(&effect));
        replies.extend(run_effect(store, content, effect));
        return replies;
    }
    run_effect(store, content, effect).into_iter().collect()
}

/// A session save once the frame is drawn: to the writer thread when nothing else
/// must happen first (the check has passed and what waited for it is done);
/// otherwise here, as [`perform`] does it, after the writer is idle.
pub(super) fn save_after_frame(
    store: &mut Option<Store>,
    checks: &mut Checks,
    writer: &mut super::writer::Writer,
    content: &Content,
    effect: Effect,
) -> Vec<Msg> {
    let effect = match effect {
        Effect::SaveSession(session) if store.is_some() && checks.settled() => {
            match writer.save(session) {
                Ok(()) => return vec![],
                Err(session) => Effect::SaveSession(session),
            }
        }
        other => other,
    };
    let mut replies = writer.wait();
    replies.extend(perform(store, checks, content, effect));
    replies
}

/// What a write effect answers when the journal must not be written to.
fn refusal(effect: &Effect, damage: &str) -> Msg {
    let why = format!("the journal is damaged ({damage}), so attune is not writing to it");
    match effect {
        Effect::CommitEntry { .. } | Effect::UpdateEntry { .. } => Msg::CommitFailed(why),
        Effect::SaveSession(_) => Msg::SaveFailed(why),
        _ => Msg::StoreFailed(format!("Not done: {why}.")),
    }
}

/// Carry out one effect; some answer with a message for the App.
pub fn run_effect(store: &mut Store, content: &Content, effect: Effect) -> Option<Msg> {
    if effect.writes() {
        write(store, effect)
    } else {
        read(store, content, effect)
    }
}

/// The effects that change the journal.
fn write(store: &mut Store, effect: Effect) -> Option<Msg> {
    match effect {
        Effect::SaveSession(session) => Some(match store.save_session(&session) {
            Ok(()) => Msg::SessionSaved,
            Err(e) => Msg::SaveFailed(store.explain(&e)),
        }),
        Effect::CommitEntry { entry, session } => match store.commit_entry(&entry, &session) {
            Ok(id) => Some(Msg::EntrySaved(id)),
            Err(e) => Some(Msg::CommitFailed(store.explain(&e))),
        },
        Effect::UpdateEntry {
            id,
            uid,
            entry,
            session,
        } => Some(
            match store.update_entry(id, uid.as_deref(), &entry, &session) {
                Ok(saved) => Msg::EntryUpdated(saved),
                Err(e) => Msg::CommitFailed(store.explain(&e)),
            },
        ),
        Effect::DeleteEntry(id) => store
            .delete_entry(id)
            .err()
            .map(|e| Msg::StoreFailed(format!("Could not delete that entry: {e}"))),
        Effect::UndeleteEntry(id) => match store.undelete_entry(id) {
            Ok(true) => None,
            // Never say "brought back" over an entry that is gone.
            Ok(false) => Some(Msg::StoreFailed(
                "That entry could not be brought back: it is no longer in the journal.".into(),
            )),
            Err(e) => Some(Msg::StoreFailed(format!("Could not bring it back: {e}"))),
        },
        Effect::MarkStepDone { step_id, done } => store
            .mark_step_done(&step_id, done)
            .err()
            .map(|e| Msg::StoreFailed(format!("Could not save a setting: {e}"))),
        Effect::MarkWelcomed => store
            .mark_welcomed()
            .err()
            .map(|e| Msg::StoreFailed(format!("Could not save a setting: {e}"))),
        _ => None,
    }
}

/// The effects that read the journal (and write exports beside it).
fn read(store: &mut Store, content: &Content, effect: Effect) -> Option<Msg> {
    match effect {
        Effect::LoadActivity => Some(match store.activity() {
            Ok(activity) => Msg::ActivityLoaded(activity),
            Err(e) => Msg::StoreFailed(format!("Could not read your progress: {e}")),
        }),
        Effect::LoadReview(query) => Some(load_review(store, &query)),
        Effect::LoadInsights => {
            let since = chrono::Local::now().fixed_offset() - chrono::Days::new(7 * 11);
            let read = store
                .insights_with(since, &content.trends(), &content.rated())
                .and_then(|mut insights| {
                    insights.rungs =
                        store.latest_rung_tries(&content.rung_prompts(), RUNGS_PICTURED)?;
                    Ok(insights)
                });
            Some(match read {
                Ok(insights) => Msg::InsightsLoaded(Box::new(insights)),
                Err(e) => Msg::StoreFailed(format!("Could not read your entries: {e}")),
            })
        }
        Effect::Export(query, dir) => Some(match export_markdown(store, content, &query, &dir) {
            Ok(path) => Msg::Exported(path),
            Err(e) => Msg::StoreFailed(format!("Could not export: {e:#}")),
        }),
        Effect::ExportDrafts(drafts, dir) => {
            Some(match export_drafts(store, content, &drafts, &dir) {
                Ok(path) => Msg::Exported(path),
                Err(e) => Msg::StoreFailed(format!("Could not export: {e:#}")),
            })
        }
        Effect::LoadSafetyPlan => {
            let (step, exercise) = content.safety_plan()?;
            Some(match store.latest_entry(&step.id, &exercise.id) {
                Ok(entry) => Msg::SafetyPlanLoaded(entry.map(Box::new)),
                Err(e) => Msg::StoreFailed(format!("Could not read your safety plan: {e}")),
            })
        }
        Effect::LoadEntry(id) => Some(match store.entry(id) {
            Ok(entry) => Msg::EntryLoaded(id, entry.map(Box::new)),
            Err(e) => Msg::StoreFailed(format!("Could not read that entry: {e}")),
        }),
        Effect::LoadLatest {
            step_id,
            exercise_id,
        } => Some(match store.latest_entry(&step_id, &exercise_id) {
            Ok(entry) => Msg::LatestLoaded {
                step_id,
                exercise_id,
                entry: entry.map(Box::new),
            },
            Err(e) => Msg::StoreFailed(format!("Could not read your last answers: {e}")),
        }),
        Effect::LoadLadder(key, sources) => Some(
            match store
                .latest_value(&key.step, &key.exercise, &key.prompt)
                .and_then(|latest| Ok((latest, store.rung_tries(&sources)?)))
            {
                Ok((latest, tries)) => {
                    Msg::LadderLoaded(key, Box::new(crate::app::LadderRecall { latest, tries }))
                }
                Err(e) => Msg::StoreFailed(format!("Could not read your ladder: {e}")),
            },
        ),
        Effect::LoadRecall(key) => Some(
            match store.latest_answer(&key.step, &key.exercise, &key.prompt) {
                Ok(found) => Msg::RecallLoaded(
                    key,
                    found.map(|(when, text)| crate::app::Recalled { when, text }),
                ),
                Err(e) => Msg::StoreFailed(format!("Could not read an earlier answer: {e}")),
            },
        ),
        _ => None,
    }
}

/// A page of what Review asked for (on whichever connection reads it).
pub(super) fn load_review(store: &Store, query: &crate::app::review::ReviewQuery) -> Msg {
    let offset = query.offset;
    let filter = filter_for(query);
    match store.find_entries(&filter, offset, crate::app::review::PAGE_ROWS) {
        Ok(page) => Msg::ReviewLoaded {
            offset,
            rows: page.rows,
            total: page.total,
        },
        Err(e) => Msg::StoreFailed(format!("Could not search your entries: {e}")),
    }
}

/// The store's filter for what Review asked: the time ranges end today, in the days
/// this computer counts now.
pub fn filter_for(query: &crate::app::review::ReviewQuery) -> crate::store::Filter {
    use crate::app::review::Range;
    let today = chrono::Local::now().date_naive();
    let since_range = match query.range {
        Range::All => None,
        Range::Today => Some(today),
        Range::Week => Some(today - chrono::Days::new(6)),
        Range::Month => Some(today - chrono::Days::new(29)),
    };
    crate::store::Filter {
        step: query.step.clone(),
        exercise: query.exercise.clone(),
        since: since_range
            .into_iter()
            .chain(query.typed_date("since"))
            .max(),
        until: query.typed_date("until"),
        words: query.words(),
    }
}

/// A new file in `dir` (beside the journal in `exports/` if none was given), named
/// for this moment.
fn export_path(store: &Store, dir: &Path, what: &str) -> anyhow::Result<PathBuf> {
    let dir = if dir.as_os_str().is_empty() {
        store.dir().join("exports")
    } else {
        dir.to_path_buf()
    };
    crate::fsutil::private_dir(&dir)
        .with_context(|| format!("cannot make the folder {}", dir.display()))?;
    Ok(dir.join(format!(
        "attune-{what}{}.md",
        chrono::Local::now().format("%Y-%m-%d-%H%M%S")
    )))
}

/// Export what Review shows to `attune-YYYY-MM-DD-HHMMSS.md` in the exports folder.
fn export_markdown(
    store: &Store,
    content: &Content,
    query: &crate::app::review::ReviewQuery,
    dir: &Path,
) -> anyhow::Result<Exported> {
    let filter = filter_for(query);
    let export = store.export_stream(&filter)?;
    let tried = crate::export::tried(store, content)?;
    let path = export_path(store, dir, "")?;
    crate::fsutil::write_atomic(&path, |out| {
        crate::export::write_markdown(out, &export, content, &filter, &tried)
    })?;
    Ok(Exported {
        path: path.display().to_string(),
        count: crate::store::Entries::count(&export),
        what: "entries",
        from_encrypted: store.key().is_some(),
    })
}

/// Export drafts kept from another content pack to a Markdown file.
fn export_drafts(
    store: &Store,
    content: &Content,
    drafts: &[crate::session::SavedDraft],
    dir: &Path,
) -> anyhow::Result<Exported> {
    let path = export_path(store, dir, "drafts-")?;
    crate::fsutil::write_atomic(&path, |out| {
        crate::export::write_drafts(out, drafts, content)
    })?;
    Ok(Exported {
        path: path.display().to_string(),
        count: drafts.len(),
        what: "drafts",
        from_encrypted: store.key().is_some(),
    })
}

/// How many of the latest tries of each rung prompt Insights pictures: more than a
/// tall window lists, and read in a few milliseconds however long the journal.
const RUNGS_PICTURED: usize = 60;
