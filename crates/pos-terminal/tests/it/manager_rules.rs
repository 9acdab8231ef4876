//! What only a manager may do: void an open sale, approve a price override.

use pos_terminal::{Role, TerminalError};

use crate::support::{Demo, cash, money, pin_of};

#[test]
fn a_void_needs_a_manager_is_audited_and_commits_no_sale() {
    let mut demo = Demo::with_shift();
    let cart = demo.cart(&[("GRO-0001", "2"), ("DRK-0105", "1")]);
    let total = cart.totals().unwrap().total;
    let (cashier, manager) = (demo.cashier.clone(), demo.manager.clone());
    let audit_before = demo.till.audit_log(100).unwrap().len();

    assert!(matches!(
        demo.till.void_sale(&cashier, &cashier, &cart),
        Err(TerminalError::NeedsManager(_))
    ));
    assert_eq!(demo.till.audit_log(100).unwrap().len(), audit_before);

    demo.till.void_sale(&cashier, &manager, &cart).unwrap();
    let log = demo.till.audit_log(100).unwrap();
    assert_eq!(log.len(), audit_before + 1);
    let entry = &log[0];
    assert_eq!(entry.action, "void");
    assert_eq!(entry.user_id, Some(cashier.id()));
    assert_eq!(entry.approved_by, Some(manager.id()));
    assert!(
        entry.detail.contains(&total.to_string()),
        "{}",
        entry.detail
    );
    assert!(entry.detail.contains("2 line(s)"), "{}", entry.detail);

    // No sale was committed (the next sale is receipt 1), but the void is recorded for
    // HQ and the day's figures.
    assert_eq!(
        demo.queue_length(),
        3,
        "the shift opening, the void and its audit entry wait for HQ"
    );
    assert_eq!(demo.till.x_report().unwrap().sales_count, 0);
    let receipt = demo.sell_cash(&cart);
    assert_eq!(receipt.receipt_no, "T01-000001");
    demo.assert_verified();
}

#[test]
fn a_manager_pin_is_an_approval_and_a_cashier_pin_is_not() {
    let mut demo = Demo::without_shift();
    let cashier_pin = pin_of(&demo.report, Role::Cashier);
    let manager_pin = pin_of(&demo.report, Role::Manager);
    assert!(matches!(
        demo.till.manager_approval(&cashier_pin, "override"),
        Err(TerminalError::NeedsManager(_))
    ));
    let approver = demo
        .till
        .manager_approval(&manager_pin, "override")
        .unwrap();
    assert_eq!(approver, demo.manager);
}

#[test]
fn a_price_override_needs_a_manager_and_is_audited_with_the_sale() {
    let mut demo = Demo::with_shift();
    let mut cart = demo.cart(&[("GRO-0001", "1"), ("DRK-0105", "1")]);
    cart.override_price(1, money("1.00")).unwrap();
    assert_eq!(cart.lines[0].overridden_from, Some(money("3.49")));
    // Overriding again keeps the shelf price it came from.
    cart.override_price(1, money("1.50")).unwrap();
    assert_eq!(cart.lines[0].overridden_from, Some(money("3.49")));
    let total = cart.totals().unwrap().total;
    let tenders = [cash(total)];
    let (cashier, manager) = (demo.cashier.clone(), demo.manager.clone());

    for approver in [None, Some(&cashier)] {
        assert!(matches!(
            demo.till.complete_sale(&cashier, &cart, &tenders, approver),
            Err(TerminalError::NeedsManager(reason)) if reason.contains("price")
        ));
    }
    assert_eq!(
        demo.queue_length(),
        1,
        "only the shift opening waits for HQ"
    );
    assert!(
        demo.till
            .audit_log(100)
            .unwrap()
            .iter()
            .all(|e| e.action != "override")
    );

    let receipt = demo
        .till
        .complete_sale(&cashier, &cart, &tenders, Some(&manager))
        .unwrap();
    assert_eq!(receipt.lines[0].unit_price, money("1.50"));
    assert_eq!(receipt.total, total);
    assert_eq!(
        demo.queue_length(),
        3,
        "the shift opening, the sale and the override's audit entry"
    );
    let overrides: Vec<_> = demo
        .till
        .audit_log(100)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "override")
        .collect();
    assert_eq!(overrides.len(), 1, "{overrides:?}");
    assert_eq!(overrides[0].user_id, Some(cashier.id()));
    assert_eq!(overrides[0].approved_by, Some(manager.id()));
    assert!(
        overrides[0].detail.contains("3.49"),
        "{}",
        overrides[0].detail
    );
    assert!(
        overrides[0].detail.contains("1.50"),
        "{}",
        overrides[0].detail
    );
    // HQ takes the differing price only because the sale itself carries the approval, with
    // the catalog version the till checked its prices against.
    let queued = pos_store::Store::open(demo._dir.path().join(pos_terminal::DB_FILE))
        .unwrap()
        .outbox_batch(10)
        .unwrap();
    let record: pos_store::SaleRecord = serde_json::from_str(
        &queued
            .iter()
            .find(|r| r.kind == "sale")
            .expect("the sale's record")
            .payload,
    )
    .unwrap();
    let approval = record
        .sale
        .approval
        .expect("the approval travels with the sale");
    assert_eq!(approval.approved_by, manager.id());
    assert!(approval.reasons[0].contains("3.49"), "{approval:?}");
    assert_eq!(
        record.sale.catalog_version,
        Some(0),
        "the demo store never pulled"
    );
    demo.assert_verified();
}

#[test]
fn a_cart_whose_price_was_changed_outside_the_core_needs_a_manager() {
    let mut demo = Demo::with_shift();
    let mut cart = demo.cart(&[("GRO-0001", "1")]);
    // What a tampered front-end could send: a price with no recorded override.
    cart.lines[0].unit_price = money("0.01");
    let cashier = demo.cashier.clone();
    let paid = [cash(cart.totals().unwrap().total)];
    let refused = demo.till.complete_sale(&cashier, &cart, &paid, None);
    assert!(
        matches!(&refused, Err(TerminalError::NeedsManager(why)) if why.contains("the catalog says")),
        "{refused:?}"
    );
    assert_eq!(
        demo.queue_length(),
        1,
        "only the shift opening waits for HQ"
    );
    let manager = demo.manager.clone();
    demo.till
        .complete_sale(&cashier, &cart, &paid, Some(&manager))
        .unwrap();
    assert_eq!(
        demo.queue_length(),
        3,
        "the shift opening, the sale and the override's audit entry"
    );
}

#[test]
fn a_no_sale_drawer_opening_needs_a_manager_and_is_audited() {
    let mut demo = Demo::with_shift();
    let (cashier, manager) = (demo.cashier.clone(), demo.manager.clone());
    assert!(matches!(
        demo.till
            .no_sale(&cashier, &cashier, "change for the float"),
        Err(TerminalError::NeedsManager(_))
    ));
    demo.till
        .no_sale(&cashier, &manager, "change for the float")
        .unwrap();
    let log = demo.till.audit_log(10).unwrap();
    let entry = log.iter().find(|e| e.action == "no_sale").unwrap();
    assert_eq!(entry.approved_by, Some(manager.id()));
    assert_eq!(entry.user_id, Some(cashier.id()));
    assert_eq!(log.iter().filter(|e| e.action == "no_sale").count(), 1);
}
