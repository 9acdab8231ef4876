//! Reading a committed sale back: by receipt number (reprint, refund lookup) or id, and
//! what has already been refunded of each of its lines.

use pos_domain::{Money, Quantity, TaxRate};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::sale_types::{NewPayment, PaymentMethod, SaleKind};
use crate::{Store, StoreError, convert};

/// A committed sale or refund, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSale {
    /// The sale's id.
    pub id: Uuid,
    /// `{code}-{seq:06}`.
    pub receipt_no: String,
    /// Sale or refund.
    pub kind: SaleKind,
    /// The sale a refund reverses.
    pub refund_of: Option<Uuid>,
    /// The customer, if one was attached.
    pub customer_id: Option<Uuid>,
    /// Who rang it up.
    pub cashier_id: Uuid,
    /// Its shift.
    pub shift_id: Option<Uuid>,
    /// Σ gross.
    pub subtotal: Money,
    /// Σ discounts.
    pub discount_total: Money,
    /// Tax added on top of exclusive prices.
    pub tax_total: Money,
    /// Tax contained in inclusive prices.
    pub tax_included: Money,
    /// What the customer paid (negative for a refund).
    pub total: Money,
    /// Σ payments.
    pub paid_total: Money,
    /// Cash handed back.
    pub change_given: Money,
    /// When, RFC 3339 UTC.
    pub occurred_at: String,
    /// The trading day, `YYYY-MM-DD`.
    pub business_date: String,
    /// The lines, in line order.
    pub lines: Vec<StoredSaleLine>,
    /// The payments, in the order given.
    pub payments: Vec<NewPayment>,
}

/// One stored line (amounts in the sale's sign).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSaleLine {
    /// The line's id (what a refund line's `refund_of_line` names).
    pub id: Uuid,
    /// 1, 2, 3, ... in receipt order.
    pub line_no: i64,
    /// The item.
    pub item_id: Uuid,
    /// The item's SKU now (the catalog keeps deleted items, so it is always known).
    pub sku: String,
    /// The name printed at the time of sale.
    pub name: String,
    /// Price of one unit as rung up.
    pub unit_price: Money,
    /// How many, positive.
    pub quantity: Quantity,
    /// The rate applied.
    pub tax_rate: TaxRate,
    /// Whether the price contained the tax.
    pub price_includes_tax: bool,
    /// `round(unit_price × quantity)`.
    pub gross: Money,
    /// The line's own discount.
    pub line_discount: Money,
    /// Its share of the cart discount.
    pub cart_discount_share: Money,
    /// Its tax.
    pub tax: Money,
    /// Its total.
    pub total: Money,
    /// On a refund, the original line it gives back.
    pub refund_of_line: Option<Uuid>,
}

/// What completed refunds have given back of one original line so far, as positive
/// magnitudes (the shape of `pos_domain::RefundedSoFar`, plus the total).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundedLine {
    /// The original line.
    pub line_id: Uuid,
    /// Quantity refunded.
    pub quantity: Quantity,
    /// Σ gross refunded.
    pub gross: Money,
    /// Σ line discount refunded.
    pub line_discount: Money,
    /// Σ cart discount share refunded.
    pub cart_discount_share: Money,
    /// Σ tax refunded.
    pub tax: Money,
    /// Σ total refunded.
    pub total: Money,
}

const HEAD: &str = "SELECT id, receipt_no, kind, refund_of, customer_id, cashier_id, shift_id, \
     subtotal, discount_total, tax_total, tax_included, total, paid_total, change_given, \
     occurred_at, business_date FROM sales";

fn opt_uuid(column: &'static str, v: Option<String>) -> Result<Option<Uuid>, StoreError> {
    v.map(|s| convert::uuid(column, &s)).transpose()
}

