//! Review's search read on a thread of its own, with a read-only connection, so
//! typing a search never waits for one: keys are drawn as they come, a query typed
//! over is dropped unrun, and a result overtaken by a newer query is never shown
//! (here, and by the runtime, which drops an answer to a query no longer asked).
//! Leaving stops the thread before the journal is closed.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::app::Msg;
use crate::app::review::ReviewQuery;
use crate::store::Store;

type Reply = (usize, ReviewQuery, Msg);

pub struct Searcher {
    /// None without a thread: the caller reads on the journal's connection.
    jobs: Option<Sender<ReviewQuery>>,
    /// For each reply, how many queries it answers (every one taken in, once the
    /// thread has nothing left), the query it read, and the answer.
    replies: Option<Receiver<Reply>>,
    in_flight: usize,
    /// The last query sent: the same one again while it is still on its way is not
    /// sent twice (each key near the end of the list asks for the next page until it
    /// has come).
    last_sent: Option<ReviewQuery>,
    /// How to stop the query the thread is reading, once its connection is open.
    interrupt: Option<Receiver<rusqlite::InterruptHandle>>,
    thread: Option<JoinHandle<()>>,
}

impl Searcher {
    pub fn none() -> Searcher {
        Searcher {
            jobs: None,
            replies: None,
            in_flight: 0,
            last_sent: None,
            interrupt: None,
            thread: None,
        }
    }

    /// Start the thread, which opens a read-only connection to `store`'s journal
    /// (there, so the first frame never waits for it).
    pub fn start(store: &Store) -> Searcher {
        let dir = store.dir().to_path_buf();
        let key = store.key().cloned();
        let (jobs, inbox) = channel::<ReviewQuery>();
        let (outbox, replies) = channel();
        let (handle_out, interrupt) = channel();
        let spawned = std::thread::Builder::new()
            .name("review-reader".into())
            .spawn(move || {
                if let Ok(reader) = Store::open_reader(&dir, key.as_ref()) {
                    let _ = handle_out.send(reader.interrupt_handle());
                    work(&reader, &inbox, &outbox);
                }
            });
        match spawned {
            Ok(thread) => Searcher {
                jobs: Some(jobs),
                replies: Some(replies),
                in_flight: 0,
                last_sent: None,
                interrupt: Some(interrupt),
                thread: Some(thread),
            },
            Err(_) => Searcher::none(),
        }
    }

    /// Hand a query to the thread; given back if there is none.
    pub fn search(&mut self, query: ReviewQuery) -> Result<(), ReviewQuery> {
        if self.busy() && self.last_sent.as_ref() == Some(&query) {
            return Ok(());
        }
        match &self.jobs {
            Some(jobs) => match jobs.send(query.clone()) {
                Ok(()) => {
                    self.in_flight += 1;
                    self.last_sent = Some(query);
                    Ok(())
                }
                Err(returned) => {
                    self.jobs = None;
                    Err(returned.0)
                }
            },
            None => Err(query),
        }
    }

    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// The answers that have come back, with the query each read, without waiting.
    pub fn poll(&mut self) -> Vec<(Option<ReviewQuery>, Msg)> {
        let mut answers = Vec::new();
        while self.in_flight > 0 {
            let Some(replies) = &self.replies else { break };
            match replies.try_recv() {
                Ok((answered, query, answer)) => {
                    self.in_flight = self.in_flight.saturating_sub(answered);
                    answers.push((Some(query), answer));
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.in_flight = 0;
                    self.jobs = None;
                    answers.push((
                        None,
                        Msg::StoreFailed(
                            "Could not search your entries: the reading thread stopped.".into(),
                        ),
                    ));
                }
            }
        }
        answers
    }

