//! Test helpers: build an App from the built-in content, press keys through the real
//! keymap, and (for the harness) run its effects against a real SQLite store.
#![allow(dead_code)]

pub mod fts5;
pub mod pty;

use attune::app::{App, Boot, Effect, Msg};
use attune::content::{self, Content};
use attune::keys;
use attune::runtime::run_effect;
use attune::store::Store;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const DATA_DIR: &str = "/home/you/.local/share/attune";

pub fn content() -> Content {
    content::builtin().expect("built-in content loads")
}

/// An App on its first run, showing the welcome screen.
pub fn first_run() -> App {
    App::new(
        content(),
        Boot {
            data_dir: DATA_DIR.into(),
            welcomed: false,
            ..Boot::default()
        },
    )
}

/// Home, then step 4 (Down three times), then its first exercise: the thought record.
pub fn thought_record() -> App {
    let mut app = app();
    press_all(
        &mut app,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Enter,
        ],
    );
    app
}

/// An App past the welcome screen, on Home.
pub fn app() -> App {
    App::new(
        content(),
        Boot {
            data_dir: DATA_DIR.into(),
            welcomed: true,
            ..Boot::default()
        },
    )
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Press one key the way the runtime would: keymap for the current context, then update.
pub fn press(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match keys::map(app.context(), key) {
        Some(msg) => app.update(msg),
        None => vec![],
    }
}

pub fn press_all(app: &mut App, codes: &[KeyCode]) -> Vec<Effect> {
    codes.iter().flat_map(|c| press(app, key(*c))).collect()
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        press(app, key(code));
    }
}

/// The text of the open text prompt's field.
pub fn field_text(app: &App) -> String {
    use attune::app::Screen;
    use attune::app::exercise::DraftAnswer;
    let Screen::Exercise { step, exercise } = app.screen else {
        panic!("not in an exercise: {:?}", app.screen)
    };
    let (_, _, draft) = app.open_exercise_at(step, exercise).expect("draft");
    match &draft.answers[draft.prompt] {
        DraftAnswer::Text(editor) => editor.field.text(),
        DraftAnswer::Scale(v) => format!("{v:?}"),
        other => format!("{other:?}"),
    }
}

/// Draw at 80x24 and give the App its layout, as the runtime does after each key.
pub fn lay_out(app: &mut App) {
    lay_out_at(app, 80, 24);
}

/// Draw at a size and give the App its layout.
pub fn lay_out_at(app: &mut App, width: u16, height: u16) {
    let mut laid = attune::app::Laid::default();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| laid = attune::ui::render(app, f))
        .expect("draw");
    app.update(Msg::Laid(laid));
}

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| {
            attune::ui::render(app, f);
        })
        .expect("draw");
    terminal
}

/// The screen as plain text rows.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    buffer_text(terminal.backend().buffer(), width, height)
}

/// A drawn buffer as plain text rows.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer, width: u16, height: u16) -> String {
    let mut out = String::new();
    for y in 0..height {
        // A wide character covers the next cell too; print it once, as a terminal does.
        let mut covered = 0;
        for x in 0..width {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            covered = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

/// An App wired to a real store in a temp dir: effects run as the runtime runs them.
pub struct Harness {
    pub app: App,
    pub store: Store,
    pub dir: tempfile::TempDir,
    pub quit: bool,
    /// Entries the store said it saved.
    pub commits: usize,
}

impl Harness {
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("open store");
        let app = first_run();
        Harness {
            app,
            store,
            dir,
            quit: false,
            commits: 0,
        }
    }

    /// Start attune on a data directory already on disk (a journal from a fixture).
    #[allow(dead_code)]
    pub fn open(dir: tempfile::TempDir) -> Harness {
        let store = Store::open(dir.path()).expect("open store");
        Harness {
            app: first_run(),
            store,
            dir,
            quit: false,
            commits: 0,
        }
        .relaunch()
    }

    /// Close the store and start again from what is on disk, as a relaunch would.
    pub fn relaunch(self) -> Harness {
        let Harness {
            app, store, dir, ..
        } = self;
        drop(app);
        drop(store);
        // A child process forked by a test running beside this one shares the lock's
        // open file until it execs; give it a moment to let go.
        let mut tries = 0;
        let store = loop {
            match Store::open(dir.path()) {
                Err(attune::store::OpenError::Locked { .. }) if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other.expect("reopen store"),
            }
        };
        let (boot, problems) = attune::runtime::boot(&store, Default::default());
        assert_eq!(problems, Vec::<String>::new(), "the session restores");
        let mut h = Harness {
            app: App::new(content(), boot),
            store,
            dir,
            quit: false,
            commits: 0,
        };
        let replies: Vec<Msg> = h
            .app
            .start()
            .into_iter()
            .flat_map(|e| run_effect(&mut h.store, &h.app.content, e))
            .collect();
        h.feed(replies.into());
        h
    }

    pub fn send(&mut self, msg: Msg) {
        self.feed(std::collections::VecDeque::from([msg]));
    }

    /// Messages in, effects run against the real store, as the runtime does it.
    fn feed(&mut self, mut queue: std::collections::VecDeque<Msg>) {
        loop {
            let Harness {
                app,
                store,
                commits,
                ..
            } = self;
            let quit = attune::runtime::drain(app, &mut queue, |app, effect| {
                let reply = run_effect(store, &app.content, effect);
                *commits += usize::from(matches!(reply, Some(Msg::EntrySaved(_))));
                reply.into_iter().collect()
            });
            if quit.is_none() {
                return;
            }
            // As the runtime leaves: the session is saved on the way out.
            self.store
                .save_session(&self.app.session())
                .expect("save on quit");
            self.quit = true;
        }
    }

    pub fn press(&mut self, key: KeyEvent) {
        if let Some(msg) = keys::map(self.app.context(), key) {
            self.send(msg);
        }
    }

    pub fn keys(&mut self, codes: &[KeyCode]) {
        for code in codes {
            self.press(key(*code));
        }
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            self.press(key(code));
        }
    }
}

