//! Refunding part of a line.

use std::num::NonZeroU64;

use crate::{LineTotals, Money, Quantity, RefundError, round_half_up};

/// What earlier partial refunds of one line have already returned, in the sale's sign
/// (positive amounts), as [`refund_share`] produced them.
///
/// The caller keeps this per original line (the terminal from its refunds table, HQ from
/// its ledger) and passes it in, so the refund that completes the quantity can return the
/// exact remainder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefundedSoFar {
    /// Quantity already refunded.
    pub quantity: Quantity,
    /// Σ gross of the earlier shares.
    pub gross: Money,
    /// Σ line discount of the earlier shares.
    pub line_discount: Money,
    /// Σ cart discount share of the earlier shares.
    pub cart_discount_share: Money,
    /// Σ tax of the earlier shares.
    pub tax: Money,
}

impl RefundedSoFar {
    /// Adds one refund (`quantity` units, whose share of the line was `share`).
    pub fn record(&mut self, quantity: Quantity, share: &LineTotals) -> Result<(), RefundError> {
        self.quantity = self.quantity.checked_add(quantity)?;
        self.gross = self.gross.checked_add(share.gross)?;
        self.line_discount = self.line_discount.checked_add(share.line_discount)?;
        self.cart_discount_share = self
            .cart_discount_share
            .checked_add(share.cart_discount_share)?;
        self.tax = self.tax.checked_add(share.tax)?;
        Ok(())
    }
}

/// The share of a sold line that refunding `refund_qty` of its `sold_qty` units returns,
/// given what earlier refunds of the line `already` returned.
///
/// The result is in the sale's sign (as the original line): record it with
/// [`RefundedSoFar::record`], and store or print it as a refund with
/// [`LineTotals::negated`].
///
/// Each amount is prorated *cumulatively*: after refunding `c` of `n` units in total, the
/// refunds have returned `round(amount × c / n)` of it (half-up), so this refund returns
/// that minus what `already` returned. The parts therefore telescope: however the quantity
/// is split, the refunds add up exactly to the original line, never exceed it, and the
/// refund that completes the quantity returns exactly the remainder. (If `already` came from
/// elsewhere and disagrees, each part is clamped to between zero and what is left.)
///
/// The amount after discounts, the line discount, the cart discount share and the tax are
/// prorated, and the share's gross and total are derived from them, so each share is a
/// consistent line (`total = gross − discounts + tax unless included`) whose tax is
/// exactly the tax charged, not a recomputation.
pub fn refund_share(
    line: &LineTotals,
    sold_qty: Quantity,
    refund_qty: Quantity,
    already: &RefundedSoFar,
) -> Result<LineTotals, RefundError> {
    let sold = u64::try_from(sold_qty.milli())
        .ok()
        .and_then(NonZeroU64::new)
        .ok_or(RefundError::NothingSold)?;
    if refund_qty.is_zero() {
        return Err(RefundError::ZeroQuantity);
    }
    let cumulative = already.quantity.checked_add(refund_qty)?;
    if cumulative > sold_qty {
        return Err(RefundError::ExceedsSold {
            sold: sold_qty,
            already: already.quantity,
            requested: refund_qty,
        });
    }
    let cumulative = i128::from(cumulative.milli());
    let part = |original: Money, prior: i128| -> i128 {
        // Prorate the magnitude so a line passed in with negative amounts mirrors exactly.
        let sign = if original.is_negative() { -1 } else { 1 };
        let original = sign * i128::from(original.minor());
        let prior = sign * prior;
        let target = round_half_up(original * cumulative, sold);
        sign * (target - prior).clamp(0, (original - prior).max(0))
    };
    let minor = |m: Money| i128::from(m.minor());

    let net = part(
        line.gross
            .checked_sub(line.line_discount)?
            .checked_sub(line.cart_discount_share)?,
        minor(already.gross) - minor(already.line_discount) - minor(already.cart_discount_share),
    );
    let line_discount = part(line.line_discount, minor(already.line_discount));
    let cart_discount_share = part(line.cart_discount_share, minor(already.cart_discount_share));
    let tax = part(line.tax, minor(already.tax));
    let total = if line.tax_included { net } else { net + tax };
    Ok(LineTotals {
        gross: Money::from_i128(net + line_discount + cart_discount_share)?,
        line_discount: Money::from_i128(line_discount)?,
        cart_discount_share: Money::from_i128(cart_discount_share)?,
        tax: Money::from_i128(tax)?,
        tax_included: line.tax_included,
        total: Money::from_i128(total)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap()
    }

    /// 3 × 1.00 with 0.10 off and 0.03 of a cart discount, 8.875% on 2.87 = 0.25 tax.
    fn sold() -> LineTotals {
        LineTotals {
            gross: m("3.00"),
            line_discount: m("0.10"),
            cart_discount_share: m("0.03"),
            tax: m("0.25"),
            tax_included: false,
            total: m("3.12"),
        }
    }

    #[test]
    fn one_unit_at_a_time_adds_up_to_the_line() {
        let line = sold();
        let mut so_far = RefundedSoFar::default();
        let mut shares = Vec::new();
        for _ in 0..3 {
            let share = refund_share(&line, q("3"), q("1"), &so_far).unwrap();
            so_far.record(q("1"), &share).unwrap();
            shares.push(share);
        }
        assert_eq!(shares[0].tax, m("0.08"));
        assert_eq!(shares[1].tax, m("0.09")); // cumulative round(0.1667) = 0.17
        assert_eq!(shares[2].tax, m("0.08"));
        assert_eq!(so_far.gross, line.gross);
        assert_eq!(so_far.tax, line.tax);
        let total: i64 = shares.iter().map(|s| s.total.minor()).sum();
        assert_eq!(total, line.total.minor());
        for s in &shares {
            let derived = s.gross.minor() - s.line_discount.minor() - s.cart_discount_share.minor()
                + s.tax.minor();
            assert_eq!(derived, s.total.minor());
        }
    }

    #[test]
    fn refusing_more_than_was_sold() {
        let mut so_far = RefundedSoFar::default();
        let share = refund_share(&sold(), q("3"), q("2"), &so_far).unwrap();
        so_far.record(q("2"), &share).unwrap();
        let err = refund_share(&sold(), q("3"), q("1.5"), &so_far).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot refund 1.5: 2 of the 3 sold were already refunded"
        );
        assert_eq!(
            refund_share(&sold(), q("3"), q("0"), &so_far),
            Err(RefundError::ZeroQuantity)
        );
        assert_eq!(
            refund_share(&sold(), q("0"), q("1"), &RefundedSoFar::default()),
            Err(RefundError::NothingSold)
        );
    }

    #[test]
    fn refunding_everything_at_once_returns_the_line() {
        let share = refund_share(&sold(), q("3"), q("3"), &RefundedSoFar::default()).unwrap();
        assert_eq!(share, sold());
        assert_eq!(share.negated().total, m("-3.12"));
    }
}
