//! The `hq` binary: parses the command line, runs one command, reports errors as one sentence.

mod catalog_commands;
mod cli;
mod commands;
mod reconcile_command;
mod serve;
mod terminal_commands;
mod user_commands;

use std::process::ExitCode;

use clap::Parser;

/// A command that ran to the end but whose answer is "no" (drift found, not at head).
#[derive(Debug)]
pub struct Refused;

#[tokio::main]
async fn main() -> ExitCode {
    // Colour codes only for a person at a terminal; a log file gets plain text.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let cli = cli::Cli::parse();
    match commands::run(cli).await {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Refused)) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
