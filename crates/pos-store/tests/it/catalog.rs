use pos_store::{ItemRow, Store};

use crate::common::{item, set_up};

fn names(items: &[pos_store::Item]) -> Vec<&str> {
    items.iter().map(|i| i.row.name.as_str()).collect()
}

#[test]
fn lookup_by_barcode_then_sku() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let coke = store.item_by_code("5449000000996").unwrap().unwrap();
    assert_eq!(coke.row, fx.items[0]);
    assert_eq!(coke.tax_rate.ppm(), 88_750);
    assert_eq!(
        store.item_by_code("CREME-1").unwrap().unwrap().row,
        fx.items[1]
    );
    assert!(store.item_by_code("nope").unwrap().is_none());

    // A barcode wins over a SKU spelled the same.
    let clash = item("123", None, "Clash", "1.00", fx.tax_rate);
    store.upsert_items(std::slice::from_ref(&clash)).unwrap();
    assert_eq!(
        store.item_by_code("123").unwrap().unwrap().row.name,
        "Coconut water"
    );
}

#[test]
fn upsert_updates_by_id_and_hides_tombstones() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let mut renamed = fx.items[0].clone();
    renamed.name = "Pepsi".into();
    store.upsert_items(std::slice::from_ref(&renamed)).unwrap();
    assert_eq!(names(&store.search_items("pep", 10).unwrap()), ["Pepsi"]);
    assert!(
        store.search_items("coca", 10).unwrap().is_empty(),
        "old name left in the index"
    );

    renamed.deleted = true;
    store.upsert_items(&[renamed]).unwrap();
    assert!(store.item_by_code("COKE-330").unwrap().is_none());
    assert!(store.search_items("pep", 10).unwrap().is_empty());
}

#[test]
fn a_bad_batch_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let good = item("NEW-1", None, "New thing", "1.00", fx.tax_rate);
    let dup = item("COKE-330", None, "Duplicate SKU", "1.00", fx.tax_rate);
    assert!(store.upsert_items(&[good, dup]).is_err());
    assert!(store.item_by_code("NEW-1").unwrap().is_none());
}

#[test]
fn search_is_by_prefix_of_every_word_ordered_by_name() {
    let mut store = Store::open_in_memory().unwrap();
    set_up(&mut store);
    assert_eq!(
        names(&store.search_items("coca col", 10).unwrap()),
        ["Coca-Cola 330ml"]
    );
    assert_eq!(
        names(&store.search_items("co", 10).unwrap()),
        ["Coca-Cola 330ml", "Coconut water"]
    );
    assert_eq!(
        names(&store.search_items("co", 1).unwrap()),
        ["Coca-Cola 330ml"]
    );
    assert_eq!(names(&store.search_items("C", 10).unwrap()).len(), 3);
    assert!(store.search_items("coca water", 10).unwrap().is_empty());
}

#[test]
fn names_that_start_with_the_text_come_before_words_inside_names() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let more = [
        item("COCOA-1", None, "Hot Cocoa", "3.00", fx.tax_rate),
        item("COCOA-2", None, "Alpine Cocoa", "3.50", fx.tax_rate),
        item("COCOA-3", None, "Cocoa Powder", "2.50", fx.tax_rate),
    ];
    store.upsert_items(&more).unwrap();
    assert_eq!(
        names(&store.search_items("coco", 10).unwrap()),
        ["Cocoa Powder", "Coconut water", "Alpine Cocoa", "Hot Cocoa"]
    );
    // The limit holds across both steps.
    assert_eq!(
        names(&store.search_items("coco", 3).unwrap()),
        ["Cocoa Powder", "Coconut water", "Alpine Cocoa"]
    );
}

#[test]
fn search_ignores_diacritics_and_case() {
    let mut store = Store::open_in_memory().unwrap();
    set_up(&mut store);
    assert_eq!(
        names(&store.search_items("creme", 10).unwrap()),
        ["Crème brûlée"]
    );
    assert_eq!(
        names(&store.search_items("CRÈME BRU", 10).unwrap()),
        ["Crème brûlée"]
    );
}

