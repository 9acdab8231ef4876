use crate::support::{Till, cents, pos_in, stderr};

#[test]
fn a_cash_sale_prices_tax_and_change_and_numbers_receipts_without_gaps() {
    let till = Till::demo();
    let pasta = till.barcode("GRO-0005");
    let first = till.sell(&["--line", &format!("{pasta}*2"), "--pay", "cash:50"]);
    assert_eq!(first["receipt_no"], "T01-000001");
    let (subtotal, discount, tax, total) = (
        cents(&first["subtotal"]),
        cents(&first["discount_total"]),
        cents(&first["tax_total"]),
        cents(&first["total"]),
    );
    assert_eq!(
        total,
        subtotal - discount + tax,
        "lines + tax - discounts = total"
    );
    // 8.875% added on top, rounded half-up per line.
    assert_eq!(tax, (subtotal * 8875 + 50_000) / 100_000);
    assert_eq!(cents(&first["change"]), 5000 - total);
    assert_eq!(first["lines"].as_array().unwrap().len(), 1);
    assert_eq!(first["lines"][0]["quantity"], "2");

    let second = till.sell(&[
        "--line", "GRO-0001", "--line", "GRO-0001", "--pay", "cash:100",
    ]);
    assert_eq!(second["receipt_no"], "T01-000002");
    assert_eq!(
        second["lines"].as_array().unwrap().len(),
        1,
        "a second scan adds to the line"
    );
    assert_eq!(second["lines"][0]["quantity"], "2");

    let status = till.ok_json(&["status"]);
    assert_eq!(
        status["queue_length"], 3,
        "the shift opening and one outbox record per sale"
    );
    assert_eq!(status["dead_letters"], 0);
    assert!(status["last_sync"].is_null());
    assert!(till.pos(&["verify"]).status.success());
}

#[test]
fn tax_inclusive_items_keep_their_shelf_price() {
    let till = Till::demo();
    let espresso = till.ok_json(&["items", "search", "espresso"]);
    let price = cents(&espresso[0]["price"]);
    assert_eq!(espresso[0]["price_includes_tax"], true);
    let sale = till.sell(&[
        "--line",
        espresso[0]["sku"].as_str().unwrap(),
        "--pay",
        &format!("card:{}.{:02}:AUTH-1", price / 100, price % 100),
    ]);
    assert_eq!(cents(&sale["total"]), price);
    assert_eq!(cents(&sale["tax_total"]), 0, "no tax is added on top");
    assert_eq!(
        cents(&sale["tax_included"]),
        (price * 50_000 * 100 / 1_050_000 + 50) / 100
    );
    assert_eq!(cents(&sale["change"]), 0);
}

#[test]
fn split_payment_and_card_without_reference() {
    let till = Till::demo();
    let no_ref = till.try_sell(&["--line", "GRO-0001", "--pay", "card:5"]);
    assert!(!no_ref.status.success());
    assert!(
        stderr(&no_ref).contains("approval reference"),
        "{}",
        stderr(&no_ref)
    );

    let sale = till.sell(&[
        "--line",
        "GRO-0001",
        "--pay",
        "card:2.00:AUTH-7",
        "--pay",
        "cash:10",
    ]);
    let total = cents(&sale["total"]);
    assert_eq!(cents(&sale["change"]), 1000 + 200 - total);
    assert_eq!(sale["payments"].as_array().unwrap().len(), 2);

    let short = till.try_sell(&["--line", "GRO-0001", "--pay", "cash:0.10"]);
    assert!(!short.status.success());
    assert!(stderr(&short).contains("still due"), "{}", stderr(&short));
}

