//! The till session the desktop app holds: signing in, ringing up, paying in parts, and
//! the guards that make a double tap or a retried call harmless.

use pos_terminal::{
    CashCount, DenominationCount, Discount, PaymentMethod, RefundRequest, RefundTo, Role, SaleKind,
    Tender, Till,
};

use crate::support::{Demo, cash, code, money, pin_of, qty, wrong_pin};

fn signed_in(role: Role) -> (Demo, Till) {
    let mut demo = Demo::with_shift();
    let mut till = Till::new();
    let pin = pin_of(&demo.report, role);
    till.sign_in(&mut demo.till, None, &pin).unwrap();
    (demo, till)
}

#[test]
fn nothing_happens_before_someone_signs_in() {
    let mut demo = Demo::with_shift();
    let mut till = Till::new();
    assert_eq!(
        code(till.scan(&mut demo.till, "GRO-0001", None)),
        "not_signed_in"
    );
    assert_eq!(
        code(till.open_shift(&mut demo.till, money("1.00"))),
        "not_signed_in"
    );
    let wrong = wrong_pin(&pin_of(&demo.report, Role::Cashier));
    assert_eq!(
        code(till.sign_in(&mut demo.till, None, &wrong)),
        "wrong_pin"
    );
    assert!(till.cashier().is_none());
}

#[test]
fn a_split_payment_completes_the_sale_once_covered_and_a_double_tap_sells_once() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    till.scan(&mut demo.till, "GRO-0001", None).unwrap();
    let sale = till
        .scan(&mut demo.till, "GRO-0002", Some(qty("2")))
        .unwrap();
    assert_eq!(sale.lines.len(), 2);
    assert_eq!(sale.totals.lines.len(), 2);
    assert_eq!(sale.due, sale.totals.total);
    assert_eq!(sale.quick_cash.first(), Some(&sale.totals.total));
    let queued = demo.queue_length();

    let card = Tender::card("AUTH-77", money("1.00")).unwrap();
    let first = till
        .add_tender(&mut demo.till, sale.key, sale.paid, card, None)
        .unwrap();
    assert!(first.receipt.is_none(), "1.00 does not cover the sale");
    assert_eq!(first.sale.paid, money("1.00"));
    assert_eq!(
        first.sale.due,
        sale.totals.total.checked_sub(money("1.00")).unwrap()
    );

    // The same tap again (same key, same "paid before") is refused, not taken twice.
    let again = Tender::card("AUTH-77", money("1.00")).unwrap();
    assert_eq!(
        code(till.add_tender(&mut demo.till, sale.key, sale.paid, again, None)),
        "stale_sale"
    );

    let fifty = cash(money("50.00"));
    let done = till
        .add_tender(
            &mut demo.till,
            sale.key,
            first.sale.paid,
            fifty.clone(),
            None,
        )
        .unwrap();
    let receipt = done.receipt.expect("covered: the sale completed");
    let expected_change = money("51.00").checked_sub(sale.totals.total).unwrap();
    assert_eq!(receipt.change, expected_change);
    assert_eq!(receipt.payments.len(), 2);
    assert_eq!(receipt.payments[0].method, PaymentMethod::Card);
    assert!(done.sale.lines.is_empty(), "a new sale starts");
    assert_ne!(done.sale.key, sale.key);

    // A retried Pay for the finished sale answers with its receipt and sells nothing.
    let retried = till
        .add_tender(&mut demo.till, sale.key, first.sale.paid, fifty, None)
        .unwrap();
    assert_eq!(retried.receipt.as_ref(), Some(&receipt));
    assert_eq!(
        till.finish(&mut demo.till, sale.key, None).unwrap(),
        receipt
    );
    assert_eq!(
        demo.queue_length(),
        queued + 1,
        "exactly one sale was queued"
    );
    demo.assert_verified();
}

#[test]
fn a_refused_payment_is_not_kept() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    let sale = till.scan(&mut demo.till, "GRO-0001", None).unwrap();
    let too_much = Tender::card("AUTH-1", money("999.00")).unwrap();
    assert_eq!(
        code(till.add_tender(&mut demo.till, sale.key, sale.paid, too_much, None)),
        "payment"
    );
    let credit = Tender::store_credit(money("1.00")).unwrap();
    assert_eq!(
        code(till.add_tender(&mut demo.till, sale.key, sale.paid, credit, None)),
        "payment",
        "no customer, no store credit"
    );
    let view = till.view(&demo.till).unwrap();
    assert!(view.tenders.is_empty());
    assert_eq!(view.paid, money("0"));
}

