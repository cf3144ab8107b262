//! Every way of leaving attune ends here: save the session, tidy, fold the WAL into
//! `attune.db` and close it, give the terminal back. Words that cannot be saved are
//! never dropped: a plain quit stays open, anything else writes a rescue file.

use std::io::Write as _;
use std::path::PathBuf;

use super::{Shared, terminal};
use crate::session::Session;

/// How attune is leaving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// q or Ctrl-C: if the session cannot be saved, stay open and say so.
    Quit,
    /// Asked again after a refused quit: leave, with the drafts in a rescue file.
    QuitAnyway,
    /// A terminating signal; SIGHUP means the terminal is already gone.
    Signal(i32),
    Panic,
    /// The loop failed (the terminal could not be read or drawn).
    Failed,
}

/// What happened to the person's words on the way out.
#[derive(Debug)]
pub struct Report {
    db: PathBuf,
    saved: Result<(), String>,
    /// Where the drafts went when the journal could not take them.
    rescue: Option<Result<PathBuf, String>>,
    /// The quit was refused because the session could not be saved.
    refused: Option<String>,
    /// Why the journal could not be folded into attune.db and closed, if it could not.
    unclosed: Option<String>,
}

impl Report {
    /// Why a plain quit was refused, if it was.
    pub fn refused(self) -> Option<String> {
        self.refused
    }

    /// Did the words go somewhere other than the journal (worth telling the person)?
    pub fn rescued(&self) -> bool {
        self.rescue.is_some()
    }

    pub fn kept_everything(&self) -> bool {
        self.saved.is_ok() || matches!(self.rescue, Some(Ok(_)) | None)
    }

    /// One sentence for the terminal after attune has gone (two if the journal
    /// could not be closed cleanly).
    pub fn describe(&self) -> String {
        let mut said = self.words();
        if let Some(why) = &self.unclosed {
            said.push_str(&format!(
                " The journal could not be tidied into one file ({why}): keep {}-wal beside it \
                 if you copy it; attune folds it in the next time it starts.",
                self.db.display()
            ));
        }
        said
    }

    fn words(&self) -> String {
        match (&self.saved, &self.rescue) {
            (Ok(()), _) => format!("Your drafts are saved in {}.", self.db.display()),
            (Err(why), None) => {
                format!("The session could not be saved ({why}), but there were no drafts to lose.")
            }
            (Err(why), Some(Ok(file))) => {
                // attune looks for rescue files beside the journal only.
                let beside = file.parent() == self.db.parent();
                format!(
                    "Your drafts could not be saved in {} ({why}), so they were written to {}. {}",
                    self.db.display(),
                    file.display(),
                    if beside {
                        format!(
                            "attune brings them back the next time it starts (or run `attune import {}`).",
                            file.display()
                        )
                    } else {
                        format!(
                            "Bring them back with `attune import {}` once there is space.",
                            file.display()
                        )
                    }
                )
            }
            (Err(why), Some(Err(also))) => {
                format!("Your drafts could NOT be saved ({why}; a rescue file failed too: {also}).")
            }
        }
    }
}

/// Leave: save, tidy, checkpoint and close the journal, give the terminal back. On a
/// plain quit whose save fails nothing is closed and the report says why, so the
/// caller can stay open.
pub fn leave(state: &mut Shared, how: How) -> Report {
    // A save still being flushed lands first; the one made here is newer.
    let _ = state.writer.wait();
    let session = state.app.session();
    let db = state
        .store
        .as_ref()
        .map(|s| s.db_path())
        .unwrap_or_default();
    let saved = save(state, &session);
    // Staying only helps if the problem can go away (space freed); a damaged
    // journal will not mend itself, so its drafts go to a rescue file at once.
    let can_wait = state.checks.damage().is_none();
    if let (How::Quit, Err(why), true) = (how, &saved, can_wait) {
        return Report {
            db,
            saved: Err(why.clone()),
            rescue: None,
            refused: Some(why.clone()),
            unclosed: None,
        };
    }
    let rescue = match &saved {
        Err(_) if !session.drafts.is_empty() || !session.kept.is_empty() => {
            Some(super::rescue::write(&db, &session))
        }
        _ => None,
    };
    let mut unclosed = None;
    // The writer's and the search's connections close first, so the journal's is
    // the last and folds the WAL into attune.db.
    let _ = state.writer.stop();
    state.searcher.stop();
    state.checks.stop();
    if let Some(store) = state.store.take() {
        if saved.is_ok() {
            // Deleted entries stay hidden if this fails, and go at the next start.
            let _ = store.purge_deleted();
        }
        // Nothing is lost if the checkpoint fails (the WAL keeps it, and SQLite
        // folds it in at the next open), but attune.db alone is not everything.
        unclosed = store.close().err().map(|e| e.to_string());
    }
    let terminal = state.terminal.take();
    // After SIGHUP there is no terminal to give back: writing to it could only block.
    if terminal.is_some() && how != How::Signal(signal_hook::consts::SIGHUP) {
        terminal::give_back();
        if let Some(Err(_)) = &rescue {
            print_drafts(state);
        }
    }
    Report {
        db,
        saved,
        rescue,
        refused: None,
        unclosed,
    }
}

fn save(state: &mut Shared, session: &Session) -> Result<(), String> {
    let Some(store) = &state.store else {
        return Err("the journal was already closed".into());
    };
    state.checks.wait();
    if let Some(damage) = state.checks.damage() {
        return Err(format!("the journal is damaged: {damage}"));
    }
    store.save_session(session).map_err(|e| store.explain(&e))
}

/// The last resort, with the terminal given back: the drafts as plain text, so the
/// person can copy them out of the scrollback.
fn print_drafts(state: &Shared) {
    let session = state.app.session();
    let drafts: Vec<_> = session.drafts.into_iter().chain(session.kept).collect();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "\nattune could not save your drafts anywhere. Here they are, so you can copy them:\n"
    );
    let _ = crate::export::write_drafts(&mut err, &drafts, &state.app.content);
}