    /// End the thread and close its connection: the query it is reading is stopped,
    /// and those still waiting are dropped.
    pub fn stop(&mut self) {
        self.jobs = None;
        if let Some(handle) = self.interrupt.take().and_then(|r| r.try_recv().ok()) {
            handle.interrupt();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.replies = None;
        self.in_flight = 0;
    }
}

/// Take in what was sent: a query from the first page on makes every query before
/// it moot (its list replaces theirs); a further page follows the query before it,
/// unless the very same page is already waiting.
fn take(queue: &mut VecDeque<ReviewQuery>, query: ReviewQuery) {
    if query.offset == 0 {
        queue.clear();
    }
    if !queue.contains(&query) {
        queue.push_back(query);
    }
}

fn work(reader: &Store, inbox: &Receiver<ReviewQuery>, outbox: &Sender<Reply>) {
    let mut queue = VecDeque::new();
    // Queries received but not yet answered (run, dropped or overtaken).
    let mut unanswered = 0;
    loop {
        if queue.is_empty() {
            match inbox.recv() {
                Ok(query) => {
                    unanswered += 1;
                    take(&mut queue, query);
                }
                Err(_) => return,
            }
        }
        // Everything sent meanwhile; none of it once the searcher has stopped.
        loop {
            match inbox.try_recv() {
                Ok(query) => {
                    unanswered += 1;
                    take(&mut queue, query);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        let Some(query) = queue.pop_front() else {
            continue;
        };
        let answer = super::effects::load_review(reader, &query);
        // Overtaken while it ran: a newer list is on its way instead.
        let mut overtaken = false;
        while let Ok(newer) = inbox.try_recv() {
            unanswered += 1;
            overtaken |= newer.offset == 0;
            take(&mut queue, newer);
        }
        if overtaken {
            continue;
        }
        // Once nothing is left, this answers every query taken in so far.
        let answered = if queue.is_empty() { unanswered } else { 0 };
        if outbox.send((answered, query, answer)).is_err() {
            return;
        }
        unanswered -= answered;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::checks_tests::entry;

    fn words(text: &str) -> ReviewQuery {
        ReviewQuery {
            text: text.into(),
            ..Default::default()
        }
    }

    /// Wait for every query sent to be answered.
    fn answers(searcher: &mut Searcher) -> Vec<(Option<ReviewQuery>, Msg)> {
        let mut all = Vec::new();
        while searcher.busy() {
            all.extend(searcher.poll());
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        all
    }

    fn found(msg: &Msg) -> usize {
        match msg {
            Msg::ReviewLoaded { total, .. } => *total,
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn queries_typed_over_are_folded_and_the_last_one_answered() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        for n in 0..30 {
            let words = if n % 3 == 0 {
                "walked by the sea"
            } else {
                "a quiet day"
            };
            store
                .commit_entry_at(&entry(words), None, chrono::Local::now().fixed_offset())
                .unwrap();
        }
        let mut searcher = Searcher::start(&store);
        // Typed a letter at a time, faster than any answer.
        for typed in ["s", "se", "sea"] {
            searcher.search(words(typed)).unwrap();
        }
        let got = answers(&mut searcher);
        let (query, last) = got.last().expect("an answer");
        assert_eq!(query.as_ref().map(|q| q.text.as_str()), Some("sea"));
        assert_eq!(found(last), 10);
        assert!(got.len() <= 3, "{} answers", got.len());

        // The thread reads what the journal's connection wrote since.
        store
            .commit_entry_at(
                &entry("the sea again"),
                None,
                chrono::Local::now().fixed_offset(),
            )
            .unwrap();
        searcher.search(words("sea")).unwrap();
        let got = answers(&mut searcher);
        assert_eq!(found(&got.last().unwrap().1), 11);

        searcher.stop();
        assert!(
            searcher.search(words("sea")).is_err(),
            "a stopped thread takes nothing"
        );
        store.close().unwrap();
        assert!(!dir.path().join("attune.db-wal").exists());
    }

    #[test]
    fn a_further_page_follows_the_query_before_it() {
        let mut queue = VecDeque::new();
        take(&mut queue, words("a"));
        take(
            &mut queue,
            ReviewQuery {
                offset: 80,
                ..words("a")
            },
        );
        assert_eq!(queue.len(), 2);
        // Each key near the list's end asks for the next page until it comes: the
        // same page waits once.
        for _ in 0..50 {
            take(
                &mut queue,
                ReviewQuery {
                    offset: 80,
                    ..words("a")
                },
            );
        }
        assert_eq!(queue.len(), 2);
        take(&mut queue, words("ab"));
        assert_eq!(
            queue.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(),
            ["ab"]
        );
    }
}
