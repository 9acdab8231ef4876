#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
//! Money, tax, pricing and tender rules for Tally.
//!
//! This crate is the single definition of how a sale is priced. The terminal prices the
//! cart with it, the CLI re-prices receipts with it and HQ checks uploaded sales against
//! it, so it does no I/O and holds no state: every function is a pure calculation on
//! exact integers. There are no floats anywhere; every amount is a count of minor units
//! (cents), quantities are thousandths and tax rates are parts per million.
//!
//! # Values that cannot be wrong
//!
//! [`Money`], [`Quantity`], [`TaxRate`] and [`Discount`] can only be built through
//! parsing or checked constructors, so an out-of-range or over-precise value never
//! reaches the pricing code. Their limits are HQ's column types: `NUMERIC(14,2)` for
//! money, `NUMERIC(14,3)` for quantities and `NUMERIC(9,6)` for tax rates, so anything
//! the terminal accepts, HQ can store without rounding.
//!
//! # Rounding
//!
//! There is one rounding rule, [`round_half_up`]: half-up on the magnitude (half away from
//! zero) to the minor unit. Rounding the magnitude rather than towards +∞ means a refund is
//! the exact mirror image of the sale it reverses.
//!
//! # How a sale is priced ([`price_sale`])
//!
//! 1. Each line's gross is `round(unit_price × quantity)`.
//! 2. The line's own discount comes off its gross (a percentage is rounded per line; an
//!    amount larger than the gross is refused, never silently capped).
//! 3. The cart discount is split across the lines in proportion to what each line costs
//!    after its own discount, by the largest-remainder method, so the shares add up to the
//!    cart discount exactly.
//! 4. **Tax is computed per line, on the line's amount after its share of every discount,
//!    and rounded half-up to the cent per line; the sale's tax is the sum of its lines'
//!    rounded taxes.** A tax-exclusive line adds `round(net × rate)` on top; a
//!    tax-inclusive line's price already contains `round(net × rate / (1 + rate))`.
//!
//! The totals satisfy, exactly and always, the identity HQ enforces with a `CHECK`
//! constraint:
//!
//! ```text
//! total = subtotal − discount_total + tax_total
//! ```
//!
//! where `subtotal` is the sum of the lines' gross amounts as priced (inclusive lines count
//! with the tax they contain), `discount_total` the sum of every line and cart discount,
//! and `tax_total` only the tax *added on top* of exclusive prices. Tax contained in
//! inclusive prices is reported separately in [`SaleTotals::tax_included`], because it is
//! already part of the subtotal: receipts show it as "incl. tax".
//!
//! # Refunds
//!
//! A refund of whole lines is the exact negation of the sale's totals ([`price_refund`]);
//! amounts are negative only in refunds. A partial refund takes a prorated share of the
//! original line ([`refund_share`]) and, given what was already refunded, never returns more
//! than the line was sold for; the refund that completes the quantity returns exactly the
//! remainder.
//!
//! # Tenders
//!
//! [`settle`] checks that the tenders pay the total and works out the change: change is
//! given in cash only, never for a card or store-credit overpayment, and store credit is
//! limited to the customer's balance ([`settle_with_credit_balance`]).

mod allocation;
pub mod approval;
mod decimal;
mod discount;
mod error;
pub mod limits;
mod line;
mod money;
mod pricing;
mod quantity;
mod refund;
mod rounding;
mod tax_rate;
mod tender;

pub use discount::Discount;
pub use error::{PricingError, RefundError, TenderError, ValueError};
pub use line::{LineInput, LineTotals};
pub use money::{MAX_MINOR, MINOR_DIGITS, Money};
pub use pricing::{SaleTotals, TaxByRate, price_refund, price_sale};
pub use quantity::{MAX_MILLI, Quantity, format_thousandths};
pub use refund::{RefundedSoFar, refund_share};
pub use rounding::round_half_up;
pub use tax_rate::TaxRate;
pub use tender::{Settlement, Tender, TenderMethod, settle, settle_with_credit_balance};