/// The id of the open prompt ("save" on the save page).
pub fn prompt_id(app: &App) -> String {
    use attune::app::Screen;
    let Screen::Exercise { step, exercise } = app.screen else {
        panic!("not in an exercise: {:?}", app.screen)
    };
    let (_, ex, draft) = app.open_exercise_at(step, exercise).expect("draft");
    ex.prompts
        .get(draft.prompt)
        .map_or_else(|| "save".to_string(), |p| p.id.clone())
}

/// Tab or Shift-Tab (as a person would) until the prompt with this id is open.
pub fn goto(app: &mut App, id: &str) {
    walk_to(
        app,
        id,
        |app, k| {
            press(app, key(k));
        },
        prompt_id,
    );
}

impl Harness {
    /// [`goto`], with the store answering the App's effects on the way.
    pub fn goto(&mut self, id: &str) {
        walk_to(self, id, |h, k| h.press(key(k)), |h| prompt_id(&h.app));
    }
}

/// Back to the first prompt, then forward until `at` says `id`.
fn walk_to<T>(t: &mut T, id: &str, press: fn(&mut T, KeyCode), at: fn(&T) -> String) {
    for _ in 0..60 {
        press(t, KeyCode::BackTab);
    }
    for _ in 0..60 {
        if at(t) == id {
            return;
        }
        press(t, KeyCode::Tab);
    }
    panic!("no prompt {id}");
}

/// The message Review gets when its first page arrives.
pub fn loaded(rows: Vec<attune::journal::EntrySummary>) -> Msg {
    Msg::ReviewLoaded {
        offset: 0,
        total: rows.len(),
        rows,
    }
}

/// A finished entry with one written answer, for store-level tests.
pub fn text_entry(exercise: &str, text: &str) -> attune::journal::NewEntry {
    attune::journal::NewEntry {
        step_id: "recognize".into(),
        exercise_id: exercise.into(),
        exercise_title: "Pattern log".into(),
        answers: vec![attune::journal::Answer {
            prompt_id: "situation".into(),
            label: "What happened?".into(),
            value: attune::journal::AnswerValue::Text(text.into()),
            pair: None,
        }],
    }
}

/// [`text_entry`] as an export holds it, written on 1 November 2026: for journals
/// made by an import in one go.
pub fn exported_text(uid: &str, text: String) -> attune::store::ExportedEntry {
    let entry = text_entry("pattern-log", &text);
    let at = "2026-11-01T09:00:00+01:00".to_string();
    attune::store::ExportedEntry {
        uid: uid.into(),
        step_id: entry.step_id,
        exercise_id: entry.exercise_id,
        exercise_title: entry.exercise_title,
        created_at: at.clone(),
        updated_at: at,
        answers: entry.answers,
        history: Vec::new(),
    }
}

/// A closed journal in `dir` holding `n` entries, every page in `attune.db`.
pub fn journal_of(dir: &std::path::Path, n: usize) {
    let mut store = Store::open(dir).expect("open");
    store.mark_welcomed().expect("welcomed");
    for i in 0..n {
        let text = format!("entry {i} ").repeat(60);
        store
            .commit_entry_at(
                &text_entry("pattern-log", &text),
                None,
                chrono::Local::now().fixed_offset(),
            )
            .expect("commit");
    }
    store.close().expect("close");
}

/// Overwrite one page in the middle of `attune.db` with garbage, as a bad disk might.
pub fn damage(dir: &std::path::Path) {
    use std::io::{Seek, SeekFrom, Write};
    let file = dir.join("attune.db");
    let len = std::fs::metadata(&file).expect("journal").len();
    let page = (len / 4096 / 2) * 4096;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .expect("open for damage");
    f.seek(SeekFrom::Start(page)).expect("seek");
    f.write_all(&[0xA5; 4096]).expect("garbage");
}

/// How many cases a long property or loop runs: a small sample by default (so
/// `cargo test` stays quick), the full count when `ATTUNE_LONG_TESTS` is set (as
/// `.ci/run` does).
pub fn cases(short: u32, long: u32) -> u32 {
    if std::env::var_os("ATTUNE_LONG_TESTS").is_some() {
        long
    } else {
        short
    }
}

/// A proptest config for a long property: a fixed seed for the default sample (the
/// same cases every run), a fresh one for the full run, and no failure files.
pub fn long_property(short: u32, long: u32) -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, RngSeed};
    let full = std::env::var_os("ATTUNE_LONG_TESTS").is_some();
    Config {
        cases: cases(short, long),
        failure_persistence: None,
        rng_seed: if full {
            RngSeed::Random
        } else {
            RngSeed::Fixed(7)
        },
        ..Config::default()
    }
}

/// Every file in a folder with its bytes, sorted by name: to prove nothing changed.
pub fn files_in(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}
