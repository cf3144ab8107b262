//! An export file read as a stream: its entries one at a time, never the whole
//! journal in memory. `attune import` reads it once, adding each entry as it comes,
//! inside one transaction: anything wrong anywhere in the file (even its last byte)
//! rolls the whole import back.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::schema_version;
use super::transfer::{EXPORT_FORMAT, Export, ExportedEntry, TransferError, check_entry};

/// Entries to import, in order, and the rest of the export.
pub trait ImportSource {
    /// Every entry with its place in the file (from 0), then the rest: format, schema
    /// version, settings and drafts, checked (no entries in it). Stops at the first
    /// error, whether from the file or from `f`.
    fn each(
        &self,
        f: &mut dyn FnMut(usize, &ExportedEntry) -> Result<(), TransferError>,
    ) -> Result<Export, TransferError>;
}

impl ImportSource for Export {
    fn each(
        &self,
        f: &mut dyn FnMut(usize, &ExportedEntry) -> Result<(), TransferError>,
    ) -> Result<Export, TransferError> {
        self.entries
            .iter()
            .enumerate()
            .try_for_each(|(i, e)| f(i, e))?;
        Ok(Export {
            entries: Vec::new(),
            ..self.clone_head()
        })
    }
}

impl Export {
    /// Everything but the entries.
    fn clone_head(&self) -> Export {
        Export {
            format: self.format.clone(),
            schema_version: self.schema_version,
            settings: self.settings.clone(),
            entries: Vec::new(),
            drafts: self.drafts.clone(),
        }
    }
}

/// An export file, read when imported.
pub struct ExportFile {
    path: PathBuf,
}

impl ExportFile {
    pub fn new(path: &Path) -> ExportFile {
        ExportFile {
            path: path.to_path_buf(),
        }
    }
}

impl ImportSource for ExportFile {
    fn each(
        &self,
        f: &mut dyn FnMut(usize, &ExportedEntry) -> Result<(), TransferError>,
    ) -> Result<Export, TransferError> {
        read(&self.path, f)
    }
}

/// Stream the file: each entry to `on_entry`, the header checked and returned.
fn read(
    path: &Path,
    on_entry: &mut dyn FnMut(usize, &ExportedEntry) -> Result<(), TransferError>,
) -> Result<Export, TransferError> {
    let file = File::open(path).map_err(|e| TransferError::Unreadable(e.to_string()))?;
    let mut stop = None;
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, file));
    let read = Top {
        on_entry,
        stop: &mut stop,
    }
    .deserialize(&mut de)
    .and_then(|head| de.end().map(|()| head));
    match (read, stop) {
        (_, Some(stopped)) => Err(stopped),
        (Err(e), None) if e.is_io() => Err(TransferError::Unreadable(e.to_string())),
        (Err(e), None) => Err(TransferError::NotAnExport(e.to_string())),
        (Ok(head), None) => Ok(head),
    }
}

/// The header's checks, the same as `Export::parse` makes.
fn check_head(format: &str, version: i64) -> Result<(), TransferError> {
    if format != EXPORT_FORMAT {
        return Err(TransferError::NotAnExport(format!(
            "its format is \"{format}\""
        )));
    }
    if version > schema_version() {
        return Err(TransferError::Newer {
            found: version,
            supported: schema_version(),
        });
    }
    Ok(())
}

type OnEntry<'a> = &'a mut dyn FnMut(usize, &ExportedEntry) -> Result<(), TransferError>;

/// The top-level object, field by field as `Export` derives it (unknown fields
/// refused), the entries handed on one by one.
struct Top<'a, 'b> {
    on_entry: OnEntry<'a>,
    stop: &'b mut Option<TransferError>,
}

const FIELDS: &[&str] = &["format", "schema_version", "settings", "entries", "drafts"];

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = Export;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Export, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = Export;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an attune export (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Export, A::Error> {
        let mut format: Option<String> = None;
        let mut version: Option<i64> = None;
        let mut settings = None;
        let mut drafts = None;
        let mut entries = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => format = Some(map.next_value()?),
                "schema_version" => version = Some(map.next_value()?),
                "settings" => settings = Some(map.next_value()?),
                "drafts" => drafts = Some(map.next_value()?),
                "entries" => {
                    // A header read before the entries is checked before them.
                    if let (Some(format), Some(version)) = (&format, version)
                        && let Err(e) = check_head(format, version)
                    {
                        *self.stop = Some(e);
                        return Err(de::Error::custom("stopped"));
                    }
                    map.next_value_seed(Entries {
                        on_entry: &mut *self.on_entry,
                        stop: &mut *self.stop,
                    })?;
                    entries = true;
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        let format = format.ok_or_else(|| de::Error::missing_field("format"))?;
        let version = version.ok_or_else(|| de::Error::missing_field("schema_version"))?;
        let settings = settings.ok_or_else(|| de::Error::missing_field("settings"))?;
        if !entries {
            return Err(de::Error::missing_field("entries"));
        }
        if let Err(e) = check_head(&format, version) {
            *self.stop = Some(e);
            return Err(de::Error::custom("stopped"));
        }
        Ok(Export {
            format,
            schema_version: version,
            settings,
            entries: Vec::new(),
            drafts: drafts.unwrap_or_default(),
        })
    }
}

struct Entries<'a, 'b> {
    on_entry: OnEntry<'a>,
    stop: &'b mut Option<TransferError>,
}

impl<'de> DeserializeSeed<'de> for Entries<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let mut index = 0;
        while let Some(entry) = seq.next_element::<ExportedEntry>()? {
            if let Err(e) = (self.on_entry)(index, &entry) {
                *self.stop = Some(e);
                return Err(de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
}

/// Read a whole file into memory the streaming way (for tests: the same checks).
pub fn read_all(path: &Path) -> Result<Export, TransferError> {
    let mut entries = Vec::new();
    let mut head = read(path, &mut |index, e| {
        check_entry(index, e)?;
        entries.push(e.clone());
        Ok(())
    })?;
    head.entries = entries;
    Ok(head)
}
