use pos_store::{ParkedSale, Store, StoreError};
use uuid::Uuid;

use crate::common::set_up;

fn parked(cashier: Uuid, at: &str, label: &str) -> ParkedSale {
    ParkedSale {
        id: Uuid::now_v7(),
        cashier_id: cashier,
        parked_at: at.into(),
        label: label.into(),
        cart_json: r#"{"lines":[{"sku":"COKE-330","qty":"2"}]}"#.into(),
    }
}

#[test]
fn parked_sales_are_listed_oldest_first_and_taken_once() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let later = parked(fx.cashier, "2026-01-02T10:05:00Z", "red coat");
    let earlier = parked(fx.cashier, "2026-01-02T10:00:00Z", "");
    store.park_sale(&later).unwrap();
    store.park_sale(&earlier).unwrap();
    assert_eq!(
        store.parked_sales().unwrap(),
        [earlier.clone(), later.clone()]
    );

    assert_eq!(
        store.take_parked_sale(later.id).unwrap(),
        Some(later.clone())
    );
    assert_eq!(
        store.take_parked_sale(later.id).unwrap(),
        None,
        "resumed twice"
    );
    assert_eq!(store.parked_sales().unwrap(), [earlier]);
}

#[test]
fn a_cart_that_is_not_json_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let mut bad = parked(fx.cashier, "2026-01-02T10:00:00Z", "");
    bad.cart_json = "{not json".into();
    assert!(matches!(
        store.park_sale(&bad),
        Err(StoreError::Invalid {
            what: "parked sale",
            ..
        })
    ));
    assert!(store.parked_sales().unwrap().is_empty());
}
