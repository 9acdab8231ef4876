use crate::support::{Till, cents, stderr};

#[test]
fn the_z_report_counts_cash_and_says_over_or_short() {
    let till = Till::demo();
    let sale = till.sell(&["--line", "GRO-0001", "--pay", "cash:20"]);
    let total = cents(&sale["total"]);
    let x = till.ok_json(&["shift", "x"]);
    assert_eq!(x["sales_count"], 1);
    assert_eq!(cents(&x["expected_cash"]), 10_000 + total);

    let counted = 10_000 + total - 25; // 25 cents short
    let z = till.ok_json(&[
        "shift",
        "close",
        "--pin",
        &till.manager_pin,
        "--counted",
        &format!("{}.{:02}", counted / 100, counted % 100),
    ]);
    assert_eq!(cents(&z["expected_cash"]), 10_000 + total);
    assert_eq!(cents(&z["over_short"]), -25);

    let after = till.try_sell(&["--line", "GRO-0001", "--pay", "cash:20"]);
    assert!(!after.status.success(), "no sale outside an open shift");
    assert!(stderr(&after).contains("no shift is open"));
    assert!(till.pos(&["verify"]).status.success());
}

#[test]
fn selling_into_negative_stock_is_allowed_and_flagged() {
    let till = Till::demo();
    let before = till.ok_json(&["stock", "--search", "GRO-0001"]);
    let level = before[0]["level"].as_str().unwrap().parse::<f64>().unwrap() as i64;
    let qty = level + 2;
    let sale = till.sell(&["--line", &format!("GRO-0001*{qty}"), "--pay", "cash:1000"]);
    assert_eq!(sale["negative_stock"][0], "GRO-0001");
    let after = till.ok_json(&["stock", "--search", "GRO-0001"]);
    assert_eq!(after[0]["level"], "-2");
    assert_eq!(after[0]["negative"], true);
    let low = till.ok_json(&["stock", "--low"]);
    assert!(
        low.as_array()
            .unwrap()
            .iter()
            .any(|r| r["sku"] == "GRO-0001")
    );
}

#[test]
fn a_manager_receives_and_adjusts_stock_with_a_reason_a_cashier_cannot() {
    let till = Till::demo();
    let before = till.ok_json(&["stock", "--search", "GRO-0002"]);
    let level = before[0]["level"].as_str().unwrap().parse::<i64>().unwrap();
    let received = till.ok_json(&[
        "stock",
        "receive",
        "--manager",
        &till.manager_pin,
        "--line",
        "GRO-0002*12",
        "--reason",
        "delivery 4411",
    ]);
    assert_eq!(received["level"], (level + 12).to_string());
    let adjusted = till.ok_json(&[
        "stock",
        "adjust",
        "--manager",
        &till.manager_pin,
        "--line",
        "GRO-0002*-3",
        "--reason",
        "damaged",
    ]);
    assert_eq!(adjusted["level"], (level + 9).to_string());
    let by_cashier = till.pos(&[
        "stock",
        "adjust",
        "--manager",
        &till.cashier_pin,
        "--line",
        "GRO-0002*-3",
        "--reason",
        "x",
    ]);
    assert!(!by_cashier.status.success());
    assert!(stderr(&by_cashier).contains("is not a manager"));
    let no_reason = till.pos(&[
        "stock",
        "receive",
        "--manager",
        &till.manager_pin,
        "--line",
        "GRO-0002*1",
        "--reason",
        " ",
    ]);
    assert!(!no_reason.status.success());
    assert_eq!(
        till.ok_json(&["status"])["queue_length"],
        3,
        "the shift opening and each movement are queued for HQ"
    );
}
