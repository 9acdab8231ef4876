//! Files that are not a Tally store, at the store's path: refused, named, and left byte
//! for byte as they were. A store of ours, however it was left, still opens.

use std::path::Path;

use pos_store::{HISTORY_TABLE, Store, StoreError};
use sha2::{Digest, Sha256};

fn hash(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

/// Opens `path`, which must be refused without a byte of it changing.
fn refused(path: &Path) -> StoreError {
    let before = hash(path);
    let err = Store::open(path).unwrap_err();
    assert_eq!(hash(path), before, "the file changed: {err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "the message names the file: {err}"
    );
    err
}

fn database(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terminal.db");
    database(
        &path,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         INSERT INTO notes (body) VALUES ('keep me');",
    );
    let err = refused(&path);
    assert!(matches!(err, StoreError::NotOurs { .. }), "{err:?}");
    assert!(
        err.to_string().contains("another program's tables"),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "no table of ours was added");
}

#[test]
fn another_programs_refinery_history_is_not_ours() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terminal.db");
    // Same table, same first migration's name as ours, different migration.
    database(
        &path,
        &format!(
            "CREATE TABLE {HISTORY_TABLE} (version INT4 PRIMARY KEY, name VARCHAR(255),
                 applied_on VARCHAR(255), checksum VARCHAR(255));
             INSERT INTO {HISTORY_TABLE} VALUES (1, 'init', '2025-01-01T00:00:00Z', '42');
             CREATE TABLE accounts (id INTEGER PRIMARY KEY);"
        ),
    );
    let err = refused(&path);
    assert!(
        err.to_string()
            .contains("migration history is another program's"),
        "{err}"
    );
}

#[test]
fn an_existing_database_without_tables_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terminal.db");
    // A valid SQLite file with no schema: the header is written, nothing else.
    database(&path, "PRAGMA user_version = 7;");
    assert!(std::fs::metadata(&path).unwrap().len() > 0);
    let err = refused(&path);
    assert!(err.to_string().contains("without a single table"), "{err}");
}

#[test]
fn an_empty_file_is_named_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terminal.db");
    std::fs::write(&path, b"").unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::EmptyFile { .. }), "{err:?}");
    assert!(err.to_string().contains("empty file (0 bytes)"), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_named_as_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terminal.db");
    std::fs::write(
        &path,
        "these are someone's notes, not a database\n".repeat(200),
    )
    .unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot read the terminal database {}: file is not a database",
            path.display()
        )
    );
}

#[test]
fn a_folder_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
    assert!(err.to_string().contains("a folder"), "{err}");
}

#[test]
fn a_store_whose_first_migration_never_committed_still_opens() {
    // Refinery makes its history table before the first migration's transaction; a crash
    // in between leaves that table alone.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terminal.db");
    database(
        &path,
        &format!(
            "CREATE TABLE {HISTORY_TABLE} (version INT4 PRIMARY KEY, name VARCHAR(255),
                 applied_on VARCHAR(255), checksum VARCHAR(255));"
        ),
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        Some(pos_store::newest_version())
    );
}

#[test]
fn a_store_of_ours_opens_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terminal.db");
    drop(Store::open(&path).unwrap());
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        Some(pos_store::newest_version())
    );
}