#[test]
fn refusals_are_one_clear_sentence_and_commit_nothing() {
    let till = Till::demo_without_shift();
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "sale",
                "--cashier",
                &till.cashier_pin,
                "--line",
                "GRO-0001",
                "--pay",
                "cash:10",
            ],
            "no shift is open",
        ),
        (
            &[
                "sale",
                "--cashier",
                "0000000",
                "--line",
                "GRO-0001",
                "--pay",
                "cash:10",
                "--auto-shift",
            ],
            "PIN is not right",
        ),
        (
            &[
                "sale",
                "--cashier",
                &till.cashier_pin,
                "--line",
                "NOPE",
                "--pay",
                "cash:10",
                "--auto-shift",
            ],
            "no item has the barcode or SKU \"NOPE\"",
        ),
        (
            &[
                "sale",
                "--cashier",
                &till.cashier_pin,
                "--line",
                "GRO-0001*abc",
                "--pay",
                "cash:10",
                "--auto-shift",
            ],
            "GRO-0001*abc",
        ),
        (
            &[
                "sale",
                "--cashier",
                &till.cashier_pin,
                "--line",
                "GRO-0001",
                "--discount",
                "50%",
                "--pay",
                "cash:10",
                "--auto-shift",
            ],
            "needs a manager",
        ),
    ];
    for (args, expected) in cases {
        let out = till.pos(args);
        assert!(!out.status.success(), "{args:?} succeeded");
        let message = stderr(&out);
        assert!(message.starts_with("error: "), "{message}");
        assert_eq!(message.trim_end().lines().count(), 1, "{message}");
        assert!(message.contains(expected), "{args:?}: {message}");
    }
    // Only the shift opening and the wrong PIN's audit entry wait for HQ: no sale.
    assert_eq!(till.ok_json(&["status"])["queue_length"], 2);
}

#[test]
fn a_big_discount_goes_through_with_a_manager_and_is_audited() {
    let till = Till::demo();
    let sale = till.sell(&[
        "--manager",
        &till.manager_pin,
        "--line",
        "GRO-0001",
        "--discount",
        "50%",
        "--pay",
        "cash:10",
    ]);
    assert!(cents(&sale["discount_total"]) > 0);
    let approved: i64 = till
        .db()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'override' AND approved_by IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(approved, 1);
    // A cashier's PIN is not a manager's approval.
    let out = till.try_sell(&[
        "--manager",
        &till.cashier_pin,
        "--line",
        "GRO-0001",
        "--discount",
        "50%",
        "--pay",
        "cash:10",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is not a manager"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn name_search_is_prefix_and_diacritic_insensitive() {
    let till = Till::demo();
    let found = till.ok_json(&["items", "search", "creme fra"]);
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert!(!names.is_empty());
    assert!(
        names.iter().all(|n| n.starts_with("Crème Fraîche")),
        "{names:?}"
    );
    for item in found.as_array().unwrap() {
        for field in ["sku", "barcode", "name", "price"] {
            assert!(!item[field].is_null(), "{field} missing in {item}");
        }
    }
}

#[test]
fn init_refuses_to_overwrite_and_commands_need_a_terminal() {
    let till = Till::demo_without_shift();
    let again = till.pos(&["init", "--demo"]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("never overwritten"),
        "{}",
        stderr(&again)
    );

    let empty = tempfile::tempdir().unwrap();
    let out = pos_in(&empty, &["status"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("run `pos init`"), "{}", stderr(&out));
    assert!(
        !empty.path().join("terminal.db").exists(),
        "status must not create a store"
    );
}

#[test]
fn verify_catches_a_total_altered_by_hand() {
    let till = Till::demo();
    till.sell(&["--line", "GRO-0001", "--pay", "cash:10"]);
    assert!(till.pos(&["verify"]).status.success());
    let db = till.db();
    db.execute_batch(
        "PRAGMA ignore_check_constraints = ON; UPDATE sales SET total = total + 100, paid_total = paid_total + 100;",
    )
    .unwrap();
    drop(db);
    let out = till.pos(&["verify", "--json"]);
    assert!(!out.status.success());
    let report = crate::support::json(&out);
    assert_eq!(report["ok"], false);
    assert!(
        report["violations"].to_string().contains("T01-000001"),
        "{report}"
    );
}
