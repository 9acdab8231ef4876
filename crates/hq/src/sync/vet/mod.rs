//! What HQ checks in a pushed record before anything of it is written: HQ trusts nothing a
//! till sends that it can check. A record that fails a check is refused with a stable code
//! (it becomes a dead letter on both sides and the records behind it go on); the codes are
//! listed in [`REFUSAL_CODES`] and in the OpenAPI document.
//!
//! - the record's own consistency, with no database ([`sale_alone`]): bounds
//!   (`bounds.rs`, from `pos_domain::limits`), dates (`dates.rs`), the kind and what it
//!   points at, every amount re-derived (`amounts.rs`), payments (`payments.rs`),
//!   discounts beyond the cashier's limit approved (`discounts.rs`) and the stock
//!   movements that follow from the lines (`movements.rs`);
//! - against HQ's state: every id named belongs to the terminal's organization (items,
//!   customers, shifts, sales in `sale.rs`; people in `people.rs`), each line's price and
//!   tax at the catalog version it was priced at (`prices.rs`), a refund's lines against
//!   the lines they give back (`sale.rs`), and the stock levels the record moves stay in
//!   bounds (`levels.rs`).

mod amounts;
mod bounds;
pub mod dates;
mod discounts;
pub mod levels;
mod movements;
mod payments;
pub mod people;
pub mod prices;
pub mod refunds;

pub use amounts::check_amounts;
pub use bounds::{cash, movement as movement_bounds, void as void_bounds};

use sync_protocol::SaleRecord;

use super::Refusal;
use crate::terminals::AuthedTerminal;

/// Every code a record can be refused with, and what it means (the OpenAPI document lists
/// them under the push).
pub const REFUSAL_CODES: &[(&str, &str)] = &[
    (
        "bad_record",
        "the record cannot be read, or contradicts itself",
    ),
    (
        "bad_date",
        "a date or instant that is not real or not in 2000-2199",
    ),
    (
        "out_of_range",
        "a quantity, price, amount, count, text or stock level beyond the bounds",
    ),
    (
        "totals_mismatch",
        "HQ's own arithmetic disagrees with the record's amounts",
    ),
    (
        "bad_payment",
        "a payment going the wrong way, or change beyond the cash tendered",
    ),
    (
        "bad_movement",
        "stock movements that do not follow from the sale's lines",
    ),
    (
        "price_mismatch",
        "a line priced off HQ's catalog at its version, with no approval",
    ),
    (
        "needs_approval",
        "a discount beyond the cashier's limit, with no approval",
    ),
    (
        "unknown_catalog_version",
        "a catalog version HQ has not reached",
    ),
    (
        "refund_mismatch",
        "a refund line that is not its sold line's item, price and tax",
    ),
    (
        "refund_exceeds_sale",
        "a refund beyond what the line sold, counting earlier refunds",
    ),
    (
        "store_credit_exceeded",
        "store credit spent beyond the customer's balance at HQ",
    ),
    ("unknown_item", "an item not in this organization's catalog"),
    (
        "unknown_user",
        "a person who is not a user of this organization",
    ),
    ("not_a_manager", "an approver whose role approves nothing"),
    ("unknown_customer", "a customer not of this organization"),
    ("unknown_shift", "a shift that is not this terminal's"),
    (
        "unknown_sale",
        "a refunded sale or line not of this organization",
    ),
    ("duplicate", "an id HQ already holds under another record"),
    (
        "duplicate_sale",
        "a sale HQ already holds under another record",
    ),
    (
        "unknown_reference",
        "something HQ does not hold, named by the record",
    ),
    (
        "chart_of_accounts",
        "HQ's chart of accounts lacks an account the journal needs",
    ),
    ("unknown_kind", "a record kind HQ does not know"),
    ("chain_missing", "a chained record without its journal link"),
    (
        "chain_gap",
        "a journal link that skips links HQ does not hold",
    ),
    (
        "chain_fork",
        "a journal link that does not follow the one HQ holds",
    ),
    (
        "chain_altered",
        "a record that does not match its journal link",
    ),
    (
        "chain_bad_link",
        "a journal link whose hash is not its fields' hash",
    ),
];

/// Every check of a sale or refund that needs no database, in the order their refusals
/// are answered. Returns the catalog version to check its prices at (`prices.rs`).
pub fn sale_alone(terminal: AuthedTerminal, record: &SaleRecord) -> Result<Option<i64>, Refusal> {
    let sale = &record.sale;
    bounds::sale(record)?;
    dates::business_date("the business date", &sale.business_date)?;
    dates::instant("the time of the sale", &sale.occurred_at)?;
    movements::shape(record)?;
    check_amounts(sale)?;
    discounts::check(sale)?;
    movements::check(record)?;
    prices::version_to_check(terminal, sale)
}
