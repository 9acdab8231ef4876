use pos_domain::TaxRate;
use pos_store::{
    CashDirection, CashMovement, NewShift, PaymentMethod, SHIFT_CLOSE_KIND, ShiftSummary, Store,
    StoreError,
};
use uuid::Uuid;

use crate::common::{Fixture, complete, item, money, sale, set_up};
use crate::refund_fixture::refund;

fn open(store: &mut Store, fx: &Fixture, float: &str) -> Uuid {
    let id = Uuid::now_v7();
    store
        .open_shift(&NewShift {
            id,
            opened_by: fx.cashier,
            opening_float: money(float),
            at: "2026-01-02T08:00:00Z".into(),
        })
        .unwrap();
    id
}

fn cash(store: &mut Store, fx: &Fixture, shift: Uuid, direction: CashDirection, amount: &str) {
    store
        .record_cash_movement(&CashMovement {
            id: Uuid::now_v7(),
            shift_id: shift,
            direction,
            amount: money(amount),
            reason: "float".into(),
            user_id: fx.cashier,
            at: "2026-01-02T09:00:00Z".into(),
        })
        .unwrap();
}

#[test]
fn only_one_shift_is_open_at_a_time() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    assert!(store.current_shift().unwrap().is_none());
    let first = open(&mut store, &fx, "100.00");
    let err = store
        .open_shift(&NewShift {
            id: Uuid::now_v7(),
            opened_by: fx.cashier,
            opening_float: money("50.00"),
            at: "2026-01-02T08:01:00Z".into(),
        })
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::ShiftAlreadyOpen { shift_id } if *shift_id == first.to_string()),
        "{err:?}"
    );
    let current = store.current_shift().unwrap().unwrap();
    assert_eq!(
        (current.id, current.opening_float),
        (first, money("100.00"))
    );
}

/// Float 100.00; a cash sale of 10.89 paid with 20.00 (change 9.11); 5.00 in, 2.00 out;
/// counted 113.50: expected 113.89, short by 0.39.
#[test]
fn closing_reports_the_cash_and_queues_one_z_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("pos.db")).unwrap();
    let fx = set_up(&mut store);
    let ten = item("TEN-1", None, "Ten", "10.00", fx.tax_rate);
    store.upsert_items(std::slice::from_ref(&ten)).unwrap();
    let shift = open(&mut store, &fx, "100.00");

    let mut new = sale(&fx, &[(&ten, 1000)]);
    assert_eq!(new.total, money("10.89"));
    new.shift_id = Some(shift);
    new.payments[0].amount = money("20.00");
    new.paid_total = money("20.00");
    new.change_given = money("9.11");
    store.complete_sale(&new).unwrap();
    cash(&mut store, &fx, shift, CashDirection::In, "5.00");
    cash(&mut store, &fx, shift, CashDirection::Out, "2.00");

    let x = store.shift_summary(shift).unwrap();
    assert_eq!(x.expected_cash, money("113.89"));
    assert_eq!((x.counted_cash, x.over_short), (None, None));

    let before = store.outbox_len().unwrap();
    let z = store
        .close_shift(
            shift,
            money("113.50"),
            fx.cashier,
            "2026-01-02T18:00:00Z",
            "2026-01-02",
        )
        .unwrap();
    assert_eq!(z.opening_float, money("100.00"));
    assert_eq!((z.sales_count, z.refunds_count), (1, 0));
    assert_eq!(z.sales_total, money("10.89"));
    assert_eq!(z.cash_payments, money("20.00"));
    assert_eq!(z.change_given, money("9.11"));
    assert_eq!((z.cash_in, z.cash_out), (money("5.00"), money("2.00")));
    assert_eq!(z.expected_cash, money("113.89"));
    assert_eq!(z.counted_cash, Some(money("113.50")));
    assert_eq!(z.over_short, Some(money("-0.39")));
    assert_eq!(z.tenders, [(PaymentMethod::Cash, money("20.00"))]);
    assert_eq!(
        z.taxes_by_rate,
        [(TaxRate::from_ppm(88_750).unwrap(), money("0.89"))]
    );
    assert_eq!(z.shift.closed_at.as_deref(), Some("2026-01-02T18:00:00Z"));
    assert!(store.current_shift().unwrap().is_none());

    // The Z report, then the digest of the one business day it covers.
    assert_eq!(store.outbox_len().unwrap(), before + 2);
    let raw = rusqlite::Connection::open(dir.path().join("pos.db")).unwrap();
    let (kind, date): (String, String) = raw
        .query_row(
            "SELECT kind, record_id FROM outbox ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((kind.as_str(), date.as_str()), ("day_digest", "2026-01-02"));
    let (kind, record_id, payload): (String, String, String) = raw
        .query_row(
            "SELECT kind, record_id, payload FROM outbox ORDER BY seq DESC LIMIT 1 OFFSET 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (kind.as_str(), record_id),
        (SHIFT_CLOSE_KIND, shift.to_string())
    );
    assert_eq!(serde_json::from_str::<ShiftSummary>(&payload).unwrap(), z);
    assert_eq!(store.shift_summary(shift).unwrap(), z);
    assert!(store.verify().unwrap().is_empty(), "{:?}", store.verify());
}

