//! Computing a shift's X/Z report from what is stored.
//!
//! Sums are taken by SQLite over integer minor units (exact), then checked into
//! [`Money`]; the cash arithmetic uses `Money`'s checked operations, so an impossible
//! total is an error, never a wrapped number.

use pos_domain::Money;
use rusqlite::Connection;

use crate::shift_types::{ShiftRecord, ShiftSummary};
use crate::{PaymentMethod, StoreError, convert};

fn overflow(e: pos_domain::ValueError) -> StoreError {
    StoreError::corrupt("shift summary", e)
}

/// The report of `shift` (open or closed), read on `conn` (the caller's transaction when
/// closing, so the report is exactly what the close committed).
pub(crate) fn summarize(conn: &Connection, shift: ShiftRecord) -> Result<ShiftSummary, StoreError> {
    let id = shift.id.to_string();
    let money = |column, minor: i64| convert::money(column, minor);

    type Heads = (i64, i64, i64, i64, i64, i64, i64, i64);
    let heads: Heads = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(kind = 'sale'), 0), COALESCE(SUM(kind = 'refund'), 0), \
           COALESCE(SUM(CASE WHEN kind = 'sale' THEN total END), 0), \
           COALESCE(SUM(CASE WHEN kind = 'refund' THEN total END), 0), \
           COALESCE(SUM(discount_total), 0), COALESCE(SUM(tax_total), 0), \
           COALESCE(SUM(tax_included), 0), COALESCE(SUM(change_given), 0) \
         FROM sales WHERE shift_id = ?1 AND status = 'completed'",
        )?
        .query_row([&id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
    let (sales, refunds, sales_total, refunds_total, discount, tax, included, change) = heads;

    let mut stmt = conn.prepare_cached(
        "SELECT l.tax_rate_ppm, SUM(l.tax) FROM sale_lines l JOIN sales s ON s.id = l.sale_id \
         WHERE s.shift_id = ?1 AND s.status = 'completed' \
         GROUP BY l.tax_rate_ppm ORDER BY l.tax_rate_ppm",
    )?;
    let rates = stmt
        .query_map([&id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let taxes_by_rate = rates
        .into_iter()
        .map(|(ppm, tax)| {
            Ok((
                convert::tax_rate("sale_lines.tax_rate_ppm", ppm)?,
                money("sale_lines.tax", tax)?,
            ))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;

    let mut stmt = conn.prepare_cached(
        "SELECT p.method, SUM(p.amount) FROM payments p JOIN sales s ON s.id = p.sale_id \
         WHERE s.shift_id = ?1 AND s.status = 'completed' GROUP BY p.method",
    )?;
    let by_method = stmt
        .query_map([&id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut tenders = Vec::new();
    for (method, amount) in by_method {
        let method = convert::spelled(
            "payments.method",
            &method,
            &PaymentMethod::ALL,
            PaymentMethod::as_str,
        )?;
        tenders.push((method, money("payments.amount", amount)?));
    }
    tenders.sort_by_key(|(m, _)| PaymentMethod::ALL.iter().position(|x| x == m));
    let cash_payments = tenders
        .iter()
        .find(|(m, _)| *m == PaymentMethod::Cash)
        .map_or(Money::ZERO, |(_, amount)| *amount);

    let (cash_in, cash_out): (i64, i64) = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(CASE WHEN direction = 'in' THEN amount END), 0), \
               COALESCE(SUM(CASE WHEN direction = 'out' THEN amount END), 0) \
             FROM cash_movements WHERE shift_id = ?1",
        )?
        .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let cash_in = money("cash_movements.amount", cash_in)?;
    let cash_out = money("cash_movements.amount", cash_out)?;
    let change_given = money("sales.change_given", change)?;

    let expected_cash = shift
        .opening_float
        .checked_add(cash_payments)
        .and_then(|m| m.checked_sub(change_given))
        .and_then(|m| m.checked_add(cash_in))
        .and_then(|m| m.checked_sub(cash_out))
        .map_err(overflow)?;
    let counted_cash = shift.counted_cash;
    let over_short = counted_cash
        .map(|c| c.checked_sub(expected_cash))
        .transpose()
        .map_err(overflow)?;
    let count = |n: i64| u64::try_from(n).map_err(|e| StoreError::corrupt("sales", e));

    Ok(ShiftSummary {
        opening_float: shift.opening_float,
        sales_count: count(sales)?,
        refunds_count: count(refunds)?,
        sales_total: money("sales.total", sales_total)?,
        refunds_total: money("sales.total", refunds_total)?,
        discount_total: money("sales.discount_total", discount)?,
        tax_total: money("sales.tax_total", tax)?,
        tax_included: money("sales.tax_included", included)?,
        taxes_by_rate,
        tenders,
        cash_payments,
        cash_in,
        cash_out,
        change_given,
        expected_cash,
        counted_cash,
        over_short,
        shift,
    })
}
