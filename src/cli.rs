//! The command line: where the data lives, which content pack, and subcommands
//! that work without the full-screen interface.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};

use crate::content::{self, Content};
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

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the data directory attune uses
    Path,
    /// Check a content pack and print every problem as file:line:column: message
    CheckContent {
        /// The folder with one TOML file per step
        dir: PathBuf,
    },
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let data_dir = resolve_data_dir(cli.data_dir)?;
    match cli.command {
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