#[test]
fn the_cart_is_fixed_once_paid_in_part_until_the_payment_is_removed() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    let sale = till
        .scan(&mut demo.till, "GRO-0001", Some(qty("3")))
        .unwrap();
    let part = till
        .add_tender(
            &mut demo.till,
            sale.key,
            sale.paid,
            cash(money("1.00")),
            None,
        )
        .unwrap();
    assert_eq!(
        code(till.scan(&mut demo.till, "GRO-0002", None)),
        "invalid_input"
    );
    assert_eq!(
        code(till.set_quantity(&mut demo.till, 1, qty("1"))),
        "invalid_input"
    );
    assert_eq!(code(till.void(&mut demo.till, None)), "invalid_input");
    assert_eq!(code(till.sign_out(&mut demo.till)), "invalid_input");
    let back = till
        .remove_tender(&mut demo.till, part.sale.key, 0)
        .unwrap();
    assert!(back.tenders.is_empty());
    let edited = till.set_quantity(&mut demo.till, 1, qty("1")).unwrap();
    assert_eq!(edited.lines[0].quantity, qty("1"));
}

#[test]
fn a_big_discount_needs_a_manager_pin_at_payment() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    till.scan(&mut demo.till, "GRO-0004", None).unwrap();
    let sale = till
        .line_discount(&mut demo.till, 1, Some(Discount::parse("50%").unwrap()))
        .unwrap();
    assert_eq!(sale.needs_manager.len(), 1, "{:?}", sale.needs_manager);
    let total = sale.totals.total;
    assert_eq!(
        code(till.add_tender(&mut demo.till, sale.key, sale.paid, cash(total), None)),
        "needs_manager"
    );
    // The payment stays taken; the manager's PIN finishes the sale.
    let cashier_pin = pin_of(&demo.report, Role::Cashier);
    assert_eq!(
        code(till.finish(&mut demo.till, sale.key, Some(&cashier_pin))),
        "needs_manager"
    );
    let manager_pin = pin_of(&demo.report, Role::Manager);
    let receipt = till
        .finish(&mut demo.till, sale.key, Some(&manager_pin))
        .unwrap();
    assert_eq!(receipt.total, total);
    let audit = demo.till.audit_log(10).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "override" && e.approved_by == Some(demo.manager.id()))
    );
}

#[test]
fn a_discount_larger_than_the_line_is_undone() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    let before = till.scan(&mut demo.till, "GRO-0002", None).unwrap();
    let refused = till.line_discount(&mut demo.till, 1, Some(Discount::parse("500.00").unwrap()));
    assert!(refused.is_err());
    assert_eq!(till.view(&demo.till).unwrap().totals, before.totals);
}

#[test]
fn signing_out_parks_the_sale_and_it_can_be_resumed() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    till.scan(&mut demo.till, "GRO-0001", Some(qty("2")))
        .unwrap();
    till.sign_out(&mut demo.till).unwrap();
    assert!(till.cashier().is_none());
    let parked = demo.till.parked().unwrap();
    assert_eq!(parked.len(), 1);
    assert!(
        parked[0].label.contains("signed out"),
        "{}",
        parked[0].label
    );

    let pin = pin_of(&demo.report, Role::Cashier);
    till.sign_in(&mut demo.till, Some(demo.cashier.id()), &pin)
        .unwrap();
    let resumed = till.resume(&mut demo.till, parked[0].id).unwrap();
    assert_eq!(resumed.lines.len(), 1);
    assert_eq!(resumed.lines[0].quantity, qty("2"));
    assert!(demo.till.parked().unwrap().is_empty());
}

#[test]
fn voiding_needs_a_manager_and_is_audited() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    till.scan(&mut demo.till, "GRO-0001", None).unwrap();
    assert_eq!(code(till.void(&mut demo.till, None)), "needs_manager");
    let manager_pin = pin_of(&demo.report, Role::Manager);
    let after = till.void(&mut demo.till, Some(&manager_pin)).unwrap();
    assert!(after.lines.is_empty());
    let audit = demo.till.audit_log(5).unwrap();
    assert!(audit.iter().any(|e| e.action == "void"));
}

