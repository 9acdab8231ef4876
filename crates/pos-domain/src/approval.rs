//! Which discounts a cashier may give alone. Anything larger needs a manager: the till asks
//! for one, and HQ refuses a sale that carries such a discount without a recorded approval,
//! so both read the rule from here.

use crate::Money;

/// Discounts up to this share of what they apply to are the cashier's call (basis points).
pub const CASHIER_DISCOUNT_LIMIT_BP: u32 = 2_000;

/// Whether taking `discount` off `base` is beyond what a cashier may do alone.
pub fn beyond_cashier_limit(discount: Money, base: Money) -> bool {
    discount.minor() > 0
        && i128::from(discount.minor()) * 10_000
            > i128::from(base.minor()) * i128::from(CASHIER_DISCOUNT_LIMIT_BP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_percent_is_the_cashiers_and_a_cent_more_is_not() {
        let m = |s: &str| Money::parse(s).unwrap();
        assert!(!beyond_cashier_limit(m("2.00"), m("10.00")));
        assert!(beyond_cashier_limit(m("2.01"), m("10.00")));
        assert!(!beyond_cashier_limit(Money::ZERO, Money::ZERO));
        assert!(beyond_cashier_limit(m("0.01"), Money::ZERO));
    }
}
