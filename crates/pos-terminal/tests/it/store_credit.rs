//! The demo customer's store credit: spent by a sale, never beyond the balance, given
//! back by a refund.

use pos_terminal::{Money, PaymentMethod, RefundRequest, RefundTo, Tender, TerminalError};

use crate::support::{Demo, cash, code, money};

fn credit(amount: &str) -> Tender {
    Tender::store_credit(money(amount)).unwrap()
}

fn everything(receipt_no: &str, to: RefundTo) -> RefundRequest {
    RefundRequest {
        receipt_no: receipt_no.to_owned(),
        lines: Vec::new(),
        to,
    }
}

#[test]
fn init_reports_the_demo_customer_with_store_credit() {
    let demo = Demo::without_shift();
    let reported = &demo.report.customers[0];
    assert_eq!(reported.name, "Alex Regular");
    assert_eq!(reported.store_credit, money("25.00"));
    let stored = demo.till.customer(reported.id).unwrap().unwrap();
    assert_eq!(stored.email.as_deref(), Some("alex@example.com"));
    assert_eq!(stored.store_credit, money("25.00"));
    assert!(demo.till.customer(uuid::Uuid::now_v7()).unwrap().is_none());
    let json = serde_json::to_value(&demo.report).unwrap();
    assert_eq!(json["customers"][0]["store_credit"], "25.00");
    assert_eq!(json["customers"][0]["id"], reported.id.to_string());
}

#[test]
fn store_credit_is_spent_never_overspent_and_given_back_by_a_refund() {
    let mut demo = Demo::with_shift();
    let (cashier, manager) = (demo.cashier.clone(), demo.manager.clone());
    let mut cart = demo.cart(&[("GRO-0001", "5")]);
    cart.customer_id = Some(demo.customer_id);
    // 5 x 3.49 = 17.45 + 1.55 tax.
    assert_eq!(cart.totals().unwrap().total, money("19.00"));

    let first = demo
        .till
        .complete_sale(
            &cashier,
            &cart,
            &[credit("10.00"), cash(money("9.00"))],
            None,
        )
        .unwrap();
    assert_eq!(demo.credit(), money("15.00"));
    assert!(
        first
            .payments
            .iter()
            .any(|p| p.method == PaymentMethod::StoreCredit && p.amount == money("10.00"))
    );

    // More credit than the balance: refused, nothing changes.
    let queued = demo.queue_length();
    let refused = demo.till.complete_sale(
        &cashier,
        &cart,
        &[credit("15.01"), cash(money("3.99"))],
        None,
    );
    assert_eq!(code(refused), "payment");
    assert_eq!(demo.credit(), money("15.00"));
    assert_eq!(demo.queue_length(), queued);

    // Store credit with no customer on the sale: refused too.
    let mut anonymous = cart.clone();
    anonymous.customer_id = None;
    let refused = demo.till.complete_sale(
        &cashier,
        &anonymous,
        &[credit("1.00"), cash(money("18.00"))],
        None,
    );
    assert_eq!(code(refused), "payment");
    assert_eq!(demo.queue_length(), queued);

    // The whole balance may be spent, to zero.
    let spent_all = demo
        .till
        .complete_sale(
            &cashier,
            &cart,
            &[credit("15.00"), cash(money("4.00"))],
            None,
        )
        .unwrap();
    assert_eq!(demo.credit(), Money::ZERO);

    // The first sale refunded onto store credit: all 19.00 comes back as credit.
    let refund = demo
        .till
        .refund(
            &cashier,
            &manager,
            &everything(&first.receipt_no, RefundTo::StoreCredit),
        )
        .unwrap();
    assert_eq!(refund.total, money("-19.00"));
    assert_eq!(refund.payments.len(), 1);
    assert_eq!(refund.payments[0].method, PaymentMethod::StoreCredit);
    assert_eq!(demo.credit(), money("19.00"));

    // Back to the original tenders: the credit part returns as credit, the rest as cash.
    let refund = demo
        .till
        .refund(
            &cashier,
            &manager,
            &everything(&spent_all.receipt_no, RefundTo::OriginalTender),
        )
        .unwrap();
    assert_eq!(refund.total, money("-19.00"));
    assert_eq!(demo.credit(), money("34.00"));
    demo.assert_verified();
}

#[test]
fn a_refund_to_store_credit_needs_a_customer_on_the_sale() {
    let mut demo = Demo::with_shift();
    let (cashier, manager) = (demo.cashier.clone(), demo.manager.clone());
    let cart = demo.cart(&[("DRK-0105", "2")]);
    let sale = demo.sell_cash(&cart);
    let queued = demo.queue_length();
    assert!(matches!(
        demo.till.refund(
            &cashier,
            &manager,
            &everything(&sale.receipt_no, RefundTo::StoreCredit)
        ),
        Err(TerminalError::InvalidInput(_))
    ));
    assert_eq!(demo.queue_length(), queued);
    assert_eq!(demo.credit(), money("25.00"));
    // The cashier cannot approve their own refund either.
    assert_eq!(
        code(demo.till.refund(
            &cashier,
            &cashier,
            &everything(&sale.receipt_no, RefundTo::OriginalTender)
        )),
        "needs_manager"
    );
    demo.assert_verified();
}

#[test]
fn a_sale_for_an_unknown_customer_is_refused_clearly() {
    let mut demo = Demo::with_shift();
    let cashier = demo.cashier.clone();
    let mut cart = demo.cart(&[("DRK-0105", "1")]);
    cart.customer_id = Some(uuid::Uuid::now_v7());
    let total = cart.totals().unwrap().total;
    let refused = demo
        .till
        .complete_sale(&cashier, &cart, &[cash(total)], None);
    assert_eq!(code(refused), "invalid_input");
    assert_eq!(
        demo.queue_length(),
        1,
        "only the shift opening waits for HQ"
    );
    demo.assert_verified();
}
