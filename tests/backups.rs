//! The start-up check and the daily backup, on real files: a damaged journal is
//! found and never backed up over good backups; a backup is checked before the
//! oldest makes room; a clock that went back makes no backup, and says so.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use attune::journal::AnswerValue;
use attune::store::{Backup, Store, backup_if_due, backup_if_due_or_stop, check_journal};
use chrono::NaiveDate;
use support::{damage, journal_of, text_entry};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_daily_backup_is_made_once_kept_private_and_restorable() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .commit_entry_at(
            &text_entry("pattern-log", "backed up"),
            None,
            chrono::Local::now().fixed_offset(),
        )
        .unwrap();
    let Backup::Made(made) = backup_if_due(dir.path(), day(1), None).unwrap() else {
        panic!("first backup of the day")
    };
    assert!(made.ends_with("backups/attune-2026-11-01.db"));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&made), 0o600);
    assert_eq!(mode(made.parent().unwrap()), 0o700);
    assert_eq!(
        backup_if_due(dir.path(), day(1), None).unwrap(),
        Backup::AlreadyMade
    );
    check_journal(made.parent().unwrap().parent().unwrap(), None).unwrap();

    // The documented restore: quit, copy the backup over attune.db, start again.
    store
        .commit_entry_at(
            &text_entry("pattern-log", "after the backup"),
            None,
            chrono::Local::now().fixed_offset(),
        )
        .unwrap();
    store.close().unwrap();
    std::fs::copy(&made, dir.path().join("attune.db")).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let entries = store.list_entries().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        store.entry(entries[0].id).unwrap().unwrap().answers[0].value,
        AnswerValue::Text("backed up".into())
    );
}

#[test]
fn only_the_newest_seven_backups_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().close().unwrap();
    for d in 1..=10 {
        backup_if_due(dir.path(), day(d), None).unwrap();
    }
    let names = names(dir.path());
    assert_eq!(names.len(), attune::store::KEEP_BACKUPS);
    assert_eq!(names.first().unwrap(), "attune-2026-11-04.db");
    assert_eq!(names.last().unwrap(), "attune-2026-11-10.db");
}

#[test]
fn one_bad_page_is_found_and_a_damaged_journal_never_pushes_out_a_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    journal_of(dir.path(), 300);
    for d in 1..=7 {
        backup_if_due(dir.path(), day(d), None).unwrap();
    }
    let good = names(dir.path());
    check_journal(dir.path(), None).expect("healthy before");
    damage(dir.path());
    let found = check_journal(dir.path(), None).expect_err("the bad page is found");
    assert!(!found.0.is_empty());
    // Even asked directly, the backup is refused and the seven good ones stay.
    assert!(backup_if_due(dir.path(), day(8), None).is_err());
    assert_eq!(
        names(dir.path()),
        good,
        "no good backup rotated out, no partial left"
    );
}

#[test]
fn a_clock_behind_the_newest_backup_makes_none_and_deletes_none() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().close().unwrap();
    for d in 20..=27 {
        backup_if_due(dir.path(), day(d), None).unwrap();
    }
    let before = names(dir.path());
    let earlier = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    assert_eq!(
        backup_if_due(dir.path(), earlier, None).unwrap(),
        Backup::ClockBehind {
            today: earlier,
            newest: day(27)
        }
    );
    assert_eq!(names(dir.path()), before);
}

#[test]
fn attune_on_a_damaged_journal_says_so_writes_nothing_and_rescues_the_drafts() {
    use support::pty::*;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    journal_of(&data, 300);
    for d in 1..=7 {
        backup_if_due(&data, day(d), None).unwrap();
    }
    damage(&data);
    let journal = std::fs::read(data.join("attune.db")).unwrap();
    let backups = names(&data);

    let mut tui = Tui::start(&data);
    tui.wait_for("looks damaged");
    // Says how to restore (waited for: the alert may still be arriving in pieces).
    tui.wait_for("backups");
    to_thought_record(&mut tui);
    tui.send("words typed on a damaged journal");
    tui.wait_for("words typed on a damaged journal");
    std::thread::sleep(std::time::Duration::from_millis(1200));
    tui.send(CTRL_C);
    tui.wait_exit();
    assert_eq!(
        std::fs::read(data.join("attune.db")).unwrap(),
        journal,
        "not one byte written"
    );
    assert!(
        !data.join("attune.db-wal").exists()
            || std::fs::metadata(data.join("attune.db-wal")).unwrap().len() == 0
    );
    assert_eq!(names(&data), backups, "no backup of a damaged journal");
    let rescued: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("rescue-")
        })
        .collect();
    assert_eq!(rescued.len(), 1);
    let text = std::fs::read_to_string(&rescued[0]).unwrap();
    assert!(text.contains("words typed on a damaged journal"));
    assert!(
        tui.output().contains("rescue-"),
        "the way out says where they went"
    );
}

#[test]
fn damage_is_met_with_a_way_on_whether_or_not_there_is_a_backup() {
    let said = |backups: bool| {
        let mut app = support::app();
        app.update(attune::app::Msg::JournalDamaged {
            damage: "page 7 is broken".into(),
            backups,
        });
        // The alert's words: what is inside its box, without the screen beside it.
        support::screen_text(&app, 100, 40)
            .lines()
            .filter_map(|l| {
                let inner = l.split_once('│')?.1;
                Some(inner.rsplit_once('│').map_or(inner, |(i, _)| i).to_string())
            })
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let with = said(true);
    assert!(with.contains("page 7 is broken"), "{with}");
    assert!(with.contains("restore the newest backup"), "{with}");
    let without = said(false);
    assert!(without.contains("no backup yet"), "{without}");
    assert!(!without.contains("restore the newest backup"), "{without}");
    assert!(without.contains("move attune.db aside"), "{without}");
}

#[test]
fn a_backup_given_up_leaves_nothing_and_the_next_one_is_made() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    journal_of(dir.path(), 2000);
    let before = std::fs::read(dir.path().join("attune.db")).unwrap();
    // Asked to stop before it starts: nothing is copied.
    let stop = Arc::new(AtomicBool::new(true));
    assert!(backup_if_due_or_stop(dir.path(), day(1), None, Some(Arc::clone(&stop))).is_err());
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    // Asked to stop while copying (attune quitting): given up at once, or done.
    let stop = Arc::new(AtomicBool::new(false));
    let asker = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(3));
            stop.store(true, Ordering::Relaxed);
        })
    };
    let made = backup_if_due_or_stop(dir.path(), day(1), None, Some(stop));
    asker.join().unwrap();
    match made {
        Ok(Backup::Made(_)) => assert_eq!(names(dir.path()), ["attune-2026-11-01.db"]),
        Err(_) => assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path())),
        other => panic!("{other:?}"),
    }
    // The journal is untouched, and the next start's backup is made.
    assert_eq!(std::fs::read(dir.path().join("attune.db")).unwrap(), before);
    assert!(matches!(
        backup_if_due(dir.path(), day(1), None).unwrap(),
        Backup::Made(_) | Backup::AlreadyMade
    ));
    check_journal(dir.path(), None).unwrap();
    assert_eq!(names(dir.path()), ["attune-2026-11-01.db"]);
}
