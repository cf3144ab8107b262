//! Whole-process figures for the real binary on a generated journal: time to the
//! first full frame, Home -> Review, the first key on a day a backup is due, peak
//! memory, CPU while idle, Markdown and JSON export, import. Prints a table of
//! medians and ranges; `cargo bench --bench process`.
//!
//! `ATTUNE_BENCH_ENTRIES=100000` measures a larger journal (10,000 by default);
//! `ATTUNE_BENCH_ROUNDS` sets the runs per row (7 by default, at least 5);
//! `ATTUNE_BENCH_BINS=before=/path/a,after=/path/b` measures other builds side by
//! side, interleaved round by round, each on its own copy of the journal (made
//! by that build's own `attune import`, so an older build reads its own schema).
//! `ATTUNE_BENCH_ENCRYPTED=1` adds the same journal encrypted (`attune encrypt`,
//! builds that have it): first frame with the passphrase in `ATTUNE_PASSPHRASE`, key
//! derivation included, Home -> Review, and Markdown export.

#[allow(dead_code)]
#[path = "support/journal.rs"]
mod journal;
#[allow(dead_code)]
#[path = "../tests/support/pty.rs"]
mod pty;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs of one row for one build.
#[derive(Default)]
struct Runs(Vec<f64>);

impl Runs {
    fn add(&mut self, v: f64) {
        self.0.push(v);
    }
    fn summary(&self, unit: &str) -> String {
        let mut v = self.0.clone();
        if v.is_empty() {
            return "-".into();
        }
        v.sort_by(f64::total_cmp);
        let fmt = |x: f64| match unit {
            "ms" if x < 10.0 => format!("{x:.1}"),
            _ => format!("{x:.0}"),
        };
        format!(
            "{} {unit} ({}-{}, n={})",
            fmt(v[v.len() / 2]),
            fmt(v[0]),
            fmt(v[v.len() - 1]),
            v.len()
        )
    }
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<u64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0)
}

/// Wait until a process has used no CPU for a second (at most a minute): its
/// start-up check and backup are done.
fn settle(pid: u32) {
    let mut last = cpu_ticks(pid);
    for _ in 0..60 {
        std::thread::sleep(Duration::from_secs(1));
        let now = cpu_ticks(pid);
        if now == last {
            return;
        }
        last = now;
    }
}

/// Peak resident memory of a running process, in MB.
fn peak_rss(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

/// Run a command to the end: wall time in ms and peak RSS in MB (from wait4).
// The child is reaped by wait4 (for its rusage), which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn timed(bin: &Path, dir: &Path, args: &[&str]) -> (f64, f64) {
    let begin = Instant::now();
    let child = Command::new(bin)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("run attune");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for; both pointers are valid.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let elapsed = begin.elapsed().as_secs_f64() * 1000.0;
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "attune {args:?} failed"
    );
    (elapsed, usage.ru_maxrss as f64 / 1024.0)
}

/// Type a word a key at a time, timing each key until the screen shows it. The word
/// is a new one each time, so it is never already on screen.
fn echo(
    tui: &mut pty::Tui,
    label: &str,
    row: &'static str,
    add: &mut impl FnMut(&'static str, &str, f64),
) {
    static WORDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = WORDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let word = format!("zq{n}xv");
    for end in 1..=word.len() {
        let at = Instant::now();
        tui.send_now(&word[end - 1..end]);
        tui.wait_for_every(&word[..end], Duration::from_micros(100));
        if end >= 3 {
            add(row, label, at.elapsed().as_secs_f64() * 1000.0);
        }
    }
    // Long enough for the save after typing stops.
    std::thread::sleep(Duration::from_millis(600));
}

/// Tab from the pattern log's first prompt: the time until the next one shows.
fn next_prompt(
    tui: &mut pty::Tui,
    label: &str,
    row: &'static str,
    add: &mut impl FnMut(&'static str, &str, f64),
) {
    let at = Instant::now();
    tui.send_now("\t");
    tui.wait_for_every("What raised closeness", Duration::from_micros(100));
    add(row, label, at.elapsed().as_secs_f64() * 1000.0);
    std::thread::sleep(Duration::from_millis(200));
}

struct Build {
    label: String,
    bin: PathBuf,
    dir: PathBuf,
    /// The same build run under strace with every fsync delayed by 50 ms.
    slow_disk: Option<PathBuf>,
}

fn builds(count: usize) -> Vec<Build> {
    let spec = std::env::var("ATTUNE_BENCH_BINS")
        .unwrap_or_else(|_| format!("attune={}", env!("CARGO_BIN_EXE_attune")));
    spec.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let (label, bin) = s.split_once('=').expect("label=path");
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("target/bench-process-{count}/{label}"));
            Build {
                label: label.to_string(),
                slow_disk: slow_disk(label, Path::new(bin), &dir),
                bin: PathBuf::from(bin),
                dir,
            }
        })
        .collect()
}

