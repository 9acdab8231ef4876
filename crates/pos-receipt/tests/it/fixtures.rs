//! A Paris café's sale, refund and shift report, priced by pos-domain exactly as the till
//! prices them.

use pos_domain::{
    Discount, LineInput, Money, Quantity, TaxRate, Tender, price_refund, price_sale, settle,
};
use pos_receipt::{CustomerInfo, ReceiptDocument, SaleParts, StoreHeader, StoreProfile, TimeZone};
use sync_protocol::{
    NewPayment, NewSale, NewSaleLine, PaymentMethod, SaleKind, ShiftRecord, ShiftSummary,
};
use uuid::Uuid;

pub fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn rate(s: &str) -> TaxRate {
    TaxRate::parse(s).unwrap()
}

pub fn store() -> StoreProfile {
    StoreProfile {
        header: StoreHeader {
            organization: "Tally Coffee Co.".to_owned(),
            location: "Rue de la Paix".to_owned(),
            address: vec!["12 rue de la Paix".to_owned(), "75002 Paris".to_owned()],
            tax_id: Some("FR 12 345678901".to_owned()),
        },
        zone: TimeZone::get("Europe/Paris").unwrap(),
        footer: vec![
            "Merci de votre visite !".to_owned(),
            "Returns within 30 days with this receipt. Gift cards from 10 €.".to_owned(),
        ],
    }
}

/// (name, unit price, quantity, rate, line discount)
type Item = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

/// Inclusive (VAT) prices at 5.5% and 20%, a 10% line discount, a quantity of three, a
/// weighed line and a 2.00 cart discount.
const ITEMS: [Item; 4] = [
    ("Café en grains « Maison » 1 kg", "18.90", "1", "5.5%", None),
    ("Croissant", "1.30", "3", "5.5%", None),
    (
        "Tasse Tally, grès émaillé",
        "12.00",
        "1",
        "20%",
        Some("10%"),
    ),
    ("Chocolat noir (vrac)", "32.00", "0.25", "5.5%", None),
];

fn inputs(items: &[Item]) -> Vec<LineInput> {
    items
        .iter()
        .map(|(_, price, qty, r, discount)| LineInput {
            unit_price: money(price),
            quantity: Quantity::parse(qty).unwrap(),
            tax_rate: rate(r),
            price_includes_tax: true,
            discount: discount.map(|d| Discount::parse(d).unwrap()),
        })
        .collect()
}

fn new_sale(kind: SaleKind, items: &[Item], totals: &pos_domain::SaleTotals) -> NewSale {
    let lines = items
        .iter()
        .zip(inputs(items))
        .zip(&totals.lines)
        .enumerate()
        .map(|(i, ((item, input), line))| NewSaleLine {
            id: Uuid::from_u128(100 + i as u128),
            item_id: Uuid::from_u128(200 + i as u128),
            name: item.0.to_owned(),
            unit_price: input.unit_price,
            quantity: input.quantity,
            tax_rate: input.tax_rate,
            price_includes_tax: input.price_includes_tax,
            gross: line.gross,
            line_discount: line.line_discount,
            cart_discount_share: line.cart_discount_share,
            tax: line.tax,
            total: line.total,
            refund_of_line: None,
        })
        .collect();
    NewSale {
        id: Uuid::from_u128(1),
        kind,
        refund_of: None,
        customer_id: None,
        cashier_id: Uuid::from_u128(2),
        shift_id: None,
        lines,
        payments: Vec::new(),
        subtotal: totals.subtotal,
        discount_total: totals.discount_total,
        tax_total: totals.tax_total,
        tax_included: totals.tax_included,
        total: totals.total,
        paid_total: Money::ZERO,
        change_given: Money::ZERO,
        occurred_at: "2025-03-14T17:05:09Z".to_owned(),
        business_date: "2025-03-14".to_owned(),
        catalog_version: None,
        approval: None,
    }
}

fn payment(method: PaymentMethod, amount: Money, reference: Option<&str>) -> NewPayment {
    NewPayment {
        id: Uuid::from_u128(300),
        method,
        amount,
        reference: reference.map(str::to_owned),
    }
}

