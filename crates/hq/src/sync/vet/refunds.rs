//! A refund's lines against the sold lines they give back, as HQ holds them: the same
//! item, unit price, tax rate and inclusiveness, no more than is left of the quantity, and
//! amounts that are exactly the share `pos_domain::refund_share` returns given what HQ's
//! earlier refunds of that line returned. A refund of 0.001 units for 5.00, or a line
//! naming another item's sold line, is refused `refund_mismatch`.

use std::collections::HashMap;

use deadpool_postgres::Transaction;
use pos_domain::{LineTotals, Money, Quantity, RefundError, RefundedSoFar, refund_share};
use sync_protocol::{NewSale, NewSaleLine};
use uuid::Uuid;

use crate::sync::Refusal;
use crate::sync::refusal::ApplyError;

/// The refusal code of a refund line that does not match what it gives back.
pub const REFUND_MISMATCH: &str = "refund_mismatch";

const ORIGINAL_SQL: &str = "SELECT o.item_id, (o.quantity * 1000)::int8, \
       (o.unit_price * 100)::int8, o.price_includes_tax, (o.tax_rate * 1000000)::int8, \
       (o.gross * 100)::int8, (o.line_discount * 100)::int8, \
       (o.cart_discount_share * 100)::int8, (o.tax * 100)::int8, (o.line_total * 100)::int8, \
       COALESCE(sum(r.quantity * 1000), 0)::int8, COALESCE(-sum(r.gross * 100), 0)::int8, \
       COALESCE(-sum(r.line_discount * 100), 0)::int8, \
       COALESCE(-sum(r.cart_discount_share * 100), 0)::int8, COALESCE(-sum(r.tax * 100), 0)::int8 \
     FROM pos.sale_lines o LEFT JOIN pos.sale_lines r ON r.refund_of_line = o.id \
     WHERE o.id = $1 AND o.sale_id = $2 \
     GROUP BY o.id";

fn mismatch(message: String) -> ApplyError {
    Refusal::new(REFUND_MISMATCH, message).into()
}

fn money(minor: i64) -> Result<Money, ApplyError> {
    Money::from_minor(minor).map_err(|e| Refusal::new("bad_record", e.to_string()).into())
}

/// Checks every line of the refund `sale` (already known to name a sale of this
/// organization in `refund_of`).
pub async fn check(
    tx: &Transaction<'_>,
    sale: &NewSale,
    receipt_no: &str,
) -> Result<(), ApplyError> {
    let statement = tx.prepare_cached(ORIGINAL_SQL).await?;
    // Two lines of one refund may give back the same sold line: the second counts the first.
    let mut this_refund: HashMap<Uuid, RefundedSoFar> = HashMap::new();
    for (n, line) in sale.lines.iter().enumerate() {
        let Some(original) = line.refund_of_line else {
            return Err(Refusal::new("bad_record", "a refund line names no sold line").into());
        };
        let row = tx
            .query_opt(&statement, &[&original, &sale.refund_of])
            .await?
            .ok_or_else(|| {
                Refusal::new(
                    "unknown_sale",
                    format!("line {original} is not a line of the refunded sale"),
                )
            })?;
        let same_item = row.get::<_, Uuid>(0) == line.item_id
            && row.get::<_, i64>(2) == line.unit_price.minor()
            && row.get::<_, bool>(3) == line.price_includes_tax
            && row.get::<_, i64>(4) == i64::from(line.tax_rate.ppm());
        if !same_item {
            return Err(mismatch(format!(
                "refund line {} is not the item, unit price and tax of the sold line {original} \
                 it names",
                n + 1
            )));
        }
        let sold = Quantity::from_milli(row.get(1))
            .map_err(|e| Refusal::new("bad_record", e.to_string()))?;
        let totals = LineTotals {
            gross: money(row.get(5))?,
            line_discount: money(row.get(6))?,
            cart_discount_share: money(row.get(7))?,
            tax: money(row.get(8))?,
            tax_included: line.price_includes_tax,
            total: money(row.get(9))?,
        };
        let at_hq = RefundedSoFar {
            quantity: Quantity::from_milli(row.get(10))
                .map_err(|e| Refusal::new("bad_record", e.to_string()))?,
            gross: money(row.get(11))?,
            line_discount: money(row.get(12))?,
            cart_discount_share: money(row.get(13))?,
            tax: money(row.get(14))?,
        };
        let already = this_refund.entry(original).or_insert(at_hq);
        let share = match refund_share(&totals, sold, line.quantity, already) {
            Ok(share) => share,
            Err(RefundError::ExceedsSold { .. }) => {
                return Err(Refusal::new(
                    "refund_exceeds_sale",
                    format!(
                        "line {original} would be refunded beyond what it sold (receipt \
                         {receipt_no})"
                    ),
                )
                .into());
            }
            Err(error) => return Err(mismatch(format!("refund line {}: {error}", n + 1))),
        };
        already
            .record(line.quantity, &share)
            .map_err(|e| Refusal::new("bad_record", e.to_string()))?;
        if !same_amounts(&share.negated(), line) {
            return Err(mismatch(format!(
                "refund line {} gives back {} for {} unit(s) where HQ computes {} from the sold \
                 line",
                n + 1,
                line.total,
                line.quantity,
                share.negated().total
            )));
        }
    }
    Ok(())
}

fn same_amounts(share: &LineTotals, line: &NewSaleLine) -> bool {
    share.gross == line.gross
        && share.line_discount == line.line_discount
        && share.cart_discount_share == line.cart_discount_share
        && share.tax == line.tax
        && share.total == line.total
}
