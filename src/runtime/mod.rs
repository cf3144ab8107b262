//! The only impure loop: terminal events -> keymap -> App::update -> effects run
//! against the store -> draw. Also owns terminal set-up and teardown, and signals.

mod checks;
#[cfg(test)]
mod checks_tests;
mod effects;
mod leave;
mod rescue;
mod searcher;
mod signals;
mod terminal;
mod unlock;
mod writer;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;

pub use effects::{drain, filter_for, run_effect};
pub use rescue::bring_back as bring_back_rescued;
pub use unlock::unlock;

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
/// While the start-up check of the journal runs, or a save is being flushed, look for
/// its answer this often.
const CHECK_WAIT: Duration = Duration::from_millis(20);
/// While a search is being read on its thread, look for its answer this often.
const SEARCH_WAIT: Duration = Duration::from_millis(2);
/// One step of the steadying page's breathing pace.
const PACE: Duration = Duration::from_millis(500);
/// How often a running writing timer is told the time.
const TIMER_TICK: Duration = Duration::from_secs(1);

/// Everything the main thread and the signal thread both touch, behind one lock:
/// a closed terminal or a SIGTERM saves the drafts even while the main thread waits
/// for a key.
struct Shared {
    app: App,
    /// None once the journal is closed, on the way out.
    store: Option<Store>,
    /// None while attune is stopped (Ctrl-Z, SIGTSTP) or after the terminal is given back.
    terminal: Option<DefaultTerminal>,
    checks: checks::Checks,
    /// Saves the session off the input path.
    writer: writer::Writer,
    /// Reads Review's list and search off the input path.
    searcher: searcher::Searcher,
}

/// Run the full-screen interface on an open journal. `alerts` are problems found
/// before start (a broken settings.toml, say), shown until the person dismisses them.
/// `unlocked`: the terminal and signal watcher of the unlock screen, when it ran.
pub fn run(
    store: Store,
    content: Content,
    settings: Settings,
    alerts: Vec<String>,
    unlocked: Option<(DefaultTerminal, unlock::Watch)>,
) -> anyhow::Result<()> {
    let (boot, mut problems) = boot(&store, settings);
    let checks = checks::Checks::start(store.dir(), store.key());
    // After the session was read: one that could not be read is kept aside by the
    // first save, on the journal's own connection, and then no writer thread runs.
    let writer = writer::Writer::start(&store);
    let searcher = searcher::Searcher::start(&store);
    let app = App::new(content, boot);
    problems.extend(store.privacy_problems());
    let start: VecDeque<Msg> = alerts.into_iter().chain(problems).map(Msg::Alert).collect();
    let (terminal, unlock_watch) = match unlocked {
        Some((terminal, watch)) => (terminal, Some(watch)),
        None => (
            terminal::enter().context("cannot set up the terminal")?,
            None,
        ),
    };
    let shared = Arc::new(Mutex::new(Shared {
        app,
        store: Some(store),
        terminal: Some(terminal),
        checks,
        writer,
        searcher,
    }));
    signals::watch(Arc::clone(&shared))?;
    // The journal's watcher is in place: the unlock screen's can stop.
    drop(unlock_watch);

    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| event_loop(&shared, start)));
    let mut state = lock(&shared);
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            let report = leave::leave(&mut state, leave::How::Failed);
            Err(e.context(report.describe()))
        }
        Err(_) => {
            let report = leave::leave(&mut state, leave::How::Panic);
            anyhow::bail!("attune stopped because of a bug. {}", report.describe())
        }
    }
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic elsewhere must not stop us from saving what is there.
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Everything the App needs from the journal before its first frame, and what the
/// person should know about it. Reads only: nothing is written before the check. A
/// read that fails (a damaged page, say) leaves its part empty and says so.
pub fn boot(store: &Store, settings: Settings) -> (Boot, Vec<String>) {
    let mut problems = Vec::new();
    let mut said = |what: &str, e: rusqlite::Error| {
        problems.push(format!("Could not read {what} from your journal ({e})."));
    };
    let welcomed = store.welcomed().unwrap_or_else(|e| {
        said("whether you've seen the welcome", e);
        true
    });
    let activity = store.activity().unwrap_or_else(|e| {
        said("your progress", e);
        Vec::new()
    });
    let done_steps = store.done_steps().unwrap_or_else(|e| {
        said("the steps you marked done", e);
        Vec::new()
    });
    let session = match store.load_session() {
        Ok(session) => session,
        Err(e) => {
            problems.push(format!("Your last session could not be restored ({e})."));
            None
        }
    };
    let boot = Boot {
        data_dir: store.dir().display().to_string(),
        welcomed,
        session,
        activity,
        done_steps,
        exports_dir: settings.exports_dir(store.dir()),
        settings,
    };
    (boot, problems)
}

