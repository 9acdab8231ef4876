//! The `hq` command line.

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hq",
    version,
    about = "Tally HQ: sync server and administration"
)]
pub struct Cli {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// PostgreSQL URL of the HQ database, e.g. postgres://user@host:5432/tally
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Schema migrations and their checks.
    #[command(subcommand)]
    Db(DbCommand),
    /// Create the first administrator of the organization (password from standard input).
    Init(InitArgs),
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Apply every pending migration.
    Migrate,
    /// Show applied and pending migrations; exit non-zero unless at the newest version.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Compare the live database with what the migrations build; exit non-zero on any drift.
    Check {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The administrator's e-mail address (their login).
    #[arg(long)]
    pub email: String,
    /// The name shown for the administrator (defaults to the e-mail address).
    #[arg(long)]
    pub name: Option<String>,
    /// The organization's slug.
    #[arg(long, default_value = "default")]
    pub org: String,
    #[arg(long)]
    pub json: bool,
}
