//! End to end: the real binary in a real pseudo-terminal, with a temp data dir.
//! Type, close the terminal (SIGHUP) or quit, start again, and see the text.

mod support;

use support::pty::*;

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
    tui.wait_for("So far: Sad › lonely › 7 of 10");
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
    again.wait_for("So far: Sad › lonely › 7 of 10");
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
    std::thread::sleep(std::time::Duration::from_millis(100));
    let out = tui.output();
    let tail = &out[out.rfind("\x1b[?1049h").unwrap()..];
    assert!(
        tail.contains("\x1b[?2004l") && tail.contains("\x1b[?1049l"),
        "terminal given back on SIGTERM"
    );
    assert!(
        tui.contents().contains("drafts are saved in"),
        "says where: {}",
        tui.contents()
    );

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
    for _ in 0..thought_record_prompts() {
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
    // A search is read on its own thread; its answer still comes to the screen, and
    // a search typed over shows only the newest answer.
    tui.send("/");
    tui.send("worthx");
    tui.wait_for("No entries match");
    tui.send("\x7f");
    tui.wait_for("1 entry");
    tui.wait_until_gone("No entries match");
    tui.send(ENTER);
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

#[test]
fn no_color_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let mut plain = Tui::start_with(&dir.path().join("a"), &[("NO_COLOR", "1")]);
    plain.wait_for("Welcome to attune");
    plain.send("q");
    plain.wait_exit();
    let mut coloured = Tui::start(&dir.path().join("b"));
    coloured.wait_for("Welcome to attune");
    coloured.send("q");
    coloured.wait_exit();
    // The accent (the data path on the welcome screen) is cyan: crossterm writes 38;5;6.
    let cyan =
        |out: &str| out.contains("38;5;6;") || out.contains("38;5;6m") || out.contains("[36m");
    assert!(cyan(&coloured.output()), "colour is used normally");
    assert!(!cyan(&plain.output()), "and not at all under NO_COLOR");
}

#[test]
fn a_broken_settings_file_never_keeps_the_crisis_lines_away() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let settings = data.join("settings.toml");
    let text = "[[crisis_lines]]\nwho = \"Samaritans\"\nhow = 116 123\n";
    std::fs::write(&settings, text).unwrap();
    let mut tui = Tui::start(&data);
    tui.wait_for("settings.toml:3:");
    tui.wait_for("built-in settings");
    // Help and the crisis lines are one key away, even before the message is read.
    tui.send("\x1bOP");
    tui.wait_for("988");
    tui.send(ESC);
    tui.wait_for("settings.toml:3:");
    tui.send(ENTER);
    tui.wait_for("Welcome to attune");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(
        std::fs::read_to_string(&settings).unwrap(),
        text,
        "left alone"
    );
}

#[test]
fn a_pause_in_typing_is_saved_by_the_runtime_timer_before_any_kill() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data);
    to_thought_record(&mut tui);
    tui.send("typed, then a pause");
    tui.wait_for("typed, then a pause");
    // The idle save comes 0.4 s after the last key; nothing else happened.
    std::thread::sleep(std::time::Duration::from_millis(900));
    tui.signal("-KILL");
    tui.wait_exit();
    assert_eq!(
        saved_answer(&data, "thought-record", "situation").as_deref(),
        Some("typed, then a pause")
    );
}
