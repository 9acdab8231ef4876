//! `verify`: every invariant the terminal database must hold, checked from what is stored.
//!
//! The schema enforces what one row can (CHECK constraints); this checks what spans rows
//! and tables, and re-checks the row identities too, since a hand-edited database may have
//! been written with `PRAGMA ignore_check_constraints`.

use serde::Serialize;

use crate::outbox::content_hash;
use crate::{Store, StoreError};

/// One broken invariant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Which rule (a stable short name).
    pub rule: &'static str,
    /// What breaks it, naming the record.
    pub detail: String,
}

/// (rule, query returning one TEXT detail per offending record).
const CHECKS: &[(&str, &str)] = &[
    (
        "sale_totals",
        "SELECT receipt_no || ': total ' || total || ' <> subtotal ' || subtotal \
           || ' - discount ' || discount_total || ' + tax ' || tax_total \
         FROM sales WHERE status = 'completed' \
           AND total <> subtotal - discount_total + tax_total",
    ),
    (
        "sale_settlement",
        "SELECT receipt_no || ': total ' || total || ' <> paid ' || paid_total \
           || ' - change ' || change_given \
         FROM sales WHERE status = 'completed' AND total <> paid_total - change_given",
    ),
    (
        "sale_lines_sum",
        "SELECT s.receipt_no || ': lines add up to ' || COALESCE(SUM(l.total), 0) \
           || ', total is ' || s.total \
         FROM sales s LEFT JOIN sale_lines l ON l.sale_id = s.id \
         WHERE s.status = 'completed' GROUP BY s.id \
         HAVING COALESCE(SUM(l.total), 0) <> s.total",
    ),
    (
        "sale_payments_sum",
        "SELECT s.receipt_no || ': payments add up to ' || COALESCE(SUM(p.amount), 0) \
           || ', paid is ' || s.paid_total \
         FROM sales s LEFT JOIN payments p ON p.sale_id = s.id \
         WHERE s.status = 'completed' GROUP BY s.id \
         HAVING COALESCE(SUM(p.amount), 0) <> s.paid_total",
    ),
    (
        "line_totals",
        "SELECT l.id || ' (' || s.receipt_no || ' line ' || l.line_no || '): total ' || l.total \
           || ' does not follow from its amounts' \
         FROM sale_lines l JOIN sales s ON s.id = l.sale_id \
         WHERE l.total <> l.gross - l.line_discount - l.cart_discount_share \
           + CASE WHEN l.price_includes_tax = 1 THEN 0 ELSE l.tax END",
    ),
    (
        "sale_outbox",
        "SELECT s.receipt_no || ': ' || s.sync_status || ' sale has ' \
           || (SELECT COUNT(*) FROM outbox o WHERE o.kind = 'sale' AND o.record_id = s.id) \
           || ' outbox and ' \
           || (SELECT COUNT(*) FROM dead_letters d WHERE d.kind = 'sale' AND d.record_id = s.id) \
           || ' dead-letter records' \
         FROM sales s WHERE s.status = 'completed' AND ( \
           (SELECT COUNT(*) FROM outbox o WHERE o.kind = 'sale' AND o.record_id = s.id) \
             <> (s.sync_status = 'pending') \
           OR (SELECT COUNT(*) FROM dead_letters d WHERE d.kind = 'sale' AND d.record_id = s.id) \
             <> (s.sync_status = 'rejected'))",
    ),
    (
        "sale_movements",
        "SELECT s.receipt_no || ': ' || \
           (SELECT COUNT(*) FROM sale_lines l WHERE l.sale_id = s.id) || ' lines but ' || \
           (SELECT COUNT(*) FROM stock_movements m WHERE m.sale_id = s.id) || ' movements' \
         FROM sales s WHERE s.status = 'completed' AND \
           (SELECT COUNT(*) FROM sale_lines l WHERE l.sale_id = s.id) \
           <> (SELECT COUNT(*) FROM stock_movements m WHERE m.sale_id = s.id)",
    ),
    (
        "refund_within_sold",
        "SELECT o.id || ' (' || s.receipt_no || ' line ' || o.line_no || '): sold ' \
           || o.quantity || ', refunded ' || SUM(r.quantity) \
         FROM sale_lines o JOIN sales s ON s.id = o.sale_id \
         JOIN sale_lines r ON r.refund_of_line = o.id \
         JOIN sales rs ON rs.id = r.sale_id AND rs.status = 'completed' \
         GROUP BY o.id HAVING SUM(r.quantity) > o.quantity",
    ),
    (
        "refund_money_within_sold",
        "SELECT o.id || ' (' || s.receipt_no || ' line ' || o.line_no || '): sold for ' \
           || o.total || ', refunds gave back ' || -SUM(r.total) \
         FROM sale_lines o JOIN sales s ON s.id = o.sale_id \
         JOIN sale_lines r ON r.refund_of_line = o.id \
         JOIN sales rs ON rs.id = r.sale_id AND rs.status = 'completed' \
         GROUP BY o.id HAVING -SUM(r.total) > o.total",
    ),
    (
        "refund_line_target",
        "SELECT r.id || ' (' || rs.receipt_no || ' line ' || r.line_no || ') refunds ' \
           || COALESCE(r.refund_of_line, 'no line') || ', not a line of the refunded sale' \
         FROM sale_lines r JOIN sales rs ON rs.id = r.sale_id \
         WHERE rs.kind = 'refund' AND rs.status = 'completed' AND (r.refund_of_line IS NULL \
           OR NOT EXISTS (SELECT 1 FROM sale_lines o WHERE o.id = r.refund_of_line \
                          AND o.sale_id = rs.refund_of AND o.item_id = r.item_id))",
    ),
    (
        "store_credit_balance",
        "SELECT 'customer ' || id || ' has store credit ' || store_credit \
         FROM customers WHERE store_credit < 0",
    ),
    (
        "receipt_sequence",
        "SELECT 'receipts ' || COUNT(*) || ' numbered ' || COALESCE(MIN(receipt_seq), 0) \
           || '..' || COALESCE(MAX(receipt_seq), 0) || ', next is ' \
           || (SELECT next_seq FROM receipt_counter) \
         FROM sales HAVING COUNT(*) <> COALESCE(MAX(receipt_seq), 0) \
           OR COALESCE(MIN(receipt_seq), 1) <> 1 \
           OR COALESCE(MAX(receipt_seq), 0) + 1 <> (SELECT next_seq FROM receipt_counter)",
    ),
    (
        "receipt_number",
        "SELECT receipt_no || ' does not match sequence ' || receipt_seq FROM sales \
         WHERE receipt_no <> (SELECT code FROM terminal) || '-' || printf('%06d', receipt_seq)",
    ),
    (
        "journal_link",
        "SELECT s.receipt_no || ' has no link in the journal' FROM sales s \
         WHERE s.receipt_seq >= (SELECT first_receipt_seq FROM journal_start) \
           AND NOT EXISTS (SELECT 1 FROM journal_chain j \
                           WHERE j.kind = 'sale' AND j.record_id = s.id)",
    ),
    (
        "outbox_sequence",
        "SELECT 'outbox holds ' || COUNT(*) || ' records numbered ' || MIN(seq) || '..' \
           || MAX(seq) || ', next is ' || (SELECT next_seq FROM outbox_counter) \
         FROM outbox HAVING COUNT(*) > 0 AND (COUNT(*) <> MAX(seq) - MIN(seq) + 1 \
           OR MAX(seq) + 1 <> (SELECT next_seq FROM outbox_counter) \
           OR MIN(seq) <= (SELECT hq_last_applied FROM sync_state))",
    ),
];

