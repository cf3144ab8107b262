//! `settings.toml` beside the journal: things a person edits by hand, such as their
//! own local crisis lines. attune reads it and never writes it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::Problem;

pub const SETTINGS_FILE: &str = "settings.toml";

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Extra lines shown on the help screen, after the built-in ones.
    #[serde(default)]
    pub crisis_lines: Vec<OwnCrisisLine>,
    /// Where `x` in Review writes its Markdown files (`~` is the home folder).
    #[serde(default)]
    pub exports_dir: Option<String>,
}

impl Settings {
    /// The folder exports go to: `exports_dir` when set, else `Documents/attune`
    /// in the home folder when there is a Documents folder, else `attune-exports`
    /// in the home folder; beside the journal only if there is no home folder.
    pub fn exports_dir(&self, data_dir: &Path) -> PathBuf {
        let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
        let documents = directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(Path::to_path_buf))
            .or_else(|| home.as_ref().map(|h| h.join("Documents")))
            .filter(|d| d.is_dir());
        exports_dir(
            self.exports_dir.as_deref(),
            home.as_deref(),
            documents.as_deref(),
            data_dir,
        )
    }
}

/// [`Settings::exports_dir`] with the home and Documents folders given.
pub fn exports_dir(
    chosen: Option<&str>,
    home: Option<&Path>,
    documents: Option<&Path>,
    data_dir: &Path,
) -> PathBuf {
    if let Some(dir) = chosen.map(str::trim).filter(|d| !d.is_empty()) {
        let expanded = match (dir.strip_prefix('~'), home) {
            (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
                home.join(rest.trim_start_matches('/'))
            }
            _ => PathBuf::from(dir),
        };
        // A relative folder is taken from the home folder, not from wherever attune
        // happened to be started.
        return match (home, expanded.is_relative()) {
            (Some(home), true) => home.join(expanded),
            _ => expanded,
        };
    }
    match (documents, home) {
        (Some(documents), _) => documents.join("attune"),
        (None, Some(home)) => home.join("attune-exports"),
        (None, None) => data_dir.join("exports"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnCrisisLine {
    pub who: String,
    pub how: String,
    /// When the person last checked the number still works.
    #[serde(default)]
    pub checked: String,
}

/// Read `settings.toml` from the data directory; a missing file means defaults.
pub fn load(dir: &Path) -> Result<Settings, Problem> {
    let path = dir.join(SETTINGS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(e) => {
            return Err(Problem {
                file: path.display().to_string(),
                line: 1,
                column: 1,
                message: format!("cannot read it: {e}"),
            });
        }
    };
    parse(&path.display().to_string(), &text)
}

pub fn parse(file: &str, text: &str) -> Result<Settings, Problem> {
    toml::from_str(text).map_err(|e| Problem::from_toml(file, text, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_go_where_the_person_says_with_a_visible_default() {
        let home = Path::new("/home/you");
        let docs = Path::new("/home/you/Documents");
        let data = Path::new("/home/you/.local/share/attune");
        let dir = |chosen, documents| exports_dir(chosen, Some(home), documents, data);
        assert_eq!(dir(None, Some(docs)), docs.join("attune"));
        assert_eq!(dir(None, None), home.join("attune-exports"));
        assert_eq!(dir(Some("~/therapy"), None), home.join("therapy"));
        assert_eq!(dir(Some("~"), None), home);
        assert_eq!(dir(Some("therapy notes"), None), home.join("therapy notes"));
        assert_eq!(dir(Some("/mnt/usb"), Some(docs)), PathBuf::from("/mnt/usb"));
        assert_eq!(dir(Some("  "), Some(docs)), docs.join("attune"));
        // "~someone" is not expanded (it names another person's home).
        assert_eq!(dir(Some("~bob/x"), None), home.join("~bob/x"));
        assert_eq!(exports_dir(None, None, None, data), data.join("exports"));
    }

    #[test]
    fn exports_dir_is_read_from_settings_toml() {
        let s = parse("settings.toml", "exports_dir = \"~/Desktop\"\n").unwrap();
        assert_eq!(s.exports_dir.as_deref(), Some("~/Desktop"));
    }
}
