use pos_store::Store;

use crate::common::{sale, set_up};

#[test]
fn verify_passes_on_good_data_and_reports_a_tampered_total() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    store
        .complete_sale(&sale(&fx, &[(&fx.items[0], 1000)]))
        .unwrap();
    store
        .complete_sale(&sale(&fx, &[(&fx.items[1], 2000), (&fx.items[2], 1000)]))
        .unwrap();
    assert_eq!(store.verify().unwrap(), []);

    let raw = rusqlite::Connection::open(&path).unwrap();
    // The CHECK constraints stop a careless edit...
    assert!(
        raw.execute(
            "UPDATE sales SET total = total + 1 WHERE receipt_seq = 2",
            []
        )
        .is_err()
    );
    // ...but not one that bypasses them.
    raw.execute_batch(
        "PRAGMA ignore_check_constraints = ON; \
         UPDATE sales SET total = total + 1 WHERE receipt_seq = 2;",
    )
    .unwrap();
    let violations = store.verify().unwrap();
    let rules: Vec<_> = violations.iter().map(|v| v.rule).collect();
    assert!(rules.contains(&"sale_totals"), "{violations:?}");
    assert!(rules.contains(&"sale_settlement"), "{violations:?}");
    assert!(rules.contains(&"sale_lines_sum"), "{violations:?}");
    assert!(
        violations.iter().all(|v| v.detail.contains("T01-000002")),
        "{violations:?}"
    );
}

#[test]
fn verify_reports_missing_outbox_records_movements_and_receipt_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    for _ in 0..3 {
        store
            .complete_sale(&sale(&fx, &[(&fx.items[0], 1000)]))
            .unwrap();
    }
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "DELETE FROM outbox WHERE seq = 2; \
         DELETE FROM stock_movements WHERE sale_id = (SELECT id FROM sales WHERE receipt_seq = 3); \
         UPDATE outbox SET payload = '{\"tampered\":true}' WHERE seq = 3; \
         UPDATE receipt_counter SET next_seq = 10;",
    )
    .unwrap();
    let rules: Vec<_> = store.verify().unwrap().iter().map(|v| v.rule).collect();
    for rule in [
        "sale_outbox",
        "outbox_sequence",
        "sale_movements",
        "receipt_sequence",
        "outbox_hash",
    ] {
        assert!(rules.contains(&rule), "{rule} not reported in {rules:?}");
    }
}

#[test]
fn verify_reports_a_line_refunded_beyond_what_it_sold() {
    use crate::common::complete;
    use crate::refund_fixture::refund;
    use pos_store::PaymentMethod;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let sold = complete(&mut store, &sale(&fx, &[(&fx.items[0], 2000)]));
    let back = refund(&store, &sold, &[(0, 2000)], PaymentMethod::Cash);
    complete(&mut store, &back);
    assert_eq!(store.verify().unwrap(), []);

    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE sale_lines SET quantity = 1000 WHERE id = ?1",
        [sold.lines[0].id.to_string()],
    )
    .unwrap();
    let found = store.verify().unwrap();
    let rules: Vec<_> = found.iter().map(|v| v.rule).collect();
    // Editing a committed sale's line also breaks the journal, at that sale's link.
    assert_eq!(rules, ["refund_within_sold", "journal_chain"]);
    assert!(
        found[1].detail.starts_with("link 1 (sale "),
        "{}",
        found[1].detail
    );
}
