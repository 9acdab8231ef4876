//! The receipt as plain data: what every renderer prints, in the order it prints it.
//!
//! Every field is public so a caller can build a document its own way (a reprint from the
//! store, a test); the constructors in `build/` are the usual way. Amounts are in the
//! record's sign: negative on a refund.

use pos_domain::{Money, Quantity, TaxRate};

use crate::Code128;

/// What kind of document this is; printed as its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A completed sale.
    Sale,
    /// A completed refund (negative amounts).
    Refund,
    /// A shift's report while it is still open.
    XReport,
    /// A closed shift's final report.
    ZReport,
}

impl DocumentKind {
    /// The printed title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Sale => "SALE",
            Self::Refund => "REFUND",
            Self::XReport => "X REPORT",
            Self::ZReport => "Z REPORT",
        }
    }
}

/// Who issued the receipt: printed at the top of every document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoreHeader {
    /// The organization's trading name.
    pub organization: String,
    /// The store (location) name; left out when empty.
    pub location: String,
    /// Address lines, printed in order.
    pub address: Vec<String>,
    /// The tax registration number, when the store has one.
    pub tax_id: Option<String>,
}

/// A label and a value printed under the title ("Refund of: T01-000100").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// What the value is.
    pub label: String,
    /// The value, as printed.
    pub value: String,
}

/// One sold (or returned) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    /// The item's name at the time of sale.
    pub name: String,
    /// How many, always positive.
    pub quantity: Quantity,
    /// The price of one.
    pub unit_price: Money,
    /// `round(unit_price × quantity)`: what the line cost before discounts.
    pub gross: Money,
    /// Every discount on the line (its own and its share of the cart's), as taken off
    /// `gross`: positive on a sale, negative on a refund, zero when none.
    pub discount: Money,
    /// `gross − discount`: what the line adds to the receipt before tax added on top.
    pub total: Money,
    /// The letter of the line's rate in [`ReceiptDocument::taxes`] (`A`, `B`, ...).
    pub tax_letter: Option<char>,
}

/// A labelled amount in the totals or the drawer count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountRow {
    /// What it is ("Subtotal", "Sales (12)").
    pub label: String,
    /// How much.
    pub amount: Money,
    /// Printed large: the amount the customer pays.
    pub grand: bool,
}

/// The tax charged at one rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxRow {
    /// The letter the lines at this rate carry.
    pub letter: char,
    /// The rate.
    pub rate: TaxRate,
    /// What was taxed at this rate, when known (a shift report only has the tax).
    pub net: Option<Money>,
    /// The tax at this rate: added on top and contained in prices alike.
    pub tax: Money,
}

/// One payment (or, on a refund, one payout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenderRow {
    /// How ("Cash", "Card").
    pub label: String,
    /// The card terminal's reference, when there is one.
    pub reference: Option<String>,
    /// How much.
    pub amount: Money,
}

/// The customer attached to the sale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerInfo {
    /// The customer's name.
    pub name: String,
    /// Store credit left after this sale, when the customer has an account.
    pub store_credit_balance: Option<Money>,
}

/// A whole receipt or report, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDocument {
    /// Sale, refund or report: the title.
    pub kind: DocumentKind,
    /// The store.
    pub header: StoreHeader,
    /// The receipt (or report) number.
    pub number: String,
    /// When, on the store's wall clock (`2025-03-14 18:05`).
    pub issued_at: String,
    /// Who rang it up (or closed the shift).
    pub cashier: String,
    /// Further labelled values under the title.
    pub details: Vec<Detail>,
    /// The lines, in the order they were rung up.
    pub lines: Vec<ReceiptLine>,
    /// Subtotal, discounts, tax, total (or a report's sums).
    pub totals: Vec<AmountRow>,
    /// Tax by rate, by ascending rate.
    pub taxes: Vec<TaxRow>,
    /// Payments, in the order they were taken.
    pub tenders: Vec<TenderRow>,
    /// Cash handed back; zero prints nothing.
    pub change: Money,
    /// A report's drawer count (float, cash in and out, expected, counted, over/short).
    pub drawer: Vec<AmountRow>,
    /// The customer, when one was attached.
    pub customer: Option<CustomerInfo>,
    /// Closing text ("Thank you", the returns policy), one entry per paragraph.
    pub footer: Vec<String>,
    /// What the barcode at the bottom encodes: the receipt number, for refunds.
    pub barcode: Option<Code128>,
}
