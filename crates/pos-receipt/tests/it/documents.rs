//! What the constructors put in a document, checked against the sale pos-domain priced.

use pos_domain::Money;
use pos_receipt::{DocumentKind, ReceiptDocument, SaleParts};

use crate::fixtures::{money, refund_doc, sale, sale_doc, shift_summary, store, z_report_doc};

fn sum(amounts: impl IntoIterator<Item = Money>) -> Money {
    Money::checked_sum(amounts).unwrap()
}

#[test]
fn a_sale_receipt_carries_the_recorded_amounts() {
    let sale = sale();
    let doc = sale_doc();
    assert_eq!(doc.kind, DocumentKind::Sale);
    assert_eq!(doc.number, "T01-000123");
    assert_eq!(doc.barcode.as_ref().map(|b| b.as_str()), Some("T01-000123"));
    // 17:05 UTC is 18:05 in Paris in March.
    assert_eq!(doc.issued_at, "2025-03-14 18:05");
    assert_eq!(doc.lines.len(), 4);
    // Each line's total is its gross less every discount on it, and the lines add up to
    // the subtotal less the discounts (the prices contain their tax).
    for line in &doc.lines {
        assert_eq!(line.total, line.gross.checked_sub(line.discount).unwrap());
    }
    let lines_total = sum(doc.lines.iter().map(|l| l.total));
    assert_eq!(
        lines_total,
        sale.subtotal.checked_sub(sale.discount_total).unwrap()
    );
    assert_eq!(lines_total, sale.total);
    let grand: Vec<_> = doc.totals.iter().filter(|t| t.grand).collect();
    assert_eq!(grand.len(), 1);
    assert_eq!(grand[0].amount, sale.total);
    assert_eq!(doc.change, sale.change_given);
    assert!(doc.change.is_positive());
    assert_eq!(sum(doc.tenders.iter().map(|t| t.amount)), sale.paid_total);
    assert_eq!(doc.tenders[0].reference.as_deref(), Some("A1B2C3"));
}

#[test]
fn tax_is_grouped_by_rate_with_letters_on_the_lines() {
    let sale = sale();
    let doc = sale_doc();
    let rates: Vec<String> = doc
        .taxes
        .iter()
        .map(|t| format!("{} {}", t.letter, t.rate))
        .collect();
    assert_eq!(rates, ["A 5.5%", "B 20%"]);
    let letters: Vec<_> = doc.lines.iter().map(|l| l.tax_letter).collect();
    assert_eq!(letters, [Some('A'), Some('A'), Some('B'), Some('A')]);
    // Every cent of tax is in the table, and net plus tax is the total.
    let tax = sum(doc.taxes.iter().map(|t| t.tax));
    assert_eq!(tax, sale.tax_total.checked_add(sale.tax_included).unwrap());
    let net = sum(doc.taxes.iter().map(|t| t.net.unwrap()));
    assert_eq!(net.checked_add(tax).unwrap(), sale.total);
}

#[test]
fn a_refund_receipt_is_negative_and_names_the_sale() {
    let doc = refund_doc();
    assert_eq!(doc.kind, DocumentKind::Refund);
    assert_eq!(doc.details[0].value, "T01-000123");
    assert!(doc.lines.iter().all(|l| l.total.is_negative()));
    assert!(
        doc.totals
            .iter()
            .find(|t| t.grand)
            .unwrap()
            .amount
            .is_negative()
    );
    assert_eq!(doc.issued_at, "2025-03-15 10:30");
}

#[test]
fn a_closed_shift_makes_a_z_report_whose_drawer_adds_up() {
    let doc = z_report_doc();
    assert_eq!(doc.kind, DocumentKind::ZReport);
    assert_eq!(doc.barcode, None);
    let details: Vec<_> = doc
        .details
        .iter()
        .map(|d| (d.label.as_str(), d.value.as_str()))
        .collect();
    assert_eq!(
        details,
        [
            ("Opened", "2025-03-14 08:00"),
            ("Closed", "2025-03-14 19:30")
        ]
    );
    let net = doc.totals.iter().find(|t| t.grand).unwrap();
    assert_eq!(net.amount, money("790.60"));
    // Float + cash payments − change + cash in − cash out, as printed, is the expected cash.
    let drawer: Vec<_> = doc.drawer.iter().map(|r| r.amount).collect();
    assert_eq!(sum(drawer[..5].iter().copied()), drawer[5]);
    assert_eq!(drawer[5], shift_summary(true).expected_cash);
    assert_eq!(doc.drawer.last().unwrap().amount, money("-2.00"));
    assert!(doc.taxes.iter().all(|t| t.net.is_none()));
}

#[test]
fn an_open_shift_makes_an_x_report_without_a_count() {
    let doc = ReceiptDocument::shift_report(
        &store(),
        &shift_summary(false),
        "X-7",
        "Marc",
        "2025-03-14T12:00:00Z",
    )
    .unwrap();
    assert_eq!(doc.kind, DocumentKind::XReport);
    assert_eq!(doc.details.len(), 1);
    assert_eq!(doc.drawer.last().unwrap().label, "Expected cash");
}

#[test]
fn a_record_with_a_bad_time_is_refused_with_a_code() {
    let mut parts = SaleParts::from_new_sale(&sale(), "T01-000123", "Amélie");
    parts.occurred_at = "14/03/2025 18:05".to_owned();
    let err = ReceiptDocument::for_sale(&store(), &parts).unwrap_err();
    assert_eq!(err.code(), "receipt_time_invalid");
    assert!(err.to_string().contains("14/03/2025 18:05"));
}

#[test]
fn a_receipt_number_code_128_cannot_carry_still_prints_without_a_barcode() {
    let mut parts = SaleParts::from_new_sale(&sale(), "T01-000123", "Amélie");
    parts.receipt_no = "Kassé-1".to_owned();
    let doc = ReceiptDocument::for_sale(&store(), &parts).unwrap();
    assert_eq!(doc.barcode, None);
    assert_eq!(doc.number, "Kassé-1");
}
