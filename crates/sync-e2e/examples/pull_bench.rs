//! How long a fresh terminal takes to pull an N-item catalog from a real HQ, against the
//! same rows written straight into a fresh terminal store (`Store::upsert_items`, the
//! bulk path the pull ends in: same schema, indexes and name index), in the same run.
//!
//! `cargo run --release -p sync-e2e --example pull_bench -- [ITEMS]` (default 100,000;
//! PostgreSQL from TEST_DATABASE_URL as for the tests). Method and numbers: BENCHMARKS.md.

use std::time::Instant;

use pos_domain::Money;
use pos_store::{ItemRow, Store, TaxRateRow};
use sync_e2e::hq_fixture::Hq;
use uuid::Uuid;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let items: usize = std::env::args()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let hq = Hq::start().await;
    hq.seed_more_items(items).await;
    let code = hq.add_terminal("Bench").await;
    let dir = tempfile::tempdir().expect("a folder");
    pos_sync::pair(dir.path(), &hq.url(), &code)
        .await
        .expect("pair");

    let started = Instant::now();
    let mut pages = 0u64;
    let mut received = started.elapsed();
    let report = pos_sync::sync_data_dir_with(dir.path(), &mut |p| {
        if matches!(p, pos_sync::Progress::CatalogReceived { .. }) {
            pages += 1;
            received = started.elapsed();
        }
    })
    .await
    .expect("the first pull");
    let pull = started.elapsed();
    assert!(report.catalog_changes as usize >= items);

    // The baseline: the same rows (HQ's ids, in the order the pull delivers them),
    // straight into a fresh store.
    let rows: Vec<ItemRow> = hq
        .client()
        .await
        .query(
            "SELECT id, sku, name, (price * 100)::int8 FROM inv.items \
             ORDER BY sync_version, id",
            &[],
        )
        .await
        .expect("HQ's items")
        .iter()
        .map(|r| ItemRow {
            id: r.get(0),
            sku: r.get(1),
            barcode: None,
            name: r.get(2),
            price: Money::from_minor(r.get(3)).expect("price"),
            price_includes_tax: false,
            tax_rate_id: Uuid::nil(),
            reorder_level: None,
            is_active: true,
            deleted: false,
        })
        .collect();
    let base_dir = tempfile::tempdir().expect("a folder");
    let mut store = Store::open(base_dir.path().join("baseline.db")).expect("a store");
    store
        .upsert_tax_rates(&[TaxRateRow {
            id: Uuid::nil(),
            name: "Standard".to_owned(),
            rate: pos_domain::TaxRate::from_ppm(88_750).expect("rate"),
            deleted: false,
        }])
        .expect("a rate");
    let started = Instant::now();
    store.upsert_items(&rows).expect("insert");
    let baseline = started.elapsed();

    println!(
        "pull of {items} items: {:.2} s over {pages} pages ({:.2} s to receive them, the rest \
         to apply them); the same rows into SQLite: {:.2} s; ratio {:.2}x",
        pull.as_secs_f64(),
        received.as_secs_f64(),
        baseline.as_secs_f64(),
        pull.as_secs_f64() / baseline.as_secs_f64()
    );
    hq.drop_database().await;
}
