//! The `pos` binary: the terminal core without a window. Each command parses its
//! arguments, calls `pos-terminal`, and prints text or JSON; errors are one sentence on
//! stderr and a non-zero exit.

mod cli;
mod commands;
mod parse;
mod plain;
mod print;
mod printing;

use std::process::ExitCode;

use clap::Parser;

/// A command that ran but whose answer is "no" (an invariant does not hold).
#[derive(Debug)]
pub struct Refused;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Refused)) => ExitCode::FAILURE,
        Err(error) => {
            // The chain may quote HQ or the catalog: one line, no control characters.
            eprintln!("error: {}", plain::plain(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}
