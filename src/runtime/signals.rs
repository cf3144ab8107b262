//! Signals, on their own thread (the main thread may be inside crossterm, which never
//! returns once the terminal is gone): every terminating signal that can be caught
//! saves and closes the journal and gives the terminal back; a stop gives the
//! terminal back and a continue takes it again and repaints.

use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use signal_hook::consts::signal::*;

use super::leave::{How, leave};
use super::{Shared, lock, terminal};
use crate::ui;

/// Signals whose default is to end the process, and which can be caught.
pub(super) const TERMINATING: &[i32] = &[
    SIGHUP,
    SIGINT,
    SIGTERM,
    SIGQUIT,
    SIGUSR1,
    SIGUSR2,
    SIGALRM,
    SIGVTALRM,
    SIGPROF,
    SIGXCPU,
    SIGXFSZ,
    SIGIO,
    libc::SIGPWR,
    SIGSYS,
    SIGTRAP,
];

pub(super) fn watch(shared: Arc<Mutex<Shared>>) -> anyhow::Result<()> {
    let mut wanted = TERMINATING.to_vec();
    wanted.extend([SIGTSTP, SIGCONT]);
    let mut signals =
        signal_hook::iterator::Signals::new(&wanted).context("cannot listen for signals")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => stop(&shared),
                    SIGCONT => repaint(&shared),
                    signal => end(&shared, signal),
                }
            }
        })
        .context("cannot start the signal watcher")?;
    Ok(())
}

/// Save and close everything, say where the words are, and exit as the signal would.
fn end(shared: &Mutex<Shared>, signal: i32) -> ! {
    let mut state = lock(shared);
    if state.store.is_none() {
        // Already on the way out on the main thread.
        exit_now(128 + signal);
    }
    let report = leave(&mut state, How::Signal(signal));
    if signal != SIGHUP {
        eprintln!("attune was asked to stop. {}", report.describe());
    }
    exit_now(if report.kept_everything() {
        128 + signal
    } else {
        1
    });
}

/// End the process at once, without exit handlers: other threads (the start-up
/// check, a backup) may be inside SQLCipher, whose handler wipes and frees the memory
/// holding their keys. Everything that matters is saved and closed before this.
pub(super) fn exit_now(code: i32) -> ! {
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` ends the process; nothing after it runs.
    unsafe { libc::_exit(code) }
}

/// Ctrl-Z or SIGTSTP: save, give the terminal back, then really stop. The terminal
/// is parked here meanwhile, so nothing draws on the shell's screen.
fn stop(shared: &Mutex<Shared>) {
    let parked = {
        let state = &mut *lock(shared);
        let Some(parked) = state.terminal.take() else {
            return;
        };
        // A save still being flushed lands before this newer one, and the App hears
        // how it went (a failed one leaves the words unsaved, and says so).
        for answer in state.writer.wait() {
            let _ = state.app.update(answer);
        }
        if let Some(store) = &state.store
            && !state.checks.pending()
            && state.checks.damage().is_none()
        {
            let _ = store.save_session(&state.app.session());
        }
        terminal::suspend();
        parked
    };
    // The default action of SIGTSTP stops us here until SIGCONT.
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    let state = &mut *lock(shared);
    state.terminal = Some(parked);
    draw_again(state);
}

/// After a continue (or anything that drew over the screen): take the terminal again
/// and draw every cell.
fn repaint(shared: &Mutex<Shared>) {
    draw_again(&mut lock(shared));
}

fn draw_again(state: &mut Shared) {
    let Shared { app, terminal, .. } = state;
    if let Some(terminal) = terminal {
        let _ = terminal::resume(terminal);
        let _ = terminal.draw(|frame| {
            ui::render(app, frame);
        });
    }
}
