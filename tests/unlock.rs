//! The unlock screen of an encrypted journal: drawn at 80x24 and tiny, and used in a
//! real pseudo-terminal (a wrong passphrase, the crisis lines, then the right one).

mod support;

use attune::app::Msg;
use attune::app::unlock::{Unlock, UnlockEffect};
use attune::store::{self, Key, Passphrase};
use attune::textfield::Edit;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::pty::*;
use zeroize::Zeroizing;

fn screen(u: &Unlock, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| attune::ui::unlock::render(u, f)).unwrap();
    support::buffer_text(terminal.backend().buffer(), width, height)
}

fn typed(u: &mut Unlock, text: &str) {
    for c in text.chars() {
        u.update(Msg::Edit(Edit::InsertChar(c)));
    }
}

fn unlock_screen() -> Unlock {
    Unlock::new(
        "/home/sam/.local/share/attune/attune.db".into(),
        vec!["My sister Jo: 555 0100 (your own line)".into()],
    )
}

#[test]
fn unlock_screens() {
    let mut u = unlock_screen();
    insta::assert_snapshot!("unlock_empty", screen(&u, 80, 24));
    typed(&mut u, "not it");
    assert_eq!(u.update(Msg::Open), UnlockEffect::Try);
    drop(u.take());
    u.wrong();
    typed(&mut u, "abc");
    let wrong = screen(&u, 80, 24);
    assert!(!wrong.contains("abc") && !wrong.contains("not it"));
    insta::assert_snapshot!("unlock_wrong", wrong);
    u.update(Msg::Help);
    insta::assert_snapshot!("unlock_help", screen(&u, 80, 24));
    insta::assert_snapshot!("unlock_help_tiny", screen(&u, 30, 10));
    for _ in 0..40 {
        u.update(Msg::Down);
    }
    let end = screen(&u, 30, 10);
    assert!(end.contains("please reach a"), "scrolls to the end:\n{end}");
    insta::assert_snapshot!("unlock_help_tiny_scrolled", end);
    u.update(Msg::Back);
    insta::assert_snapshot!("unlock_wrong_tiny", screen(&u, 30, 10));
    // The verdicts when the passphrase opens the backups but not the journal.
    u.damaged();
    insta::assert_snapshot!("unlock_damaged", screen(&u, 80, 24));
    u.change_interrupted();
    insta::assert_snapshot!("unlock_change_interrupted", screen(&u, 80, 24));
}

/// The journal's files (the lock file names whoever last held it, so it is left out).
fn journal_files(data: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = support::files_in(data);
    files.retain(|(name, _)| name != "attune.lock");
    files
}

fn encrypted_journal(data: &std::path::Path, passphrase: &str) {
    support::journal_of(data, 3);
    let key = Key::fresh(&Passphrase::new(Zeroizing::new(passphrase.into()))).unwrap();
    store::encrypt(data, &key, &|| {}).unwrap();
}

#[test]
fn a_person_unlocks_after_a_wrong_try_with_help_on_the_way() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    encrypted_journal(&data, "tall oak 7");
    let before = journal_files(&data);
    let mut tui = Tui::start(&data);
    tui.wait_for("Your journal is locked");
    tui.send("short pine");
    tui.wait_for("Passphrase: ••••••••••");
    assert!(!tui.contents().contains("short pine"), "never echoed");
    tui.send(ENTER);
    tui.wait_for("does not open this journal");
    assert_eq!(journal_files(&data), before, "a wrong try changes nothing");
    tui.send("\x1bOP"); // F1
    tui.wait_for("988");
    tui.send(ESC);
    tui.wait_for("Passphrase:");
    tui.send("tall oak 7");
    tui.send(ENTER);
    tui.wait_for("Six steps");
    // An export from Review says it is not encrypted like the journal.
    tui.send("r");
    tui.wait_for("3 entries");
    tui.send("x");
    tui.wait_for("not encrypted like your journal");
    tui.send(ENTER);
    tui.send(ESC);
    tui.wait_for("Six steps");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let out = tui.output();
    assert!(!out.contains("tall oak") && !out.contains("short pine"));
}

#[test]
fn ctrl_c_on_the_unlock_screen_quits_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    encrypted_journal(&data, "pw");
    let before = journal_files(&data);
    let mut tui = Tui::start(&data);
    tui.wait_for("Your journal is locked");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(journal_files(&data), before);
}

