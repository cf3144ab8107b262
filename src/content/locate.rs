//! Where a problem is: a file, a line and a column, worked out from a byte offset.
//! Content packs and settings.toml point at a person's mistakes the same way.

use std::fmt;
use std::ops::Range;

/// One thing wrong in a file a person wrote, located for them to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl Problem {
    /// A problem at a byte offset into `text`. Lines and columns count from 1 and a
    /// column counts characters, not bytes, so a person can find the place in an
    /// editor. An offset past the end or inside a character (parsers report both) is
    /// pulled back to the last place a cursor could be.
    pub(crate) fn at(file: &str, text: &str, offset: usize, message: String) -> Problem {
        let before = &text[..text.floor_char_boundary(offset)];
        Problem {
            file: file.to_string(),
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            message,
        }
    }

    /// A TOML file that did not parse, or did not fit the shape it must have.
    pub(crate) fn from_toml(file: &str, text: &str, error: &toml::de::Error) -> Problem {
        let offset = error.span().map_or(0, |span| span.start);
        Problem::at(file, text, offset, error.message().trim().to_string())
    }
}

/// One source file of a pack, so a validator can point into it by span.
pub(super) struct Locator<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
}

impl Locator<'_> {
    pub(super) fn problem(&self, span: Range<usize>, message: String) -> Problem {
        Problem::at(self.file, self.text, span.start, message)
    }
}
