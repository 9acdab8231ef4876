//! Upgrading a database written by an older build (one that knew only V1), and refusing
//! one written by a newer build (a future migration made up for the test).

use refinery::{Migration, Runner};
use rusqlite::Connection;

use crate::owner::{self, Origin};
use crate::{Store, StoreError, migrations};

fn only_v1() -> Runner {
    let all = migrations::runner().get_migrations().clone();
    Runner::new(
        &all.into_iter()
            .filter(|m| m.version() == 1)
            .collect::<Vec<_>>(),
    )
}

fn with_future_version() -> (Runner, i64) {
    let mut all = migrations::runner().get_migrations().clone();
    let next = migrations::newest_version() + 1;
    all.push(
        Migration::unapplied(
            &format!("V{next}__outbox_note.sql"),
            "ALTER TABLE outbox ADD COLUMN note TEXT;",
        )
        .unwrap(),
    );
    (Runner::new(&all), next)
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
        let mut old = Store::set_up(
            Connection::open(&path).unwrap(),
            &only_v1(),
            Origin::CREATED,
        )
        .unwrap();
        assert_eq!(old.schema_version().unwrap(), Some(1));
        let tx = old.write().unwrap();
        for _ in 0..3 {
            let seq = crate::outbox::take_next(&tx, crate::outbox::Counter::Outbox).unwrap();
            crate::outbox::append(&tx, seq, "sale", "r", r#"{"n":1}"#).unwrap();
        }
        tx.commit().unwrap();
        outbox_rows(&old)
    };
    assert_eq!(before.len(), 3);

    // This build opens it, migrates it to its newest version, and the queue is intact.
    let current = Store::open(&path).unwrap();
    assert_eq!(
        current.schema_version().unwrap(),
        Some(migrations::newest_version())
    );
    assert_eq!(outbox_rows(&current), before);
    assert_eq!(current.sync_state().unwrap().stock_cursor, 0);
    drop(current);

    // A newer build migrates it further; this build then refuses the database untouched.
    let (future, next) = with_future_version();
    let upgraded = Store::set_up(
        Connection::open(&path).unwrap(),
        &future,
        owner::check_file(&path).unwrap(),
    )
    .unwrap();
    assert_eq!(upgraded.schema_version().unwrap(), Some(next));
    assert_eq!(outbox_rows(&upgraded), before);
    drop(upgraded);
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!((found, supported), (next, migrations::newest_version()));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}