#[test]
fn a_repeated_refund_with_the_same_key_refunds_once() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    let sale = till
        .scan(&mut demo.till, "GRO-0001", Some(qty("3")))
        .unwrap();
    let receipt = till
        .add_tender(
            &mut demo.till,
            sale.key,
            sale.paid,
            cash(money("100.00")),
            None,
        )
        .unwrap()
        .receipt
        .unwrap();
    let found = demo.till.refundable_sale(&receipt.receipt_no).unwrap();
    assert_eq!(found.lines[0].left, qty("3"));

    let request = RefundRequest {
        receipt_no: receipt.receipt_no.clone(),
        lines: vec![("GRO-0001".to_owned(), qty("1"))],
        to: RefundTo::OriginalTender,
    };
    let key = uuid::Uuid::now_v7();
    assert_eq!(
        code(till.refund(&mut demo.till, key, &request, None)),
        "needs_manager"
    );
    let manager_pin = pin_of(&demo.report, Role::Manager);
    let first = till
        .refund(&mut demo.till, key, &request, Some(&manager_pin))
        .unwrap();
    let second = till
        .refund(&mut demo.till, key, &request, Some(&manager_pin))
        .unwrap();
    assert_eq!(first, second);
    assert_eq!(first.kind, SaleKind::Refund);
    let after = demo.till.refundable_sale(&receipt.receipt_no).unwrap();
    assert_eq!(after.lines[0].left, qty("2"), "one unit came back, once");
    assert_eq!(
        code(demo.till.refundable_sale(&first.receipt_no)),
        "invalid_input",
        "a refund is not itself refundable"
    );
    assert_eq!(code(demo.till.refundable_sale("NOPE-1")), "unknown_receipt");
}

#[test]
fn the_day_report_counts_sales_and_refunds_by_hour_and_tender() {
    let (mut demo, mut till) = signed_in(Role::Manager);
    let sale = till
        .scan(&mut demo.till, "GRO-0001", Some(qty("2")))
        .unwrap();
    let receipt = till
        .add_tender(
            &mut demo.till,
            sale.key,
            sale.paid,
            cash(sale.totals.total),
            None,
        )
        .unwrap()
        .receipt
        .unwrap();
    let request = RefundRequest {
        receipt_no: receipt.receipt_no.clone(),
        lines: vec![("GRO-0001".to_owned(), qty("1"))],
        to: RefundTo::OriginalTender,
    };
    let refund = till
        .refund(&mut demo.till, uuid::Uuid::now_v7(), &request, None)
        .unwrap();
    let report = demo.till.day_report().unwrap();
    assert_eq!(report.sales_count, 1);
    assert_eq!(report.refunds_count, 1);
    assert_eq!(report.sales_total, receipt.total);
    assert_eq!(report.refunds_total, refund.total);
    assert_eq!(
        report.net_total,
        receipt.total.checked_add(refund.total).unwrap()
    );
    assert_eq!(report.by_hour.len(), 24);
    let hour_sales: u32 = report.by_hour.iter().map(|h| h.sales).sum();
    assert_eq!(hour_sales, 1);
    assert_eq!(
        report.tenders,
        vec![(PaymentMethod::Cash, report.net_total)],
        "cash in, part of it paid back"
    );
}

#[test]
fn closing_the_shift_counts_the_drawer_and_needs_a_manager() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    let count = CashCount {
        counts: vec![
            DenominationCount {
                denomination: money("50.00"),
                count: 2,
            },
            DenominationCount {
                denomination: money("0.25"),
                count: 2,
            },
        ],
    };
    assert_eq!(
        code(till.close_shift(&mut demo.till, &count, None)),
        "needs_manager"
    );
    let manager_pin = pin_of(&demo.report, Role::Manager);
    let z = till
        .close_shift(&mut demo.till, &count, Some(&manager_pin))
        .unwrap();
    assert_eq!(z.counted_cash, Some(money("100.50")));
    assert_eq!(
        z.over_short,
        Some(money("0.50")),
        "float 100.00, counted 100.50"
    );
    assert!(demo.till.current_shift().unwrap().is_none());
}

