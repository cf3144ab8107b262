//! A slow disk never slows typing: the real binary runs under strace with every fsync
//! made to take 600 ms, and a key typed while a save is being flushed still shows at
//! once (the save runs on the writer thread). Skipped where strace is missing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::pty::*;

/// Every fsync and fdatasync of attune takes this long.
const FLUSH: Duration = Duration::from_millis(600);

/// A script that runs attune under strace with each flush delayed, if strace works here.
fn slow_disk_attune(dir: &Path) -> Option<PathBuf> {
    let works = Command::new("strace")
        .args(["-f", "-o", "/dev/null", "true"])
        .output()
        .ok()?;
    if !works.status.success() {
        return None;
    }
    let script = dir.join("attune-slow-disk.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nexec strace -f -o /dev/null -e trace=fsync,fdatasync \
             -e inject=fsync,fdatasync:delay_enter={} {} \"$@\"\n",
            FLUSH.as_micros(),
            env!("CARGO_BIN_EXE_attune")
        ),
    )
    .ok()?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).ok()?;
    Some(script)
}

#[test]
fn a_key_typed_while_a_save_is_flushed_shows_at_once_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let Some(attune) = slow_disk_attune(dir.path()) else {
        eprintln!("strace cannot run here: skipped");
        return;
    };
    let data = dir.path().join("data");
    let mut tui = Tui::start_bin(&attune, &data, &[]);
    to_thought_record(&mut tui);
    // Until the start-up check has passed, saves wait for it without any flush; it
    // has passed once today's backup is there.
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_dir(data.join("backups"))
        .map(|d| d.count())
        .unwrap_or(0)
        == 0
    {
        assert!(Instant::now() < deadline, "no backup was made");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(FLUSH * 2);

    let mut typed = String::new();
    let mut waits = Vec::new();
    for word in ["calm", "steady", "enough"] {
        typed.push_str(word);
        tui.send(word);
        tui.wait_for(&typed);
        // The save after a pause in typing has started and is still being flushed.
        std::thread::sleep(Duration::from_millis(550));
        typed.push(' ');
        typed.push('x');
        let at = Instant::now();
        tui.send_now(" x");
        tui.wait_for_every(&typed, Duration::from_millis(1));
        waits.push(at.elapsed());
    }
    assert!(
        waits.iter().all(|w| *w < FLUSH / 3),
        "keys waited for the disk: {waits:?} (each flush takes {FLUSH:?})"
    );

    tui.send("\x03");
    tui.wait_exit();
    let saved = saved_answer(&data, "thought-record", "situation");
    assert_eq!(saved.as_deref(), Some(typed.as_str()));
}
