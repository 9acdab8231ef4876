use pos_store::{Rejection, SaleRecord, Store, StoreError, content_hash};
use uuid::Uuid;

use crate::common::{sale, set_up};

fn outbox(store_path: &std::path::Path) -> Vec<(i64, String, String, String, String)> {
    let raw = rusqlite::Connection::open(store_path).unwrap();
    let mut stmt = raw
        .prepare("SELECT seq, kind, record_id, payload, content_hash FROM outbox ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn count(path: &std::path::Path, table: &str) -> i64 {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_sale_writes_everything_and_exactly_one_outbox_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let new = sale(&fx, &[(&fx.items[0], 2000), (&fx.items[1], 1500)]);
    let done = store.complete_sale(&new).unwrap();

    assert_eq!(done.record.receipt_no, "T01-000001");
    assert_eq!(done.outbox_seq, 1);
    assert_eq!(count(&path, "sales"), 1);
    assert_eq!(count(&path, "sale_lines"), 2);
    assert_eq!(count(&path, "payments"), 1);
    assert_eq!(count(&path, "stock_movements"), 2);

    let rows = outbox(&path);
    assert_eq!(rows.len(), 1);
    let (seq, kind, record_id, payload, hash) = &rows[0];
    assert_eq!((*seq, kind.as_str()), (1, "sale"));
    assert_eq!(record_id, &new.id.to_string());
    assert_eq!(hash, &content_hash(payload.as_bytes()));
    assert_eq!(hash, &done.content_hash);
    let record: SaleRecord = serde_json::from_str(payload).unwrap();
    assert_eq!(record, done.record);
    assert_eq!(record.sale, new);
    assert_eq!(
        record
            .movements
            .iter()
            .map(|m| m.quantity_milli)
            .collect::<Vec<_>>(),
        [-2000, -1500]
    );
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn receipts_and_outbox_seqs_are_gapless_and_a_failed_sale_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);

    let a = store
        .complete_sale(&sale(&fx, &[(&fx.items[0], 1000)]))
        .unwrap();

    let mut bad = sale(&fx, &[(&fx.items[1], 1000), (&fx.items[2], 1000)]);
    bad.lines[1].item_id = Uuid::now_v7(); // unknown item: foreign key violation
    let err = store.complete_sale(&bad).unwrap_err();
    assert!(matches!(err, StoreError::Sqlite(_)), "{err:?}");
    assert!(!bad.id.is_nil());
    assert_eq!(count(&path, "sales"), 1);
    assert_eq!(count(&path, "sale_lines"), 1);
    assert_eq!(count(&path, "stock_movements"), 1);
    assert_eq!(store.outbox_len().unwrap(), 1);

    let b = store
        .complete_sale(&sale(&fx, &[(&fx.items[1], 1000)]))
        .unwrap();
    let c = store
        .complete_sale(&sale(&fx, &[(&fx.items[2], 3000)]))
        .unwrap();
    let receipts: Vec<_> = [&a, &b, &c]
        .iter()
        .map(|s| s.record.receipt_no.clone())
        .collect();
    assert_eq!(receipts, ["T01-000001", "T01-000002", "T01-000003"]);
    assert_eq!([a.outbox_seq, b.outbox_seq, c.outbox_seq], [1, 2, 3]);
    assert_eq!(
        outbox(&path).iter().map(|r| r.0).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn a_sale_whose_sums_disagree_is_refused_before_writing() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let mut bad = sale(&fx, &[(&fx.items[0], 1000)]);
    bad.lines[0].total = crate::common::money("0.01");
    assert!(matches!(
        store.complete_sale(&bad),
        Err(StoreError::Invalid { what: "sale", .. })
    ));
    assert_eq!(store.outbox_len().unwrap(), 0);
}

#[test]
fn a_sale_needs_a_terminal_identity() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let mut other = Store::open_in_memory().unwrap();
    assert!(matches!(
        other.complete_sale(&sale(&fx, &[(&fx.items[0], 1000)])),
        Err(StoreError::NotInitialized)
    ));
}

#[test]
fn acknowledged_records_leave_and_numbers_are_never_reused() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    for _ in 0..3 {
        store
            .complete_sale(&sale(&fx, &[(&fx.items[0], 1000)]))
            .unwrap();
    }
    let rejected = Rejection {
        seq: 2,
        code: "unknown_item".into(),
        reason: "HQ does not know the item".into(),
    };
    store.acknowledge_push(2, &[rejected]).unwrap();
    assert_eq!(store.outbox_len().unwrap(), 1);
    assert_eq!(store.dead_letter_count().unwrap(), 1);
    assert_eq!(store.sync_state().unwrap().hq_last_applied, 2);
    assert!(store.verify().unwrap().is_empty(), "{:?}", store.verify());

    store.acknowledge_push(3, &[]).unwrap();
    assert_eq!(store.outbox_len().unwrap(), 0);
    let next = store
        .complete_sale(&sale(&fx, &[(&fx.items[0], 1000)]))
        .unwrap();
    assert_eq!(
        next.outbox_seq, 4,
        "an emptied outbox must not restart at 1"
    );
    assert!(store.verify().unwrap().is_empty());

    assert!(matches!(
        store.acknowledge_push(1, &[]),
        Err(StoreError::HqWentBackwards {
            reported: 1,
            known: 3
        })
    ));
    assert_eq!(store.outbox_len().unwrap(), 1);
    // HQ claiming records this terminal never numbered (a restored copy of the database
    // elsewhere): refused, and the record still waiting is kept.
    assert!(matches!(
        store.acknowledge_push(100, &[]),
        Err(StoreError::HqAheadOfTerminal {
            reported: 100,
            numbered: 4
        })
    ));
    let beyond = Rejection {
        seq: 4,
        code: "bad".into(),
        reason: "x".into(),
    };
    assert!(store.acknowledge_push(3, &[beyond]).is_err());
    assert_eq!(store.outbox_len().unwrap(), 1);
    assert!(store.verify().unwrap().is_empty());
}

/// A sale names the catalog version its prices were checked against; a pull applied since
/// (the cursor moved) means they must be checked again, so the store refuses the commit and
/// uses no number. The version it was checked at travels to HQ in the record.
#[test]
fn a_sale_priced_at_another_catalog_version_than_the_terminals_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let cursor = store.sync_state().unwrap().pull_cursor;
    let mut stale = sale(&fx, &[(&fx.items[0], 1000)]);
    stale.catalog_version = Some(cursor + 1);
    let err = store.complete_sale(&stale).unwrap_err();
    assert!(
        matches!(err, StoreError::CatalogChanged { priced, now } if priced == cursor + 1 && now == cursor),
        "{err:?}"
    );
    assert_eq!(count(&path, "sales"), 0, "nothing of it was written");
    assert!(outbox(&path).is_empty());

    let mut current = sale(&fx, &[(&fx.items[0], 1000)]);
    current.catalog_version = Some(cursor);
    let done = store.complete_sale(&current).unwrap();
    assert_eq!(
        done.record.receipt_no, "T01-000001",
        "the refusal used no number"
    );
    let queued: SaleRecord = serde_json::from_str(&outbox(&path)[0].3).unwrap();
    assert_eq!(queued.sale.catalog_version, Some(cursor));
}
