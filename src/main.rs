//! The `attune` binary: parse the command line and hand over to `cli::run`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = attune::cli::Cli::parse();
    match attune::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("attune: {e:#}");
            ExitCode::from(1)
        }
    }
}
