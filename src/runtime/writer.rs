//! The writer thread: session saves (the autosave while typing, and each move to
//! another prompt) run on their own connection, so a key is drawn and the next one
//! read while the disk flushes. Saves queued while one runs are folded into the
//! newest. Every other write waits until the writer is idle, so writes keep their
//! order; leaving waits for it and closes its connection before the journal's.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::app::Msg;
use crate::session::Session;
use crate::store::{SessionWriter, Store};

pub struct Writer {
    /// None when there is no thread (it could not start, or it stopped): saves are
    /// then made on the journal's own connection, as before there was a thread.
    jobs: Option<Sender<Session>>,
    /// For each reply, how many saves it answers, and the answer.
    replies: Option<Receiver<(usize, Msg)>>,
    /// Saves sent whose answer has not come back.
    in_flight: usize,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    /// A writer with no thread: every save is made by the caller.
    pub fn none() -> Writer {
        Writer {
            jobs: None,
            replies: None,
            in_flight: 0,
            thread: None,
        }
    }

    /// Start the thread, which opens a connection of its own to `store`'s journal
    /// (there, so the first frame never waits for it). If it cannot, the saves sent
    /// come back unanswered and are made on the journal's connection.
    pub fn start(store: &Store) -> Writer {
        if !store.may_save_elsewhere() {
            return Writer::none();
        }
        let dir = store.dir().to_path_buf();
        let key = store.key().cloned();
        Writer::spawn(move || SessionWriter::open(&dir, key.as_ref()).ok())
    }

    /// Start the thread on this connection.
    #[cfg(test)]
    fn on(conn: SessionWriter) -> Writer {
        Writer::spawn(move || Some(conn))
    }

    fn spawn(conn: impl FnOnce() -> Option<SessionWriter> + Send + 'static) -> Writer {
        let (jobs, inbox) = channel::<Session>();
        let (outbox, replies) = channel();
        let spawned = std::thread::Builder::new()
            .name("session-writer".into())
            .spawn(move || {
                if let Some(conn) = conn() {
                    work(&conn, &inbox, &outbox);
                }
            });
        match spawned {
            Ok(thread) => Writer {
                jobs: Some(jobs),
                replies: Some(replies),
                in_flight: 0,
                thread: Some(thread),
            },
            Err(_) => Writer::none(),
        }
    }

    /// Hand a save to the thread. Gives it back if there is no thread to take it.
    pub fn save(&mut self, session: Session) -> Result<(), Session> {
        match &self.jobs {
            Some(jobs) => match jobs.send(session) {
                Ok(()) => {
                    self.in_flight += 1;
                    Ok(())
                }
                Err(returned) => {
                    self.jobs = None;
                    Err(returned.0)
                }
            },
            None => Err(session),
        }
    }

    /// Is a save still on its way to the disk?
    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// The answers that have come back, without waiting.
    pub fn poll(&mut self) -> Vec<Msg> {
        self.collect(false)
    }

    /// Wait until every save sent has been made; their answers.
    pub fn wait(&mut self) -> Vec<Msg> {
        self.collect(true)
    }

    /// Wait for the saves sent, then end the thread and close its connection.
    pub fn stop(&mut self) -> Vec<Msg> {
        let answers = self.wait();
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.replies = None;
        answers
    }

    fn collect(&mut self, block: bool) -> Vec<Msg> {
        let mut answers = Vec::new();
        while self.in_flight > 0 {
            let Some(replies) = &self.replies else { break };
            let reply = if block {
                replies.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                replies.try_recv()
            };
            match reply {
                Ok((saves, answer)) => {
                    self.in_flight = self.in_flight.saturating_sub(saves);
                    answers.push(answer);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    // The thread is gone (it panicked): what it had is not known to
                    // be saved, so the App saves again, on the journal's connection.
                    self.in_flight = 0;
                    self.jobs = None;
                    answers.push(Msg::SaveFailed("the saving thread stopped".into()));
                }
            }
        }
        answers
    }
}

/// The thread: each save, folded into the newest of those waiting, answered.
fn work(conn: &SessionWriter, inbox: &Receiver<Session>, outbox: &Sender<(usize, Msg)>) {
    while let Ok(mut session) = inbox.recv() {
        let mut saves = 1;
        while let Ok(newer) = inbox.try_recv() {
            session = newer;
            saves += 1;
        }
        let answer = match conn.save(&session) {
            Ok(()) => Msg::SessionSaved,
            Err(why) => Msg::SaveFailed(why),
        };
        if outbox.send((saves, answer)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::SavedScreen;

    fn at_home(selected: usize) -> Session {
        Session {
            screen: SavedScreen::Home { selected },
            ..Session::empty()
        }
    }

    #[test]
    fn saves_land_in_order_folded_into_the_newest_and_the_journal_closes_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut writer = Writer::start(&store);
        for n in 0..50 {
            writer.save(at_home(n)).unwrap();
        }
        assert!(writer.busy());
        let answers = writer.wait();
        assert!(!writer.busy(), "every save answered");
        assert!(!answers.is_empty() && answers.len() <= 50);
        assert!(
            answers.iter().all(|a| *a == Msg::SessionSaved),
            "{answers:?}"
        );
        // The journal's own connection reads what the thread wrote last.
        assert_eq!(store.load_session().unwrap(), Some(at_home(49)));

        writer.save(at_home(50)).unwrap();
        assert_eq!(writer.stop(), vec![Msg::SessionSaved]);
        assert!(
            writer.save(at_home(51)).is_err(),
            "a stopped writer gives saves back"
        );
        store.close().unwrap();
        assert!(!dir.path().join("attune.db-wal").exists());
        let again = Store::open(dir.path()).unwrap();
        assert_eq!(again.load_session().unwrap(), Some(at_home(50)));
    }

    #[test]
    fn a_full_disk_is_answered_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.save_session(&at_home(1)).unwrap();
        // A session far bigger than the room left in a journal capped at its size.
        let pages: u32 = 64;
        let mut huge = at_home(2);
        huge.drafts.push(crate::session::SavedDraft {
            step_id: "recognize".into(),
            exercise_id: "pattern-log".into(),
            prompt: 0,
            editing: None,
            editing_uid: None,
            answers: [(
                "situation".to_string(),
                crate::session::SavedAnswer::Text {
                    text: "words ".repeat(200_000),
                    row: 0,
                    col: 0,
                },
            )]
            .into(),
            touched: true,
        });
        let conn = SessionWriter::open(dir.path(), None).unwrap();
        conn.limit_pages(pages).unwrap();
        let mut writer = Writer::on(conn);
        writer.save(huge).unwrap();
        assert_eq!(
            writer.wait(),
            vec![Msg::SaveFailed("the disk is full".into())]
        );
        assert_eq!(store.load_session().unwrap(), Some(at_home(1)));
    }

    #[test]
    fn an_unreadable_session_is_kept_aside_on_the_journals_own_connection() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            store.save_session(&at_home(1)).unwrap();
            store.close().unwrap();
        }
        let conn = rusqlite::Connection::open(dir.path().join("attune.db")).unwrap();
        conn.execute("UPDATE session SET data = '{not json'", [])
            .unwrap();
        drop(conn);
        let store = Store::open(dir.path()).unwrap();
        assert!(store.load_session().is_err());
        let mut writer = Writer::start(&store);
        assert!(
            writer.save(at_home(2)).is_err(),
            "no thread: the first save keeps the old session aside"
        );
    }
}
