//! The command line: where the data lives, which content pack, and subcommands
//! that work without the full-screen interface.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};

use std::io::Write as _;

use chrono::{DateTime, Days, FixedOffset, Local, NaiveDate, TimeZone};

use crate::content::{self, Content};
use crate::store::{Filter, Store};

#[derive(Debug, Parser)]
#[command(
    name = "attune",
    version,
    about = "A private companion for moving from avoidant toward secure attachment."
)]
pub struct Cli {
    /// Where the journal lives [default: $ATTUNE_DATA_DIR, else the platform data directory]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Use the content pack in DIR instead of the built-in one
    #[arg(long, value_name = "DIR", global = true)]
    pub content_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the data directory attune uses
    Path,
    /// Export entries as Markdown (to read or share) or JSON (a complete backup)
    Export {
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
        /// Only this step (its id, e.g. challenge-beliefs)
        #[arg(long, value_name = "ID")]
        step: Option<String>,
        /// From this day on (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Up to and including this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        until: Option<NaiveDate>,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Restore a JSON export: adds what is missing, all or nothing
    Import {
        /// A file made by `attune export --format json`
        file: PathBuf,
    },
    /// Check a content pack and print every problem as file:line:column: message
    CheckContent {
        /// The folder with one TOML file per step
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let data_dir = resolve_data_dir(cli.data_dir)?;
    match cli.command {
        Some(Command::Export {
            format,
            step,
            since,
            until,
            output,
        }) => {
            let content = load_content(cli.content_dir)?;
            let store = Store::open(&data_dir)?;
            let filter = Filter {
                step,
                since: since.map(day_start),
                until: until.map(|d| day_start(d + Days::new(1))),
                ..Filter::default()
            };
            let export = store.export(&filter).context("cannot read the journal")?;
            let text = match format {
                Format::Markdown => crate::export::markdown(&export, &content),
                Format::Json => crate::export::json(&export),
            };
            match output {
                Some(path) => write_private(&path, text.as_bytes())?,
                None => std::io::stdout().write_all(text.as_bytes())?,
            }
            // The process ends here; handing tens of megabytes back to the allocator
            // piece by piece would only delay it.
            std::mem::forget(export);
            std::mem::forget(text);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import { file }) => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            // Checked in full before the journal is even opened.
            let export = crate::store::Export::parse(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let mut store = Store::open(&data_dir)?;
            let report = store.import(&export)?;
            println!(
                "Imported {} entries into {} ({} were already there).",
                report.added,
                store.db_path().display(),
                report.already_there
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Path) => {
            println!("{}", data_dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::CheckContent { dir }) => match content::load_dir(&dir) {
            Ok(pack) => {
                let exercises: usize = pack.steps.iter().map(|s| s.exercises.len()).sum();
                let plural = |n: usize, word: &str| {
                    if n == 1 {
                        format!("1 {word}")
                    } else {
                        format!("{n} {word}s")
                    }
                };
                println!(
                    "{}: {}, {}, no problems",
                    dir.display(),
                    plural(pack.steps.len(), "step"),
                    plural(exercises, "exercise")
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("{e}");
                Ok(ExitCode::from(1))
            }
        },
        None => {
            let content = load_content(cli.content_dir)?;
            let settings = crate::settings::load(&data_dir).map_err(|p| {
                anyhow::anyhow!("{p}\nFix or remove that file; attune does not change it.")
            })?;
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                bail!(
                    "attune is a full-screen program and needs a terminal (try `attune path` or `attune --help`)"
                );
            }
            let store = Store::open(&data_dir)?;
            crate::runtime::run(store, content, settings)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load_content(dir: Option<PathBuf>) -> anyhow::Result<Content> {
    match dir {
        Some(dir) => content::load_dir(&dir)
            .with_context(|| format!("the content pack in {} cannot be used", dir.display())),
        None => {
            content::builtin().context("the built-in content is broken (this is a bug in attune)")
        }
    }
}

/// `--data-dir`, else `$ATTUNE_DATA_DIR`, else the platform data directory.
pub fn resolve_data_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let from_env = std::env::var_os("ATTUNE_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    if let Some(dir) = flag.filter(|d| !d.as_os_str().is_empty()).or(from_env) {
        return Ok(dir);
    }
    directories::ProjectDirs::from("", "", "attune")
        .map(|p| p.data_dir().to_path_buf())
        .context("cannot find a home directory for the journal; pass --data-dir DIR")
}

/// Midnight at the start of a day, in local time.
pub fn day_start(day: NaiveDate) -> DateTime<FixedOffset> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map(|d| d.fixed_offset())
        .unwrap_or_else(|| midnight.and_utc().fixed_offset())
}

/// Create (or replace) a file readable only by its owner.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
