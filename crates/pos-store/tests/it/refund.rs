use pos_store::{PaymentMethod, SaleKind, Store, StoreError};
use uuid::Uuid;

use crate::common::{complete, rows, sale, set_up};
use crate::refund_fixture::refund;

#[test]
fn a_sale_reads_back_by_receipt_number() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let new = sale(&fx, &[(&fx.items[0], 2000), (&fx.items[1], 1500)]);
    let stored = complete(&mut store, &new);
    assert_eq!(stored.receipt_no, "T01-000001");
    assert_eq!(
        (stored.id, stored.kind, stored.total),
        (new.id, SaleKind::Sale, new.total)
    );
    assert_eq!(stored.lines.len(), 2);
    assert_eq!(stored.lines[0].sku, "COKE-330");
    assert_eq!(stored.lines[1].id, new.lines[1].id);
    assert_eq!(stored.lines[1].quantity, new.lines[1].quantity);
    assert_eq!(stored.lines[1].total, new.lines[1].total);
    assert_eq!(stored.payments, new.payments);
    assert_eq!(store.sale_by_id(new.id).unwrap(), Some(stored));
    assert!(store.sale_by_receipt("T01-999999").unwrap().is_none());
}

#[test]
fn partial_refunds_add_up_and_an_over_refund_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let sold = complete(
        &mut store,
        &sale(&fx, &[(&fx.items[0], 3000), (&fx.items[1], 1000)]),
    );

    let first = refund(&store, &sold, &[(0, 1000)], PaymentMethod::Cash);
    let done = store.complete_sale(&first).unwrap();
    assert_eq!(
        done.record.sale.lines[0].refund_of_line,
        Some(sold.lines[0].id)
    );
    let payload_line = &done.record.sale.lines[0];
    assert_eq!(
        payload_line.refund_of_line,
        Some(sold.lines[0].id),
        "carried to HQ"
    );
    let second = refund(&store, &sold, &[(0, 1500)], PaymentMethod::Cash);
    complete(&mut store, &second);

    let so_far = store.refunded_so_far(sold.id).unwrap();
    assert_eq!(so_far.len(), 2);
    assert_eq!(so_far[0].line_id, sold.lines[0].id);
    assert_eq!(so_far[0].quantity.milli(), 2500);
    assert!(so_far[0].total.is_positive());
    assert!(so_far[1].quantity.is_zero());

    // 0.5 left: 1.0 more is refused, and nothing is written.
    let (sales, outbox) = (rows(&path, "sales"), store.outbox_len().unwrap());
    let over = refund(&store, &sold, &[(0, 1000)], PaymentMethod::Cash);
    let err = store.complete_sale(&over).unwrap_err();
    assert!(
        matches!(err, StoreError::RefundExceedsSale { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("2.5"), "{err}");
    // Two lines of one refund pointing at the same line count together.
    let split = refund(&store, &sold, &[(0, 300), (0, 300)], PaymentMethod::Cash);
    assert!(matches!(
        store.complete_sale(&split),
        Err(StoreError::RefundExceedsSale { .. })
    ));
    assert_eq!(
        (rows(&path, "sales"), store.outbox_len().unwrap()),
        (sales, outbox)
    );

    // The exact rest is fine, and the last refund returns exactly what is left.
    let rest = refund(&store, &sold, &[(0, 500)], PaymentMethod::Cash);
    complete(&mut store, &rest);
    let so_far = store.refunded_so_far(sold.id).unwrap();
    assert_eq!(so_far[0].quantity, sold.lines[0].quantity);
    assert_eq!(so_far[0].total, sold.lines[0].total);
    assert!(store.verify().unwrap().is_empty(), "{:?}", store.verify());
}

#[test]
fn a_refund_must_reverse_a_completed_sale_line_by_line() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let sold = complete(&mut store, &sale(&fx, &[(&fx.items[0], 2000)]));
    let back = refund(&store, &sold, &[(0, 1000)], PaymentMethod::Cash);
    let back = complete(&mut store, &back);

    // A refund of a refund.
    let twice = refund(&store, &back, &[(0, 1000)], PaymentMethod::Cash);
    assert!(matches!(
        store.complete_sale(&twice),
        Err(StoreError::Invalid { what: "refund", .. })
    ));
    // An unknown sale.
    let mut unknown = refund(&store, &sold, &[(0, 1000)], PaymentMethod::Cash);
    unknown.refund_of = Some(Uuid::now_v7());
    assert!(store.complete_sale(&unknown).is_err());
    // A line that does not name its original, or names another sale's line.
    let mut bare = refund(&store, &sold, &[(0, 1000)], PaymentMethod::Cash);
    bare.lines[0].refund_of_line = None;
    assert!(matches!(
        store.complete_sale(&bare),
        Err(StoreError::Invalid { what: "refund", .. })
    ));
    let other = complete(&mut store, &sale(&fx, &[(&fx.items[0], 1000)]));
    let mut wrong = refund(&store, &sold, &[(0, 1000)], PaymentMethod::Cash);
    wrong.lines[0].refund_of_line = Some(other.lines[0].id);
    assert!(matches!(
        store.complete_sale(&wrong),
        Err(StoreError::Invalid { what: "refund", .. })
    ));
    // A sale's line may not point anywhere.
    let mut odd = sale(&fx, &[(&fx.items[0], 1000)]);
    odd.lines[0].refund_of_line = Some(sold.lines[0].id);
    assert!(matches!(
        store.complete_sale(&odd),
        Err(StoreError::Invalid { what: "sale", .. })
    ));
    assert!(store.verify().unwrap().is_empty());
}
