//! Error types. Messages are written for the person at the till or reading HQ's logs:
//! they name the value that was refused and the rule it broke.

use thiserror::Error;

use crate::{Money, Quantity};

/// A value that cannot be represented: bad text, too many decimals, or out of range.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValueError {
    /// The input text was empty.
    #[error("{what} is empty")]
    Empty {
        /// What was being parsed, e.g. "amount".
        what: &'static str,
    },
    /// The input is not a plain decimal number such as `12.34`.
    #[error("{what} {input:?} is not a decimal number")]
    Malformed {
        /// What was being parsed.
        what: &'static str,
        /// The refused input.
        input: String,
    },
    /// The input has significant digits past the precision the value can hold.
    #[error("{what} {input:?} has more than {max_decimals} decimal places")]
    TooPrecise {
        /// What was being parsed.
        what: &'static str,
        /// The refused input.
        input: String,
        /// How many decimal places this kind of value allows.
        max_decimals: u32,
    },
    /// The value is outside the range this kind of value allows.
    #[error("{what} {input:?} is out of range: {rule}")]
    OutOfRange {
        /// What was being parsed or computed.
        what: &'static str,
        /// The refused value, as text.
        input: String,
        /// The rule it broke, e.g. "must be below 100%".
        rule: &'static str,
    },
}

/// Why a cart could not be priced.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PricingError {
    /// Lines are sold at a price of zero or more; a negative price is a refund.
    #[error("line {}: unit price {price} is negative", .line + 1)]
    NegativeUnitPrice {
        /// Index of the line in the cart (0-based; messages count from 1).
        line: usize,
        /// The refused price.
        price: Money,
    },
    /// A line of zero items means nothing is being sold.
    #[error("line {}: quantity must not be zero", .line + 1)]
    ZeroQuantity {
        /// Index of the line in the cart (0-based).
        line: usize,
    },
    /// The line's discount is larger than the line; refused rather than capped so the
    /// cashier sees the mistake.
    #[error("line {}: discount {discount} is larger than the line amount {gross}", .line + 1)]
    LineDiscountExceedsLine {
        /// Index of the line in the cart (0-based).
        line: usize,
        /// The discount asked for.
        discount: Money,
        /// The line's gross amount.
        gross: Money,
    },
    /// The cart discount is larger than what the cart costs after line discounts.
    #[error("cart discount {discount} is larger than the cart amount {cart}")]
    CartDiscountExceedsCart {
        /// The discount asked for.
        discount: Money,
        /// The cart's amount after line discounts.
        cart: Money,
    },
    /// An amount overflowed what HQ can store.
    #[error(transparent)]
    Value(#[from] ValueError),
}

/// Why a partial refund could not be worked out.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RefundError {
    /// The original line's quantity was zero, so there is nothing to prorate.
    #[error("the original line sold nothing, so nothing can be refunded")]
    NothingSold,
    /// A refund of zero items.
    #[error("refund quantity must not be zero")]
    ZeroQuantity,
    /// More items would be refunded than were sold.
    #[error("cannot refund {requested}: {already} of the {sold} sold were already refunded")]
    ExceedsSold {
        /// Quantity on the original line.
        sold: Quantity,
        /// Quantity refunded before this refund.
        already: Quantity,
        /// Quantity this refund asked for.
        requested: Quantity,
    },
    /// An amount overflowed what HQ can store.
    #[error(transparent)]
    Value(#[from] ValueError),
}

/// Why a payment could not settle a sale.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TenderError {
    /// Every tender hands over something; zero or negative tenders are refused.
    #[error("tender amount {0} must be greater than zero")]
    NonPositiveAmount(Money),
    /// A card payment without the terminal's reference cannot be reconciled.
    #[error("card reference must not be empty")]
    EmptyCardReference,
    /// Refunds are paid out, not settled with tenders.
    #[error("amount due {0} is negative; a refund is paid out, not settled")]
    NegativeTotal(Money),
    /// The tenders do not cover the total.
    #[error("payment is short: {due} still due")]
    Insufficient {
        /// How much more must be tendered.
        due: Money,
    },
    /// Only cash can be overpaid, because change is given in cash.
    #[error("{method} amount {tendered} exceeds the amount due {due}")]
    NonCashOverpayment {
        /// "card", "store credit" or "card and store credit".
        method: &'static str,
        /// The non-cash amount tendered.
        tendered: Money,
        /// The sale total.
        due: Money,
    },
    /// Store credit tendered beyond the customer's balance.
    #[error("store credit {requested} exceeds the available balance {available}")]
    StoreCreditExceedsBalance {
        /// Store credit tendered.
        requested: Money,
        /// The customer's balance.
        available: Money,
    },
    /// An amount overflowed what HQ can store.
    #[error(transparent)]
    Value(#[from] ValueError),
}
