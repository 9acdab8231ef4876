//! Opening the terminal database: durability settings, the guards (not ours, newer
//! schema), migrations.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::owner::{self, Origin};
use crate::{StoreError, migrations};

/// How long a statement waits for another connection's write lock before failing with
/// "database is locked" (the sync worker and the till share the file).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The terminal's local store: one SQLite connection, the only code that writes SQL
/// against the terminal database.
///
/// Every write that must be atomic (a sale with its lines, payments, movements and outbox
/// record; a catalog page) runs in one transaction inside a single method, so callers can
/// never observe half of one.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
}

/// The connection settings in force, as SQLite reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `wal` for a file database (`memory` for an in-memory one).
    pub journal_mode: String,
    /// 2 = FULL.
    pub synchronous: i64,
    /// Foreign keys enforced.
    pub foreign_keys: bool,
    /// Milliseconds a statement waits for a lock.
    pub busy_timeout_ms: i64,
}

impl Store {
    /// Opens (creating if needed) the terminal database at `path` and migrates it forward.
    ///
    /// Settings, and why:
    /// - `journal_mode = WAL`: readers (the UI, the sync worker) never block the till's
    ///   writes and a commit is one sequential append.
    /// - `synchronous = FULL`: with WAL, FULL syncs the log on every commit, so a sale
    ///   that `complete_sale` reported as committed survives a power cut. NORMAL would only
    ///   sync at checkpoints: the database would stay consistent, but the last committed
    ///   sales could vanish, and the rules say a committed sale survives power loss.
    /// - `foreign_keys = ON`: SQLite's default is off; a line for an unknown item must fail.
    /// - `busy_timeout`: wait [`BUSY_TIMEOUT`] for another connection's lock.
    ///
    /// Refused before anything is written to the file, which is left byte for byte as it
    /// was: a database whose migration history records a version newer than this build
    /// knows ([`StoreError::NewerSchema`]); another program's database, or an existing
    /// SQLite file without a single table ([`StoreError::NotOurs`]); an empty file
    /// ([`StoreError::EmptyFile`]); a file that cannot be read as a database
    /// ([`StoreError::Unreadable`]). A missing file is created.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let origin = owner::check_file(path)?;
        let conn = Connection::open(path).map_err(|e| StoreError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Store::set_up(conn, &migrations::runner(), origin)
    }

    /// A private in-memory database with the full schema, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::set_up(
            Connection::open_in_memory()?,
            &migrations::runner(),
            Origin::CREATED,
        )
    }

    /// Configures `conn` and brings it to `runner`'s newest migration (the embedded ones,
    /// except in tests that add a future migration), once the database proved to be ours.
    pub(crate) fn set_up(
        mut conn: Connection,
        runner: &refinery::Runner,
        origin: Origin<'_>,
    ) -> Result<Store, StoreError> {
        // Connection-level settings only: nothing is written to the file before the guards.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        owner::refuse_foreign(&conn, runner, origin)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        migrations::refuse_newer(&conn, migrations::newest_in(runner))?;
        // journal_mode answers with the mode in force; it is a query, not an update.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrations::migrate(&mut conn, runner)?;
        Ok(Store { conn })
    }

    /// Writes a consistent copy of the whole database to `path` (which must not exist),
    /// while sales go on: an operator's backup. Restoring one makes a terminal whose
    /// numbering HQ has already seen, which HQ refuses (`sequence_reused`) until it is
    /// paired again.
    pub fn copy_to(&self, path: impl AsRef<Path>) -> Result<(), StoreError> {
        let target = path.as_ref().to_string_lossy().into_owned();
        self.conn.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    /// The settings in force on this connection.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let get_i64 = |name: &str| -> Result<i64, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))?)
        };
        Ok(Settings {
            journal_mode: self
                .conn
                .query_row("PRAGMA journal_mode", [], |row| row.get(0))?,
            synchronous: get_i64("synchronous")?,
            foreign_keys: get_i64("foreign_keys")? == 1,
            busy_timeout_ms: get_i64("busy_timeout")?,
        })
    }

    /// The newest migration version applied to this database.
    pub fn schema_version(&self) -> Result<Option<i64>, StoreError> {
        migrations::applied_version(&self.conn)
    }

    /// Starts a write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// it can never fail half-way with "database is locked" when it first writes.
    pub(crate) fn write(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}
