//! A full disk never costs a word. In the store, a real SQLITE_FULL (a page limit);
//! in the real binary, a real full filesystem (a small tmpfs, which needs root): the
//! words stay on screen, a quit stays open and says why, a second quit writes them to
//! a rescue file, and they come back.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};

use attune::app::Msg;
use crossterm::event::KeyCode::*;
use support::pty::*;
use support::*;

#[test]
fn a_full_journal_keeps_the_words_on_screen_and_says_why_until_it_saves_again() {
    let mut h = Harness::new();
    h.keys(&[Enter, Down, Down, Down, Enter, Enter]);
    h.type_text("written before");
    h.send(Msg::Tick);
    // Not one page more than the journal has now: a longer draft can't be saved.
    h.store.limit_pages(1).unwrap();
    let long = " and after the disk filled".repeat(400);
    h.send(Msg::Paste(long.clone()));
    h.send(Msg::Tick);
    let problem = h.app.problem.clone().expect("the person is told");
    assert!(
        problem.starts_with("Not saved") && problem.contains("full"),
        "{problem}"
    );
    assert_eq!(field_text(&h.app), format!("written before{long}"));
    assert!(h.app.is_dirty(), "still to be saved");

    // The entry can't be saved either: its answers go back to being a draft, and that
    // is what the person reads, not the draft's own failure to save.
    h.goto("save");
    h.press(key(Enter));
    let problem = h.app.problem.clone().expect("told");
    assert!(problem.starts_with("Could not save the entry"), "{problem}");
    assert_eq!(h.commits, 0);
    assert_eq!(h.app.drafts.len(), 1);

    // Space again: the next save works and the draft is safe.
    h.store.limit_pages(1 << 30).unwrap();
    h.send(Msg::Tick);
    h.send(Msg::Tick);
    assert!(!h.app.is_dirty());
    let h = h.relaunch();
    h.app
        .find_draft("challenge-beliefs", "thought-record")
        .expect("the draft");
}

/// A small tmpfs of our own, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// None when this process may not mount (not root): the store test above still
    /// meets a real SQLITE_FULL.
    fn new(size: &str) -> Option<SmallDisk> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: mounting a small tmpfs needs root");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let ok = std::process::Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "root, but mount failed");
        Some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write a filler file until the disk is full.
    fn fill(&self) {
        let mut f = std::fs::File::create(self.path().join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).and_then(|()| f.sync_data()).is_ok() {}
    }

    fn free(&self) {
        std::fs::remove_file(self.path().join("filler")).unwrap();
    }

    /// Leave this many bytes free.
    fn leave(&self, bytes: u64) {
        let filler = self.path().join("filler");
        let len = std::fs::metadata(&filler).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&filler)
            .unwrap()
            .set_len(len.saturating_sub(bytes))
            .unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

fn rescue_files(dirs: &[&Path]) -> Vec<PathBuf> {
    dirs.iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("rescue-"))
        .collect()
}

#[test]
fn on_a_really_full_disk_quitting_keeps_every_word() {
    let Some(disk) = SmallDisk::new("3m") else {
        return;
    };
    let data = disk.path().join("data");
    let elsewhere = tempfile::tempdir().unwrap();
    let tmp = elsewhere.path().to_string_lossy().into_owned();
    let env = [("TMPDIR", tmp.as_str())];
    let mut tui = Tui::start_with(&data, &env);
    to_thought_record(&mut tui);
    tui.send("before the disk filled");
    std::thread::sleep(std::time::Duration::from_millis(1200));
    disk.fill();
    tui.send(" and after");
    tui.wait_for("Not saved");
    tui.send(CTRL_C);
    tui.wait_for("could not save before quitting");
    assert!(tui.child.try_wait().unwrap().is_none(), "still open");
    tui.send(ENTER);
    tui.wait_for("before the disk filled and after");
    disk.free();
    tui.send(CTRL_C);
    assert!(tui.wait_exit().success(), "quits once it could save");
    assert_eq!(
        saved_answer(&data, "thought-record", "situation").as_deref(),
        Some("before the disk filled and after")
    );

    // Full again, and this time the person leaves anyway: a rescue file holds it.
    let mut tui = Tui::start_with(&data, &env);
    tui.wait_for("before the disk filled and after");
    disk.fill();
    tui.send(" and the end");
    tui.wait_for("Not saved");
    tui.send(CTRL_C);
    tui.wait_for("could not save before quitting");
    tui.send(ENTER);
    tui.send(CTRL_C);
    tui.wait_exit();
    let rescued = rescue_files(&[&data, elsewhere.path()]);
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    let text = std::fs::read_to_string(&rescued[0]).unwrap();
    assert!(
        text.contains("before the disk filled and after and the end"),
        "{text}"
    );
    disk.free();
    // Back in the journal: by `attune import` from the temporary folder, or by itself
    // at the next start when it could be written beside the journal.
    if rescued[0].starts_with(elsewhere.path()) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
            .arg("--data-dir")
            .arg(&data)
            .arg("import")
            .arg(&rescued[0])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("1 draft"), "{said}");
    } else {
        let mut tui = Tui::start_with(&data, &env);
        tui.wait_for("Enter: OK");
        tui.send(ENTER);
        tui.send(CTRL_C);
        tui.wait_exit();
    }
    assert_eq!(
        saved_answer(&data, "thought-record", "situation").as_deref(),
        Some("before the disk filled and after and the end")
    );
}

#[test]
fn a_new_journal_on_a_full_disk_is_refused_in_plain_words() {
    let Some(disk) = SmallDisk::new("1m") else {
        return;
    };
    let export = tempfile::tempdir().unwrap();
    let file = export.path().join("empty.json");
    std::fs::write(
        &file,
        "{\"format\":\"attune-export\",\"schema_version\":1,\"settings\":{},\"entries\":[]}",
    )
    .unwrap();
    let import = |data: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
            .arg("--data-dir")
            .arg(data)
            .arg("import")
            .arg(&file)
            .output()
            .unwrap()
    };
    // Full to the last byte, and with room for the lock and an empty file but not
    // for the journal's tables: the same plain words either way.
    for (n, room) in [(1, 0), (2, 12 * 1024)] {
        let data = disk.path().join(format!("data{n}"));
        std::fs::create_dir(&data).unwrap();
        disk.fill();
        disk.leave(room);
        let out = import(&data);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            said.contains("is full") && said.contains("Free some space"),
            "{said}"
        );
        assert!(
            !said.contains("Rusqlite") && !said.contains("os error"),
            "{said}"
        );
        disk.free();
    }
}
