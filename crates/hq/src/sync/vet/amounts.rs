//! HQ never trusts a terminal's arithmetic: a sale is re-priced from its lines with the
//! same domain code the till used, and a refund's sums are re-added.

use pos_domain::{Discount, LineInput, Money, price_sale};
use sync_protocol::{NewSale, SaleKind};

use super::payments;
use crate::sync::Refusal;

fn mismatch(what: &str, hq: Money, terminal: Money) -> Refusal {
    Refusal::new(
        "totals_mismatch",
        format!("HQ computes {what} {hq} where the terminal recorded {terminal}"),
    )
}

pub(super) fn same(what: &str, hq: Money, terminal: Money) -> Result<(), Refusal> {
    if hq == terminal {
        Ok(())
    } else {
        Err(mismatch(what, hq, terminal))
    }
}

pub(super) fn sum(values: impl Iterator<Item = Money>) -> Result<Money, Refusal> {
    Money::checked_sum(values).map_err(|e| Refusal::new("bad_record", e.to_string()))
}

/// Re-derives every amount of `sale` and refuses it when one differs.
pub fn check_amounts(sale: &NewSale) -> Result<(), Refusal> {
    if sale.lines.is_empty() {
        return Err(Refusal::new("bad_record", "a sale needs at least one line"));
    }
    match sale.kind {
        SaleKind::Sale => reprice(sale)?,
        SaleKind::Refund => re_add(sale)?,
    }
    payments::check(sale)
}

/// A sale: price the lines again (line discounts and the cart discount as the amounts the
/// till took off; the allocation is deterministic, so the shares come out the same).
fn reprice(sale: &NewSale) -> Result<(), Refusal> {
    let inputs = sale
        .lines
        .iter()
        .map(|line| {
            let discount = if line.line_discount.is_zero() {
                None
            } else {
                Some(
                    Discount::amount_off(line.line_discount)
                        .map_err(|e| Refusal::new("bad_record", e.to_string()))?,
                )
            };
            Ok(LineInput {
                unit_price: line.unit_price,
                quantity: line.quantity,
                tax_rate: line.tax_rate,
                price_includes_tax: line.price_includes_tax,
                discount,
            })
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    let cart_off = sum(sale.lines.iter().map(|l| l.cart_discount_share))?;
    let cart = if cart_off.is_zero() {
        None
    } else {
        Some(
            Discount::amount_off(cart_off)
                .map_err(|e| Refusal::new("bad_record", e.to_string()))?,
        )
    };
    let priced = price_sale(&inputs, cart)
        .map_err(|e| Refusal::new("totals_mismatch", format!("HQ cannot price this sale: {e}")))?;
    for (n, (hq, line)) in priced.lines.iter().zip(&sale.lines).enumerate() {
        let at = |field: &str| format!("line {}'s {field}", n + 1);
        same(&at("gross"), hq.gross, line.gross)?;
        same(&at("line discount"), hq.line_discount, line.line_discount)?;
        same(
            &at("cart discount share"),
            hq.cart_discount_share,
            line.cart_discount_share,
        )?;
        same(&at("tax"), hq.tax, line.tax)?;
        same(&at("total"), hq.total, line.total)?;
    }
    same("the subtotal", priced.subtotal, sale.subtotal)?;
    same(
        "the discount total",
        priced.discount_total,
        sale.discount_total,
    )?;
    same("the tax total", priced.tax_total, sale.tax_total)?;
    same("the included tax", priced.tax_included, sale.tax_included)?;
    same("the total", priced.total, sale.total)
}

/// A refund's lines are prorated shares of the sale's lines (checked against what those
/// lines sold when the refund is stored); here each line and the header must add up.
fn re_add(sale: &NewSale) -> Result<(), Refusal> {
    for (n, line) in sale.lines.iter().enumerate() {
        let expected = line
            .gross
            .checked_sub(line.line_discount)
            .and_then(|m| m.checked_sub(line.cart_discount_share))
            .and_then(|m| {
                if line.price_includes_tax {
                    Ok(m)
                } else {
                    m.checked_add(line.tax)
                }
            })
            .map_err(|e| Refusal::new("bad_record", e.to_string()))?;
        same(&format!("line {}'s total", n + 1), expected, line.total)?;
        if line.total.is_positive() {
            return Err(Refusal::new(
                "bad_record",
                format!("refund line {} has a positive total", n + 1),
            ));
        }
    }
    let lines = &sale.lines;
    same(
        "the subtotal",
        sum(lines.iter().map(|l| l.gross))?,
        sale.subtotal,
    )?;
    let discounts = sum(lines.iter().map(|l| l.line_discount))?
        .checked_add(sum(lines.iter().map(|l| l.cart_discount_share))?)
        .map_err(|e| Refusal::new("bad_record", e.to_string()))?;
    same("the discount total", discounts, sale.discount_total)?;
    let added = sum(lines
        .iter()
        .filter(|l| !l.price_includes_tax)
        .map(|l| l.tax))?;
    same("the tax total", added, sale.tax_total)?;
    let contained = sum(lines.iter().filter(|l| l.price_includes_tax).map(|l| l.tax))?;
    same("the included tax", contained, sale.tax_included)?;
    same("the total", sum(lines.iter().map(|l| l.total))?, sale.total)
}
