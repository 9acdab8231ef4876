//! The terminal schema's migrations, embedded from `migrations/terminal/`, and the guard
//! that refuses a database written by a newer build.
//!
//! Invariant: an applied migration is never edited (refinery checks each file's checksum
//! and aborts on a divergent one); a schema change is a new `V<n>__*.sql` file.

use rusqlite::{Connection, OptionalExtension};

use crate::StoreError;

mod embedded {
    refinery::embed_migrations!("../../migrations/terminal");
}

/// refinery's history table (its default name).
pub const HISTORY_TABLE: &str = "refinery_schema_history";

/// The runner over the migrations this build embeds.
pub(crate) fn runner() -> refinery::Runner {
    embedded::migrations::runner()
}

/// The newest migration version this build embeds.
pub fn newest_version() -> i64 {
    newest_in(&runner())
}

/// The newest version among `runner`'s migrations (0 for none).
pub(crate) fn newest_in(runner: &refinery::Runner) -> i64 {
    runner
        .get_migrations()
        .iter()
        .map(|m| i64::from(m.version()))
        .max()
        .unwrap_or(0)
}

/// The newest version recorded in the database's history, or `None` for a database that
/// was never migrated (a new file). Reads only: it never creates the history table.
pub(crate) fn applied_version(conn: &Connection) -> Result<Option<i64>, StoreError> {
    let has_history: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [HISTORY_TABLE],
            |row| row.get(0),
        )
        .optional()?;
    if has_history.is_none() {
        return Ok(None);
    }
    let newest: Option<i64> = conn.query_row(
        &format!("SELECT MAX(version) FROM {HISTORY_TABLE}"),
        [],
        |row| row.get(0),
    )?;
    Ok(newest)
}

/// Refuses a database whose history records a version newer than this build knows, before
/// anything writes to it: a newer schema may mean things this build would misread or
/// clobber (a column it does not fill, a table it does not know), so the only safe answer
/// is the newer program.
pub(crate) fn refuse_newer(conn: &Connection, supported: i64) -> Result<(), StoreError> {
    match applied_version(conn)? {
        Some(found) if found > supported => Err(StoreError::NewerSchema { found, supported }),
        _ => Ok(()),
    }
}

/// Applies every pending migration, each in its own transaction. An older database is
/// brought forward with its data (outbox included) untouched by anything but the
/// migrations themselves.
pub(crate) fn migrate(conn: &mut Connection, runner: &refinery::Runner) -> Result<(), StoreError> {
    runner.run(conn)?;
    Ok(())
}
