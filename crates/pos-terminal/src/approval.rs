//! Which parts of a sale need a manager: the rule lives here, in the core, so no front-end
//! can skip it.

pub use pos_domain::approval::CASHIER_DISCOUNT_LIMIT_BP;
use pos_domain::approval::beyond_cashier_limit;
use pos_domain::{Money, SaleTotals};

use crate::cart::Cart;

/// One sentence per thing in `cart` that a manager must approve.
pub fn needs_manager(cart: &Cart, totals: &SaleTotals) -> Vec<String> {
    let mut reasons = Vec::new();
    for (index, (line, priced)) in cart.lines.iter().zip(&totals.lines).enumerate() {
        if let Some(from) = line.overridden_from {
            reasons.push(format!(
                "line {}: price of {} changed from {from} to {}",
                index + 1,
                line.name,
                line.unit_price
            ));
        }
        if beyond_cashier_limit(priced.line_discount, priced.gross) {
            reasons.push(format!(
                "line {}: discount {} on {} is above {}%",
                index + 1,
                priced.line_discount,
                priced.gross,
                CASHIER_DISCOUNT_LIMIT_BP / 100
            ));
        }
    }
    let cart_share: i64 = totals
        .lines
        .iter()
        .map(|l| l.cart_discount_share.minor())
        .sum();
    let after_lines: i64 = totals
        .lines
        .iter()
        .map(|l| l.gross.minor() - l.line_discount.minor())
        .sum();
    let share = Money::from_minor(cart_share).unwrap_or(Money::ZERO);
    let base = Money::from_minor(after_lines).unwrap_or(Money::ZERO);
    if beyond_cashier_limit(share, base) {
        reasons.push(format!(
            "a cart discount of {} is above {}%",
            share,
            CASHIER_DISCOUNT_LIMIT_BP / 100
        ));
    }
    reasons
}
