//! The shapes of a sale as the till hands it to the store and as the store records it.

use pos_domain::{Money, Quantity, TaxRate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A sale or a refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SaleKind {
    /// Goods out, money in: positive amounts, stock goes down.
    Sale,
    /// Goods back, money out: negative amounts, stock goes up, `refund_of` names the sale.
    Refund,
}

impl SaleKind {
    /// Every kind.
    pub const ALL: [SaleKind; 2] = [SaleKind::Sale, SaleKind::Refund];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SaleKind::Sale => "sale",
            SaleKind::Refund => "refund",
        }
    }
}

/// How a payment was made (the schema's CHECK list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PaymentMethod {
    /// Notes and coins; the only method change is given in.
    Cash,
    /// Card; carries the payment terminal's reference.
    Card,
    /// The customer's store credit.
    StoreCredit,
}

impl PaymentMethod {
    /// Every method, in the order reports list them.
    pub const ALL: [PaymentMethod; 3] = [
        PaymentMethod::Cash,
        PaymentMethod::Card,
        PaymentMethod::StoreCredit,
    ];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Card => "card",
            PaymentMethod::StoreCredit => "store_credit",
        }
    }
}

/// One priced line. Amounts are in the sale's sign (negative in a refund); the quantity
/// is always positive (how many went out, or came back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSaleLine {
    /// Made on the terminal (v7).
    pub id: Uuid,
    /// The item sold (must exist in the catalog).
    pub item_id: Uuid,
    /// The item's name at the time of sale, as printed on the receipt.
    pub name: String,
    /// Price of one unit as rung up.
    pub unit_price: Money,
    /// How many, positive.
    pub quantity: Quantity,
    /// The tax rate applied.
    pub tax_rate: TaxRate,
    /// Whether `unit_price` contained the tax.
    pub price_includes_tax: bool,
    /// `round(unit_price × quantity)`.
    pub gross: Money,
    /// The line's own discount.
    pub line_discount: Money,
    /// The line's share of the cart discount.
    pub cart_discount_share: Money,
    /// The line's tax (contained in the price when `price_includes_tax`).
    pub tax: Money,
    /// `gross − line_discount − cart_discount_share (+ tax when exclusive)`.
    pub total: Money,
    /// On a refund's line, the original sale's line it gives back (required there, and
    /// `None` on a sale's line): the store refuses a refund beyond what that line sold.
    #[serde(default)]
    pub refund_of_line: Option<Uuid>,
}

/// One payment, in the sale's sign (a refund pays out negative amounts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPayment {
    /// Made on the terminal (v7).
    pub id: Uuid,
    /// How.
    pub method: PaymentMethod,
    /// How much; never zero.
    pub amount: Money,
    /// The card terminal's reference (required for cards).
    pub reference: Option<String>,
}

/// A sale already priced and settled by the caller with `pos-domain`; the store records
/// it exactly as given and never re-prices. It does check the sums it can see (the
/// lines add up to the total, the payments to `paid_total`) and the schema checks
/// `total = subtotal − discount_total + tax_total = paid_total − change_given`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSale {
    /// Made on the terminal (v7).
    pub id: Uuid,
    /// Sale or refund.
    pub kind: SaleKind,
    /// The sale a refund reverses; `None` for a sale.
    pub refund_of: Option<Uuid>,
    /// The customer, if one was attached.
    pub customer_id: Option<Uuid>,
    /// Who rang it up.
    pub cashier_id: Uuid,
    /// The open shift, if shifts are in use.
    pub shift_id: Option<Uuid>,
    /// The lines, in order; at least one.
    pub lines: Vec<NewSaleLine>,
    /// The payments.
    pub payments: Vec<NewPayment>,
    /// Σ gross.
    pub subtotal: Money,
    /// Σ discounts.
    pub discount_total: Money,
    /// Tax added on top of exclusive prices.
    pub tax_total: Money,
    /// Tax contained in inclusive prices (already in `subtotal`).
    pub tax_included: Money,
    /// What the customer pays.
    pub total: Money,
    /// Σ payments.
    pub paid_total: Money,
    /// Cash handed back, zero or more.
    pub change_given: Money,
    /// When, RFC 3339 UTC, by the terminal's clock.
    pub occurred_at: String,
    /// The trading day it counts for, `YYYY-MM-DD`.
    pub business_date: String,
    /// The till's catalog version (its pull cursor) when the sale was priced and
    /// committed: HQ checks each line against the prices and tax rates in effect at that
    /// version, so a till that was offline when a price changed is right to use the old
    /// one. `None` only on sales recorded before tills sent it, and on refunds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_version: Option<i64>,
    /// A manager's approval of what the till's rules could not allow alone (a price or tax
    /// that differs from the catalog, a discount beyond the cashier's limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<SaleApproval>,
}

/// Who approved an exception on a sale, and what they approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleApproval {
    /// The manager who entered their PIN.
    pub approved_by: Uuid,
    /// What needed the approval, one sentence each, as the till showed them.
    pub reasons: Vec<String>,
}

/// Why stock moved (the schema's CHECK list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MovementReason {
    /// Sold.
    Sale,
    /// Brought back.
    Refund,
    /// Goods received.
    Receipt,
    /// A correction.
    Adjustment,
    /// A physical count.
    Count,
}

impl MovementReason {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MovementReason::Sale => "sale",
            MovementReason::Refund => "refund",
            MovementReason::Receipt => "receipt",
            MovementReason::Adjustment => "adjustment",
            MovementReason::Count => "count",
        }
    }
}

/// A stock movement made on this terminal. `quantity_milli` is signed thousandths:
/// negative when stock leaves (a sale), positive when it comes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovementRecord {
    /// Made on the terminal (v7), so HQ can apply it exactly once.
    pub id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// Signed thousandths.
    pub quantity_milli: i64,
    /// Why.
    pub reason: MovementReason,
}

/// What the outbox carries to HQ for one sale: the whole sale as committed, with the
/// receipt number and the stock movements it made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleRecord {
    /// The terminal that made it.
    pub terminal_id: Uuid,
    /// Where its stock moved.
    pub location_id: Uuid,
    /// `{code}-{seq:06}`, e.g. `T01-000123`.
    pub receipt_no: String,
    /// The gapless per-terminal receipt sequence.
    pub receipt_seq: i64,
    /// The sale as given.
    pub sale: NewSale,
    /// One movement per line, in line order.
    pub movements: Vec<MovementRecord>,
}

/// A committed sale: its record and the outbox entry that carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletedSale {
    /// What was committed and queued.
    pub record: SaleRecord,
    /// The outbox sequence number of its record.
    pub outbox_seq: i64,
    /// The outbox record's content hash (hex SHA-256 of the payload).
    pub content_hash: String,
}