#[test]
fn punctuation_cannot_break_the_query() {
    let mut store = Store::open_in_memory().unwrap();
    set_up(&mut store);
    for input in [
        "\"", "*", "\"coca", "coca\"", "co*", "(", ")", "NOT", "AND co", "a:b", "-", "^", "",
        "   ", "NEAR(", "'",
    ] {
        store
            .search_items(input, 10)
            .unwrap_or_else(|e| panic!("{input:?} broke the search: {e}"));
    }
    assert_eq!(
        names(&store.search_items("\"coca", 10).unwrap()),
        ["Coca-Cola 330ml"]
    );
    assert_eq!(
        names(&store.search_items("coca-cola", 10).unwrap()),
        ["Coca-Cola 330ml"]
    );
}

#[test]
fn a_large_batch_loads_in_one_transaction() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let batch: Vec<ItemRow> = (0..20_000)
        .map(|n| {
            item(
                &format!("SKU-{n:06}"),
                Some(&format!("200{n:010}")),
                &format!("Widget {n}"),
                "0.99",
                fx.tax_rate,
            )
        })
        .collect();
    store.upsert_items(&batch).unwrap();
    assert_eq!(
        store
            .item_by_code("2000000012345")
            .unwrap()
            .unwrap()
            .row
            .sku,
        "SKU-012345"
    );
    assert_eq!(store.search_items("widg", 5).unwrap().len(), 5);
}

/// Not a timed test (timings belong in benchmarks): run by hand with `--ignored` to see a
/// million-item catalog load in one transaction and answer lookups and searches.
#[test]
#[ignore = "slow: a million items"]
fn a_million_items_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("pos.db")).unwrap();
    let fx = set_up(&mut store);
    let batch: Vec<ItemRow> = (0..1_000_000)
        .map(|n| {
            item(
                &format!("SKU-{n:07}"),
                Some(&format!("20{n:011}")),
                &format!("Widget {n}"),
                "0.99",
                fx.tax_rate,
            )
        })
        .collect();
    let started = std::time::Instant::now();
    store.upsert_items(&batch).unwrap();
    eprintln!("loaded 1,000,000 items in {:?}", started.elapsed());
    assert!(store.item_by_code("SKU-0999999").unwrap().is_some());
    let started = std::time::Instant::now();
    assert_eq!(store.search_items("wid 99", 20).unwrap().len(), 20);
    eprintln!("searched in {:?}", started.elapsed());
}

fn fts_schema(store_path: &std::path::Path) -> Vec<(String, String)> {
    let raw = rusqlite::Connection::open(store_path).unwrap();
    let mut stmt = raw
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_bulk_load_rebuilds_the_index_and_keeps_the_triggers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let before = fts_schema(&path);
    assert_eq!(before.len(), 3);
    let batch: Vec<ItemRow> = (0..12_000)
        .map(|n| {
            item(
                &format!("B-{n:05}"),
                None,
                &format!("Gadget {n}"),
                "1.00",
                fx.tax_rate,
            )
        })
        .collect();
    store.upsert_items(&batch).unwrap();
    assert_eq!(fts_schema(&path), before, "the triggers changed");
    assert_eq!(store.search_items("gadg 11999", 5).unwrap().len(), 1);
    assert_eq!(
        names(&store.search_items("coca", 5).unwrap()),
        ["Coca-Cola 330ml"]
    );

    // A failed bulk batch leaves the triggers and the index as they were.
    let mut bad = batch.clone();
    bad[11_999].sku = "B-00000".into();
    for row in &mut bad[..11_999] {
        row.id = uuid::Uuid::now_v7();
        row.sku = format!("X{}", row.sku);
        row.name = "Zebra".into();
    }
    assert!(store.upsert_items(&bad).is_err());
    assert_eq!(fts_schema(&path), before);
    assert!(store.search_items("zebra", 5).unwrap().is_empty());

    // Row-by-row sync still works after a bulk load.
    let mut renamed = batch[0].clone();
    renamed.name = "Widget renamed".into();
    store.upsert_items(&[renamed]).unwrap();
    assert_eq!(
        names(&store.search_items("renamed", 5).unwrap()),
        ["Widget renamed"]
    );
    assert!(
        store
            .search_items("gadget 0", 5)
            .unwrap()
            .iter()
            .all(|i| i.row.name != "Gadget 0")
    );

    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "INSERT INTO items_fts (items_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
}
