//! The only impure loop: terminal events -> keymap -> App::update -> effects run
//! against the store -> draw. Also owns terminal set-up, teardown and signals.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::DefaultTerminal;

use crate::app::{App, Boot, Effect, Msg};
use crate::content::Content;
use crate::settings::Settings;
use crate::store::Store;
use crate::{keys, ui};

/// Save this long after the last key, so a pause in typing is never lost.
const IDLE_SAVE: Duration = Duration::from_millis(400);
/// While typing without pause, save at least this often (kill -9 loses no more).
const MAX_UNSAVED: Duration = Duration::from_millis(900);
/// With nothing to save, wait for a key this long (signals are handled elsewhere).
const IDLE_WAIT: Duration = Duration::from_secs(3600);

/// The App and the store, shared with the signal thread so a closed terminal or a
/// SIGTERM saves the drafts even while the main thread waits in the terminal.
struct Shared {
    app: App,
    store: Store,
}

pub fn run(store: Store, content: Content, settings: Settings) -> anyhow::Result<()> {
    // Entries deleted in a session that ended without closing properly go now.
    store.purge_deleted().context("cannot tidy the journal")?;
    let (boot, mut notice) = boot(&store, settings)?;
    let mut app = App::new(content, boot);
    if let Some(first) = store.privacy_problems().into_iter().next() {
        notice = Some(first);
    }
    app.notice = notice;
    let shared = Arc::new(Mutex::new(Shared { app, store }));
    watch_signals(Arc::clone(&shared))?;

    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _ = crossterm::execute!(io::stdout(), EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
        previous(info);
    }));

    let outcome = catch_unwind(AssertUnwindSafe(|| event_loop(&mut terminal, &shared)));
    // Whatever happened, the drafts as they are now go to disk before we leave.
    let state = lock(&shared);
    let saved = state.store.save_session(&state.app.session());
    let _ = state.store.purge_deleted();
    teardown();
    match outcome {
        Ok(result) => result?,
        Err(_) => {
            return Err(anyhow!(
                "attune stopped because of a bug. Your drafts were {} in {}",
                if saved.is_ok() { "saved" } else { "NOT saved" },
                state.store.db_path().display()
            ));
        }
    }
    saved.context("could not save your session on the way out")
}

fn teardown() {
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic elsewhere must not stop us from saving what is there.
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Everything the App needs from the journal before its first frame, and a note
/// for the person if their last session could not be restored.
pub fn boot(store: &Store, settings: Settings) -> anyhow::Result<(Boot, Option<String>)> {
    let (session, notice) = match store.load_session() {
        Ok(session) => (session, None),
        Err(e) => (
            None,
            Some(format!("Your last session could not be restored ({e}).")),
        ),
    };
    let boot = Boot {
        data_dir: store.dir().display().to_string(),
        welcomed: store.welcomed().context("cannot read settings")?,
        session,
        activity: store.activity().context("cannot read your entries")?,
        done_steps: store.done_steps().context("cannot read settings")?,
        settings,
    };
    Ok((boot, notice))
}

/// SIGHUP (terminal closed), SIGTERM and SIGINT: save the session, give the terminal
/// back where there still is one, and exit. Runs on its own thread because the main
/// thread may be inside crossterm, which never returns once the terminal is gone.
fn watch_signals(shared: Arc<Mutex<Shared>>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])
        .context("cannot listen for signals")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let state = lock(&shared);
                let saved = state.store.save_session(&state.app.session());
                let _ = state.store.purge_deleted();
                if signal != SIGHUP {
                    teardown();
                    eprintln!(
                        "attune was asked to stop; your drafts {} in {}",
                        if saved.is_ok() {
                            "are saved"
                        } else {
                            "could NOT be saved"
                        },
                        state.store.db_path().display()
                    );
                }
                std::process::exit(if saved.is_ok() { 128 + signal } else { 1 });
            }
        })
        .context("cannot start the signal watcher")?;
    Ok(())
}

