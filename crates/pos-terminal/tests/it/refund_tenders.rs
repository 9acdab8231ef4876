//! Refunds in parts go back to the original tenders without ever returning more to a
//! tender than it paid.

use pos_terminal::{Money, PaymentMethod, Receipt, RefundRequest, RefundTo, Tender};

use crate::support::{Demo, cash, money, qty};

fn paid_by(receipt: &Receipt, method: PaymentMethod) -> Money {
    Money::checked_sum(
        receipt
            .payments
            .iter()
            .filter(|p| p.method == method)
            .map(|p| p.amount),
    )
    .unwrap()
}

#[test]
fn refunds_in_parts_never_return_more_to_the_card_than_it_paid() {
    let mut demo = Demo::with_shift();
    let (cashier, manager) = (demo.cashier.clone(), demo.manager.clone());
    // 3.49 + 0.31 tax = 3.80; 2.49 + 0.22 tax = 2.71; 6.51 in all.
    let cart = demo.cart(&[("GRO-0001", "1"), ("DRK-0105", "1")]);
    assert_eq!(cart.totals().unwrap().total, money("6.51"));
    let sale = demo
        .till
        .complete_sale(
            &cashier,
            &cart,
            &[
                Tender::card("AUTH-42", money("4.00")).unwrap(),
                cash(money("2.51")),
            ],
            None,
        )
        .unwrap();

    let part = |sku: &str| RefundRequest {
        receipt_no: sale.receipt_no.clone(),
        lines: vec![(sku.to_owned(), qty("1"))],
        to: RefundTo::OriginalTender,
    };
    let first = demo
        .till
        .refund(&cashier, &manager, &part("GRO-0001"))
        .unwrap();
    assert_eq!(first.total, money("-3.80"));
    assert_eq!(paid_by(&first, PaymentMethod::Card), money("-3.80"));
    assert_eq!(first.payments[0].reference.as_deref(), Some("AUTH-42"));

    let second = demo
        .till
        .refund(&cashier, &manager, &part("DRK-0105"))
        .unwrap();
    assert_eq!(second.total, money("-2.71"));
    // Only 0.20 of the card's 4.00 is left to give back; the rest was paid in cash.
    assert_eq!(paid_by(&second, PaymentMethod::Card), money("-0.20"));
    assert_eq!(paid_by(&second, PaymentMethod::Cash), money("-2.51"));

    let x = demo.till.x_report().unwrap();
    assert!(
        x.tenders.contains(&(PaymentMethod::Card, Money::ZERO)),
        "{x:?}"
    );
    assert_eq!(x.cash_payments, Money::ZERO);
    demo.assert_verified();
}

#[test]
fn a_refund_to_store_credit_leaves_the_card_whole_for_the_next_one() {
    let mut demo = Demo::with_shift();
    let (cashier, manager) = (demo.cashier.clone(), demo.manager.clone());
    let mut cart = demo.cart(&[("GRO-0001", "1"), ("DRK-0105", "1")]);
    cart.customer_id = Some(demo.customer_id);
    let sale = demo
        .till
        .complete_sale(
            &cashier,
            &cart,
            &[
                Tender::card("AUTH-7", money("4.00")).unwrap(),
                cash(money("2.51")),
            ],
            None,
        )
        .unwrap();
    let part = |sku: &str, to| RefundRequest {
        receipt_no: sale.receipt_no.clone(),
        lines: vec![(sku.to_owned(), qty("1"))],
        to,
    };
    let first = demo
        .till
        .refund(&cashier, &manager, &part("GRO-0001", RefundTo::StoreCredit))
        .unwrap();
    assert_eq!(paid_by(&first, PaymentMethod::StoreCredit), money("-3.80"));
    assert_eq!(demo.credit(), money("28.80"));
    // An unrelated sale in between does not confuse the lookup of earlier refunds.
    demo.sell_cash(&demo.cart(&[("HOU-0193", "1")]));
    let second = demo
        .till
        .refund(
            &cashier,
            &manager,
            &part("DRK-0105", RefundTo::OriginalTender),
        )
        .unwrap();
    assert_eq!(paid_by(&second, PaymentMethod::Card), money("-2.71"));
    assert_eq!(paid_by(&second, PaymentMethod::Cash), Money::ZERO);
    // Everything is back: nothing more to refund.
    let rest = RefundRequest {
        receipt_no: sale.receipt_no.clone(),
        lines: Vec::new(),
        to: RefundTo::OriginalTender,
    };
    assert_eq!(
        demo.till
            .refund(&cashier, &manager, &rest)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    demo.assert_verified();
}
