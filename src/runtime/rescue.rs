//! Rescue files: drafts written beside the journal (or in the temporary folder) when
//! the journal could not take them, and read back into it at the next start.

use std::path::{Path, PathBuf};

use crate::session::Session;
use crate::store::{Export, Store};

const PREFIX: &str = "rescue-";

/// Write the drafts as an attune export (which `attune import` and the next start
/// read back): beside the journal if possible, else in the temporary folder.
pub fn write(db: &Path, session: &Session) -> Result<PathBuf, String> {
    let export = Export::of_drafts(session);
    let text = crate::export::json(&export).map_err(|e| e.to_string())?;
    let name = format!(
        "{PREFIX}{}.json",
        chrono::Local::now().format("%Y-%m-%d-%H%M%S")
    );
    let beside = db.parent().map(|d| d.join(&name));
    let elsewhere = std::env::temp_dir().join(format!("attune-{name}"));
    let mut problems = Vec::new();
    for place in beside.into_iter().chain([elsewhere]) {
        match crate::fsutil::write_bytes(&place, text.as_bytes()) {
            Ok(()) => return Ok(place),
            Err(e) => problems.push(format!("{}: {e}", place.display())),
        }
    }
    Err(problems.join("; "))
}

/// Bring back the drafts of any rescue file beside the journal, then remove the file.
/// Returns what to tell the person. A journal that fails its check is left alone.
pub fn bring_back(store: &mut Store) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(store.dir())
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".json"))
                })
                .collect()
        })
        .unwrap_or_default();
    if files.is_empty() {
        return Vec::new();
    }
    files.sort();
    if let Err(damage) = crate::store::check_journal(store.dir(), store.key()) {
        return vec![format!(
            "Rescued drafts are waiting in {}, but the journal looks damaged ({damage}), so they \
             were left there. Restore a backup first (see the README); attune reads them back then.",
            store.dir().display()
        )];
    }
    files
        .iter()
        .map(|file| bring_back_one(store, file))
        .collect()
}

fn bring_back_one(store: &mut Store, file: &Path) -> String {
    let parsed = std::fs::read(file)
        .map_err(|e| e.to_string())
        .and_then(|bytes| Export::parse(&bytes).map_err(|e| e.to_string()));
    let imported = parsed.and_then(|export| store.import(&export).map_err(|e| e.to_string()));
    match imported {
        Ok(report) => {
            let removed = std::fs::remove_file(file)
                .and_then(|()| crate::fsutil::sync_dir(store.dir()))
                .is_ok();
            format!(
                "Drafts that could not be saved last time are back from {} ({} brought in; \
                 Continue on Home has them).{}",
                file.display(),
                report.drafts,
                if removed {
                    ""
                } else {
                    " The file could not be removed; it is safe to delete it now."
                }
            )
        }
        Err(why) => format!(
            "Could not read back the rescued drafts in {} ({why}). The file is left as it was; \
             `attune import` can try again.",
            file.display()
        ),
    }
}
