//! A parked cart comes back exactly as it was, once.

use pos_terminal::{Cart, Discount, TerminalError};

use crate::support::{Demo, money, qty};

#[test]
fn a_parked_cart_resumes_identical_once_and_can_then_be_sold() {
    let mut demo = Demo::with_shift();
    let mut cart = demo.cart(&[("GRO-0001", "2"), ("CAF-0293", "1"), ("DAI-0145", "1.5")]);
    cart.set_line_discount(2, Some(Discount::parse("12.5%").unwrap()))
        .unwrap();
    cart.cart_discount = Some(Discount::parse("0.75").unwrap());
    cart.customer_id = Some(demo.customer_id);
    let cashier = demo.cashier.clone();

    assert!(matches!(
        demo.till.park(&cashier, &Cart::new(), "nothing"),
        Err(TerminalError::EmptySale)
    ));
    let id = demo.till.park(&cashier, &cart, "  red coat ").unwrap();
    let parked = demo.till.parked().unwrap();
    assert_eq!(parked.len(), 1);
    assert_eq!(parked[0].id, id);
    assert_eq!(parked[0].label, "red coat");
    assert_eq!(parked[0].cashier_id, cashier.id());
    // Parking commits no sale.
    assert_eq!(
        demo.queue_length(),
        1,
        "only the shift opening waits for HQ"
    );

    let resumed = demo.till.resume(id).unwrap();
    assert_eq!(resumed, cart);
    assert_eq!(resumed.totals().unwrap(), cart.totals().unwrap());
    assert!(demo.till.parked().unwrap().is_empty());
    assert!(matches!(
        demo.till.resume(id),
        Err(TerminalError::InvalidInput(_))
    ));

    let receipt = demo.sell_cash(&resumed);
    assert_eq!(receipt.total, cart.totals().unwrap().total);
    assert_eq!(receipt.lines.len(), 3);
    assert_eq!(receipt.lines[2].quantity, qty("1.5"));
    assert!(receipt.discount_total > money("0.75"));
    assert_eq!(demo.queue_length(), 2, "the shift opening and the sale");
    demo.assert_verified();
}
