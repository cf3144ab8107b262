//! The `attune` binary: parse the command line and hand over to `cli::run`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = attune::cli::Cli::parse();
    match attune::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Messages can carry words from files (a name, an import's field): never
            // let them drive the terminal.
            eprintln!(
                "attune: {}",
                attune::sanitize::for_terminal(&format!("{e:#}"))
            );
            ExitCode::from(1)
        }
    }
}
