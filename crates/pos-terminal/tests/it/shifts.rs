//! Selling needs an open shift; the X report adds up what was sold in it.

use pos_terminal::{Money, PaymentMethod, Tender, TerminalError};

use crate::support::{Demo, cash, code, money};

#[test]
fn nothing_is_sold_without_an_open_shift() {
    let mut demo = Demo::without_shift();
    let cashier = demo.cashier.clone();
    let cart = demo.cart(&[("GRO-0001", "1")]);
    let total = cart.totals().unwrap().total;
    assert!(matches!(
        demo.till
            .complete_sale(&cashier, &cart, &[cash(total)], None),
        Err(TerminalError::NoOpenShift)
    ));
    assert!(matches!(
        demo.till.x_report(),
        Err(TerminalError::NoOpenShift)
    ));
    assert!(matches!(
        demo.till.close_shift(&demo.manager.clone(), Money::ZERO),
        Err(TerminalError::NoOpenShift)
    ));
    assert!(matches!(
        demo.till
            .cash_movement(&cashier, true, money("5.00"), "float top-up"),
        Err(TerminalError::NoOpenShift)
    ));
    assert_eq!(demo.queue_length(), 0);
    assert!(!demo.till.status().unwrap().shift_open);
    demo.assert_verified();
}

#[test]
fn the_x_report_adds_up_the_sales_and_a_closed_shift_takes_no_more() {
    let mut demo = Demo::with_shift();
    let cashier = demo.cashier.clone();
    assert_eq!(
        code(demo.till.open_shift(&cashier, money("50.00"))),
        "store",
        "a second shift while one is open"
    );

    let exact = demo.sell_cash(&demo.cart(&[("GRO-0001", "2"), ("CAF-0293", "1")]));
    let with_change = demo
        .till
        .complete_sale(
            &cashier,
            &demo.cart(&[("DRK-0105", "3")]),
            &[cash(money("50.00"))],
            None,
        )
        .unwrap();
    let card_cart = demo.cart(&[("DAI-0145", "1")]);
    let card_total = card_cart.totals().unwrap().total;
    let by_card = demo
        .till
        .complete_sale(
            &cashier,
            &card_cart,
            &[Tender::card("AUTH-1", card_total).unwrap()],
            None,
        )
        .unwrap();
    let totals = [exact.total, with_change.total, by_card.total];
    let sum = Money::checked_sum(totals).unwrap();

    let x = demo.till.x_report().unwrap();
    assert_eq!(x.sales_count, 3);
    assert_eq!(x.refunds_count, 0);
    assert_eq!(x.sales_total, sum);
    assert_eq!(
        x.change_given,
        money("50.00").checked_sub(with_change.total).unwrap()
    );
    let expected_cash = money("100.00")
        .checked_add(exact.total)
        .and_then(|m| m.checked_add(with_change.total))
        .unwrap();
    assert_eq!(x.expected_cash, expected_cash);
    assert!(x.tenders.contains(&(PaymentMethod::Card, card_total)));
    assert_eq!(x.counted_cash, None);
    // The X report changes nothing.
    assert_eq!(demo.till.x_report().unwrap(), x);

    let z = demo
        .till
        .close_shift(&demo.manager.clone(), expected_cash)
        .unwrap();
    assert_eq!(z.sales_total, sum);
    assert_eq!(z.over_short, Some(Money::ZERO));
    let queued = demo.queue_length();
    assert_eq!(
        queued, 6,
        "the shift opening, three sales, the Z report and the day's digest"
    );

    let cart = demo.cart(&[("GRO-0001", "1")]);
    let total = cart.totals().unwrap().total;
    assert!(matches!(
        demo.till
            .complete_sale(&cashier, &cart, &[cash(total)], None),
        Err(TerminalError::NoOpenShift)
    ));
    assert_eq!(demo.queue_length(), queued);

    demo.till.open_shift(&cashier, money("80.00")).unwrap();
    let next = demo.sell_cash(&cart);
    assert_eq!(next.receipt_no, "T01-000004");
    let x = demo.till.x_report().unwrap();
    assert_eq!(x.sales_count, 1);
    assert_eq!(x.sales_total, total);
    assert_eq!(x.expected_cash, money("80.00").checked_add(total).unwrap());
    demo.assert_verified();
}

#[test]
fn closing_the_shift_and_taking_cash_out_are_a_managers_job() {
    let mut demo = Demo::with_shift();
    let cashier = demo.cashier.clone();
    assert_eq!(
        code(demo.till.close_shift(&cashier, money("100.00"))),
        "needs_manager"
    );
    assert_eq!(
        code(
            demo.till
                .cash_movement(&cashier, false, money("5.00"), "lunch")
        ),
        "needs_manager"
    );
    demo.till
        .cash_movement(&cashier, true, money("5.00"), "change from the bank")
        .unwrap();
    let manager = demo.manager.clone();
    demo.till
        .cash_movement(&manager, false, money("5.00"), "to the safe")
        .unwrap();
    assert!(demo.till.current_shift().unwrap().is_some(), "still open");
}