#[test]
fn the_sign_in_screen_lists_staff_and_shows_a_lockout() {
    let mut demo = Demo::with_shift();
    let cards = demo.till.staff_cards().unwrap();
    assert_eq!(cards.len(), 2);
    assert!(cards.iter().all(|c| c.locked_until.is_none()));
    let json = serde_json::to_string(&cards).unwrap();
    assert!(!json.contains("argon2"), "no PIN hash leaves the core");

    let mut till = Till::new();
    let wrong = wrong_pin(&pin_of(&demo.report, Role::Cashier));
    for _ in 0..pos_terminal::LOCK_AFTER {
        let _ = till.sign_in(&mut demo.till, Some(demo.cashier.id()), &wrong);
    }
    let cards = demo.till.staff_cards().unwrap();
    let cashier = cards.iter().find(|c| c.id == demo.cashier.id()).unwrap();
    assert!(cashier.locked_until.is_some());
}

#[test]
fn customers_are_found_by_name_or_email() {
    let demo = Demo::with_shift();
    assert_eq!(demo.till.search_customers("alex").unwrap().len(), 1);
    assert_eq!(demo.till.search_customers("EXAMPLE.COM").unwrap().len(), 1);
    assert!(demo.till.search_customers("nobody").unwrap().is_empty());
    assert!(
        demo.till.search_customers("%").unwrap().is_empty(),
        "% is a letter here"
    );
}

#[test]
fn an_open_sale_survives_a_restart_with_the_payments_taken() {
    let (mut demo, mut till) = signed_in(Role::Cashier);
    till.scan(&mut demo.till, "GRO-0001", None).unwrap();
    let sale = till
        .scan(&mut demo.till, "GRO-0005", Some(qty("2")))
        .unwrap();
    let card = Tender::card("AUTH-5", money("1.00")).unwrap();
    let part = till
        .add_tender(&mut demo.till, sale.key, sale.paid, card, None)
        .unwrap();
    drop(till); // the app stops (a crash, a power cut)

    let mut till = Till::restore(&mut demo.till).unwrap();
    assert!(
        till.cashier().is_none(),
        "nobody is signed in after a restart"
    );
    let restored = till.view(&demo.till).unwrap();
    assert_eq!(restored.key, sale.key);
    assert_eq!(restored.lines, part.sale.lines);
    assert_eq!(
        restored.tenders, part.sale.tenders,
        "the card payment is not lost"
    );

    let pin = pin_of(&demo.report, Role::Cashier);
    till.sign_in(&mut demo.till, None, &pin).unwrap();
    let done = till
        .add_tender(
            &mut demo.till,
            restored.key,
            restored.paid,
            cash(restored.due),
            None,
        )
        .unwrap();
    assert!(done.receipt.is_some());
    let after = Till::restore(&mut demo.till).unwrap();
    assert!(
        after.view(&demo.till).unwrap().lines.is_empty(),
        "nothing left to restore"
    );
    demo.assert_verified();
}

#[test]
fn a_sale_committed_before_the_crash_is_never_completed_again() {
    let (mut demo, mut first) = signed_in(Role::Cashier);
    let sale = first.scan(&mut demo.till, "GRO-0001", None).unwrap();
    // A second till restored from the saved open sale, as if the app restarted while the
    // first one was still completing it.
    let mut restored = Till::restore(&mut demo.till).unwrap();
    let pin = pin_of(&demo.report, Role::Cashier);
    restored.sign_in(&mut demo.till, None, &pin).unwrap();
    let queued = demo.queue_length();

    first
        .add_tender(
            &mut demo.till,
            sale.key,
            sale.paid,
            cash(sale.totals.total),
            None,
        )
        .unwrap()
        .receipt
        .expect("the first completes");
    let again = restored.add_tender(
        &mut demo.till,
        sale.key,
        sale.paid,
        cash(sale.totals.total),
        None,
    );
    assert!(
        again.is_err(),
        "the same sale cannot commit twice: {again:?}"
    );
    assert_eq!(demo.queue_length(), queued + 1, "one sale");

    // Its open sale saved again (same key) is recognised as committed at the next start.
    restored.remove_tender(&mut demo.till, sale.key, 0).unwrap();
    let next = Till::restore(&mut demo.till).unwrap();
    assert!(next.view(&demo.till).unwrap().lines.is_empty());
    demo.assert_verified();
}
