//! The start-up check, off the input path: a background thread checks the journal's
//! integrity and only then makes the daily backup. Nothing is written to the journal
//! until the check has passed; a damaged journal is never written to or backed up.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Shared;
use crate::app::Msg;
use crate::session::Session;
use crate::store::{self, Backup, Damage};

/// What the background thread reports, in order.
enum Report {
    /// The verdict, and whether a backup exists to restore if it is damage.
    Checked(Result<(), Damage>, bool),
    BackedUp(Result<Backup, String>),
}

pub struct Checks {
    reports: Option<Receiver<Report>>,
    /// The thread, and what tells it to give up the backup (see [`Checks::stop`]).
    thread: Option<JoinHandle<()>>,
    give_up: Arc<AtomicBool>,
    /// None until the integrity check reports.
    verdict: Option<Result<(), Damage>>,
    /// A session save asked for before the verdict: the latest one waits here.
    deferred: Option<Session>,
    /// The verdict came in healthy and nobody has acted on it yet.
    passed_news: bool,
}

impl Checks {
    pub fn start(dir: &Path, key: Option<&store::Key>) -> Checks {
        let (send, reports) = channel();
        let dir = dir.to_path_buf();
        let key = key.cloned();
        let give_up = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&give_up);
        let spawned = std::thread::Builder::new()
            .name("journal-check".into())
            .spawn(move || {
                let verdict = store::check_journal(&dir, key.as_ref());
                let healthy = verdict.is_ok();
                let backups = std::fs::read_dir(dir.join(store::BACKUP_DIR)).is_ok_and(|mut d| {
                    d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".db")))
                });
                if send.send(Report::Checked(verdict, backups)).is_err() || !healthy {
                    return;
                }
                let today = chrono::Local::now().date_naive();
                let made = store::backup_if_due_or_stop(&dir, today, key.as_ref(), Some(stop))
                    .map_err(|e| format!("{e:#}"));
                let _ = send.send(Report::BackedUp(made));
            });
        match spawned {
            Ok(thread) => Checks {
                reports: Some(reports),
                thread: Some(thread),
                give_up,
                verdict: None,
                deferred: None,
                passed_news: false,
            },
            // Without a thread the check cannot run; the journal opened and read
            // cleanly, so go on as before checks existed rather than not at all.
            Err(_) => Checks {
                reports: None,
                thread: None,
                give_up,
                verdict: Some(Ok(())),
                deferred: None,
                passed_news: true,
            },
        }
    }

    /// Leaving: a backup still being made is given up (the next start makes it), and
    /// the thread is waited for, so the process never ends while it is inside SQLite
    /// or SQLCipher. At most a few seconds: a thread stuck on the disk is left.
    pub fn stop(&mut self) {
        self.give_up.store(true, Ordering::Relaxed);
        let Some(thread) = self.thread.take() else {
            return;
        };
        let deadline = Instant::now() + Duration::from_secs(3);
        while !thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }

    /// Still waiting for the integrity check?
    pub fn pending(&self) -> bool {
        self.verdict.is_none()
    }

    /// Has the check passed, with nothing left waiting for it (the tidying after a
    /// pass, a deferred save)? Then a save needs nothing before it.
    pub fn settled(&self) -> bool {
        matches!(self.verdict, Some(Ok(()))) && !self.passed_news && self.deferred.is_none()
    }

    /// What the check found, once it found damage.
    pub fn damage(&self) -> Option<&Damage> {
        self.verdict.as_ref().and_then(|v| v.as_ref().err())
    }

    /// Block until the integrity check has reported (before a write that can't wait).
    pub fn wait(&mut self) {
        while self.verdict.is_none() {
            match self.reports.as_ref().map(Receiver::recv) {
                Some(Ok(report)) => {
                    self.take(report);
                }
                _ => self.verdict = Some(Err(Damage("the check stopped unexpectedly".into()))),
            }
        }
    }

    /// Has the check passed since this was last asked?
    fn just_passed(&mut self) -> bool {
        std::mem::take(&mut self.passed_news)
    }

    /// Keep a session save for when the check has passed; the newest replaces older ones.
    pub fn defer(&mut self, session: Session) {
        self.deferred = Some(session);
    }

    fn take(&mut self, report: Report) -> Option<Msg> {
        match report {
            Report::Checked(verdict, backups) => {
                let msg = verdict.as_ref().err().map(|d| Msg::JournalDamaged {
                    damage: d.0.clone(),
                    backups,
                });
                self.passed_news = verdict.is_ok();
                self.verdict = Some(verdict);
                msg
            }
            Report::BackedUp(Ok(Backup::ClockBehind { today, newest })) => {
                Some(Msg::Note(format!(
                    "No backup today: this computer's clock says {}, before your newest backup ({}).",
                    today.format("%-d %b %Y"),
                    newest.format("%-d %b %Y")
                )))
            }
            Report::BackedUp(Ok(_)) => None,
            Report::BackedUp(Err(e)) => {
                Some(Msg::Note(format!("Could not make today's backup: {e}")))
            }
        }
    }
}

/// Messages for the App from the background check, and a deferred save once the
/// journal is known to be healthy.
pub(super) fn poll(state: &mut Shared) -> Vec<Msg> {
    let mut msgs = Vec::new();
    loop {
        let next = match state.checks.reports.as_ref().map(Receiver::try_recv) {
            Some(Ok(report)) => report,
            Some(Err(TryRecvError::Disconnected)) if state.checks.pending() => {
                let backups = state
                    .store
                    .as_ref()
                    .is_some_and(|s| s.backups().is_ok_and(|b| !b.is_empty()));
                Report::Checked(
                    Err(Damage("the check stopped unexpectedly".into())),
                    backups,
                )
            }
            _ => break,
        };
        msgs.extend(state.checks.take(next));
    }
    if let Some(store) = state.store.as_mut() {
        msgs.extend(after_passing(
            store,
            &mut state.checks,
            &state.app.content,
            None,
        ));
    }
    msgs
}

/// Once the check has passed, before any other write: entries deleted in a session
/// that ended without closing properly go (before anything deleted now, which must
/// stay undoable), and a session save that waited is made, unless the write about
/// to happen carries a newer session itself.
pub(super) fn after_passing(
    store: &mut crate::store::Store,
    checks: &mut Checks,
    content: &crate::content::Content,
    next: Option<&crate::app::Effect>,
) -> Vec<Msg> {
    use crate::app::Effect;
    let mut msgs = Vec::new();
    if checks.pending() || checks.damage().is_some() {
        return msgs;
    }
    if checks.just_passed()
        && let Err(e) = store.purge_deleted()
    {
        msgs.push(Msg::Note(format!("Could not tidy the journal: {e}")));
    }
    if let Some(session) = checks.deferred.take() {
        let newer = matches!(
            next,
            Some(Effect::SaveSession(_) | Effect::CommitEntry { .. } | Effect::UpdateEntry { .. })
        );
        if !newer {
            msgs.extend(super::effects::run_effect(
                store,
                content,
                Effect::SaveSession(session),
            ));
        }
    }
    msgs
}