fn event_loop(terminal: &mut DefaultTerminal, shared: &Mutex<Shared>) -> anyhow::Result<()> {
    let mut queue: VecDeque<Msg> = VecDeque::new();
    let size = terminal.size()?;
    queue.push_back(Msg::Resize(size.width, size.height));
    {
        let state = &mut *lock(shared);
        for effect in state.app.start() {
            queue.extend(run_effect(&mut state.store, &state.app.content, effect));
        }
    }
    let mut last_input = Instant::now();
    let mut dirty_since: Option<Instant> = None;
    let mut backup_due = true;
    // Lets the end-to-end tests prove a panic loses nothing; unset in normal use.
    let test_panic_key = std::env::var("ATTUNE_TEST_PANIC_KEY")
        .ok()
        .and_then(|k| k.chars().next())
        .map(crossterm::event::KeyCode::Char);
    loop {
        let dirty = {
            let state = &mut *lock(shared);
            let redraw = !queue.is_empty();
            while let Some(msg) = queue.pop_front() {
                for effect in state.app.update(msg) {
                    if effect == Effect::Quit {
                        return Ok(());
                    }
                    queue.extend(run_effect(&mut state.store, &state.app.content, effect));
                }
            }
            if redraw {
                terminal.draw(|frame| ui::render(&state.app, frame))?;
            }
            if std::mem::take(&mut backup_due) {
                // After the first frame, so the backup never delays opening.
                if let Err(e) = state.store.backup_if_due(chrono::Local::now().date_naive()) {
                    state.app.notice = Some(format!("Could not make today's backup: {e}"));
                    terminal.draw(|frame| ui::render(&state.app, frame))?;
                }
            }
            state.app.is_dirty()
        };
        dirty_since = if dirty {
            Some(dirty_since.unwrap_or_else(Instant::now))
        } else {
            None
        };
        // Asleep until a key arrives, unless a save is due: no idle redraws, no busy loop.
        let timeout = match dirty_since {
            Some(since) => IDLE_SAVE
                .saturating_sub(last_input.elapsed())
                .min(MAX_UNSAVED.saturating_sub(since.elapsed())),
            None => IDLE_WAIT,
        };
        if event::poll(timeout)? {
            last_input = Instant::now();
            let context = lock(shared).app.context();
            match event::read()? {
                Event::Key(key) if test_panic_key == Some(key.code) => {
                    panic!("a test asked attune to panic (ATTUNE_TEST_PANIC_KEY)")
                }
                Event::Key(key) => queue.extend(keys::map(context, key)),
                Event::Paste(text) => queue.push_back(Msg::Paste(text)),
                Event::Resize(w, h) => queue.push_back(Msg::Resize(w, h)),
                _ => {}
            }
        }
        if let Some(since) = dirty_since
            && (last_input.elapsed() >= IDLE_SAVE || since.elapsed() >= MAX_UNSAVED)
        {
            queue.push_back(Msg::Tick);
        }
    }
}

