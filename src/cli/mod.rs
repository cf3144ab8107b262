//! The command line: where the data lives, which content pack, and subcommands
//! that work without the full-screen interface.

mod lock;
mod secret;
mod transfer;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::content::{self, Content};
use crate::sanitize::for_terminal;
use crate::settings::Settings;
use crate::store::Store;

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

    /// Read an encrypted journal's passphrase from the first line of FILE [else
    /// $ATTUNE_PASSPHRASE, else asked in the terminal]
    #[arg(long, value_name = "FILE", global = true)]
    pub passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the data directory attune uses
    Path,
    /// Export entries as Markdown (to read or share) or JSON (a complete backup,
    /// drafts included). Works while attune is open.
    Export {
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
        /// Only this step: its number (1-6; 0 is the quick write) or its id (e.g. challenge-beliefs)
        #[arg(long, value_name = "STEP")]
        step: Option<String>,
        /// From this day on (YYYY-MM-DD, your local day)
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Up to and including this day (YYYY-MM-DD, your local day)
        #[arg(long, value_name = "DATE")]
        until: Option<NaiveDate>,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Restore a JSON export (or a rescue file): adds what is missing, all or nothing
    Import {
        /// A file made by `attune export --format json`
        file: PathBuf,
    },
    /// Encrypt the journal and its backups with a passphrase (asked twice). A lost
    /// passphrase cannot be recovered
    Encrypt,
    /// Make an encrypted journal and its backups plain again
    Decrypt,
    /// Change an encrypted journal's passphrase (the current one is asked first)
    Passphrase {
        /// Read the new passphrase from the first line of FILE instead of asking
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
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
    // Only commands that open the journal read a passphrase.
    let given = || secret::given(cli.passphrase_file.as_deref());
    match cli.command {
        Some(Command::Export {
            format,
            step,
            since,
            until,
            output,
        }) => {
            let content = load_content(cli.content_dir)?;
            let ask = transfer::Asked {
                format,
                step,
                since,
                until,
                output,
            };
            let key = secret::key_for(&data_dir, given()?)?;
            transfer::export(&data_dir, key.as_ref(), &content, ask)
        }
        Some(Command::Import { file }) => {
            let key = secret::key_for(&data_dir, given()?)?;
            transfer::import(&data_dir, key.as_ref(), &file)
        }
        Some(Command::Encrypt) => lock::encrypt(&data_dir, given()?),
        Some(Command::Decrypt) => lock::decrypt(&data_dir, given()?),
        Some(Command::Passphrase {
            new_passphrase_file,
        }) => lock::change(&data_dir, given()?, new_passphrase_file.as_deref()),
        Some(Command::Path) => {
            println!("{}", for_terminal(&data_dir.display().to_string()));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::CheckContent { dir }) => Ok(check_content(&dir)),
        None => {
            let content = load_content(cli.content_dir)?;
            full_screen(&data_dir, content, given()?)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The full-screen interface. A broken settings.toml never keeps it (and the crisis
/// lines) from opening: the built-in settings are used and the problem is shown.
fn full_screen(
    data_dir: &std::path::Path,
    content: Content,
    given: Option<crate::store::Passphrase>,
) -> anyhow::Result<()> {
    let mut alerts = Vec::new();
    let settings = crate::settings::load(data_dir).unwrap_or_else(|problem| {
        alerts.push(format!(
            "{problem}\n\nattune started with its built-in settings, so your own crisis lines \
             from that file are not shown. Fix the file (attune never changes it) and start \
             attune again."
        ));
        Settings::default()
    });
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "attune is a full-screen program and needs a terminal (try `attune path` or `attune --help`)"
        );
    }
    let file = data_dir.join(crate::store::DB_FILE);
    let locked = crate::store::looks(&file).is_ok_and(|l| l == crate::store::Looks::Encrypted);
    let (mut store, terminal) = if locked && given.is_none() {
        // The passphrase is asked on attune's own screen, with the crisis lines at hand.
        Store::free_to_open(data_dir)?;
        match crate::runtime::unlock(data_dir, &settings)? {
            Some((store, terminal, watch)) => (store, Some((terminal, watch))),
            None => return Ok(()),
        }
    } else {
        let key = secret::key_for(data_dir, given)?;
        let store = Store::open_with(data_dir, key.as_ref(), &say_upgrading)?;
        (store, None)
    };
    alerts.extend(crate::runtime::bring_back_rescued(&mut store));
    crate::runtime::run(store, content, settings, alerts, terminal)
}

fn check_content(dir: &std::path::Path) -> ExitCode {
    match content::load_dir(dir) {
        Ok(pack) => {
            let exercises: usize = pack.steps.iter().map(|s| s.exercises.len()).sum();
            println!(
                "{}: {}, {}, no problems",
                for_terminal(&dir.display().to_string()),
                plural(pack.numbered().count(), "step")
                    + if pack.quick_write().is_some() {
                        " (and a quick write)"
                    } else {
                        ""
                    },
                plural(exercises, "exercise")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", for_terminal(&e.to_string()));
            ExitCode::from(1)
        }
    }
}

/// "1 entry", "3 entries": a count with its noun.
pub fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("1 {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
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

/// Said before a journal from an earlier version is brought up to date: once, and
/// for a large journal a few seconds.
pub(crate) fn say_upgrading() {
    eprintln!(
        "attune: bringing your journal up to date for this version (once; a large journal can take a few seconds)..."
    );
}
