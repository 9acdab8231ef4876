//! Pricing a whole cart: discounts, the cart discount's allocation, tax and totals.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::allocation::allocate;
use crate::line::{discount_line, line_tax};
use crate::{Discount, LineInput, LineTotals, Money, PricingError, TaxRate};

/// A sale's totals, line by line and overall.
///
/// Always, exactly: `total = subtotal − discount_total + tax_total`, and `total` is the sum
/// of the lines' totals. Amounts are positive in a sale and negative in a refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SaleTotals {
    /// Each line's totals, in the order the lines were given.
    pub lines: Vec<LineTotals>,
    /// Σ gross, as priced: inclusive lines count with the tax their price contains.
    pub subtotal: Money,
    /// Σ (line discount + cart discount share): every discount on the sale.
    pub discount_total: Money,
    /// Tax *added on top* of exclusive prices; part of `total`'s arithmetic.
    pub tax_total: Money,
    /// Tax *contained in* inclusive prices; already inside `subtotal`, so reported
    /// separately (receipts print it as "incl. tax") and never added again.
    pub tax_included: Money,
    /// What the customer pays.
    pub total: Money,
    /// Tax per rate, by ascending rate, for the receipt and tax returns. Both exclusive
    /// and inclusive tax are counted here.
    pub taxes_by_rate: Vec<TaxByRate>,
}

/// The tax charged at one rate across a sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TaxByRate {
    /// The rate.
    pub rate: TaxRate,
    /// What was taxed at this rate: each line's amount after discounts, less the tax an
    /// inclusive price contains.
    pub taxable: Money,
    /// The tax at this rate: the sum of the lines' rounded taxes.
    pub tax: Money,
}

impl SaleTotals {
    /// The same totals with every amount negated: what refunding the whole sale returns.
    pub fn negated(&self) -> SaleTotals {
        SaleTotals {
            lines: self.lines.iter().map(LineTotals::negated).collect(),
            subtotal: -self.subtotal,
            discount_total: -self.discount_total,
            tax_total: -self.tax_total,
            tax_included: -self.tax_included,
            total: -self.total,
            taxes_by_rate: self
                .taxes_by_rate
                .iter()
                .map(|t| TaxByRate {
                    rate: t.rate,
                    taxable: -t.taxable,
                    tax: -t.tax,
                })
                .collect(),
        }
    }
}

/// Prices a sale. See the crate documentation for the rules; in short:
///
/// 1. gross = `round(unit_price × quantity)` per line;
/// 2. the line's own discount comes off (an amount larger than the gross is an error);
/// 3. the cart discount (a percentage of, or an amount off, the cart after line discounts;
///    an amount larger than that is an error) is shared across lines in proportion to
///    their amounts after line discounts, by largest remainder, summing exactly;
/// 4. each line's tax is computed on its amount after both discounts and rounded half-up
///    per line; the sale's tax is the sum of the lines' taxes.
///
/// An empty cart prices to zero (with no cart discount, or one that takes nothing off).
pub fn price_sale(
    lines: &[LineInput],
    cart_discount: Option<Discount>,
) -> Result<SaleTotals, PricingError> {
    let discounted = lines
        .iter()
        .enumerate()
        .map(|(index, line)| discount_line(index, line))
        .collect::<Result<Vec<_>, _>>()?;

    let bases: Vec<i128> = discounted.iter().map(|d| d.after_line_discount()).collect();
    let cart: i128 = bases.iter().sum();
    let cart_money = Money::from_i128(cart)?;
    let cart_off = cart_discount.map_or(0, |d| d.off(cart));
    if cart_off > cart {
        return Err(PricingError::CartDiscountExceedsCart {
            discount: Money::from_i128(cart_off)?,
            cart: cart_money,
        });
    }
    // Everything about a line that changes its tax, so tie-breaks ignore line order.
    let keys: Vec<_> = lines
        .iter()
        .zip(&bases)
        .map(|(line, &base)| (Reverse(base), line.tax_rate, line.price_includes_tax))
        .collect();
    let shares = allocate(cart_off, &bases, &keys);

    let mut totals = Vec::with_capacity(lines.len());
    let mut by_rate: BTreeMap<TaxRate, (i128, i128)> = BTreeMap::new();
    for ((line, d), share) in lines.iter().zip(&discounted).zip(shares) {
        let net = d.after_line_discount() - share;
        let tax = line_tax(net, line.tax_rate, line.price_includes_tax);
        let (taxable, total) = if line.price_includes_tax {
            (net - tax, net)
        } else {
            (net, net + tax)
        };
        let entry = by_rate.entry(line.tax_rate).or_default();
        entry.0 += taxable;
        entry.1 += tax;
        totals.push(LineTotals {
            gross: Money::from_i128(d.gross)?,
            line_discount: Money::from_i128(d.line_discount)?,
            cart_discount_share: Money::from_i128(share)?,
            tax: Money::from_i128(tax)?,
            tax_included: line.price_includes_tax,
            total: Money::from_i128(total)?,
        });
    }

    let sum = |pick: fn(&LineTotals) -> Money| Money::checked_sum(totals.iter().map(pick));
    let subtotal = sum(|l| l.gross)?;
    let discount_total = sum(|l| l.line_discount)?.checked_add(Money::from_i128(cart_off)?)?;
    let tax_total = sum(|l| if l.tax_included { Money::ZERO } else { l.tax })?;
    let tax_included = sum(|l| if l.tax_included { l.tax } else { Money::ZERO })?;
    let total = subtotal
        .checked_sub(discount_total)?
        .checked_add(tax_total)?;
    let taxes_by_rate = by_rate
        .into_iter()
        .map(|(rate, (taxable, tax))| {
            Ok(TaxByRate {
                rate,
                taxable: Money::from_i128(taxable)?,
                tax: Money::from_i128(tax)?,
            })
        })
        .collect::<Result<Vec<_>, PricingError>>()?;

    Ok(SaleTotals {
        lines: totals,
        subtotal,
        discount_total,
        tax_total,
        tax_included,
        total,
        taxes_by_rate,
    })
}

/// Prices a refund of whole lines: exactly the negation of [`price_sale`] for the same
/// lines and cart discount, so a refund can never return a cent more or less than the
/// sale took. For part of a line, see [`crate::refund_share`].
pub fn price_refund(
    lines: &[LineInput],
    cart_discount: Option<Discount>,
) -> Result<SaleTotals, PricingError> {
    Ok(price_sale(lines, cart_discount)?.negated())
}