/// Carry out one effect; some answer with a message for the App.
pub fn run_effect(store: &mut Store, content: &Content, effect: Effect) -> Option<Msg> {
    match effect {
        Effect::SaveSession(session) => match store.save_session(&session) {
            Ok(()) => None,
            Err(e) => Some(Msg::StoreFailed(format!("Could not save your draft: {e}"))),
        },
        Effect::CommitEntry { entry, session } => match store.commit_entry(&entry, &session) {
            Ok(id) => Some(Msg::EntrySaved(id)),
            Err(e) => Some(Msg::CommitFailed(e.to_string())),
        },
        Effect::LoadActivity => Some(match store.activity() {
            Ok(activity) => Msg::ActivityLoaded(activity),
            Err(e) => Msg::StoreFailed(format!("Could not read your progress: {e}")),
        }),
        Effect::LoadReview(query) => {
            let offset = query.offset;
            Some(
                match store.find_entries(&filter_for(&query), offset, crate::app::review::PAGE_ROWS)
                {
                    Ok(page) => Msg::ReviewLoaded {
                        offset,
                        rows: page.rows,
                        total: page.total,
                    },
                    Err(e) => Msg::StoreFailed(format!("Could not search your entries: {e}")),
                },
            )
        }
        Effect::LoadInsights => {
            let since = chrono::Local::now().fixed_offset() - chrono::Days::new(7 * 11);
            Some(match store.insights(since) {
                Ok(insights) => Msg::InsightsLoaded(Box::new(insights)),
                Err(e) => Msg::StoreFailed(format!("Could not read your entries: {e}")),
            })
        }
        Effect::DeleteEntry(id) => store
            .delete_entry(id)
            .err()
            .map(|e| Msg::StoreFailed(format!("Could not delete that entry: {e}"))),
        Effect::UndeleteEntry(id) => store
            .undelete_entry(id)
            .err()
            .map(|e| Msg::StoreFailed(format!("Could not bring it back: {e}"))),
        Effect::UpdateEntry {
            id,
            answers,
            session,
        } => Some(match store.update_entry(id, &answers) {
            Ok(()) => match store.save_session(&session) {
                Ok(()) => Msg::EntryUpdated(id),
                Err(e) => Msg::StoreFailed(format!("Saved the entry, but not your session: {e}")),
            },
            Err(e) => Msg::CommitFailed(e.to_string()),
        }),
        Effect::Export(query) => Some(match export_markdown(store, content, &query) {
            Ok(path) => Msg::Exported(path),
            Err(e) => Msg::StoreFailed(format!("Could not export: {e:#}")),
        }),
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
        Effect::LoadRecall(key) => Some(
            match store.latest_answer(&key.step, &key.exercise, &key.prompt) {
                Ok(found) => Msg::RecallLoaded(
                    key,
                    found.map(|(when, text)| crate::app::Recalled { when, text }),
                ),
                Err(e) => Msg::StoreFailed(format!("Could not read an earlier answer: {e}")),
            },
        ),
        Effect::MarkStepDone { step_id, done } => store
            .mark_step_done(&step_id, done)
            .err()
            .map(|e| Msg::StoreFailed(format!("Could not save a setting: {e}"))),
        Effect::MarkWelcomed => store
            .mark_welcomed()
            .err()
            .map(|e| Msg::StoreFailed(format!("Could not save a setting: {e}"))),
        Effect::Quit => None,
    }
}

/// The store's filter for what Review asked; "today" and "7 days" end now.
pub fn filter_for(query: &crate::app::review::ReviewQuery) -> crate::store::Filter {
    use crate::app::review::Range;
    let now = chrono::Local::now();
    let today = crate::cli::day_start(now.date_naive());
    let since_range = match query.range {
        Range::All => None,
        Range::Today => Some(today),
        Range::Week => Some(today - chrono::Days::new(6)),
        Range::Month => Some(today - chrono::Days::new(29)),
    };
    let since_typed = query.typed_date("since").map(crate::cli::day_start);
    let until = query
        .typed_date("until")
        .map(|d| crate::cli::day_start(d + chrono::Days::new(1)));
    crate::store::Filter {
        step: query.step.clone(),
        exercise: query.exercise.clone(),
        since: since_range.into_iter().chain(since_typed).max(),
        until,
        words: query.words(),
    }
}

/// Export what Review shows to `exports/attune-YYYY-MM-DD-HHMMSS.md` beside the journal.
fn export_markdown(
    store: &Store,
    content: &Content,
    query: &crate::app::review::ReviewQuery,
) -> anyhow::Result<String> {
    let export = store.export(&filter_for(query))?;
    let dir = store.dir().join("exports");
    std::os::unix::fs::DirBuilderExt::mode(std::fs::DirBuilder::new().recursive(true), 0o700)
        .create(&dir)?;
    let path = dir.join(format!(
        "attune-{}.md",
        chrono::Local::now().format("%Y-%m-%d-%H%M%S")
    ));
    crate::cli::write_private(&path, crate::export::markdown(&export, content).as_bytes())?;
    Ok(path.display().to_string())
}
