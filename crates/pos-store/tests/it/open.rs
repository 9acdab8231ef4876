use pos_store::{HISTORY_TABLE, Store, StoreError, newest_version};

use crate::common::{sale, set_up};

#[test]
fn open_creates_a_wal_database_with_durable_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let store = Store::open(&path).unwrap();
    let settings = store.settings().unwrap();
    assert_eq!(settings.journal_mode, "wal");
    assert_eq!(settings.synchronous, 2, "FULL");
    assert!(settings.foreign_keys);
    assert_eq!(settings.busy_timeout_ms, 5000);
    assert_eq!(store.schema_version().unwrap(), Some(newest_version()));
    drop(store);
    // WAL is a property of the file: another connection sees it.
    let raw = rusqlite::Connection::open(&path).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_keeps_the_outbox_and_numbering() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let first = store
        .complete_sale(&sale(&fx, &[(&fx.items[0], 1000)]))
        .unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.outbox_len().unwrap(), 1);
    let second = store
        .complete_sale(&sale(&fx, &[(&fx.items[1], 1000)]))
        .unwrap();
    assert_eq!(first.outbox_seq + 1, second.outbox_seq);
    assert_eq!(second.record.receipt_no, "T01-000002");
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn a_store_from_a_newer_build_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    {
        let mut store = Store::open(&path).unwrap();
        let fx = set_up(&mut store);
        store
            .complete_sale(&sale(&fx, &[(&fx.items[0], 1000)]))
            .unwrap();
    }
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute(
            &format!(
                "INSERT INTO {HISTORY_TABLE} (version, name, applied_on, checksum) \
                 VALUES (99, 'from_the_future', '2030-01-01T00:00:00Z', '1')"
            ),
            [],
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();

    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, supported } if supported == newest_version()),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("99") && message.contains(&format!("version {}", newest_version())));
    assert!(message.contains("not modified"), "{message}");

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database file changed"
    );
}

#[test]
fn a_new_terminal_cannot_be_initialized_twice() {
    let mut store = Store::open_in_memory().unwrap();
    set_up(&mut store);
    let again = store.terminal().unwrap().unwrap();
    assert!(matches!(
        store.init_terminal(&again),
        Err(StoreError::AlreadyInitialized { .. })
    ));
}