#[test]
fn a_closed_shift_is_final() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let shift = open(&mut store, &fx, "0.00");
    store
        .close_shift(
            shift,
            money("0.00"),
            fx.cashier,
            "2026-01-02T18:00:00Z",
            "2026-01-02",
        )
        .unwrap();
    let outbox = store.outbox_len().unwrap();
    assert!(matches!(
        store.close_shift(
            shift,
            money("0.00"),
            fx.cashier,
            "2026-01-02T19:00:00Z",
            "2026-01-02"
        ),
        Err(StoreError::ShiftClosed { .. })
    ));
    assert_eq!(
        store.outbox_len().unwrap(),
        outbox,
        "a second Z report was queued"
    );
    let mut late = sale(&fx, &[(&fx.items[0], 1000)]);
    late.shift_id = Some(shift);
    assert!(matches!(
        store.complete_sale(&late),
        Err(StoreError::ShiftClosed { .. })
    ));
    let movement = CashMovement {
        id: Uuid::now_v7(),
        shift_id: shift,
        direction: CashDirection::In,
        amount: money("1.00"),
        reason: "late".into(),
        user_id: fx.cashier,
        at: "2026-01-02T19:00:00Z".into(),
    };
    assert!(matches!(
        store.record_cash_movement(&movement),
        Err(StoreError::ShiftClosed { .. })
    ));
    // A new shift may open now.
    open(&mut store, &fx, "10.00");
}

#[test]
fn the_report_nets_refunds_and_lists_tenders_by_method() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let shift = open(&mut store, &fx, "50.00");
    let mut new = sale(&fx, &[(&fx.items[0], 2000), (&fx.items[1], 1000)]);
    new.shift_id = Some(shift);
    let sold = complete(&mut store, &new);
    let back = refund(&store, &sold, &[(0, 1000)], PaymentMethod::Cash);
    let back_total = back.total;
    complete(&mut store, &back);

    let x = store.shift_summary(shift).unwrap();
    assert_eq!((x.sales_count, x.refunds_count), (1, 1));
    assert_eq!(x.refunds_total, back_total);
    assert!(back_total.is_negative());
    let net = new.paid_total.checked_add(back_total).unwrap();
    assert_eq!(x.tenders, [(PaymentMethod::Cash, net)]);
    let expected = money("50.00")
        .checked_add(net)
        .unwrap()
        .checked_sub(new.change_given)
        .unwrap();
    assert_eq!(x.expected_cash, expected);
    let tax = new.tax_total.checked_add(back.tax_total).unwrap();
    assert_eq!(x.tax_total, tax);
    assert_eq!(x.taxes_by_rate[0].1, tax);
}
