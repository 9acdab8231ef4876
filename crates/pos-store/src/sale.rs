//! Committing a sale: everything it writes, in one transaction.

use rusqlite::{Connection, params};
use sync_protocol::chain::sale_content;
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::journal;
use crate::outbox::{self, Counter};
use crate::sale_checks::{
    apply_store_credit, check_catalog_version, check_refund, check_shift, check_sums,
};
use crate::sale_types::{
    CompletedSale, MovementReason, MovementRecord, NewSale, SaleKind, SaleRecord,
};
use crate::terminal::read_terminal;
use crate::{Store, StoreError};

pub use sync_protocol::SALE_KIND;

impl Store {
    /// [`Store::complete_sale_audited`] with no audit entries.
    pub fn complete_sale(&mut self, sale: &NewSale) -> Result<CompletedSale, StoreError> {
        self.complete_sale_audited(sale, &[])
    }

    /// Commits `sale` in ONE immediate transaction: the next gapless receipt number
    /// (`{code}-{seq:06}`), the sale, its lines, its payments, one stock movement per line
    /// (stock leaves on a sale, comes back on a refund; a sale is never refused for stock),
    /// the customer's store-credit change, the `audit` entries (a manager's approval, an
    /// override), exactly one outbox record carrying the whole [`SaleRecord`] as JSON, and
    /// the sale's link in the journal's hash chain.
    ///
    /// Refused, with nothing written and no number used, when: the sums disagree; the
    /// shift named is unknown or closed; a refund does not reverse a completed sale, a
    /// refund line does not name a line of it, or it would give back more than the line
    /// sold counting earlier refunds ([`StoreError::RefundExceedsSale`]); a store-credit
    /// payment has no customer or exceeds the balance
    /// ([`StoreError::InsufficientStoreCredit`]); or anything else fails (an unknown item
    /// or user, a full disk). Once this returns `Ok`, the sale is durable
    /// (`synchronous = FULL`).
    pub fn complete_sale_audited(
        &mut self,
        sale: &NewSale,
        audit: &[AuditEntry],
    ) -> Result<CompletedSale, StoreError> {
        check_sums(sale)?;
        let tx = self.write()?;
        let terminal = read_terminal(&tx)?.ok_or(StoreError::NotInitialized)?;
        check_catalog_version(&tx, sale)?;
        check_shift(&tx, sale)?;
        check_refund(&tx, sale)?;
        apply_store_credit(&tx, sale)?;
        let receipt_seq = outbox::take_next(&tx, Counter::Receipt)?;
        let outbox_seq = outbox::take_next(&tx, Counter::Outbox)?;
        let receipt_no = format!("{}-{receipt_seq:06}", terminal.code);

        insert_sale(&tx, sale, &receipt_no, receipt_seq, terminal.location_id)?;
        let movements = insert_movements(&tx, sale, terminal.location_id, outbox_seq)?;
        for entry in audit {
            audit::insert(&tx, entry)?;
        }

        let record = SaleRecord {
            terminal_id: terminal.terminal_id,
            location_id: terminal.location_id,
            receipt_no,
            receipt_seq,
            sale: sale.clone(),
            movements,
        };
        let payload = serde_json::to_string(&record).map_err(|source| StoreError::Serialize {
            kind: SALE_KIND,
            source,
        })?;
        let sale_id = sale.id.to_string();
        let content_hash = outbox::append(&tx, outbox_seq, SALE_KIND, &sale_id, &payload)?;
        journal::append_link(
            &tx,
            SALE_KIND,
            &sale_id,
            &sale.business_date,
            outbox_seq,
            &sale_content(record.terminal_id, &record.receipt_no, &record.sale),
        )?;
        tx.commit()?;
        Ok(CompletedSale {
            record,
            outbox_seq,
            content_hash,
        })
    }
}

fn insert_sale(
    conn: &Connection,
    sale: &NewSale,
    receipt_no: &str,
    receipt_seq: i64,
    location_id: Uuid,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO sales (id, receipt_no, receipt_seq, kind, refund_of, status, customer_id, \
           cashier_id, shift_id, location_id, subtotal, discount_total, tax_total, tax_included, \
           total, paid_total, change_given, occurred_at, business_date) \
         VALUES (?1, ?2, ?3, ?4, ?5, 'completed', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
           ?16, ?17, ?18)",
    )?
    .execute(params![
        sale.id.to_string(),
        receipt_no,
        receipt_seq,
        sale.kind.as_str(),
        sale.refund_of.map(|id| id.to_string()),
        sale.customer_id.map(|id| id.to_string()),
        sale.cashier_id.to_string(),
        sale.shift_id.map(|id| id.to_string()),
        location_id.to_string(),
        sale.subtotal.minor(),
        sale.discount_total.minor(),
        sale.tax_total.minor(),
        sale.tax_included.minor(),
        sale.total.minor(),
        sale.paid_total.minor(),
        sale.change_given.minor(),
        sale.occurred_at,
        sale.business_date,
    ])?;

    let mut line_stmt = conn.prepare_cached(
        "INSERT INTO sale_lines (id, sale_id, line_no, item_id, name, unit_price, quantity, \
           tax_rate_ppm, price_includes_tax, gross, line_discount, cart_discount_share, tax, \
           total, refund_of_line) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for (line_no, line) in (1_i64..).zip(&sale.lines) {
        line_stmt.execute(params![
            line.id.to_string(),
            sale.id.to_string(),
            line_no,
            line.item_id.to_string(),
            line.name,
            line.unit_price.minor(),
            line.quantity.milli(),
            line.tax_rate.ppm(),
            line.price_includes_tax,
            line.gross.minor(),
            line.line_discount.minor(),
            line.cart_discount_share.minor(),
            line.tax.minor(),
            line.total.minor(),
            line.refund_of_line.map(|id| id.to_string()),
        ])?;
    }

    let mut pay_stmt = conn.prepare_cached(
        "INSERT INTO payments (id, sale_id, method, amount, reference) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for payment in &sale.payments {
        pay_stmt.execute(params![
            payment.id.to_string(),
            sale.id.to_string(),
            payment.method.as_str(),
            payment.amount.minor(),
            payment.reference,
        ])?;
    }
    Ok(())
}

/// One movement per line, tied to the outbox record that carries it to HQ.
fn insert_movements(
    conn: &Connection,
    sale: &NewSale,
    location_id: Uuid,
    outbox_seq: i64,
) -> Result<Vec<MovementRecord>, StoreError> {
    let (reason, sign) = match sale.kind {
        SaleKind::Sale => (MovementReason::Sale, -1),
        SaleKind::Refund => (MovementReason::Refund, 1),
    };
    let mut stmt = conn.prepare_cached(
        "INSERT INTO stock_movements (id, item_id, location_id, quantity, reason, sale_id, \
           occurred_at, outbox_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut movements = Vec::with_capacity(sale.lines.len());
    for line in &sale.lines {
        let movement = MovementRecord {
            id: Uuid::now_v7(),
            item_id: line.item_id,
            quantity_milli: sign * line.quantity.milli(),
            reason,
        };
        stmt.execute(params![
            movement.id.to_string(),
            movement.item_id.to_string(),
            location_id.to_string(),
            movement.quantity_milli,
            reason.as_str(),
            sale.id.to_string(),
            sale.occurred_at,
            outbox_seq,
        ])?;
        movements.push(movement);
    }
    Ok(movements)
}
