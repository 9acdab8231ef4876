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
    /// Serve the sync API (and its OpenAPI document) to terminals.
    Serve(ServeArgs),
    /// Add, list and revoke terminals.
    #[command(subcommand)]
    Terminal(TerminalCommand),
    /// Till users (cashiers and managers).
    #[command(subcommand)]
    User(UserCommand),
    /// The catalog.
    #[command(subcommand)]
    Items(ItemsCommand),
    /// The books against the trading records.
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// The audit log: who did what, when, at HQ and at the terminals (newest first).
    Audit {
        #[arg(long, default_value = "default")]
        org: String,
        /// How many entries (at most 1000).
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
    /// Compare each terminal's count of a business day (sent with its Z report) with
    /// HQ's count of the same records: matched, pending or mismatched with the exact
    /// difference; exit 1 when any day is mismatched.
    Reconcile {
        /// The business day, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Prove that every journal entry balances, every sale has exactly one entry for its
    /// total, payments and lines add up, stock levels equal their movements, and every
    /// terminal's sales journal (hash chain) holds; exit 1 listing every violation.
    Check {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Most database connections this process holds.
    #[arg(long, default_value_t = 16)]
    pub max_connections: usize,
}

#[derive(Debug, Subcommand)]
pub enum TerminalCommand {
    /// Add a terminal and print its one-time pairing code.
    Add {
        /// The terminal's name ("Till 1").
        #[arg(long)]
        name: String,
        /// Its location, by name or code (default: the organization's store).
        #[arg(long)]
        location: Option<String>,
        #[arg(long, default_value = "default")]
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// List the organization's terminals.
    List {
        #[arg(long, default_value = "default")]
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a terminal (by id or code): its token stops working at once.
    Revoke {
        terminal: String,
        #[arg(long, default_value = "default")]
        org: String,
    },
    /// Print a one-time code that gives a terminal (by id or code) a new token, keeping its
    /// identity and queue: for a till that lost its token, or a revoked one's restored copy.
    Rekey {
        terminal: String,
        #[arg(long, default_value = "default")]
        org: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user: an owner or admin signs in at HQ with a password (read from standard
    /// input, or asked for without echo); a cashier or manager signs in at the till with a
    /// PIN.
    Add {
        /// Their e-mail address (their login at HQ).
        #[arg(long)]
        email: String,
        /// The name shown for them (defaults to the e-mail address).
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_parser = ["owner", "admin", "manager", "cashier"])]
        role: String,
        /// A till PIN, 4 to 8 digits; stored only as a hash.
        #[arg(long)]
        pin: Option<String>,
        /// Also read a password for a manager or cashier (owners and admins always need one).
        #[arg(long)]
        with_password: bool,
        #[arg(long, default_value = "default")]
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// List the organization's users (no hashes, ever).
    List {
        #[arg(long, default_value = "default")]
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// Disable a user (by e-mail address or id): they cannot sign in at HQ or, from the
    /// next sync, at any till.
    Disable {
        user: String,
        #[arg(long, default_value = "default")]
        org: String,
    },
    /// Set a user's till PIN (from standard input, or asked for without echo).
    SetPin {
        user: String,
        #[arg(long, default_value = "default")]
        org: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ItemsCommand {
    /// Import items from a CSV file (header sku,barcode,name,price,tax_rate,tax_included,stock).
    Import {
        file: std::path::PathBuf,
        #[arg(long, default_value = "default")]
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// Change one item's price (terminals receive it on their next sync).
    SetPrice {
        sku: String,
        /// The new price, e.g. 12.50.
        price: String,
        #[arg(long, default_value = "default")]
        org: String,
    },
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