fn event_loop(shared: &Mutex<Shared>, start: VecDeque<Msg>) -> anyhow::Result<()> {
    let mut queue = start;
    {
        let state = &mut *lock(shared);
        if let Some(terminal) = &state.terminal {
            let size = terminal.size()?;
            queue.push_front(Msg::Resize(size.width, size.height));
        }
        for effect in state.app.start() {
            let msgs = effects::perform(
                &mut state.store,
                &mut state.checks,
                &state.app.content,
                effect,
            );
            queue.extend(msgs);
        }
    }
    let mut last_input = Instant::now();
    let mut last_pace = Instant::now();
    // While the writing timer runs: when it was last told the time.
    let mut timing: Option<Instant> = None;
    let mut dirty_since: Option<Instant> = None;
    loop {
        let Some((dirty, recheck)) = settle(&mut lock(shared), &mut queue)? else {
            return Ok(());
        };
        dirty_since = if dirty {
            Some(dirty_since.unwrap_or_else(Instant::now))
        } else {
            None
        };
        // Asleep until a key arrives, unless a save is due: no idle redraws, no busy loop.
        let mut timeout = match dirty_since {
            Some(since) => IDLE_SAVE
                .saturating_sub(last_input.elapsed())
                .min(MAX_UNSAVED.saturating_sub(since.elapsed())),
            None => IDLE_WAIT,
        };
        if let Some(recheck) = recheck {
            timeout = timeout.min(recheck);
        }
        // The steadying page's breathing pace is the one thing that moves by itself.
        let pacing = lock(shared).app.context() == keys::Context::Steady;
        if pacing {
            timeout = timeout.min(PACE.saturating_sub(last_pace.elapsed()));
        }
        // So does a running writing timer, once a second, by the time really passed.
        timing = match (lock(shared).app.timer_running(), timing) {
            (true, since) => Some(since.unwrap_or_else(Instant::now)),
            (false, _) => None,
        };
        if let Some(since) = timing {
            timeout = timeout.min(TIMER_TICK.saturating_sub(since.elapsed()));
        }
        if event::poll(timeout)? {
            last_input = Instant::now();
            let context = lock(shared).app.context();
            queue.extend(input(context, event::read()?));
        }
        if let Some(since) = dirty_since
            && (last_input.elapsed() >= IDLE_SAVE || since.elapsed() >= MAX_UNSAVED)
        {
            queue.push_back(Msg::Tick);
        }
        if pacing && last_pace.elapsed() >= PACE {
            last_pace = Instant::now();
            queue.push_back(Msg::Pace);
        }
        if let Some(since) = timing
            && since.elapsed() >= TIMER_TICK
        {
            let now = Instant::now();
            queue.push_back(Msg::Elapsed(now - since));
            timing = Some(now);
        }
    }
}

