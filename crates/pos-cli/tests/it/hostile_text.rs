//! Names from the catalog and staff records that carry terminal escape codes: the text
//! output shows them without a single control character, the JSON output exactly.

use crate::support::{Till, stderr};

/// Clears the screen, retitles the window, returns the carriage, breaks the line, and
/// uses the one-byte C1 escape and a right-to-left override.
const EVIL_ITEM: &str = "Milk\x1b[2J\x1b]0;pwned\x07\r\nTOTAL 0.00\u{9b}31m\u{202e}xyz";
const EVIL_CASHIER: &str = "Casey\x1b[31m\x08\x08Cashier";

/// The catalog and staff records as a hostile HQ could have sent them.
fn hostile_till() -> Till {
    let till = Till::demo();
    let db = till.db();
    db.execute(
        "UPDATE items SET name = ?1 WHERE sku = 'GRO-0001'",
        [EVIL_ITEM],
    )
    .unwrap();
    db.execute(
        "UPDATE users SET name = ?1 WHERE role = 'cashier'",
        [EVIL_CASHIER],
    )
    .unwrap();
    till
}

/// Asserts `bytes` hold no control character but line breaks, nor a reordering mark.
fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{202a}'..='\u{202e}'))
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}: {text:?}");
}

/// `pos ARGS` succeeds and prints text with no control character but its line breaks.
fn clean_text(till: &Till, args: &[&str]) -> String {
    let out = till.pos(args);
    assert!(out.status.success(), "pos {args:?}: {}", stderr(&out));
    assert_clean(&out.stdout, &format!("pos {args:?}"));
    assert_clean(&out.stderr, &format!("pos {args:?} on stderr"));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn names_with_escape_codes_print_as_plain_text() {
    let till = hostile_till();

    let found = clean_text(&till, &["items", "search", "GRO-0001"]);
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("Milk [2J ]0;pwned"), "{found}");

    let stock = clean_text(&till, &["stock", "--search", "GRO-0001"]);
    assert_eq!(stock.lines().count(), 1, "{stock}");

    let sale = clean_text(
        &till,
        &[
            "sale",
            "--cashier",
            &till.cashier_pin,
            "--line",
            "GRO-0001",
            "--pay",
            "cash:20",
        ],
    );
    // The heading, one line for the item, the totals: the name's "\r\n" broke nothing.
    assert_eq!(sale.lines().count(), 4, "{sale}");
    assert!(sale.contains("Casey [31m  Cashier"), "{sale}");
    assert!(sale.contains("Milk [2J"), "{sale}");
    let receipt_no = sale.split_whitespace().next().unwrap().to_owned();
    clean_text(&till, &["receipt", "show", "--receipt", &receipt_no]);
    clean_text(
        &till,
        &["receipt", "show", "--receipt", &receipt_no, "--html"],
    );
}

#[test]
fn json_keeps_the_names_exact() {
    let till = hostile_till();
    let found = till.ok_json(&["items", "search", "GRO-0001"]);
    assert_eq!(found[0]["name"], EVIL_ITEM);
    let stock = till.ok_json(&["stock", "--search", "GRO-0001"]);
    assert_eq!(stock[0]["name"], EVIL_ITEM);
    let sale = till.sell(&["--line", "GRO-0001", "--pay", "cash:20"]);
    assert_eq!(sale["lines"][0]["name"], EVIL_ITEM);
    assert_eq!(sale["cashier"], EVIL_CASHIER);
}
