use pos_store::{HqStockLevel, Store};

use crate::common::{sale, set_up};

#[test]
fn the_level_is_hq_plus_unacknowledged_movements() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let coke = fx.items[0].id;
    assert_eq!(store.stock_level(coke, fx.location).unwrap(), 0);

    let hq = |milli| HqStockLevel {
        item_id: coke,
        location_id: fx.location,
        on_hand_milli: milli,
    };
    store.apply_hq_stock(&[hq(10_000)], 0).unwrap();
    assert_eq!(store.stock_level(coke, fx.location).unwrap(), 10_000);

    store
        .complete_sale(&sale(&fx, &[(&fx.items[0], 3000)]))
        .unwrap();
    store
        .complete_sale(&sale(&fx, &[(&fx.items[0], 2000)]))
        .unwrap();
    assert_eq!(store.stock_level(coke, fx.location).unwrap(), 5_000);

    // HQ has applied record 1 (the first sale): its level counts it, ours must not again.
    store.apply_hq_stock(&[hq(7_000)], 1).unwrap();
    assert_eq!(store.stock_level(coke, fx.location).unwrap(), 5_000);

    // Selling into negative stock is allowed, and shown.
    store
        .complete_sale(&sale(&fx, &[(&fx.items[0], 9000)]))
        .unwrap();
    assert_eq!(store.stock_level(coke, fx.location).unwrap(), -4_000);
}

#[test]
fn low_stock_lists_items_at_or_below_their_reorder_level() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let levels: Vec<HqStockLevel> = fx
        .items
        .iter()
        .map(|i| HqStockLevel {
            item_id: i.id,
            location_id: fx.location,
            on_hand_milli: 5_000,
        })
        .collect();
    store.apply_hq_stock(&levels, 0).unwrap();
    assert!(store.low_stock(10).unwrap().is_empty());

    store
        .complete_sale(&sale(&fx, &[(&fx.items[1], 3000)]))
        .unwrap(); // 2 left = reorder level
    store
        .complete_sale(&sale(&fx, &[(&fx.items[2], 4000)]))
        .unwrap(); // 1 left
    let low = store.low_stock(10).unwrap();
    let skus: Vec<_> = low.iter().map(|l| l.sku.as_str()).collect();
    assert_eq!(skus, ["COCO-1", "CREME-1"]);
    assert_eq!(low[0].level_milli, 1_000);
    assert_eq!(store.low_stock(1).unwrap().len(), 1);
}
