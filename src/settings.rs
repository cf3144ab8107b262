//! `settings.toml` beside the journal: things a person edits by hand, such as their
//! own local crisis lines. attune reads it and never writes it.

use std::path::Path;

use serde::Deserialize;

use crate::content::Problem;

pub const SETTINGS_FILE: &str = "settings.toml";

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Extra lines shown on the help screen, after the built-in ones.
    #[serde(default)]
    pub crisis_lines: Vec<OwnCrisisLine>,
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
