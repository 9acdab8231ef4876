//! What `complete_sale` checks before (and, for store credit, while) it writes: the sums,
//! the shift, what a refund may give back, and the customer's store credit.
//!
//! Each check that reads the database runs inside the sale's own immediate transaction,
//! so no other writer can refund the same line or spend the same credit in between.

use std::collections::BTreeMap;

use pos_domain::Money;
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::sale_types::{NewSale, PaymentMethod, SaleKind};
use crate::{StoreError, convert, shift};

/// The sums the schema cannot check row by row: lines → total, payments → paid.
pub(crate) fn check_sums(sale: &NewSale) -> Result<(), StoreError> {
    if sale.lines.is_empty() {
        return Err(StoreError::invalid(
            "sale",
            "a sale needs at least one line",
        ));
    }
    let sum = |amounts: Vec<Money>, what: &str| {
        Money::checked_sum(amounts)
            .map_err(|e| StoreError::invalid("sale", format!("{what} overflow: {e}")))
    };
    let lines = sum(sale.lines.iter().map(|l| l.total).collect(), "line totals")?;
    if lines != sale.total {
        return Err(StoreError::invalid(
            "sale",
            format!("the lines add up to {lines}, not the total {}", sale.total),
        ));
    }
    let paid = sum(sale.payments.iter().map(|p| p.amount).collect(), "payments")?;
    if paid != sale.paid_total {
        return Err(StoreError::invalid(
            "sale",
            format!("the payments add up to {paid}, not {}", sale.paid_total),
        ));
    }
    Ok(())
}

/// A sale names the catalog version its prices were checked against; HQ checks them at
/// that version. Read inside the sale's immediate transaction, so no pull can land between
/// this check and the commit: a pull after the till's check is a [`StoreError::CatalogChanged`].
pub(crate) fn check_catalog_version(conn: &Connection, sale: &NewSale) -> Result<(), StoreError> {
    let Some(priced) = sale.catalog_version else {
        return Ok(());
    };
    let now: i64 = conn
        .prepare_cached("SELECT pull_cursor FROM sync_state WHERE singleton = 1")?
        .query_row([], |row| row.get(0))
        .optional()?
        .unwrap_or(0);
    if now != priced {
        return Err(StoreError::CatalogChanged { priced, now });
    }
    Ok(())
}

/// A sale rung up in a shift must name an open one: a closed shift's Z report is final.
pub(crate) fn check_shift(conn: &Connection, sale: &NewSale) -> Result<(), StoreError> {
    match sale.shift_id {
        Some(id) => shift::open_shift_by_id(conn, id).map(drop),
        None => Ok(()),
    }
}

