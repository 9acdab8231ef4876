use crate::support::{Till, cents, stderr};

#[test]
fn a_partial_refund_then_the_rest_never_more_than_was_sold() {
    let till = Till::demo();
    let sale = till.sell(&[
        "--line",
        "GRO-0005*3",
        "--line",
        "DRK-0101",
        "--pay",
        "cash:100",
    ]);
    let receipt = sale["receipt_no"].as_str().unwrap();

    let part = till.ok_json(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        receipt,
        "--line",
        "GRO-0005*2",
    ]);
    assert_eq!(part["kind"], "refund");
    assert!(cents(&part["total"]) < 0, "a refund's amounts are negative");
    assert_eq!(
        cents(&part["total"]),
        cents(&part["subtotal"]) - cents(&part["discount_total"]) + cents(&part["tax_total"])
    );

    let too_many = till.pos(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        receipt,
        "--line",
        "GRO-0005*2",
    ]);
    assert!(
        !too_many.status.success(),
        "only one unit is left to refund"
    );
    assert!(
        stderr(&too_many).contains("error: "),
        "{}",
        stderr(&too_many)
    );

    let rest = till.ok_json(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        receipt,
    ]);
    // Everything refunded adds up exactly to the sale.
    assert_eq!(
        cents(&part["total"]) + cents(&rest["total"]),
        -cents(&sale["total"])
    );

    let nothing_left = till.pos(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        receipt,
    ]);
    assert!(!nothing_left.status.success());
    assert!(
        stderr(&nothing_left).contains("already been refunded"),
        "{}",
        stderr(&nothing_left)
    );
    assert!(
        till.pos(&["verify"]).status.success(),
        "{}",
        stderr(&till.pos(&["verify"]))
    );
}

#[test]
fn a_refund_needs_a_manager_and_a_real_receipt() {
    let till = Till::demo();
    let sale = till.sell(&["--line", "GRO-0001", "--pay", "cash:10"]);
    let receipt = sale["receipt_no"].as_str().unwrap();
    let by_cashier = till.pos(&[
        "refund",
        "--manager",
        &till.cashier_pin,
        "--receipt",
        receipt,
    ]);
    assert!(!by_cashier.status.success());
    assert!(
        stderr(&by_cashier).contains("is not a manager"),
        "{}",
        stderr(&by_cashier)
    );
    let unknown = till.pos(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        "T01-999999",
    ]);
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("no sale has the receipt number T01-999999"),
        "{}",
        stderr(&unknown)
    );
    let audited: i64 = till
        .db()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'refund'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 0, "nothing was refunded, nothing is audited");
}

#[test]
fn a_card_sale_is_refunded_to_the_card() {
    let till = Till::demo();
    let total = {
        let priced = till.sell(&["--line", "GRO-0001", "--pay", "cash:100"]);
        cents(&priced["total"])
    };
    let amount = format!("card:{}.{:02}:AUTH-42", total / 100, total % 100);
    let sale = till.sell(&["--line", "GRO-0001", "--pay", &amount]);
    let refund = till.ok_json(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        sale["receipt_no"].as_str().unwrap(),
    ]);
    assert_eq!(refund["payments"][0]["method"], "card");
    assert_eq!(refund["payments"][0]["reference"], "AUTH-42");
    assert_eq!(cents(&refund["payments"][0]["amount"]), -total);
}

#[test]
fn a_line_refunded_in_pieces_gives_back_exactly_what_it_sold_for() {
    let till = Till::demo();
    // Three units of an item whose tax does not divide evenly, refunded one code at a time
    // and with the same code twice in one refund.
    let sale = till.sell(&["--line", "GRO-0007*3", "--pay", "cash:100"]);
    let receipt = sale["receipt_no"].as_str().unwrap();
    let first = till.ok_json(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        receipt,
        "--line",
        "GRO-0007*1",
        "--line",
        "GRO-0007*1",
    ]);
    let over = till.pos(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        receipt,
        "--line",
        "GRO-0007*2",
    ]);
    assert!(!over.status.success());
    assert!(stderr(&over).contains("only 1 of"), "{}", stderr(&over));
    let last = till.ok_json(&[
        "refund",
        "--manager",
        &till.manager_pin,
        "--receipt",
        receipt,
        "--line",
        "GRO-0007*1",
    ]);
    assert_eq!(
        cents(&first["total"]) + cents(&last["total"]),
        -cents(&sale["total"])
    );
    assert!(till.pos(&["verify"]).status.success());
}