/// Everything queued goes through the App, its effects run, and the screen is drawn.
/// Returns whether unsaved changes wait and, when an
/// answer is awaited (from the check, the writer or the search thread), how soon to
/// look for it; or None once attune has left (a quit that could save).
///
/// Saving the session waits until the frame is drawn, then goes to the writer thread,
/// so the key that led to it shows first and neither it nor the next key waits for
/// the disk's flush. Any other write waits for the writer and carries out a save not
/// yet handed over before itself, so writes keep their order.
fn settle(
    state: &mut Shared,
    queue: &mut VecDeque<Msg>,
) -> anyhow::Result<Option<(bool, Option<Duration>)>> {
    queue.extend(state.writer.poll());
    // A search answer shows only if its query is still the one asked (a newer one,
    // or a list read here meanwhile, overtakes it).
    let asked = &state.app.review.query;
    queue.extend(
        state
            .searcher
            .poll()
            .into_iter()
            .filter(|(query, _)| query.as_ref().is_none_or(|q| q.same_list(asked)))
            .map(|(_, msg)| msg),
    );
    queue.extend(checks::poll(state));
    loop {
        let redraw = !queue.is_empty();
        let mut later: Option<Effect> = None;
        loop {
            let Shared {
                app,
                store,
                checks,
                writer,
                searcher,
                ..
            } = state;
            let quit = effects::drain(app, queue, |app, effect| {
                let effect = match effect {
                    Effect::SaveSession(_) => {
                        later = Some(effect);
                        return vec![];
                    }
                    // A search is read on its thread; a list without words is
                    // quick to read here (and shows with the frame, no flash).
                    Effect::LoadReview(query) if !query.words().is_empty() => {
                        match searcher.search(query) {
                            Ok(()) => return vec![],
                            Err(query) => Effect::LoadReview(query),
                        }
                    }
                    other => other,
                };
                let mut replies = Vec::new();
                if effect.writes() {
                    replies.extend(writer.wait());
                    if let Some(save) = later.take() {
                        replies.extend(effects::perform(store, checks, &app.content, save));
                    }
                }
                replies.extend(effects::perform(store, checks, &app.content, effect));
                replies
            });
            let Some(quit) = quit else { break };
            // Leaving saves the session as it is now; a save still waiting is older.
            later = None;
            let how = if quit == Effect::Quit {
                leave::How::Quit
            } else {
                leave::How::QuitAnyway
            };
            let report = leave::leave(state, how);
            if report.rescued() {
                eprintln!("{}", report.describe());
            }
            match report.refused() {
                None => return Ok(None),
                Some(problem) => queue.push_back(Msg::QuitRefused(problem)),
            }
        }
        if redraw && let Some(terminal) = &mut state.terminal {
            let laid = draw(terminal, &state.app)?;
            // What the App needs of the layout comes back as a message; if it changed
            // (a resize, a new prompt), draw once more with it.
            if laid != state.app.laid {
                state.app.update(Msg::Laid(laid));
                draw(terminal, &state.app)?;
            }
        }
        let Some(save) = later else { break };
        let Shared {
            app,
            store,
            checks,
            writer,
            ..
        } = state;
        queue.extend(effects::save_after_frame(
            store,
            checks,
            writer,
            &app.content,
            save,
        ));
    }
    let recheck = if state.searcher.busy() {
        Some(SEARCH_WAIT)
    } else if state.checks.pending() || state.writer.busy() {
        Some(CHECK_WAIT)
    } else {
        None
    };
    Ok(Some((state.app.is_dirty(), recheck)))
}

/// A terminal event as the App's message, through the keymap.
fn input(context: crate::keys::Context, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => {
            #[cfg(debug_assertions)]
            test_panic(key);
            keys::map(context, key)
        }
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

/// Draw a frame and return what the App needs of its layout.
fn draw(terminal: &mut DefaultTerminal, app: &App) -> std::io::Result<crate::app::Laid> {
    let mut laid = crate::app::Laid::default();
    terminal.draw(|frame| laid = ui::render(app, frame))?;
    Ok(laid)
}

/// Lets the end-to-end tests prove a panic loses nothing. Only in debug builds (the
/// ones `cargo test` runs), never in a release.
#[cfg(debug_assertions)]
fn test_panic(key: crossterm::event::KeyEvent) {
    let wanted = std::env::var("ATTUNE_TEST_PANIC_KEY")
        .ok()
        .and_then(|k| k.chars().next())
        .map(crossterm::event::KeyCode::Char);
    if wanted == Some(key.code) {
        panic!("a test asked attune to panic (ATTUNE_TEST_PANIC_KEY)")
    }
}