#[test]
fn a_second_attune_is_refused_before_the_passphrase_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    encrypted_journal(&data, "pw");
    let mut first = Tui::start_with(&data, &[("ATTUNE_PASSPHRASE", "pw")]);
    first.wait_for("Six steps");
    // Let its start-up check and backup finish, as the plain journal's test does.
    std::thread::sleep(std::time::Duration::from_millis(700));
    let before = journal_files(&data);
    let mut second = Tui::start(&data);
    second.wait_for("already open");
    assert!(!second.wait_exit().success());
    assert!(!second.contents().contains("Your journal is locked"));
    let mut third = Tui::start_with(&data, &[("ATTUNE_PASSPHRASE", "pw")]);
    third.wait_for("already open");
    assert!(!third.wait_exit().success());
    assert_eq!(journal_files(&data), before);
    first.send("q");
    assert!(first.wait_exit().success());
}

#[test]
fn attune_passphrase_opens_it_without_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    encrypted_journal(&data, "from the environment");
    let mut tui = Tui::start_with(&data, &[("ATTUNE_PASSPHRASE", "from the environment")]);
    tui.wait_for("Six steps");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_signal_on_the_unlock_screen_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    encrypted_journal(&data, "pw");
    let before = journal_files(&data);
    let mut tui = Tui::start(&data);
    tui.wait_for("Your journal is locked");
    tui.signal("-TERM");
    let status = tui.wait_exit();
    assert!(!status.success());
    std::thread::sleep(std::time::Duration::from_millis(100));
    let out = tui.output();
    let after = &out[out
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen")..];
    assert!(after.contains("\x1b[?1049l"), "alternate screen left");
    assert!(
        after.contains("\x1b[?2004l"),
        "bracketed paste switched off"
    );
    assert_eq!(journal_files(&data), before);
}

#[test]
fn a_damaged_journal_is_told_apart_from_a_wrong_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    encrypted_journal(&data, "right one");
    let passphrase = Passphrase::new(Zeroizing::new("right one".into()));
    let key = Key::for_file(&passphrase, &data.join("attune.db")).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    store::backup_if_due(&data, day, Some(&key)).unwrap();
    // Page 1 damaged after its salt: no passphrase opens the journal any more.
    let mut bytes = std::fs::read(data.join("attune.db")).unwrap();
    bytes[200..260].fill(0);
    std::fs::write(data.join("attune.db"), &bytes).unwrap();
    let mut tui = Tui::start(&data);
    tui.wait_for("Your journal is locked");
    tui.send("not it");
    tui.send(ENTER);
    tui.wait_for("does not open this journal");
    tui.send("right one");
    tui.send(ENTER);
    tui.wait_for("looks");
    tui.wait_for("damaged");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(std::fs::read(data.join("attune.db")).unwrap(), bytes);
}

/// Closing the window on the unlock screen ends attune. (Once its terminal is gone,
/// crossterm reads nothing forever and never returns; attune used to spin there at
/// full CPU, deaf to signals, until killed.) A real terminal closed for real: tmux.
#[test]
fn closing_the_terminal_on_the_unlock_screen_ends_attune() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    encrypted_journal(&data, "pw");
    let socket = format!("attune-test-unlock-{}", std::process::id());
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .expect("tmux is installed (the README's testing notes)")
    };
    let command = format!(
        "{} --data-dir {}",
        env!("CARGO_BIN_EXE_attune"),
        data.display()
    );
    assert!(
        tmux(&["new-session", "-d", "-x", "80", "-y", "24", &command])
            .status
            .success()
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let screen = tmux(&["capture-pane", "-p"]);
        if String::from_utf8_lossy(&screen.stdout).contains("Your journal is locked") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no unlock screen");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let pane = tmux(&["list-panes", "-F", "#{pane_pid}"]);
    let pid: i32 = String::from_utf8_lossy(&pane.stdout)
        .trim()
        .parse()
        .unwrap();
    tmux(&["kill-server"]);
    // SAFETY: signal 0 only asks whether the process exists.
    let alive = || unsafe { libc::kill(pid, 0) } == 0;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while alive() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    if alive() {
        // SAFETY: a plain kill of the attune this test started.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        panic!("attune was still running 5 s after its terminal closed");
    }
}
