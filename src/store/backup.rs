//! Automatic backups: at most one a day, made at start with SQLite's online backup
//! API into `backups/attune-YYYY-MM-DD.db`, keeping the newest seven.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::MAIN_DB;

use super::Store;

pub const BACKUP_DIR: &str = "backups";
pub const KEEP_BACKUPS: usize = 7;

impl Store {
    pub fn backup_dir(&self) -> PathBuf {
        self.dir.join(BACKUP_DIR)
    }

    /// Today's backup, unless there already is one. Returns the file it wrote.
    pub fn backup_if_due(&self, today: NaiveDate) -> anyhow::Result<Option<PathBuf>> {
        let dir = self.backup_dir();
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)?;
        let target = dir.join(format!("attune-{}.db", today.format("%Y-%m-%d")));
        if target.exists() {
            return Ok(None);
        }
        // Written under a temporary name and renamed, so a half-made copy never looks
        // like a backup.
        let partial = dir.join(format!(".attune-{}.db.partial", today.format("%Y-%m-%d")));
        let _ = fs::remove_file(&partial);
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&partial)?;
        self.conn.backup(MAIN_DB, &partial, None)?;
        fs::rename(&partial, &target)?;
        self.prune_backups()?;
        Ok(Some(target))
    }

    /// Backups present, oldest first.
    pub fn backups(&self) -> std::io::Result<Vec<PathBuf>> {
        let mut found: Vec<PathBuf> = fs::read_dir(self.backup_dir())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("attune-") && n.ends_with(".db"))
            })
            .collect();
        found.sort();
        Ok(found)
    }

    fn prune_backups(&self) -> std::io::Result<()> {
        let all = self.backups()?;
        let excess = all.len().saturating_sub(KEEP_BACKUPS);
        for old in &all[..excess] {
            fs::remove_file(old)?;
        }
        Ok(())
    }
}
