//! Upgrading a database written by an older build, with a future migration made up for
//! the test (this build has only V1, so "older" needs a V2 to move to).

use refinery::{Migration, Runner};
use rusqlite::Connection;

use crate::{Store, StoreError, migrations};

fn with_future_v2() -> Runner {
    let mut all = migrations::runner().get_migrations().clone();
    all.push(
        Migration::unapplied(
            "V2__outbox_note.sql",
            "ALTER TABLE outbox ADD COLUMN note TEXT;",
        )
        .unwrap(),
    );
    Runner::new(&all)
}

fn outbox_rows(store: &Store) -> Vec<(i64, String, String)> {
    let mut stmt = store
        .conn
        .prepare("SELECT seq, payload, content_hash FROM outbox ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn an_older_store_is_migrated_forward_with_its_outbox_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let before = {
        let mut old = Store::open(&path).unwrap();
        let tx = old.write().unwrap();
        for _ in 0..3 {
            let seq = crate::outbox::take_next(&tx, crate::outbox::Counter::Outbox).unwrap();
            crate::outbox::append(&tx, seq, "sale", "r", r#"{"n":1}"#).unwrap();
        }
        tx.commit().unwrap();
        outbox_rows(&old)
    };
    assert_eq!(before.len(), 3);

    let upgraded = Store::set_up(Connection::open(&path).unwrap(), &with_future_v2()).unwrap();
    assert_eq!(upgraded.schema_version().unwrap(), Some(2));
    assert_eq!(outbox_rows(&upgraded), before);
    drop(upgraded);

    // And this build (V1 only) now refuses the upgraded database.
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!((found, supported), (2, 1));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}
