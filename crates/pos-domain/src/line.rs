//! One line of a sale: what the cashier rang up, and what it came to.

use std::num::NonZeroU64;

use serde::{Deserialize, Serialize};

use crate::quantity::MILLI_PER_UNIT;
use crate::rounding::nonzero;
use crate::tax_rate::PPM_PER_WHOLE;
use crate::{Discount, Money, PricingError, Quantity, TaxRate, round_half_up};

const MILLI: NonZeroU64 = nonzero(MILLI_PER_UNIT as u64);
const PPM: NonZeroU64 = nonzero(PPM_PER_WHOLE as u64);

/// A line as rung up: an item's price and tax treatment, how many, and its own discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInput {
    /// Price of one unit, zero or more. For a tax-inclusive line it contains the tax.
    pub unit_price: Money,
    /// How many units; a line must sell a non-zero quantity.
    pub quantity: Quantity,
    /// The item's tax rate.
    pub tax_rate: TaxRate,
    /// True when `unit_price` already contains the tax (VAT-style shelf prices); false
    /// when the tax is added on top at the till (US-style).
    pub price_includes_tax: bool,
    /// A discount on this line only.
    pub discount: Option<Discount>,
}

/// What one line came to. All amounts are in the sale's sign: positive in a sale,
/// negative in a refund.
///
/// Always `total = gross − line_discount − cart_discount_share + (tax unless
/// tax_included)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineTotals {
    /// `round(unit_price × quantity)`, as priced (inclusive lines contain their tax).
    pub gross: Money,
    /// This line's own discount.
    pub line_discount: Money,
    /// This line's share of the cart discount.
    pub cart_discount_share: Money,
    /// The line's tax, on the amount after both discounts: added on top when
    /// `tax_included` is false, contained in the price when it is true.
    pub tax: Money,
    /// Whether `tax` is contained in the price rather than added to it.
    pub tax_included: bool,
    /// What the customer pays for this line.
    pub total: Money,
}

impl LineTotals {
    /// The same line with every amount negated: what refunding it returns.
    pub fn negated(&self) -> LineTotals {
        LineTotals {
            gross: -self.gross,
            line_discount: -self.line_discount,
            cart_discount_share: -self.cart_discount_share,
            tax: -self.tax,
            tax_included: self.tax_included,
            total: -self.total,
        }
    }

    /// The amount tax is charged on: what the line costs after discounts, less any tax the
    /// price contains.
    pub fn taxable_base(&self) -> Result<Money, PricingError> {
        let mut base = self.net()?;
        if self.tax_included {
            base = base.checked_sub(self.tax)?;
        }
        Ok(base)
    }

    /// What the line costs after both discounts, before any tax is added on top.
    pub fn net(&self) -> Result<Money, PricingError> {
        Ok(self
            .gross
            .checked_sub(self.line_discount)?
            .checked_sub(self.cart_discount_share)?)
    }
}

/// A line after step 1 and 2 of pricing: gross and its own discount, both checked.
pub(crate) struct Discounted {
    pub gross: i128,
    pub line_discount: i128,
}

impl Discounted {
    /// What the cart discount is shared out in proportion to.
    pub fn after_line_discount(&self) -> i128 {
        self.gross - self.line_discount
    }
}

/// Validates a line and works out its gross and its own discount.
pub(crate) fn discount_line(index: usize, line: &LineInput) -> Result<Discounted, PricingError> {
    if line.unit_price.is_negative() {
        return Err(PricingError::NegativeUnitPrice {
            line: index,
            price: line.unit_price,
        });
    }
    if line.quantity.is_zero() {
        return Err(PricingError::ZeroQuantity { line: index });
    }
    let gross = round_half_up(
        i128::from(line.unit_price.minor()) * i128::from(line.quantity.milli()),
        MILLI,
    );
    // Checked here so every later step works on storable amounts.
    let gross_money = Money::from_i128(gross)?;
    let line_discount = line.discount.map_or(0, |d| d.off(gross));
    if line_discount > gross {
        return Err(PricingError::LineDiscountExceedsLine {
            line: index,
            discount: Money::from_i128(line_discount)?,
            gross: gross_money,
        });
    }
    Ok(Discounted {
        gross,
        line_discount,
    })
}

/// The tax on a line whose amount after every discount is `net` minor units.
///
/// Exclusive: `round(net × rate)`, added on top. Inclusive: the price already contains
/// the tax, so `net = base × (1 + rate)` and the tax is `round(net × rate / (1 + rate))`.
pub(crate) fn line_tax(net: i128, rate: TaxRate, price_includes_tax: bool) -> i128 {
    let ppm = i128::from(rate.ppm());
    if price_includes_tax {
        round_half_up(net * ppm, PPM.saturating_add(u64::from(rate.ppm())))
    } else {
        round_half_up(net * ppm, PPM)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(s: &str) -> TaxRate {
        TaxRate::parse(s).unwrap()
    }

    #[test]
    fn known_taxes_at_8_875_percent() {
        let nyc = rate("8.875%");
        assert_eq!(line_tax(1_000, nyc, false), 89); // 88.75 → 89
        assert_eq!(line_tax(1_089, nyc, true), 89); // 1089 × 0.08875 / 1.08875 = 88.77
        assert_eq!(line_tax(400, nyc, false), 36); // 35.5 → 36
        assert_eq!(line_tax(-400, nyc, false), -36);
        assert_eq!(line_tax(0, nyc, true), 0);
        assert_eq!(line_tax(1_000, TaxRate::ZERO, true), 0);
    }

    #[test]
    fn inclusive_tax_at_20_percent() {
        assert_eq!(line_tax(1_200, rate("20%"), true), 200);
        assert_eq!(line_tax(999, rate("20%"), true), 167); // 166.5 → 167
    }

    fn input(price: &str, qty: &str, discount: Option<&str>) -> LineInput {
        LineInput {
            unit_price: Money::parse(price).unwrap(),
            quantity: Quantity::parse(qty).unwrap(),
            tax_rate: TaxRate::ZERO,
            price_includes_tax: false,
            discount: discount.map(|d| Discount::parse(d).unwrap()),
        }
    }

    #[test]
    fn gross_is_rounded_price_times_quantity() {
        let d = discount_line(0, &input("2.99", "0.375", None)).unwrap();
        assert_eq!(d.gross, 112); // 1.12125 → 1.12
        let d = discount_line(0, &input("1.30", "0.5", Some("10%"))).unwrap();
        assert_eq!((d.gross, d.line_discount), (65, 7)); // 6.5 → 7
    }

    #[test]
    fn refuses_bad_lines() {
        assert_eq!(
            discount_line(2, &input("-1", "1", None))
                .err()
                .unwrap()
                .to_string(),
            "line 3: unit price -1.00 is negative"
        );
        assert_eq!(
            discount_line(0, &input("1", "0", None))
                .err()
                .unwrap()
                .to_string(),
            "line 1: quantity must not be zero"
        );
        assert_eq!(
            discount_line(0, &input("1", "2", Some("2.01")))
                .err()
                .unwrap()
                .to_string(),
            "line 1: discount 2.01 is larger than the line amount 2.00"
        );
        assert!(discount_line(0, &input("999999999999", "1000", None)).is_err());
    }
}
