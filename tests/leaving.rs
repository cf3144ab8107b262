//! Every way of leaving attune leaves `attune.db` whole and alone: the WAL folded in
//! and gone, the terminal given back, deleted words gone from the file. A stop and a
//! continue give the terminal back and take it again. The real binary, in a pty.

mod support;

use std::path::Path;

use attune::store::Store;
use support::pty::*;

/// attune.db alone, copied somewhere else, holds the draft: nothing waits in a WAL.
fn alone_holds(data: &Path, word: &str) {
    for side in ["attune.db-wal", "attune.db-shm"] {
        assert!(
            !data.join(side).exists(),
            "{side} is left beside the journal"
        );
    }
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(data.join("attune.db"), elsewhere.path().join("attune.db")).unwrap();
    let text = saved_answer(elsewhere.path(), "thought-record", "situation");
    assert_eq!(text.as_deref(), Some(word), "the copy of attune.db alone");
}

fn type_then(leave: &str, word: &str) -> (tempfile::TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut tui = Tui::start_with(&data, &[("ATTUNE_TEST_PANIC_KEY", "`")]);
    to_thought_record(&mut tui);
    tui.send(word);
    tui.wait_for(word);
    match leave {
        "q" => {
            tui.send(ESC);
            tui.wait_for("Your draft is kept");
            tui.send("q");
        }
        "ctrl-c" => tui.send(CTRL_C),
        "panic" => tui.send("`"),
        signal => tui.signal(signal),
    }
    tui.wait_exit();
    (dir, tui)
}

#[test]
fn every_way_of_leaving_folds_the_wal_into_attune_db_and_closes_it() {
    for (leave, word) in [
        ("q", "quitword"),
        ("ctrl-c", "ctrlcword"),
        ("-HUP", "hangupword"),
        ("-TERM", "termword"),
        ("-INT", "intword"),
        ("-QUIT", "quitsignalword"),
        ("-USR1", "usrword"),
        ("-ALRM", "alarmword"),
        ("panic", "panicword"),
    ] {
        let (dir, tui) = type_then(leave, word);
        alone_holds(&dir.path().join("data"), word);
        if leave != "-HUP" {
            let out = tui.output();
            let last = out.rsplit("\x1b[?1049h").next().unwrap_or_default();
            assert!(
                last.contains("\x1b[?1049l") && last.contains("\x1b[?2004l"),
                "{leave}: the alternate screen and bracketed paste are given back"
            );
        }
    }
}

#[test]
fn deleted_words_are_gone_from_attune_db_after_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = Store::open(&data).unwrap();
        store.mark_welcomed().unwrap();
        for (exercise, text) in [
            ("pattern-log", "Kept words stay"),
            ("the-impact", "Xylophonic secretword"),
        ] {
            let entry = attune::journal::NewEntry {
                step_id: "recognize".into(),
                exercise_id: exercise.into(),
                exercise_title: "An exercise".into(),
                answers: vec![attune::journal::Answer {
                    prompt_id: "situation".into(),
                    label: "What happened?".into(),
                    value: attune::journal::AnswerValue::Text(text.into()),
                    pair: None,
                }],
            };
            store
                .commit_entry_at(&entry, None, chrono::Local::now().fixed_offset())
                .unwrap();
        }
        store.close().unwrap();
    }
    let raw = |needle: &str| {
        let bytes = std::fs::read(data.join("attune.db")).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    };
    assert!(
        raw("secretword") && raw("Xylophonic"),
        "the test sees the words before"
    );
    let mut tui = Tui::start(&data);
    tui.wait_for("Six steps");
    tui.send("r");
    tui.wait_for("Xylophonic");
    tui.send("d");
    tui.wait_for("y delete");
    tui.send("y");
    tui.wait_for("Deleted.");
    tui.send("q");
    assert!(tui.wait_exit().success());
    for gone in ["Xylophonic", "xylophonic", "secretword"] {
        assert!(!raw(gone), "{gone} is still in attune.db");
    }
    assert!(raw("Kept words stay"), "what was not deleted stays");
}

#[test]
fn a_stop_gives_the_terminal_back_and_a_continue_takes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data);
    to_thought_record(&mut tui);
    tui.send("before the stop");
    tui.wait_for("before the stop");
    let mark = tui.output().len();
    tui.signal("-TSTP");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !tui.output()[mark..].contains("\x1b[?1049l") {
        assert!(
            std::time::Instant::now() < deadline,
            "the alternate screen stays up"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        tui.output()[mark..].contains("\x1b[?2004l"),
        "bracketed paste off"
    );
    // Stopped, the draft is already saved.
    assert_eq!(
        saved_answer(&data, "thought-record", "situation").as_deref(),
        Some("before the stop")
    );
    let mark = tui.output().len();
    tui.signal("-CONT");
    while !tui.output()[mark..].contains("\x1b[?1049h") {
        assert!(std::time::Instant::now() < deadline, "not taken again");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Raw mode again: keys arrive one by one and the screen is drawn whole.
    tui.wait_for("Situation: what happened?");
    tui.send(" and after");
    tui.wait_for("before the stop and after");
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success());
    assert_eq!(
        saved_answer(&data, "thought-record", "situation").as_deref(),
        Some("before the stop and after")
    );
}
