//! The unlock screen's loop: before the journal is open, so before the App exists.
//! Keys go through the one keymap; what is typed is tried as the passphrase; the
//! journal opens, or the screen says the passphrase did not open it and asks again.

use std::path::Path;

use anyhow::Context as _;
use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;

use super::terminal;
use crate::app::unlock::{Unlock, UnlockEffect};
use crate::msg::Msg;
use crate::sanitize::for_terminal;
use crate::settings::Settings;
use crate::store::{DB_FILE, Key, OpenError, Passphrase, Store};
use crate::{keys, ui};

/// Ask for the passphrase on attune's own screen until it opens the journal in `dir`
/// (then the journal, the terminal, still set up, and the signal watcher to drop once
/// the journal's own watches), or the person quits (None).
pub fn unlock(
    dir: &Path,
    settings: &Settings,
) -> anyhow::Result<Option<(Store, DefaultTerminal, Watch)>> {
    // What is typed here must never reach a core dump.
    crate::store::hide_from_dumps();
    let file = dir.join(DB_FILE);
    let own = settings
        .crisis_lines
        .iter()
        .map(|l| format!("{}: {} (your own line)", l.who, l.how))
        .collect();
    let mut screen = Unlock::new(for_terminal(&file.display().to_string()).into_owned(), own);
    // Watched before the terminal is taken, so no early return leaves it taken.
    let watch = Watch::start()?;
    let mut terminal = terminal::enter().context("cannot set up the terminal")?;
    let opened = ask(dir, &file, &mut screen, &mut terminal);
    match opened {
        Ok(Some(store)) => Ok(Some((store, terminal, watch))),
        other => {
            drop(watch);
            terminal::give_back();
            other.map(|_| None)
        }
    }
}

/// Nothing is open yet, so a signal that ends attune before the journal's own watcher
/// runs has only the terminal to give back. Watched on a thread of its own: once the
/// terminal is gone (a closed window), crossterm never returns to the unlock loop, so a
/// flag it looked at would never be seen. Kept until the journal's watcher is in place
/// (a signal no one watches is ignored, not acted on), then dropped, which stops it.
pub struct Watch {
    handle: signal_hook::iterator::Handle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watch {
    fn start() -> anyhow::Result<Watch> {
        let mut signals = signal_hook::iterator::Signals::new(super::signals::TERMINATING)
            .context("cannot listen for signals")?;
        let handle = signals.handle();
        let thread = std::thread::Builder::new()
            .name("unlock signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    terminal::give_back();
                    // The main thread may be deriving a key or opening the journal:
                    // no exit handlers (SQLCipher's would wipe the keys it is using).
                    super::signals::exit_now(128 + signal);
                }
            })
            .context("cannot start the signal watcher")?;
        Ok(Watch {
            handle,
            thread: Some(thread),
        })
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn ask(
    dir: &Path,
    file: &Path,
    screen: &mut Unlock,
    terminal: &mut DefaultTerminal,
) -> anyhow::Result<Option<Store>> {
    let size = terminal.size()?;
    screen.update(Msg::Resize(size.width, size.height));
    loop {
        terminal.draw(|frame| ui::unlock::render(screen, frame))?;
        // Asleep until a key (signals are watched on their own thread).
        let msg = match event::read()? {
            Event::Key(key) => keys::map(ui::unlock::context(screen), key),
            Event::Paste(text) => Some(Msg::Paste(text)),
            Event::Resize(w, h) => Some(Msg::Resize(w, h)),
            _ => None,
        };
        let Some(msg) = msg else { continue };
        match screen.update(msg) {
            UnlockEffect::None => {}
            UnlockEffect::Quit => return Ok(None),
            UnlockEffect::Try => {
                // "Unlocking…" is on screen while the key is derived.
                terminal.draw(|frame| ui::unlock::render(screen, frame))?;
                let passphrase = Passphrase::new(screen.take());
                let key = Key::for_file(&passphrase, file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                match Store::open_with(dir, Some(&key), &|| {}) {
                    Ok(store) => return Ok(Some(store)),
                    // The backups open with it: the journal is damaged, not the passphrase wrong.
                    Err(OpenError::WrongPassphrase { .. })
                        if crate::store::newest_backup_opens_with(dir, &passphrase) =>
                    {
                        if crate::store::change_interrupted(dir) {
                            screen.change_interrupted()
                        } else {
                            screen.damaged()
                        }
                    }
                    Err(OpenError::WrongPassphrase { .. }) => screen.wrong(),
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
}
