//! Whole-process figures for the real binary on the 10,000-entry journal: time to
//! the first full frame, peak memory, CPU while idle, export and import. Prints a
//! table; `cargo bench --bench process`.

#[path = "support/journal.rs"]
mod journal;
#[allow(dead_code)]
#[path = "../tests/support/pty.rs"]
mod pty;

use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn proc_field(pid: u32, file: &str, key: &str) -> String {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap_or_default();
    text.lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_default()
        .to_string()
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    fields
        .get(11)
        .and_then(|u| u.parse::<u64>().ok())
        .unwrap_or(0)
        + fields
            .get(12)
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0)
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return; // `cargo test --benches` and tooling probes: nothing to list.
    }
    let dir = journal::data_dir();
    // Open on Home: whatever screen another benchmark left is not what we measure.
    {
        let store = attune::store::Store::open(&dir).expect("journal");
        let content = attune::content::builtin().expect("content");
        let boot = attune::app::Boot {
            welcomed: true,
            ..Default::default()
        };
        store
            .save_session(&attune::app::App::new(content, boot).session())
            .expect("session");
    }
    let bin = env!("CARGO_BIN_EXE_attune");

    // Start to first full frame, as a person sees it in a terminal.
    let mut starts = Vec::new();
    let mut rss = String::new();
    let mut idle = 0;
    for round in 0..15 {
        let begin = Instant::now();
        let mut tui = pty::Tui::start(&dir);
        tui.wait_for_every("F1 help", Duration::from_micros(500));
        starts.push(begin.elapsed());
        if round == 14 {
            // Idle means after start-up: the journal's check runs in the background
            // for a moment after the first frame (and today's backup is made by now).
            std::thread::sleep(Duration::from_millis(1500));
            let before = cpu_ticks(tui.pid());
            std::thread::sleep(Duration::from_secs(10));
            idle = cpu_ticks(tui.pid()) - before;
            rss = proc_field(tui.pid(), "status", "VmHWM");
        }
        tui.send("\x03");
        tui.wait_exit();
    }

    let run = |args: &[&str]| {
        let begin = Instant::now();
        let out = Command::new(bin)
            .arg("--data-dir")
            .arg(&dir)
            .args(args)
            .output()
            .expect("run attune");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        begin.elapsed()
    };
    let markdown = median(
        (0..7)
            .map(|_| run(&["export", "--format", "markdown", "-o", "/dev/null"]))
            .collect(),
    );
    let json = median(
        (0..7)
            .map(|_| run(&["export", "--format", "json", "-o", "/dev/null"]))
            .collect(),
    );
    let export_file = std::env::temp_dir().join("attune-bench-export.json");
    run(&[
        "export",
        "--format",
        "json",
        "-o",
        export_file.to_str().unwrap(),
    ]);
    let imports: Vec<Duration> = (0..3)
        .map(|_| {
            let fresh = tempfile::tempdir().unwrap();
            let begin = Instant::now();
            let out = Command::new(bin)
                .arg("--data-dir")
                .arg(fresh.path())
                .arg("import")
                .arg(&export_file)
                .output()
                .unwrap();
            assert!(out.status.success());
            begin.elapsed()
        })
        .collect();

    println!("whole process, {} entries:", journal::ENTRIES);
    println!(
        "  start to first full frame (median of {}): {:?}",
        starts.len(),
        median(starts)
    );
    println!(
        "  peak RSS with home open: {}",
        rss.trim_start_matches("VmHWM:").trim()
    );
    println!("  CPU ticks while open and idle for 10 s: {idle}");
    println!("  export --format markdown (median of 7): {markdown:?}");
    println!("  export --format json (median of 7): {json:?}");
    println!(
        "  import of the JSON export into a fresh dir (median of 3): {:?}",
        median(imports)
    );
}
