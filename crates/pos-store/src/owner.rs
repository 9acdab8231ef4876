//! Whether a database file is a Tally terminal store, decided before anything writes to
//! it. A data folder's `terminal.db` can be anything someone put there; another program's
//! SQLite database must be refused as it is, never given our tables, and a file SQLite
//! cannot read must be named as such, not taken for a terminal that was never set up.
//!
//! Ours is: a database whose refinery history records our first migration under our name
//! and checksum (and no migration of ours under another), or a database without a single
//! table that this very open created. Every Tally store ever written has the history
//! table: the store used refinery from its first migration.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::StoreError;
use crate::migrations::HISTORY_TABLE;

/// Where a connection's database comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    /// The file, or `None` for an in-memory database.
    pub path: Option<&'a Path>,
    /// Whether the file was there before this open. A file made just now is empty and
    /// ours to fill; one that was already there has to prove it is ours.
    pub existed: bool,
}

impl Origin<'_> {
    /// A database made by this open (a new file, or memory).
    pub(crate) const CREATED: Origin<'static> = Origin {
        path: None,
        existed: false,
    };

    fn path_buf(&self) -> PathBuf {
        self.path
            .map_or_else(|| PathBuf::from(":memory:"), Path::to_path_buf)
    }
}

/// Looks at the file at `path` before SQLite opens it: whether it exists, and if it does,
/// that it is a readable, non-empty file. Never creates or changes anything.
pub(crate) fn check_file(path: &Path) -> Result<Origin<'_>, StoreError> {
    let unreadable = |reason: String| StoreError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Origin {
                path: Some(path),
                existed: false,
            });
        }
        Err(e) => return Err(unreadable(e.to_string())),
    };
    if meta.is_dir() {
        return Err(unreadable("it is a folder, not a file".to_owned()));
    }
    // Never a store of ours: switching a new database to WAL writes its first page.
    if meta.len() == 0 {
        return Err(StoreError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    // SQLite would only say "unable to open database file"; the system says why.
    File::open(path).map_err(|e| unreadable(e.to_string()))?;
    Ok(Origin {
        path: Some(path),
        existed: true,
    })
}

/// Refuses the database on `conn` unless it is ours (see the module docs). Reads only.
pub(crate) fn refuse_foreign(
    conn: &Connection,
    runner: &refinery::Runner,
    origin: Origin<'_>,
) -> Result<(), StoreError> {
    let verdict = judge(conn, runner).map_err(|e| match origin.path {
        Some(path) => StoreError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        None => StoreError::Sqlite(e),
    })?;
    let refuse = |reason| {
        Err(StoreError::NotOurs {
            path: origin.path_buf(),
            reason,
        })
    };
    match verdict {
        Verdict::Ours => Ok(()),
        Verdict::Empty if !origin.existed => Ok(()),
        Verdict::Empty => refuse("it is an SQLite database without a single table"),
        Verdict::NoHistory => refuse("it holds another program's tables"),
        Verdict::OtherHistory => refuse("its migration history is another program's"),
    }
}

enum Verdict {
    Ours,
    /// Nothing in the schema at all.
    Empty,
    /// Tables, but no refinery history.
    NoHistory,
    /// A refinery history that is not ours.
    OtherHistory,
}

fn judge(conn: &Connection, runner: &refinery::Runner) -> rusqlite::Result<Verdict> {
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if objects == 0 {
        return Ok(Verdict::Empty);
    }
    let has_history: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [HISTORY_TABLE],
        |r| r.get(0),
    )?;
    if has_history == 0 {
        return Ok(Verdict::NoHistory);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT version, name, checksum FROM {HISTORY_TABLE} ORDER BY version"
    ))?;
    let applied = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Refinery makes its table before the first migration's transaction: a crash between
    // the two leaves the history table alone, which is still ours to migrate.
    if applied.is_empty() {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        return Ok(if tables == 1 {
            Verdict::Ours
        } else {
            Verdict::OtherHistory
        });
    }
    let ours = |version: i64| {
        runner
            .get_migrations()
            .iter()
            .find(|m| i64::from(m.version()) == version)
    };
    let mut has_first = false;
    for (version, name, checksum) in &applied {
        // A version we do not know is a newer build's (refused later as such).
        let Some(migration) = ours(*version) else {
            continue;
        };
        if migration.name() != name || migration.checksum().to_string() != *checksum {
            return Ok(Verdict::OtherHistory);
        }
        has_first |= *version == 1;
    }
    Ok(if has_first {
        Verdict::Ours
    } else {
        Verdict::OtherHistory
    })
}
