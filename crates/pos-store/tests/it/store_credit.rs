use pos_store::{CustomerRow, NewPayment, PaymentMethod, Store, StoreError};
use uuid::Uuid;

use crate::common::{Fixture, complete, money, rows, sale, set_up};
use crate::refund_fixture::refund;

fn customer(store: &mut Store, credit: &str) -> Uuid {
    let id = Uuid::now_v7();
    store
        .upsert_customers(&[CustomerRow {
            id,
            name: "Cleo".into(),
            email: Some("cleo@example.com".into()),
            phone: None,
            store_credit: money(credit),
            deleted: false,
        }])
        .unwrap();
    id
}

/// A sale of one Coca-Cola (1.36) paid entirely with store credit.
fn credit_sale(fx: &Fixture, customer: Option<Uuid>) -> pos_store::NewSale {
    let mut new = sale(fx, &[(&fx.items[0], 1000)]);
    new.customer_id = customer;
    new.payments = vec![NewPayment {
        id: Uuid::now_v7(),
        method: PaymentMethod::StoreCredit,
        amount: new.total,
        reference: None,
    }];
    new.paid_total = new.total;
    new.change_given = money("0.00");
    new
}

#[test]
fn store_credit_is_spent_by_a_sale_and_given_back_by_a_refund() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let cleo = customer(&mut store, "5.00");
    let record = store.customer_by_id(cleo).unwrap().unwrap();
    assert_eq!(
        (record.name.as_str(), record.store_credit),
        ("Cleo", money("5.00"))
    );

    let new = credit_sale(&fx, Some(cleo));
    assert_eq!(new.total, money("1.36"));
    let sold = complete(&mut store, &new);
    assert_eq!(
        store.customer_by_id(cleo).unwrap().unwrap().store_credit,
        money("3.64")
    );

    let back = refund(&store, &sold, &[(0, 1000)], PaymentMethod::StoreCredit);
    assert_eq!(back.customer_id, Some(cleo));
    complete(&mut store, &back);
    assert_eq!(
        store.customer_by_id(cleo).unwrap().unwrap().store_credit,
        money("5.00")
    );
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn store_credit_beyond_the_balance_or_without_a_customer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let cleo = customer(&mut store, "1.00");

    let err = store
        .complete_sale(&credit_sale(&fx, Some(cleo)))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::InsufficientStoreCredit { balance, requested, .. }
            if *balance == money("1.00") && *requested == money("1.36")),
        "{err:?}"
    );
    assert!(matches!(
        store.complete_sale(&credit_sale(&fx, None)),
        Err(StoreError::Invalid { what: "sale", .. })
    ));
    assert!(matches!(
        store.complete_sale(&credit_sale(&fx, Some(Uuid::now_v7()))),
        Err(StoreError::NotFound {
            what: "customer",
            ..
        })
    ));
    // A refund paid to store credit needs a customer too.
    let sold = complete(&mut store, &sale(&fx, &[(&fx.items[0], 1000)]));
    let back = refund(&store, &sold, &[(0, 1000)], PaymentMethod::StoreCredit);
    assert!(matches!(
        store.complete_sale(&back),
        Err(StoreError::Invalid { what: "sale", .. })
    ));

    assert_eq!(
        store.customer_by_id(cleo).unwrap().unwrap().store_credit,
        money("1.00")
    );
    assert_eq!(rows(&path, "sales"), 1);
    assert_eq!(store.outbox_len().unwrap(), 1);
}

#[test]
fn verify_reports_a_negative_balance() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    set_up(&mut store);
    customer(&mut store, "1.00");
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "PRAGMA ignore_check_constraints = ON; UPDATE customers SET store_credit = -5;",
    )
    .unwrap();
    let rules: Vec<_> = store.verify().unwrap().iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["store_credit_balance"]);
}
