//! `hq ledger check` names each class of record the push refuses (`hq/src/sync/vet/`) when
//! it got into the books some other way: written by hand here, as an older HQ that did not
//! check, a restore or a bug would leave it.

use serde_json::Value;
use sync_e2e::hq_fixture::Hq;
use sync_e2e::processes::hq_ledger_check;
use sync_e2e::till::{Till, drain, seed_staff};

/// The subjects `check` names in `report`.
fn named<'a>(report: &'a Value, check: &str) -> Vec<&'a str> {
    report["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter(|v| v["check"] == check)
        .filter_map(|v| v["subject"].as_str())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_class_the_push_refuses_is_named_if_it_is_in_the_books() {
    let hq = Hq::start().await;
    let items = hq.seed_items(6, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let receipts: Vec<_> = (0..6).map(|n| till.sell(n, &items)).collect();
    let refund = till.refund_all(&receipts[4].receipt_no);
    let report = drain(till.path(), 3).await;
    assert_eq!(report.rejected, 0);
    let clean = hq_ledger_check(&hq.database_url());
    assert_eq!(clean["ok"], true, "an honest day proves out: {clean:#}");

    let sale = |n: usize| {
        format!(
            "(SELECT id FROM pos.sales WHERE receipt_no = '{}')",
            receipts[n].receipt_no
        )
    };
    let db = hq.client().await;
    db.batch_execute(&format!(
        // A card payment going the wrong way, evened out by cash so the sums still agree.
        "INSERT INTO pos.payments (id, sale_id, method, amount, reference, created_at) \
           VALUES (gen_random_uuid(), {s0}, 'card', -5.00, 'X1', now()), \
                  (gen_random_uuid(), {s0}, 'cash', 5.00, NULL, now()); \
         UPDATE pos.sale_lines SET unit_price = 0.01 WHERE sale_id = {s1}; \
         UPDATE pos.sale_lines SET refund_of_line = \
             (SELECT id FROM pos.sale_lines WHERE sale_id = {s2} AND line_no = 1) \
           WHERE line_no = 1 AND sale_id = \
             (SELECT id FROM pos.sales WHERE receipt_no = '{refund}'); \
         INSERT INTO inv.stock_movements (id, item_id, location_id, quantity, reason, sale_id, \
             occurred_at) \
           SELECT gen_random_uuid(), item_id, location_id, 1000, 'sale', sale_id, now() \
           FROM inv.stock_movements WHERE sale_id = {s3} LIMIT 1; \
         INSERT INTO core.organizations (slug, name, currency, timezone) \
           VALUES ('other', 'Another Chain', 'USD', 'UTC'); \
         INSERT INTO pos.tax_rates (organization_id, code, name, rate) \
           SELECT id, 'T0', 'No tax', 0 FROM core.organizations WHERE slug = 'other'; \
         INSERT INTO inv.items (organization_id, sku, name, price, tax_rate_id) \
           SELECT o.id, 'THEIRS-1', 'Their item', 1.00, t.id FROM core.organizations o \
           JOIN pos.tax_rates t ON t.organization_id = o.id WHERE o.slug = 'other'; \
         UPDATE pos.sale_lines SET item_id = (SELECT id FROM inv.items WHERE sku = 'THEIRS-1') \
           WHERE line_no = 1 AND sale_id = {s5};",
        s0 = sale(0),
        s1 = sale(1),
        s2 = sale(2),
        s3 = sale(3),
        s5 = sale(5),
        refund = refund.receipt_no,
    ))
    .await
    .expect("write each class into the books by hand");

    let tampered = hq_ledger_check(&hq.database_url());
    assert_eq!(tampered["ok"], false, "{tampered:#}");
    let receipt = |n: usize| receipts[n].receipt_no.as_str();
    assert_eq!(
        named(&tampered, "payment_direction"),
        [format!("sale {}", receipt(0))],
        "{tampered:#}"
    );
    assert!(
        named(&tampered, "line_price")
            .iter()
            .any(|s| s.starts_with(&format!("sale {} line", receipt(1)))),
        "{tampered:#}"
    );
    assert!(
        named(&tampered, "refund_line")
            .iter()
            .any(|s| s.starts_with(&format!("refund {}", refund.receipt_no))),
        "{tampered:#}"
    );
    assert!(
        named(&tampered, "sale_movements")
            .iter()
            .any(|s| s.starts_with(&format!("sale {}", receipt(3)))),
        "{tampered:#}"
    );
    assert!(
        named(&tampered, "other_organization")
            .iter()
            .any(|s| s.starts_with(&format!("sale {} line 1", receipt(5)))),
        "{tampered:#}"
    );
    // The untouched sales are named by none of these rules.
    for check in [
        "payment_direction",
        "line_price",
        "refund_line",
        "sale_movements",
        "other_organization",
    ] {
        assert!(
            !named(&tampered, check)
                .iter()
                .any(|s| s.contains(&receipts[2].receipt_no)),
            "{check} names an honest sale: {tampered:#}"
        );
    }
    drop(db);
    hq.drop_database().await;
}
