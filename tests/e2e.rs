//! End to end: the real binary in a real pseudo-terminal, with a temp data dir.
//! Type, close the terminal (SIGHUP) or quit, start again, and see the text.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const TAB: &str = "\t";

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    fn start(data: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_attune"));
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("ATTUNE_DATA_DIR");
        let child = pair.slave.spawn_command(cmd).expect("spawn attune");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let sink = Arc::clone(&screen);
        // The pty must be drained on its own thread, or the child blocks on output.
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Tui {
            child,
            writer,
            screen,
            _master: pair.master,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the app read each key burst separately, as a person's typing arrives.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid").to_string();
        let status = std::process::Command::new("kill")
            .args([name, &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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
}

/// Welcome, then step 4's first exercise.
fn open_thought_record(tui: &mut Tui) {
    tui.wait_for("Welcome to attune");
    tui.send(ENTER);
    tui.wait_for("Six steps");
    for _ in 0..3 {
        tui.send(DOWN);
    }
    tui.send(ENTER);
    tui.wait_for("Step 4 of 6");
    tui.send(ENTER);
    tui.wait_for("Situation: what happened?");
}

#[test]
fn text_typed_just_before_the_terminal_closes_is_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data);
    open_thought_record(&mut tui);
    tui.send("Alex didn't answer for five hours.");
    tui.send(TAB);
    tui.wait_for("Which family is closest?");
    tui.send(ENTER);
    tui.send(ENTER);
    tui.send("7");
    tui.wait_for("So far: Sad › lonely › 70 of 100");
    tui.send(TAB);
    tui.send("Nobody can be counted on, tÿpéd 🌱 right before");
    tui.wait_for("right before");
    // Closing the terminal window: the kernel sends SIGHUP.
    tui.signal("-HUP");
    let status = tui.wait_exit();
    assert!(
        !status.success(),
        "a signal exit is not a success: {status:?}"
    );

    let mut again = Tui::start(&data);
    again.wait_for("What went through your mind?");
    again.wait_for("Nobody can be counted on, tÿpéd 🌱 right before");
    again.send("\x1b[Z");
    again.wait_for("So far: Sad › lonely › 70 of 100");
    again.send("\x1b[Z\x1b[Z");
    again.wait_for("Alex didn't answer for five hours.");
    again.send("\x03");
    assert!(again.wait_exit().success());
}

#[test]
fn sigterm_and_ctrl_c_save_the_draft_and_q_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data);
    open_thought_record(&mut tui);
    tui.send("first words");
    tui.wait_for("first words");
    tui.signal("-TERM");
    tui.wait_exit();

    let mut tui = Tui::start(&data);
    tui.wait_for("first words");
    tui.send(" and more");
    tui.wait_for("first words and more");
    tui.send("\x03");
    assert!(tui.wait_exit().success());

    let mut tui = Tui::start(&data);
    tui.wait_for("first words and more");
    tui.send("\x1b");
    tui.wait_for("draft is kept");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_finished_exercise_shows_in_review_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data);
    open_thought_record(&mut tui);
    tui.send("A situation worth keeping");
    for _ in 0..12 {
        tui.send(TAB);
    }
    tui.wait_for("Ready to save");
    tui.send(ENTER);
    tui.wait_for("You'll find it in Review");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let mut tui = Tui::start(&data);
    tui.wait_for("Exercises");
    tui.send("\x1b");
    tui.wait_for("in progress · 1 of 4");
    tui.send("r");
    tui.wait_for("1 entry");
    tui.send(ENTER);
    tui.wait_for("A situation worth keeping");
    tui.send(UP);
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_second_instance_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut first = Tui::start(&data);
    first.wait_for("Welcome to attune");
    let mut second = Tui::start(&data);
    second.wait_for("already open");
    assert!(!second.wait_exit().success());
    first.send("q");
    assert!(first.wait_exit().success());
}
