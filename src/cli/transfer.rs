//! `attune export` and `attune import`: export reads a snapshot without the lock (so
//! it works while attune is open) and streams; import is exclusive, all or nothing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;

use super::{Format, plural};
use crate::content::Content;
use crate::sanitize::for_terminal;
use crate::store::{ExportFile, Filter, Key, Store, TransferError};

/// What `attune export` was asked for.
pub struct Asked {
    pub format: Format,
    pub step: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub output: Option<PathBuf>,
}

pub fn export(
    data_dir: &Path,
    key: Option<&Key>,
    content: &Content,
    ask: Asked,
) -> anyhow::Result<ExitCode> {
    let step = match ask.step.as_deref().map(|s| step_id(content, s)) {
        Some(Ok(id)) => Some(id),
        Some(Err(message)) => {
            eprintln!("attune: {}", for_terminal(&message));
            return Ok(ExitCode::from(2));
        }
        None => None,
    };
    let store = Store::open_read_only_with(data_dir, key, &super::say_upgrading)?;
    let filter = Filter {
        step,
        since: ask.since,
        until: ask.until,
        ..Filter::default()
    };
    let export = store
        .export_stream(&filter)
        .context("cannot read the journal")?;
    let tried = match ask.format {
        Format::Markdown => {
            crate::export::tried(&store, content).context("cannot read the journal")?
        }
        Format::Json => Default::default(),
    };
    let write = |out: &mut dyn Write| match ask.format {
        Format::Markdown => crate::export::write_markdown(out, &export, content, &filter, &tried),
        Format::Json => crate::export::write_json(out, &export),
    };
    match &ask.output {
        Some(path) => crate::fsutil::write_atomic(path, write)
            .map_err(|e| failed(e, &format!("cannot write {}", path.display())))?,
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
            match write(&mut out).and_then(|()| out.flush()) {
                // `attune export | head`: the reader has all it wanted.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(failed(e, "cannot write the export")),
                Ok(()) => {}
            }
        }
    }
    drop(export);
    store.close().context("cannot close the journal")?;
    if key.is_some() {
        let to = ask.output.as_ref().map_or("The export".to_string(), |p| {
            for_terminal(&p.display().to_string()).into_owned()
        });
        eprintln!(
            "attune: {to} is plain text, not encrypted like the journal: anyone who can read \
             it can read your entries."
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// An export that stopped: reading the journal (entries are read as they are
/// written) or writing the output, said as what it was.
fn failed(e: io::Error, writing: &str) -> anyhow::Error {
    let reading = e
        .get_ref()
        .is_some_and(|inner| inner.downcast_ref::<rusqlite::Error>().is_some());
    let what = if reading {
        "cannot read the journal"
    } else {
        writing
    };
    anyhow::Error::new(e).context(what.to_string())
}

/// A step by its number (1-6) or id; anything else is an error listing the choices.
fn step_id(content: &Content, asked: &str) -> Result<String, String> {
    let asked = asked.trim();
    let found = content.steps.iter().find(|s| {
        s.id.eq_ignore_ascii_case(asked) || asked.parse::<u32>().ok() == Some(s.number.into())
    });
    match found {
        Some(step) => Ok(step.id.clone()),
        None => Err(format!(
            "there is no step \"{asked}\". Use a number or an id: {}.",
            content
                .steps
                .iter()
                .map(|s| format!("{} {}", s.number, s.id))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The journal an import made and added nothing to: removed, with its folder if the
/// import made that too (and nothing else is in it).
fn remove_empty_journal(data_dir: &Path, new_folder: bool) {
    let db = crate::store::DB_FILE;
    for name in [
        db.to_string(),
        format!("{db}-wal"),
        format!("{db}-shm"),
        crate::store::LOCK_FILE.to_string(),
    ] {
        let _ = std::fs::remove_file(data_dir.join(name));
    }
    if new_folder {
        let _ = std::fs::remove_dir(data_dir);
    }
}

pub fn import(data_dir: &Path, key: Option<&Key>, file: &Path) -> anyhow::Result<ExitCode> {
    // Read as a stream (an export of any size is never held in memory whole) and
    // checked as it is added, in one transaction: a fault anywhere adds nothing.
    let export = ExportFile::new(file);
    // A file that cannot be read is said before anything is made.
    std::fs::File::open(file).map_err(|e| {
        anyhow::anyhow!(
            "{}: {}",
            file.display(),
            TransferError::Unreadable(e.to_string())
        )
    })?;
    // A journal (and folder) made for this import go again if nothing was imported.
    let new_folder = !data_dir.exists();
    let new_journal = !data_dir.join(crate::store::DB_FILE).exists();
    let mut store = Store::open_with(data_dir, key, &super::say_upgrading)?;
    crate::store::check_journal(data_dir, key).map_err(|damage| {
        anyhow::anyhow!(
            "the journal {} looks damaged ({damage}), so nothing was imported. Restore a \
             backup first (see \"Your data\" in the README).",
            store.db_path().display()
        )
    })?;
    let report = match store.import(&export) {
        Ok(report) => report,
        Err(e) => {
            if new_journal && store.close().is_ok() {
                remove_empty_journal(data_dir, new_folder);
            }
            return Err(match e {
                // The journal's own faults are said as they are; the rest are the file's.
                TransferError::Store(_) | TransferError::Session(_) => anyhow::Error::new(e),
                _ => anyhow::anyhow!("{}: {e}", file.display()),
            });
        }
    };
    let mut brought = vec![plural(report.added, "entry")];
    if report.drafts > 0 {
        brought.push(plural(report.drafts, "draft"));
    }
    let there = match report.already_there {
        0 => String::new(),
        1 => " (1 was already there)".to_string(),
        n => format!(" ({n} were already there)"),
    };
    println!(
        "Imported {} into {}{there}.",
        brought.join(" and "),
        for_terminal(&store.db_path().display().to_string()),
    );
    for (entry, earlier) in &report.clashing {
        println!(
            "Not imported: entry {entry} of the file has the same uid as entry {earlier} but \
             different content, so it is not the same entry. Keep whichever is right and \
             give the other a new uid to import it too."
        );
    }
    Ok(ExitCode::SUCCESS)
}
