//! Why a journal cannot be opened or used, said in the person's words: a full disk as
//! such, a file that is not a journal, a wrong passphrase.

use std::io;
use std::path::{Path, PathBuf};

/// Is this error a full disk? SQLite says so (SQLITE_FULL), or, when the disk filled
/// under its WAL or shared memory, reports a plain I/O error: then ask the disk.
pub fn is_disk_full(dir: &Path, e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::{DiskFull, SystemIoFailure};
    match e.sqlite_error_code() {
        Some(DiskFull) => true,
        Some(SystemIoFailure) => free_bytes(dir).is_some_and(|free| free < 64 * 1024),
        _ => false,
    }
}

/// An error in words for the person: a full disk said as such.
pub(super) fn explain(dir: &Path, e: &rusqlite::Error) -> String {
    if is_disk_full(dir, e) {
        "the disk is full".to_string()
    } else {
        e.to_string()
    }
}

/// Bytes free to this user on the disk holding `dir`.
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a valid C string and `stat` a buffer of the right type, which
    // statvfs fills when it returns 0.
    let stat = unsafe {
        if libc::statvfs(path.as_ptr(), stat.as_mut_ptr()) != 0 {
            return None;
        }
        stat.assume_init()
    };
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

/// A failed migration said plainly: a full disk is the likely cause on a new journal.
pub(super) fn migration_failed(file: &Path, e: rusqlite_migration::Error) -> OpenError {
    let dir = file.parent().unwrap_or(Path::new("."));
    if let rusqlite_migration::Error::RusqliteError { err, .. } = &e
        && is_disk_full(dir, err)
    {
        return OpenError::DiskFull {
            file: file.to_path_buf(),
        };
    }
    let detail = match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => err.to_string(),
        other => other.to_string(),
    };
    OpenError::Sqlite {
        file: file.to_path_buf(),
        detail: format!("could not bring the schema up to date: {detail}"),
    }
}

/// Why the journal could not be opened. The runtime turns each into a message that
/// says what is wrong and what the person can do.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("attune is already open on {dir} (process {pid}). Close the other window first.")]
    Locked { dir: PathBuf, pid: String },
    #[error(
        "{file} was written by a newer attune (schema {found}, this one knows up to {supported}). \
         Run the newer attune; the file was not changed."
    )]
    TooNew {
        file: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{file} is not an attune journal, or it is damaged ({detail}). attune did not change it. \
         To go on, restore a copy from the backups folder beside it (see \"Your data\" in the README), \
         or move the file aside to start a new journal."
    )]
    NotADatabase { file: PathBuf, detail: String },
    #[error(
        "{file} is another program's database, not an attune journal. attune did not change it. \
         Move it aside to start a new journal there, or choose another folder with --data-dir."
    )]
    Foreign { file: PathBuf },
    #[error(
        "{file} is empty, but there are backups in {backups}. attune did not change anything. \
         To go on, restore the newest backup (see \"Your data\" in the README), or remove the \
         empty file to start a new journal."
    )]
    Empty { file: PathBuf, backups: PathBuf },
    #[error("attune will not use {path}: {why}. Remove it and start attune again.")]
    NotOurs { path: PathBuf, why: String },
    #[error(
        "{file} is encrypted (or it is not an attune journal at all). attune needs its \
         passphrase: it asks for it in a terminal, or reads it from ATTUNE_PASSPHRASE or \
         --passphrase-file FILE. Nothing was changed."
    )]
    Encrypted { file: PathBuf },
    #[error(
        "that passphrase does not open {file} (or the file is damaged). Nothing was changed. \
         Try again: every character counts, spaces and capitals too."
    )]
    WrongPassphrase { file: PathBuf },
    #[error(
        "{file} is not encrypted, so it takes no passphrase. Unset ATTUNE_PASSPHRASE or leave out \
         --passphrase-file (or run `attune encrypt` to encrypt it). Nothing was changed."
    )]
    NotEncrypted { file: PathBuf },
    #[error("there is no journal in {dir} yet. Start attune once to make one.")]
    NoJournal { dir: PathBuf },
    #[error(
        "the disk holding {file} is full, so attune cannot open the journal. Free some space \
         and start attune again; nothing was changed."
    )]
    DiskFull { file: PathBuf },
    // The cause is part of the message, not a separate source, so it is said once.
    #[error("cannot use {path}: {error}")]
    Io { path: PathBuf, error: io::Error },
    #[error("cannot open the journal {file}: {detail}")]
    Sqlite { file: PathBuf, detail: String },
}

/// [`classify`] for a connection that was given a key: a file it cannot read is then,
/// most likely, a wrong passphrase.
pub(super) fn classify_keyed(file: &Path, keyed: bool, e: rusqlite::Error) -> OpenError {
    match classify(file, e) {
        OpenError::NotADatabase { file, .. } if keyed => OpenError::WrongPassphrase { file },
        other => other,
    }
}

pub(super) fn classify(file: &Path, e: rusqlite::Error) -> OpenError {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    if is_disk_full(file.parent().unwrap_or(Path::new(".")), &e) {
        return OpenError::DiskFull {
            file: file.to_path_buf(),
        };
    }
    match e.sqlite_error_code() {
        Some(NotADatabase | DatabaseCorrupt) => OpenError::NotADatabase {
            file: file.to_path_buf(),
            detail: e.to_string(),
        },
        _ => OpenError::Sqlite {
            file: file.to_path_buf(),
            detail: e.to_string(),
        },
    }
}
