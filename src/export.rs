//! Export formats: Markdown for reading or sharing with a therapist, and JSON, the
//! complete backup that `attune import` restores. Both are written as a stream, in
//! order, with every write error passed up; neither lets a control character through.

use std::io::{self, Write};

use crate::store::{Entries, Export};

mod json_line;
mod markdown;
mod tried;

pub use markdown::{describe, markdown, write_drafts, write_markdown};
#[cfg(test)]
use markdown::{escape_line, paragraphs, trim};
pub use tried::{Tried, tried};

/// The complete backup, each entry on a line of its own (see `SafeStrings`). JSON
/// escapes C0 controls itself; C1 controls and bidi overrides are escaped too, so
/// printing it to a terminal is safe. The data read back is the same.
pub fn json(export: &Export) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json(&mut out, export).map_err(serde_json::Error::io)?;
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// [`json`], streamed: the same bytes as the `Export` itself serialized with
/// [`SafeStrings`] (the tests compare them), one entry in memory at a time. The
/// export's own fields are laid out here as serde_json's pretty printer lays them
/// out; each entry is written by `json_line`, drafts by serde_json.
pub fn write_json(out: &mut dyn Write, export: &dyn Entries) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let head = export.head();
    let mut buf = Vec::with_capacity(1 << 16);
    buf.extend_from_slice(b"{\n  \"format\": ");
    json_line::string(&mut buf, &head.format);
    write!(
        buf,
        ",\n  \"schema_version\": {},\n  \"settings\": ",
        head.schema_version
    )?;
    for (i, (key, value)) in head.settings.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"{\n    " } else { b",\n    " });
        json_line::string(&mut buf, key);
        buf.extend_from_slice(b": ");
        json_line::string(&mut buf, value);
    }
    buf.extend_from_slice(match head.settings.is_empty() {
        true => b"{}",
        false => b"\n  }",
    });
    buf.extend_from_slice(b",\n  \"entries\": [");
    let mut first = true;
    export.each(&mut |entry| {
        buf.extend_from_slice(if first { b"\n    " } else { b",\n    " });
        first = false;
        json_line::entry_line(&mut buf, entry)?;
        out.write_all(&buf)?;
        buf.clear();
        Ok(())
    })?;
    buf.extend_from_slice(if first { b"]" } else { b"\n  ]" });
    if !head.drafts.is_empty() {
        buf.extend_from_slice(b",\n  \"drafts\": [");
        for (i, draft) in head.drafts.iter().enumerate() {
            buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            json_line::compact(&mut buf, draft)?;
        }
        buf.extend_from_slice(b"\n  ]");
    }
    buf.extend_from_slice(b"\n}\n");
    out.write_all(&buf)?;
    out.flush()
}

/// JSON laid out for reading and for line tools: the export's own fields and the
/// lists of entries and drafts indented, each entry (and each draft) whole on one
/// line. Its strings also escape C1 controls and bidi controls (JSON itself escapes
/// only C0), so the file is safe to print to a terminal; what is read back is the
/// same. Only strings can hold such characters.
///
/// The definition of the JSON export's bytes: `write_json` writes the export's own
/// fields and each entry by hand, faster, and the tests hold it to what this
/// formatter makes of the `Export` itself. Inside an entry, the answer kinds other
/// than text, the earlier versions and the drafts are still written by it.
struct SafeStrings {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    /// How many objects and arrays are open where the writer is.
    depth: usize,
}

/// U+2028 and U+2029, which some editors and tools take for line ends: escaped, so
/// an entry stays on its one line for them too.
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

fn has_separator(text: &str) -> bool {
    text.contains(is_separator)
}

/// Levels laid out one item a line: the export itself (1), and its settings, entries
/// and drafts (2). Deeper, inside an entry, nothing is spaced.
const LAID_OUT: usize = 2;

impl SafeStrings {
    fn new() -> SafeStrings {
        SafeStrings {
            pretty: serde_json::ser::PrettyFormatter::new(),
            depth: 0,
        }
    }

    /// Where an entry or a draft is written: on its one line, compact.
    fn inside_entry() -> SafeStrings {
        SafeStrings {
            depth: LAID_OUT,
            ..SafeStrings::new()
        }
    }

    /// Whether the object or array the writer is in is laid out.
    fn laid_out(&self) -> bool {
        self.depth <= LAID_OUT
    }
}

impl serde_json::ser::Formatter for SafeStrings {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // JSON escaped every C0 control already: only DEL and the lead bytes of C1,
        // of the bidi controls and of the line and paragraph separators can start a
        // char to escape here, and most text has none (a vector search, where
        // `has_unsafe` reads byte by byte).
        let bytes = fragment.as_bytes();
        let maybe = memchr::memchr3(0x7F, 0xC2, 0xE2, bytes).is_some();
        if !maybe || !(crate::sanitize::has_unsafe(fragment) || has_separator(fragment)) {
            return writer.write_all(bytes);
        }
        let mut from = 0;
        for (at, c) in fragment.char_indices() {
            if crate::sanitize::is_unsafe(c) || is_separator(c) {
                writer.write_all(&bytes[from..at])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                from = at + c.len_utf8();
            }
        }
        writer.write_all(&bytes[from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        match self.laid_out() {
            true => self.pretty.begin_array(w),
            false => w.write_all(b"["),
        }
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let laid_out = self.laid_out();
        self.depth -= 1;
        match laid_out {
            true => self.pretty.end_array(w),
            false => w.write_all(b"]"),
        }
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        match self.laid_out() {
            true => self.pretty.begin_array_value(w, first),
            false if first => Ok(()),
            false => w.write_all(b","),
        }
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        match self.laid_out() {
            true => self.pretty.end_array_value(w),
            false => Ok(()),
        }
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        match self.laid_out() {
            true => self.pretty.begin_object(w),
            false => w.write_all(b"{"),
        }
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let laid_out = self.laid_out();
        self.depth -= 1;
        match laid_out {
            true => self.pretty.end_object(w),
            false => w.write_all(b"}"),
        }
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        match self.laid_out() {
            true => self.pretty.begin_object_key(w, first),
            false if first => Ok(()),
            false => w.write_all(b","),
        }
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        match self.laid_out() {
            true => self.pretty.begin_object_value(w),
            false => w.write_all(b":"),
        }
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        match self.laid_out() {
            true => self.pretty.end_object_value(w),
            false => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