impl Store {
    /// Checks every local invariant and lists what is broken (empty when all hold):
    /// each completed sale's `total = subtotal − discount_total + tax_total` and
    /// `total = paid_total − change_given`; its lines add up to its total and its payments
    /// to its paid total; each line's total follows from its amounts; a pending sale has
    /// exactly one outbox record (an applied one none, a rejected one a dead letter); one
    /// stock movement per line; no sold line refunded beyond its quantity, and every
    /// refund line pointing at a line of the sale it refunds, with the same item; no
    /// store-credit balance below zero; receipt numbers 1..n with no gap, spelled `{code}-{seq:06}`;
    /// the outbox a gapless run ending at the counter, after what HQ applied; and every
    /// outbox record's content hash matches its payload; every sale since the journal began
    /// has a link; and the journal's hash chain holds, each link re-checked against its
    /// record as the tables hold it now (the first broken link is named).
    pub fn verify(&self) -> Result<Vec<Violation>, StoreError> {
        let mut violations = Vec::new();
        for (rule, sql) in CHECKS {
            let mut stmt = self.conn.prepare(sql)?;
            let details = stmt
                .query_map([], |r| r.get::<_, Option<String>>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            violations.extend(details.into_iter().map(|detail| Violation {
                rule,
                detail: detail.unwrap_or_else(|| "(no detail)".to_owned()),
            }));
        }
        let mut stmt = self
            .conn
            .prepare("SELECT seq, payload, content_hash FROM outbox ORDER BY seq")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (seq, payload, hash) in rows {
            if content_hash(payload.as_bytes()) != hash {
                violations.push(Violation {
                    rule: "outbox_hash",
                    detail: format!("outbox record {seq}: content hash does not match payload"),
                });
            }
        }
        violations.extend(crate::journal_verify::first_break(&self.conn)?);
        Ok(violations)
    }
}