/// A script that runs `bin` under strace with each fsync and fdatasync delayed by
/// 50 ms, when strace is installed.
fn slow_disk(label: &str, bin: &Path, dir: &Path) -> Option<PathBuf> {
    let found = Command::new("strace").arg("-V").output().ok()?;
    if !found.status.success() {
        return None;
    }
    let script = dir.with_file_name(format!("{label}-slow-disk.sh"));
    std::fs::create_dir_all(script.parent()?).ok()?;
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nexec strace -f --seccomp-bpf -o /dev/null -e trace=fsync,fdatasync \
             -e inject=fsync,fdatasync:delay_enter=50000 {} \"$@\"\n",
            bin.display()
        ),
    )
    .ok()?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).ok()?;
    Some(script)
}

/// Does this build have `attune encrypt` (builds from before it are measured plain only)?
fn can_encrypt(bin: &Path) -> bool {
    Command::new(bin)
        .args(["encrypt", "--help"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The journal of `b`, encrypted: first frame after the passphrase (given in the
/// environment, so its derivation is inside the figure), Home -> Review, export.
fn encrypted(b: &Build, count: usize, md: &str, add: &mut impl FnMut(&'static str, &str, f64)) {
    let dir = b.dir.with_file_name(format!(
        "{}-encrypted",
        b.dir.file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().mode(0o700).create(&dir).unwrap();
    }
    std::fs::copy(b.dir.join("attune.db"), dir.join("attune.db")).unwrap();
    let pass = [("ATTUNE_PASSPHRASE", journal::PASSPHRASE)];
    let made = Command::new(&b.bin)
        .arg("--data-dir")
        .arg(&dir)
        .arg("encrypt")
        .envs(pass)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    // The first start makes the day's backup, and leaves the exercise the plain runs
    // left open for Home; the start after is measured.
    let mut tui = pty::Tui::start_bin(&b.bin, &dir, &pass);
    tui.wait_for_every("F1 help", Duration::from_micros(200));
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    tui.send("\x1b");
    tui.wait_for_every("Review past entries", Duration::from_micros(200));
    tui.send("\x03");
    tui.wait_exit();
    let begin = Instant::now();
    let mut tui = pty::Tui::start_bin(&b.bin, &dir, &pass);
    tui.wait_for_every("F1 help", Duration::from_micros(200));
    let frame = begin.elapsed().as_secs_f64() * 1000.0;
    let at = Instant::now();
    tui.send_now("r");
    tui.wait_for_every(&format!("{count} entries"), Duration::from_micros(200));
    let review = at.elapsed().as_secs_f64() * 1000.0;
    add(
        "p encrypted: first full frame, key derivation included",
        &b.label,
        frame,
    );
    add(
        "q encrypted: Home -> Review list on screen",
        &b.label,
        review,
    );
    tui.send("\x1b");
    tui.wait_for_every("Review past entries", Duration::from_micros(200));
    tui.send("\x03");
    tui.wait_exit();
    let begin = Instant::now();
    let out = Command::new(&b.bin)
        .arg("--data-dir")
        .arg(&dir)
        .args(["export", "--format", "markdown", "-o", md])
        .envs(pass)
        .output()
        .unwrap();
    assert!(out.status.success());
    add(
        "r encrypted: export Markdown: time (key derivation included)",
        &b.label,
        begin.elapsed().as_secs_f64() * 1000.0,
    );
}

/// Set to a path: this process only writes the generated journal there, as JSON.
const WRITE_JOURNAL: &str = "ATTUNE_BENCH_WRITE_JOURNAL";

fn write_journal(file: &Path, count: usize) {
    let content = attune::content::builtin().expect("content");
    let mut export = journal::generate(&content, count);
    // Schema 5 only added a summary table; the export format is the same as 4's,
    // so say 4 and builds from before the summary import it too.
    export.schema_version = export.schema_version.min(4);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    // Whole or not there: a run stopped while writing leaves no half a journal.
    let part = file.with_extension("part");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&part).unwrap());
    attune::export::write_json(&mut out, &export).expect("write the journal");
    use std::io::Write;
    out.flush().expect("write the journal");
    drop(out);
    std::fs::rename(&part, file).expect("write the journal");
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return; // `cargo test --benches` and tooling probes: nothing to list.
    }
    let count = journal::entries();
    if let Some(file) = std::env::var_os(WRITE_JOURNAL) {
        write_journal(Path::new(&file), count);
        return;
    }
    let rounds: usize = std::env::var("ATTUNE_BENCH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(7)
        .max(5);
    let builds = builds(count);

    // The journal as a JSON export, written once per size and imported by each build.
    let export_file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("target/bench-process-{count}/journal.json"));
    if !export_file.exists() {
        // Made by a process of its own: a child's peak memory, as the kernel reports
        // it, starts from its parent's, and the journal in memory would make every
        // export's and import's figure hundreds of megabytes at 100,000 entries.
        let made = Command::new(std::env::current_exe().unwrap())
            .env(WRITE_JOURNAL, &export_file)
            .status()
            .unwrap();
        assert!(made.success(), "the journal was not written");
    }
    let export_arg = export_file.to_str().unwrap();

    // rows[row][build] = runs
    let mut rows: BTreeMap<&str, BTreeMap<String, Runs>> = BTreeMap::new();
    let mut add = |row: &'static str, build: &str, v: f64| {
        rows.entry(row)
            .or_default()
            .entry(build.to_string())
            .or_default()
            .add(v)
    };
    let scratch = tempfile::tempdir().unwrap();
    for round in 0..rounds {
        for b in &builds {
            // Import into a fresh data dir; the last import is the journal measured.
            let _ = std::fs::remove_dir_all(&b.dir);
            let (ms, mb) = timed(&b.bin, &b.dir, &["import", export_arg]);
            add("h import JSON: time", &b.label, ms);
            add("i import JSON: peak RSS", &b.label, mb);
            let md = scratch.path().join("out.md");
            let md = md.to_str().unwrap();
            let (ms, mb) = timed(
                &b.bin,
                &b.dir,
                &["export", "--format", "markdown", "-o", md],
            );
            add("d export Markdown: time", &b.label, ms);
            add("e export Markdown: peak RSS", &b.label, mb);
            let json = scratch.path().join("out.json");
            let json = json.to_str().unwrap();
            let (ms, mb) = timed(&b.bin, &b.dir, &["export", "--format", "json", "-o", json]);
            add("f export JSON: time", &b.label, ms);
            add("g export JSON: peak RSS", &b.label, mb);

            // With no backup yet today, the start makes one in the background; the
            // first key is answered while it runs.
            let _ = std::fs::remove_dir_all(b.dir.join("backups"));
            let mut tui = pty::Tui::start_bin(&b.bin, &b.dir, &[]);
            tui.wait_for_every("F1 help", Duration::from_micros(200));
            let at = Instant::now();
            tui.send_now("r");
            tui.wait_for_every(&format!("{count} entries"), Duration::from_micros(200));
            add(
                "c first key (r: Review) on a day a backup is due",
                &b.label,
                at.elapsed().as_secs_f64() * 1000.0,
            );
            // Leave on Home, so the next start opens there.
            tui.send("\x1b");
            tui.wait_for_every("Review past entries", Duration::from_micros(200));
            // The most memory a start takes: once the journal's check and the day's
            // backup, which read the whole journal on their own thread, are done.
            let made = || {
                std::fs::read_dir(b.dir.join("backups")).is_ok_and(|mut d| {
                    d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".db")))
                })
            };
            let waited = Instant::now();
            while !made() {
                assert!(
                    waited.elapsed() < Duration::from_secs(120),
                    "no backup made"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
            settle(tui.pid());
            add(
                "j peak RSS of the TUI, on a day a backup is due",
                &b.label,
                peak_rss(tui.pid()),
            );
            tui.send("\x03");
            tui.wait_exit();

            // An ordinary start (today's backup is made): first frame, then Home -> Review.
            let begin = Instant::now();
            let mut tui = pty::Tui::start_bin(&b.bin, &b.dir, &[]);
            tui.wait_for_every("F1 help", Duration::from_micros(200));
            add(
                "a first full frame, launch to screen",
                &b.label,
                begin.elapsed().as_secs_f64() * 1000.0,
            );
            assert!(
                !tui.contents().contains(&format!("{count} entries")),
                "starts on Home"
            );
            let at = Instant::now();
            tui.send_now("r");
            tui.wait_for_every(&format!("{count} entries"), Duration::from_micros(200));
            add(
                "b Home -> Review list on screen",
                &b.label,
                at.elapsed().as_secs_f64() * 1000.0,
            );
            tui.send("\x1b");
            tui.wait_for_every("Review past entries", Duration::from_micros(200));
            if round == 0 {
                // Idle means after start-up: the journal's check (seconds on a big
                // journal) has finished.
                settle(tui.pid());
                let before = cpu_ticks(tui.pid());
                std::thread::sleep(Duration::from_secs(10));
                add(
                    "k CPU ticks while idle for 10 s",
                    &b.label,
                    (cpu_ticks(tui.pid()) - before) as f64,
                );
            }
            // Step 1's first exercise, the pattern log: type, then move on a prompt
            // (which saves the session).
            tui.send("\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A\r");
            tui.send("\r");
            tui.wait_for_every("What happened?", Duration::from_micros(200));
            echo(&mut tui, &b.label, "l keystroke echo, typing", &mut add);
            next_prompt(
                &mut tui,
                &b.label,
                "n Tab to the next prompt (saves)",
                &mut add,
            );
            tui.send("\x03");
            tui.wait_exit();

            // The same while every fsync takes 50 ms (strace delays it), if strace is
            // here: neither a key's echo nor a new prompt may wait for the disk.
            if let Some(slow) = &b.slow_disk {
                let mut tui = pty::Tui::start_bin(slow, &b.dir, &[]);
                tui.wait_for_every("F1 help", Duration::from_micros(200));
                // Until the start-up check has passed, saves wait for it anyway.
                // (The pid is strace's; attune is its child.)
                let child =
                    std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", tui.pid()))
                        .ok()
                        .and_then(|c| c.split_whitespace().next()?.parse().ok())
                        .unwrap_or(tui.pid());
                settle(child);
                // It opens where it was left: the second prompt. Back to the first.
                tui.send("\x1b[Z");
                tui.wait_for_every("What happened?", Duration::from_micros(200));
                echo(
                    &mut tui,
                    &b.label,
                    "m keystroke echo, every fsync 50 ms",
                    &mut add,
                );
                next_prompt(
                    &mut tui,
                    &b.label,
                    "o Tab to the next prompt (saves), every fsync 50 ms",
                    &mut add,
                );
                tui.send("\x03");
                tui.wait_exit();
            }

            if std::env::var_os("ATTUNE_BENCH_ENCRYPTED").is_some() && can_encrypt(&b.bin) {
                encrypted(b, count, md, &mut add);
            }
        }
    }

    let size = std::fs::metadata(builds[0].dir.join("attune.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "whole process, {count} entries, {rounds} rounds interleaved; attune.db {:.1} MB ({:.0} KB per 1,000 entries)",
        size as f64 / 1e6,
        size as f64 / 1e3 / (count as f64 / 1000.0)
    );
    for (row, by_build) in &rows {
        let unit = if row.contains("RSS") {
            "MB"
        } else if row.contains("ticks") {
            "ticks"
        } else {
            "ms"
        };
        for b in &builds {
            let runs = by_build.get(&b.label).map(|r| r.summary(unit));
            println!(
                "  {:<52} {:<8} {}",
                &row[2..],
                b.label,
                runs.unwrap_or_default()
            );
        }
    }
}
