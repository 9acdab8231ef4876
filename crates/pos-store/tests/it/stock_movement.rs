use pos_store::{
    HqStockLevel, ManualReason, NewMovement, STOCK_MOVEMENT_KIND, StockMovementRecord, Store,
    StoreError,
};
use uuid::Uuid;

use crate::common::{Fixture, manager, sale, set_up};

fn movement(fx: &Fixture, user: Uuid, change: i64, reason: ManualReason) -> NewMovement {
    NewMovement {
        id: Uuid::now_v7(),
        item_id: fx.items[0].id,
        quantity_change: change,
        reason,
        note: Some("delivery 42".into()),
        user_id: user,
        at: "2026-01-02T07:00:00Z".into(),
    }
}

#[test]
fn a_manual_movement_changes_the_level_and_queues_one_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let boss = manager(&mut store);
    let received = movement(&fx, boss, 12_000, ManualReason::Receipt);
    let seq = store.record_stock_movement(&received).unwrap();
    assert_eq!(seq, 1);
    assert_eq!(
        store.stock_level(fx.items[0].id, fx.location).unwrap(),
        12_000
    );

    let raw = rusqlite::Connection::open(&path).unwrap();
    let (kind, record_id, payload): (String, String, String) = raw
        .query_row("SELECT kind, record_id, payload FROM outbox", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (kind.as_str(), record_id),
        (STOCK_MOVEMENT_KIND, received.id.to_string())
    );
    let record: StockMovementRecord = serde_json::from_str(&payload).unwrap();
    assert_eq!(
        (record.quantity_milli, record.location_id),
        (12_000, fx.location)
    );

    // Once HQ counts it, it is not added twice.
    store
        .apply_hq_stock(
            &[HqStockLevel {
                item_id: fx.items[0].id,
                location_id: fx.location,
                on_hand_milli: 12_000,
            }],
            1,
        )
        .unwrap();
    assert_eq!(
        store.stock_level(fx.items[0].id, fx.location).unwrap(),
        12_000
    );
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn a_zero_or_unknown_movement_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let boss = manager(&mut store);
    assert!(matches!(
        store.record_stock_movement(&movement(&fx, boss, 0, ManualReason::Adjustment)),
        Err(StoreError::Invalid { .. })
    ));
    let mut unknown = movement(&fx, boss, -1000, ManualReason::Count);
    unknown.item_id = Uuid::now_v7();
    assert!(store.record_stock_movement(&unknown).is_err());
    assert_eq!(store.outbox_len().unwrap(), 0);
}

#[test]
fn the_stock_list_filters_flags_negative_and_low_items() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let boss = manager(&mut store);
    let mut add = movement(&fx, boss, 5_000, ManualReason::Receipt);
    add.item_id = fx.items[1].id; // Crème brûlée: 5, above its reorder level of 2
    store.record_stock_movement(&add).unwrap();
    store
        .complete_sale(&sale(&fx, &[(&fx.items[0], 1000)]))
        .unwrap(); // Coca-Cola: -1

    let all = store.stock_list(None, false, 10).unwrap();
    let skus: Vec<_> = all.iter().map(|r| r.sku.as_str()).collect();
    assert_eq!(skus, ["COCO-1", "COKE-330", "CREME-1"]);
    let coke = &all[1];
    assert_eq!(
        (coke.level, coke.negative, coke.reorder_level),
        (-1000, true, Some(2000))
    );
    assert_eq!((all[2].level, all[2].negative), (5000, false));

    let low: Vec<_> = store.stock_list(None, true, 10).unwrap();
    let low: Vec<_> = low.iter().map(|r| r.sku.as_str()).collect();
    assert_eq!(low, ["COKE-330", "COCO-1"]);

    let by = |f: &str| -> Vec<String> {
        store
            .stock_list(Some(f), false, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.sku)
            .collect()
    };
    assert_eq!(by("CO"), ["COCO-1", "COKE-330"]);
    assert_eq!(by("creme"), ["CREME-1"]);
    assert_eq!(by("5449000000996"), ["COKE-330"]);
    assert!(by("\"*").is_empty());
    assert_eq!(store.stock_list(Some("co"), true, 1).unwrap().len(), 1);
}