/// A sale's lines point at nothing. A refund reverses a completed sale (not a refund, not
/// a voided sale), every line names a line of that sale with the same item, and no
/// original line gives back more than it sold, counting every completed refund before.
pub(crate) fn check_refund(conn: &Connection, sale: &NewSale) -> Result<(), StoreError> {
    let refused = |reason: String| Err(StoreError::invalid("refund", reason));
    if sale.kind == SaleKind::Sale {
        if sale.lines.iter().any(|l| l.refund_of_line.is_some()) {
            return Err(StoreError::invalid(
                "sale",
                "only a refund's lines may point at an original line",
            ));
        }
        return Ok(());
    }
    let Some(original) = sale.refund_of else {
        return refused("a refund must name the sale it reverses".to_owned());
    };
    let head: Option<(String, String)> = conn
        .prepare_cached("SELECT kind, status FROM sales WHERE id = ?1")?
        .query_row([original.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match head.as_ref().map(|(k, s)| (k.as_str(), s.as_str())) {
        Some(("sale", "completed")) => {}
        Some((kind, status)) => {
            return refused(format!(
                "{original} is a {status} {kind}, not a completed sale"
            ));
        }
        None => return refused(format!("the refunded sale {original} is not known here")),
    }

    // original line → (item, quantity asked, money given back as a positive magnitude)
    let mut wanted: BTreeMap<Uuid, (Uuid, i64, i64)> = BTreeMap::new();
    for line in &sale.lines {
        let Some(of) = line.refund_of_line else {
            return refused(format!(
                "line {} does not name the line it refunds",
                line.id
            ));
        };
        let entry = wanted.entry(of).or_insert((line.item_id, 0, 0));
        if entry.0 != line.item_id {
            return refused(format!("lines refunding {of} name different items"));
        }
        entry.1 = entry.1.saturating_add(line.quantity.milli());
        entry.2 = entry.2.saturating_sub(line.total.minor());
    }
    for (of, (item_id, requested, money_back)) in wanted {
        let sold: Option<(String, i64, i64)> = conn
            .prepare_cached(
                "SELECT item_id, quantity, total FROM sale_lines WHERE id = ?1 AND sale_id = ?2",
            )?
            .query_row(params![of.to_string(), original.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((sold_item, sold, sold_total)) = sold else {
            return refused(format!("{of} is not a line of sale {original}"));
        };
        if convert::uuid("sale_lines.item_id", &sold_item)? != item_id {
            return refused(format!("the refund of line {of} names another item"));
        }
        let (already, already_back) = refunded_so_far(conn, of)?;
        if already.saturating_add(requested) > sold {
            let q = |milli| convert::quantity("sale_lines.quantity", milli);
            return Err(StoreError::RefundExceedsSale {
                line_id: of.to_string(),
                sold: q(sold)?,
                already: q(already)?,
                requested: q(requested)?,
            });
        }
        if already_back.saturating_add(money_back) > sold_total {
            return refused(format!(
                "the refunds of line {of} would give back {} cents, more than the {sold_total} it sold for",
                already_back.saturating_add(money_back)
            ));
        }
    }
    Ok(())
}

/// (Σ quantity in thousandths, Σ money given back in minor units, positive) of completed
/// refunds' lines pointing at `line_id`.
fn refunded_so_far(conn: &Connection, line_id: Uuid) -> Result<(i64, i64), StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(SUM(l.quantity), 0), -COALESCE(SUM(l.total), 0) FROM sale_lines l \
             JOIN sales s ON s.id = l.sale_id \
             WHERE l.refund_of_line = ?1 AND s.status = 'completed'",
        )?
        .query_row([line_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Moves the customer's balance by the sale's net store-credit payments: a sale spends
/// (balance − amount), a refund paid to store credit (negative amount) gives it back.
/// Refused without a customer, for an unknown or deleted one, and beyond the balance.
pub(crate) fn apply_store_credit(conn: &Connection, sale: &NewSale) -> Result<(), StoreError> {
    let credit: Vec<Money> = sale
        .payments
        .iter()
        .filter(|p| p.method == PaymentMethod::StoreCredit)
        .map(|p| p.amount)
        .collect();
    if credit.is_empty() {
        return Ok(());
    }
    let net = Money::checked_sum(credit)
        .map_err(|e| StoreError::invalid("sale", format!("store credit overflow: {e}")))?;
    let Some(customer) = sale.customer_id else {
        return Err(StoreError::invalid(
            "sale",
            "a store-credit payment needs a customer",
        ));
    };
    let id = customer.to_string();
    let balance: Option<i64> = conn
        .prepare_cached("SELECT store_credit FROM customers WHERE id = ?1 AND deleted = 0")?
        .query_row([&id], |r| r.get(0))
        .optional()?;
    let balance = balance.ok_or_else(|| StoreError::NotFound {
        what: "customer",
        id: id.clone(),
    })?;
    let balance = convert::money("customers.store_credit", balance)?;
    let after = balance
        .checked_sub(net)
        .map_err(|e| StoreError::invalid("sale", format!("store credit overflow: {e}")))?;
    if after.is_negative() {
        return Err(StoreError::InsufficientStoreCredit {
            customer_id: id,
            balance,
            requested: net,
        });
    }
    conn.prepare_cached("UPDATE customers SET store_credit = ?2 WHERE id = ?1")?
        .execute(params![id, after.minor()])?;
    Ok(())
}
