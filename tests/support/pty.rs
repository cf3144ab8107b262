//! The real binary in a real pseudo-terminal (portable-pty), its screen read back
//! through a vt100 parser on its own thread so the child never blocks on output.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const BACKTAB: &str = "\x1b[Z";
pub const ESC: &str = "\x1b";
pub const CTRL_C: &str = "\x03";

pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checking terminal modes were switched back.
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    pub fn start(data: &Path) -> Tui {
        Tui::start_with(data, &[])
    }

    pub fn start_with(data: &Path, env: &[(&str, &str)]) -> Tui {
        Tui::start_bin(Path::new(env!("CARGO_BIN_EXE_attune")), data, env)
    }

    /// Another build of attune (the benchmarks compare two side by side).
    pub fn start_bin(bin: &Path, data: &Path, env: &[(&str, &str)]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin);
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("ATTUNE_DATA_DIR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn attune");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let sink = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        // The pty must be drained on its own thread, or the child blocks on output.
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Tui {
            child,
            writer,
            screen,
            raw,
            _master: pair.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_for_every(text, Duration::from_millis(20));
    }

    /// As `wait_for`, looking this often (the benchmarks look every half millisecond).
    pub fn wait_for_every(&self, text: &str, poll: Duration) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(poll);
        }
        panic!(
            "timed out waiting for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    /// Wait until `text` is no longer on screen.
    pub fn wait_until_gone(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.contents().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} stays:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.send_now(keys);
        // Let the app read each key burst separately, as a person's typing arrives.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Send without the pause after (for timing how soon the screen answers).
    pub fn send_now(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid").to_string();
        let status = std::process::Command::new("kill")
            .args([name, &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "attune did not exit; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything written so far, as text (escape sequences included).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// The raw keyboard side, for typing without the per-burst pause of `send`.
    pub fn writer_mut(&mut self) -> &mut (dyn Write + Send) {
        self.writer.as_mut()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }
}

/// A test that fails midway must not leave its attune running (or, under strace, a
/// tracer spinning): whatever is still alive when the Tui goes is killed.
impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// From a fresh data dir or a restored session, get to the thought record's first
/// prompt (past an alert, the welcome, home and step 4). Each step waits for the
/// screen it leads to, so no key is ever sent twice into the next screen.
pub fn to_thought_record(tui: &mut Tui) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let shown = tui.contents();
        if shown.contains("Situation: what happened?") {
            return;
        } else if shown.contains("Enter: OK") {
            tui.send(ENTER);
            tui.wait_until_gone("Enter: OK");
        } else if shown.contains("Welcome to attune") {
            tui.send(ENTER);
            tui.wait_for("Six steps");
        } else if shown.contains("Step 4 of 6") {
            tui.send(ENTER);
            tui.wait_for("Situation: what happened?");
        } else if shown.contains("Six steps") {
            for _ in 0..3 {
                tui.send(DOWN);
            }
            tui.send(ENTER);
            tui.wait_for("Step 4 of 6");
        }
        assert!(Instant::now() < deadline, "stuck at:\n{shown}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The text of a draft answer as saved in the `attune.db` of `data`, read from that
/// file alone (no lock, no side files needed).
pub fn saved_answer(data: &Path, exercise: &str, prompt: &str) -> Option<String> {
    let store = attune::store::Store::open_read_only(data).expect("the journal opens");
    let session = store.load_session().expect("readable session")?;
    session
        .drafts
        .into_iter()
        .chain(session.kept)
        .filter(|d| d.exercise_id == exercise)
        .find_map(|d| match d.answers.get(prompt) {
            Some(attune::session::SavedAnswer::Text { text, .. }) => Some(text.clone()),
            _ => None,
        })
}

/// How many prompts the thought record has (Tab that often reaches its save page).
pub fn thought_record_prompts() -> usize {
    attune::content::builtin()
        .expect("content")
        .exercise("challenge-beliefs", "thought-record")
        .map_or(0, |(_, e)| e.prompts.len())
}
