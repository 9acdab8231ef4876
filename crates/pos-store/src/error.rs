//! What can go wrong in the store.

use std::path::PathBuf;

use pos_domain::{Money, Quantity};

/// Every failure of the store. Nothing here is a panic: input and disk can break any call,
/// and the caller (the terminal API, the `pos` tool) turns these into one clear sentence.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused or failed (constraint, I/O, locked past the busy timeout, ...).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A migration failed to apply; the failed migration's transaction was rolled back.
    #[error("migrating the terminal database failed: {0}")]
    Migration(#[from] refinery::Error),

    /// The database was written by a newer build of Tally. Opening it with this build could
    /// silently misread it, so it is refused and left untouched.
    #[error(
        "this terminal database is at schema version {found}, newer than version {supported} \
         that this build of Tally knows; install the newer Tally (the database was not modified)"
    )]
    NewerSchema {
        /// The newest version recorded in the database's migration history.
        found: i64,
        /// The newest migration embedded in this build.
        supported: i64,
    },

    /// The file is an SQLite database, but not a Tally terminal store (another program's,
    /// or one without a single table that this open did not create). It is left untouched.
    #[error(
        "{} is not a Tally terminal database: {reason}; it was left untouched",
        path.display()
    )]
    NotOurs {
        /// The file.
        path: PathBuf,
        /// What gives it away.
        reason: &'static str,
    },

    /// The file is empty (0 bytes): no store of ours is ever empty. It is left untouched.
    #[error(
        "the terminal database {} is an empty file (0 bytes), not a Tally terminal database; \
         it was left untouched",
        path.display()
    )]
    EmptyFile {
        /// The file.
        path: PathBuf,
    },

    /// The file cannot be read as a database (not SQLite, corrupt, a folder, no permission).
    #[error("cannot read the terminal database {}: {reason}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The system's or SQLite's reason ("file is not a database").
        reason: String,
    },

    /// The terminal has no identity yet (`terminal` row), so it cannot number receipts.
    #[error("the terminal is not set up yet (no terminal identity)")]
    NotInitialized,

    /// The terminal already has an identity; a new one needs a new database.
    #[error("the terminal is already set up as {code} ({terminal_id})")]
    AlreadyInitialized {
        /// The existing terminal code.
        code: String,
        /// The existing terminal id.
        terminal_id: String,
    },

    /// The caller passed something the store refuses before touching the database.
    #[error("invalid {what}: {reason}")]
    Invalid {
        /// What was refused ("sale", "item", ...).
        what: &'static str,
        /// Why, in one sentence.
        reason: String,
    },

    /// A stored value does not read back as what it must be (a corrupted or hand-edited
    /// database): the column and the reason are named.
    #[error("corrupt value in {column}: {reason}")]
    Corrupt {
        /// `table.column`.
        column: &'static str,
        /// What was wrong.
        reason: String,
    },

    /// A record could not be serialized for the outbox.
    #[error("could not serialize the {kind} record: {source}")]
    Serialize {
        /// The outbox kind.
        kind: &'static str,
        /// The serializer's error.
        source: serde_json::Error,
    },

    /// A record the call names does not exist (or no longer exists).
    #[error("unknown {what} {id}")]
    NotFound {
        /// What was looked for ("user", "shift", ...).
        what: &'static str,
        /// The id asked for.
        id: String,
    },

    /// A shift is already open on this terminal; it must be closed before another opens.
    #[error("shift {shift_id} is still open: close it before opening another")]
    ShiftAlreadyOpen {
        /// The open shift.
        shift_id: String,
    },

    /// The shift is closed: its Z report is final, so nothing may be added to it and it
    /// cannot be closed again.
    #[error("shift {shift_id} is already closed")]
    ShiftClosed {
        /// The closed shift.
        shift_id: String,
    },

    /// A catalog pull was applied between the till's check of a sale's prices and its
    /// commit: the prices must be checked again against the catalog as it is now.
    #[error(
        "the catalog changed while the sale was being completed (version {priced} then \
         {now}): check its prices again"
    )]
    CatalogChanged {
        /// The version the sale was priced at.
        priced: i64,
        /// The version the terminal holds now.
        now: i64,
    },

    /// A refund line would give back more of an original line than was sold.
    #[error(
        "line {line_id} sold {sold}, {already} already refunded: refunding {requested} more \
         is too much"
    )]
    RefundExceedsSale {
        /// The original sale's line.
        line_id: String,
        /// The quantity it sold.
        sold: Quantity,
        /// What earlier refunds already gave back.
        already: Quantity,
        /// What this refund asks for.
        requested: Quantity,
    },

    /// A store-credit payment exceeds the customer's balance.
    #[error("customer {customer_id} has {balance} of store credit, not {requested}")]
    InsufficientStoreCredit {
        /// The customer.
        customer_id: String,
        /// The balance before this sale.
        balance: Money,
        /// The net store credit the sale would use.
        requested: Money,
    },

    /// Records still wait for HQ: unpairing now would strand them.
    #[error(
        "{queued} record(s) still wait for HQ; sync them first (`pos sync`): unpairing now \
         would strand them"
    )]
    QueueNotEmpty {
        /// How many.
        queued: i64,
    },

    /// HQ reported a `last_applied` smaller than one it reported before: HQ was probably
    /// restored from an older backup. Nothing is changed locally.
    #[error(
        "HQ says it applied up to record {reported}, but it had already acknowledged record \
         {known}: HQ may have been restored from an older backup"
    )]
    HqWentBackwards {
        /// What HQ reports now.
        reported: i64,
        /// What it reported before.
        known: i64,
    },

    /// HQ reported a `last_applied` beyond the last record this terminal ever numbered: HQ
    /// holds records of another install with this terminal's id (a restored or copied
    /// database). Nothing is deleted; the terminal must be paired again.
    #[error(
        "HQ says it applied up to record {reported}, but this terminal has only numbered up \
         to {numbered}: this database was probably restored or copied; pair the terminal again"
    )]
    HqAheadOfTerminal {
        /// What HQ reports.
        reported: i64,
        /// The last sequence number this terminal handed out.
        numbered: i64,
    },
}

impl StoreError {
    pub(crate) fn invalid(what: &'static str, reason: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            what,
            reason: reason.into(),
        }
    }

    pub(crate) fn corrupt(column: &'static str, reason: impl ToString) -> StoreError {
        StoreError::Corrupt {
            column,
            reason: reason.to_string(),
        }
    }
}
