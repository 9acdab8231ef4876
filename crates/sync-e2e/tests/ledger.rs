//! `hq ledger check` after a real day of syncing: it proves out, and a sale deleted by hand,
//! a payment edited by hand and a stock level set by hand are each named.

use serde_json::Value;
use sync_e2e::hq_fixture::Hq;
use sync_e2e::processes::hq_ledger_check;
use sync_e2e::till::{Till, drain, seed_staff};

/// The violations of `check` whose subject mentions `subject`.
fn named(report: &Value, check: &str, subject: &str) -> usize {
    report["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter(|v| v["check"] == check && v["subject"].as_str().unwrap_or("").contains(subject))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_synced_day_proves_out_and_each_hand_edit_is_named() {
    let hq = Hq::start().await;
    let items = hq.seed_items(20, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let receipts: Vec<_> = (0..12).map(|n| till.sell(n, &items)).collect();
    till.refund_all(&receipts[0].receipt_no);
    let report = drain(till.path(), 3).await;
    assert_eq!(report.rejected, 0);

    let clean = hq_ledger_check(&hq.database_url());
    assert_eq!(clean["ok"], true, "a synced day proves out: {clean:#}");

    let deleted = &receipts[3].receipt_no;
    let edited = &receipts[5].receipt_no;
    let db = hq.client().await;
    // Deleting a sale takes the triggers off (its movements are append-only and refer to
    // it): what someone "fixing" data by hand would do.
    db.batch_execute(&format!(
        "SET session_replication_role = replica; \
         DELETE FROM pos.sales WHERE receipt_no = '{deleted}'; \
         SET session_replication_role = origin; \
         UPDATE pos.payments SET amount = amount + 1 \
           WHERE sale_id = (SELECT id FROM pos.sales WHERE receipt_no = '{edited}'); \
         UPDATE inv.stock_levels SET on_hand = on_hand + 5 WHERE item_id = '{}';",
        items[19].id
    ))
    .await
    .expect("edit HQ by hand");

    let tampered = hq_ledger_check(&hq.database_url());
    assert_eq!(tampered["ok"], false, "hand edits are caught");
    assert_eq!(
        named(&tampered, "entry_without_sale", deleted),
        1,
        "{tampered:#}"
    );
    assert!(
        named(&tampered, "orphan_rows", "") >= 2,
        "its lines and payments: {tampered:#}"
    );
    assert_eq!(named(&tampered, "payments", edited), 1, "{tampered:#}");
    assert_eq!(
        named(&tampered, "stock_level", &items[19].sku),
        1,
        "{tampered:#}"
    );
    let checks: Vec<&str> = tampered["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter_map(|v| v["check"].as_str())
        .collect();
    assert!(
        !checks.contains(&"entry_unbalanced"),
        "the journal itself still balances: {tampered:#}"
    );
    hq.drop_database().await;
}