/// The sale: split between a card (30.00) and cash (20.00), with change.
pub fn sale() -> NewSale {
    let cart = Discount::parse("2.00").ok();
    let totals = price_sale(&inputs(&ITEMS), cart).unwrap();
    let tenders = [
        Tender::card("A1B2C3", money("30.00")).unwrap(),
        Tender::cash(money("20.00")).unwrap(),
    ];
    let settlement = settle(totals.total, &tenders).unwrap();
    let mut sale = new_sale(SaleKind::Sale, &ITEMS, &totals);
    sale.payments = vec![
        payment(PaymentMethod::Card, money("30.00"), Some("A1B2C3")),
        payment(PaymentMethod::Cash, money("20.00"), None),
    ];
    sale.paid_total = settlement.paid;
    sale.change_given = settlement.change;
    sale
}

pub fn sale_parts() -> SaleParts {
    let mut parts = SaleParts::from_new_sale(&sale(), "T01-000123", "Amélie");
    parts.customer = Some(CustomerInfo {
        name: "Jeanne Dupont".to_owned(),
        store_credit_balance: Some(money("12.50")),
    });
    parts
}

pub fn sale_doc() -> ReceiptDocument {
    ReceiptDocument::for_sale(&store(), &sale_parts()).unwrap()
}

/// The mug given back, paid out in cash.
pub fn refund_doc() -> ReceiptDocument {
    let items = [ITEMS[2]];
    let totals = price_refund(&inputs(&items), None).unwrap();
    let mut refund = new_sale(SaleKind::Refund, &items, &totals);
    refund.payments = vec![payment(PaymentMethod::Cash, totals.total, None)];
    refund.paid_total = totals.total;
    refund.occurred_at = "2025-03-15T09:30:00Z".to_owned();
    let mut parts = SaleParts::from_new_sale(&refund, "T01-000124", "Amélie");
    parts.refund_of = Some("T01-000123".to_owned());
    ReceiptDocument::for_sale(&store(), &parts).unwrap()
}

/// A day's shift, closed and counted two euros short.
pub fn shift_summary(closed: bool) -> ShiftSummary {
    let m = money;
    ShiftSummary {
        shift: ShiftRecord {
            id: Uuid::from_u128(9),
            opened_by: Uuid::from_u128(2),
            opened_at: "2025-03-14T07:00:00Z".to_owned(),
            opening_float: m("150.00"),
            closed_at: closed.then(|| "2025-03-14T18:30:00Z".to_owned()),
            closed_by: closed.then(|| Uuid::from_u128(3)),
            counted_cash: closed.then(|| m("468.30")),
        },
        opening_float: m("150.00"),
        sales_count: 42,
        refunds_count: 2,
        sales_total: m("812.40"),
        refunds_total: m("-21.80"),
        discount_total: m("14.20"),
        tax_total: Money::ZERO,
        tax_included: m("61.37"),
        taxes_by_rate: vec![(rate("5.5%"), m("28.11")), (rate("20%"), m("33.26"))],
        tenders: vec![
            (PaymentMethod::Cash, m("412.10")),
            (PaymentMethod::Card, m("358.50")),
            (PaymentMethod::StoreCredit, m("20.00")),
        ],
        cash_payments: m("412.10"),
        cash_in: m("20.00"),
        cash_out: m("100.00"),
        change_given: m("11.80"),
        expected_cash: m("470.30"),
        counted_cash: closed.then(|| m("468.30")),
        over_short: closed.then(|| m("-2.00")),
    }
}

pub fn z_report_doc() -> ReceiptDocument {
    ReceiptDocument::shift_report(
        &store(),
        &shift_summary(true),
        "Z-0042",
        "Marc (manager)",
        "2025-03-14T18:31:00Z",
    )
    .unwrap()
}

/// A receipt of `count` lines, for the long-receipt tests.
pub fn long_doc(count: usize) -> ReceiptDocument {
    let mut doc = sale_doc();
    let line = doc.lines[1].clone();
    doc.lines = (0..count)
        .map(|i| pos_receipt::ReceiptLine {
            name: format!("Item number {i}"),
            ..line.clone()
        })
        .collect();
    doc
}
