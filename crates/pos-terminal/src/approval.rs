//! Which parts of a sale need a manager: the rule lives here, in the core, so no front-end
//! can skip it.

use pos_domain::{Money, SaleTotals};

use crate::cart::Cart;

/// Discounts up to this share of what they apply to are the cashier's call (basis points).
pub const CASHIER_DISCOUNT_LIMIT_BP: u32 = 2_000;

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
        if over_limit(priced.line_discount, priced.gross) {
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
    if cart_share > 0 && cart_share * 10_000 > after_lines * i64::from(CASHIER_DISCOUNT_LIMIT_BP) {
        reasons.push(format!(
            "a cart discount of {} is above {}%",
            Money::from_minor(cart_share).unwrap_or(Money::ZERO),
            CASHIER_DISCOUNT_LIMIT_BP / 100
        ));
    }
    reasons
}

fn over_limit(discount: Money, base: Money) -> bool {
    discount.minor() > 0
        && i128::from(discount.minor()) * 10_000
            > i128::from(base.minor()) * i128::from(CASHIER_DISCOUNT_LIMIT_BP)
}