pub(crate) fn read_sale(
    conn: &Connection,
    filter: &str,
    key: &str,
) -> Result<Option<StoredSale>, StoreError> {
    let sql = format!("{HEAD} WHERE {filter} = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([key])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let m = |i: usize, column| -> Result<Money, StoreError> { convert::money(column, r.get(i)?) };
    let id = convert::uuid("sales.id", &r.get::<_, String>(0)?)?;
    let kind: String = r.get(2)?;
    let sale = StoredSale {
        id,
        receipt_no: r.get(1)?,
        kind: convert::spelled("sales.kind", &kind, &SaleKind::ALL, SaleKind::as_str)?,
        refund_of: opt_uuid("sales.refund_of", r.get(3)?)?,
        customer_id: opt_uuid("sales.customer_id", r.get(4)?)?,
        cashier_id: convert::uuid("sales.cashier_id", &r.get::<_, String>(5)?)?,
        shift_id: opt_uuid("sales.shift_id", r.get(6)?)?,
        subtotal: m(7, "sales.subtotal")?,
        discount_total: m(8, "sales.discount_total")?,
        tax_total: m(9, "sales.tax_total")?,
        tax_included: m(10, "sales.tax_included")?,
        total: m(11, "sales.total")?,
        paid_total: m(12, "sales.paid_total")?,
        change_given: m(13, "sales.change_given")?,
        occurred_at: r.get(14)?,
        business_date: r.get(15)?,
        lines: read_lines(conn, id)?,
        payments: read_payments(conn, id)?,
    };
    Ok(Some(sale))
}

fn read_lines(conn: &Connection, sale_id: Uuid) -> Result<Vec<StoredSaleLine>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.line_no, l.item_id, i.sku, l.name, l.unit_price, l.quantity, \
           l.tax_rate_ppm, l.price_includes_tax, l.gross, l.line_discount, \
           l.cart_discount_share, l.tax, l.total, l.refund_of_line \
         FROM sale_lines l JOIN items i ON i.id = l.item_id \
         WHERE l.sale_id = ?1 ORDER BY l.line_no",
    )?;
    let mut rows = stmt.query([sale_id.to_string()])?;
    let mut lines = Vec::new();
    while let Some(r) = rows.next()? {
        let m =
            |i: usize, column| -> Result<Money, StoreError> { convert::money(column, r.get(i)?) };
        lines.push(StoredSaleLine {
            id: convert::uuid("sale_lines.id", &r.get::<_, String>(0)?)?,
            line_no: r.get(1)?,
            item_id: convert::uuid("sale_lines.item_id", &r.get::<_, String>(2)?)?,
            sku: r.get(3)?,
            name: r.get(4)?,
            unit_price: m(5, "sale_lines.unit_price")?,
            quantity: convert::quantity("sale_lines.quantity", r.get(6)?)?,
            tax_rate: convert::tax_rate("sale_lines.tax_rate_ppm", r.get(7)?)?,
            price_includes_tax: convert::flag("sale_lines.price_includes_tax", r.get(8)?)?,
            gross: m(9, "sale_lines.gross")?,
            line_discount: m(10, "sale_lines.line_discount")?,
            cart_discount_share: m(11, "sale_lines.cart_discount_share")?,
            tax: m(12, "sale_lines.tax")?,
            total: m(13, "sale_lines.total")?,
            refund_of_line: opt_uuid("sale_lines.refund_of_line", r.get(14)?)?,
        });
    }
    Ok(lines)
}

pub(crate) fn read_payments(
    conn: &Connection,
    sale_id: Uuid,
) -> Result<Vec<NewPayment>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, method, amount, reference FROM payments WHERE sale_id = ?1 ORDER BY rowid",
    )?;
    let mut rows = stmt.query([sale_id.to_string()])?;
    let mut payments = Vec::new();
    while let Some(r) = rows.next()? {
        let method: String = r.get(1)?;
        payments.push(NewPayment {
            id: convert::uuid("payments.id", &r.get::<_, String>(0)?)?,
            method: convert::spelled(
                "payments.method",
                &method,
                &PaymentMethod::ALL,
                PaymentMethod::as_str,
            )?,
            amount: convert::money("payments.amount", r.get(2)?)?,
            reference: r.get(3)?,
        });
    }
    Ok(payments)
}

impl Store {
    /// The sale or refund printed with `receipt_no`, with its lines and payments.
    pub fn sale_by_receipt(&self, receipt_no: &str) -> Result<Option<StoredSale>, StoreError> {
        read_sale(&self.conn, "receipt_no", receipt_no)
    }

    /// The sale or refund with this id, with its lines and payments.
    pub fn sale_by_id(&self, id: Uuid) -> Result<Option<StoredSale>, StoreError> {
        read_sale(&self.conn, "id", &id.to_string())
    }

    /// For every line of sale `sale_id`, in line order, what completed refunds have given
    /// back of it so far (zeros for a line never refunded; empty for an unknown sale).
    /// Feed it to `pos_domain::refund_share` so the last refund returns the exact rest.
    pub fn refunded_so_far(&self, sale_id: Uuid) -> Result<Vec<RefundedLine>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, COALESCE(SUM(r.quantity), 0), -COALESCE(SUM(r.gross), 0), \
               -COALESCE(SUM(r.line_discount), 0), -COALESCE(SUM(r.cart_discount_share), 0), \
               -COALESCE(SUM(r.tax), 0), -COALESCE(SUM(r.total), 0) \
             FROM sale_lines o \
             LEFT JOIN (SELECT l.* FROM sale_lines l JOIN sales s ON s.id = l.sale_id \
                        WHERE s.status = 'completed' AND s.kind = 'refund') r \
               ON r.refund_of_line = o.id \
             WHERE o.sale_id = ?1 GROUP BY o.id ORDER BY o.line_no",
        )?;
        let mut rows = stmt.query(params![sale_id.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let m = |i: usize| -> Result<Money, StoreError> {
                convert::money("sale_lines (refunded)", r.get(i)?)
            };
            out.push(RefundedLine {
                line_id: convert::uuid("sale_lines.id", &r.get::<_, String>(0)?)?,
                quantity: convert::quantity("sale_lines.quantity", r.get(1)?)?,
                gross: m(2)?,
                line_discount: m(3)?,
                cart_discount_share: m(4)?,
                tax: m(5)?,
                total: m(6)?,
            });
        }
        Ok(out)
    }
}
