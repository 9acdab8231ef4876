//! A data folder whose `terminal.db` is not a terminal: `pos` names the file and what is
//! wrong with it, and leaves it byte for byte as it was.

use std::path::Path;

use sha2::{Digest, Sha256};
use tempfile::TempDir;

use crate::support::{pos_in, stderr};

fn hash(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

/// Runs `pos ARGS` in `dir`, which must fail with one line on stderr naming the store's
/// file, and leave that file and the folder exactly as they were.
fn refused(dir: &TempDir, args: &[&str]) -> String {
    let db = dir.path().join("terminal.db");
    let before = hash(&db);
    let out = pos_in(dir, args);
    assert!(!out.status.success(), "pos {args:?} succeeded");
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains(&db.display().to_string()),
        "names the file: {message}"
    );
    assert!(!message.contains("pos init"), "{message}");
    assert_eq!(hash(&db), before, "pos {args:?} changed the file");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["terminal.db"], "pos {args:?} left files behind");
    message
}

#[test]
fn another_programs_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("terminal.db")).unwrap();
    conn.execute_batch(
        "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);
         INSERT INTO contacts (name) VALUES ('Ada'), ('Grace');",
    )
    .unwrap();
    drop(conn);
    for args in [
        &["status"][..],
        &["items", "search", "milk"],
        &["verify"],
        &["init", "--demo"],
    ] {
        let message = refused(&dir, args);
        assert!(
            message.contains("is not a Tally terminal database"),
            "{message}"
        );
    }
}

#[test]
fn an_empty_database_file_is_named_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("terminal.db"), b"").unwrap();
    let message = refused(&dir, &["status"]);
    assert!(message.contains("empty file (0 bytes)"), "{message}");
}

#[test]
fn a_corrupt_database_file_is_named_as_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(dir.path().join("terminal.db"), junk).unwrap();
    let message = refused(&dir, &["status"]);
    assert!(message.contains("file is not a database"), "{message}");
}
