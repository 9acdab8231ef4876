//! Refunds of earlier sales, found by receipt number: whole or in part, never more than was
//! sold, to the original tenders or to store credit, always with a manager's approval.

use pos_domain::{LineTotals, Money, Quantity, RefundedSoFar, refund_share};
use pos_store::{AuditEntry, NewSale, NewSaleLine, SaleKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::receipt::Receipt;
use crate::refund_tenders::refund_payments;
use crate::staff::Staff;
use crate::{Terminal, TerminalError, clock};

/// Where the money goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RefundTo {
    /// Back the way it was paid: card first (to its original reference), then store
    /// credit, then cash.
    OriginalTender,
    /// Onto the sale's customer's store credit.
    StoreCredit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest {
    pub receipt_no: String,
    /// (barcode or SKU, quantity); empty means everything not refunded yet.
    pub lines: Vec<(String, Quantity)>,
    pub to: RefundTo,
}

impl Terminal {
    /// Refunds (part of) the sale with `request.receipt_no`. The store refuses, within the
    /// same transaction, any line that would take back more than was sold.
    pub fn refund(
        &mut self,
        cashier: &Staff,
        manager: &Staff,
        request: &RefundRequest,
    ) -> Result<Receipt, TerminalError> {
        if !manager.is_manager() {
            return Err(TerminalError::NeedsManager(format!(
                "{} is not a manager (refund)",
                manager.name
            )));
        }
        let shift = self
            .store
            .current_shift()?
            .ok_or(TerminalError::NoOpenShift)?;
        let original = self
            .store
            .sale_by_receipt(request.receipt_no.trim())?
            .ok_or_else(|| TerminalError::UnknownReceipt(request.receipt_no.clone()))?;
        if original.kind != SaleKind::Sale {
            return Err(TerminalError::InvalidInput(format!(
                "{} is itself a refund",
                original.receipt_no
            )));
        }
        let refunded = self.store.refunded_so_far(original.id)?;
        let left_on = |index: usize| -> Result<Quantity, TerminalError> {
            let line = &original.lines[index];
            let done = refunded
                .iter()
                .find(|r| r.line_id == line.id)
                .map_or(Quantity::ZERO, |r| r.quantity);
            Ok(line.quantity.checked_sub(done)?)
        };
        // One entry per original line: a code asked for twice, or an item sold on several
        // lines, is spread over the lines that still have something to give back, and each
        // line is priced once (pricing a line's refund in pieces would round in the
        // customer's favour each time).
        let mut wanted: Vec<(usize, Quantity)> = Vec::new();
        if request.lines.is_empty() {
            for index in 0..original.lines.len() {
                let left = left_on(index)?;
                if !left.is_zero() {
                    wanted.push((index, left));
                }
            }
        } else {
            for (code, quantity) in &request.lines {
                let item = self.item_by_code(code)?;
                let mut asked = *quantity;
                let mut sold_here = false;
                for (index, line) in original.lines.iter().enumerate() {
                    if line.item_id != item.row.id || asked.is_zero() {
                        continue;
                    }
                    sold_here = true;
                    let taken = wanted
                        .iter()
                        .find(|(i, _)| *i == index)
                        .map_or(Quantity::ZERO, |(_, q)| *q);
                    let room = left_on(index)?.checked_sub(taken).unwrap_or(Quantity::ZERO);
                    let take = if asked.milli() <= room.milli() {
                        asked
                    } else {
                        room
                    };
                    if take.is_zero() {
                        continue;
                    }
                    match wanted.iter_mut().find(|(i, _)| *i == index) {
                        Some(entry) => entry.1 = entry.1.checked_add(take)?,
                        None => wanted.push((index, take)),
                    }
                    asked = asked.checked_sub(take)?;
                }
                if !sold_here {
                    return Err(TerminalError::InvalidInput(format!(
                        "{} was not sold on {}",
                        item.row.name, original.receipt_no
                    )));
                }
                if !asked.is_zero() {
                    return Err(TerminalError::InvalidInput(format!(
                        "only {} of {} can still be refunded on {}",
                        quantity.checked_sub(asked)?,
                        item.row.name,
                        original.receipt_no
                    )));
                }
            }
        }
        if wanted.is_empty() {
            return Err(TerminalError::InvalidInput(format!(
                "everything on {} has already been refunded",
                original.receipt_no
            )));
        }

        let mut lines = Vec::new();
        let mut skus = Vec::new();
        for (index, quantity) in wanted {
            let sold = &original.lines[index];
            let so_far = refunded.iter().find(|r| r.line_id == sold.id).map_or_else(
                RefundedSoFar::default,
                |r| RefundedSoFar {
                    quantity: r.quantity,
                    gross: r.gross,
                    line_discount: r.line_discount,
                    cart_discount_share: r.cart_discount_share,
                    tax: r.tax,
                },
            );
            let original_totals = LineTotals {
                gross: sold.gross,
                line_discount: sold.line_discount,
                cart_discount_share: sold.cart_discount_share,
                tax: sold.tax,
                tax_included: sold.price_includes_tax,
                total: sold.total,
            };
            let share = refund_share(&original_totals, sold.quantity, quantity, &so_far)?.negated();
            lines.push(NewSaleLine {
                id: Uuid::now_v7(),
                item_id: sold.item_id,
                name: sold.name.clone(),
                unit_price: sold.unit_price,
                quantity,
                tax_rate: sold.tax_rate,
                price_includes_tax: sold.price_includes_tax,
                gross: share.gross,
                line_discount: share.line_discount,
                cart_discount_share: share.cart_discount_share,
                tax: share.tax,
                total: share.total,
                refund_of_line: Some(sold.id),
            });
            skus.push(sold.sku.clone());
        }
        let sum = |f: fn(&NewSaleLine) -> Money| Money::checked_sum(lines.iter().map(f));
        let subtotal = sum(|l| l.gross)?;
        let discount_total = Money::checked_sum(
            lines
                .iter()
                .flat_map(|l| [l.line_discount, l.cart_discount_share]),
        )?;
        let tax_total = sum(|l| {
            if l.price_includes_tax {
                Money::ZERO
            } else {
                l.tax
            }
        })?;
        let tax_included = sum(|l| {
            if l.price_includes_tax {
                l.tax
            } else {
                Money::ZERO
            }
        })?;
        let total = sum(|l| l.total)?;
        let given_back = self.store.refund_payments_of(original.id)?;
        let payments = refund_payments(total, request.to, &original.payments, &given_back)?;
        if request.to == RefundTo::StoreCredit && original.customer_id.is_none() {
            return Err(TerminalError::InvalidInput(
                "a refund to store credit needs the sale to have a customer".to_owned(),
            ));
        }
        let now = clock::now_utc();
        let sale = NewSale {
            id: Uuid::now_v7(),
            kind: SaleKind::Refund,
            refund_of: Some(original.id),
            customer_id: original.customer_id,
            cashier_id: cashier.id,
            shift_id: Some(shift.id),
            lines,
            payments,
            subtotal,
            discount_total,
            tax_total,
            tax_included,
            total,
            paid_total: total,
            change_given: Money::ZERO,
            occurred_at: now.clone(),
            business_date: clock::business_date(),
            catalog_version: None,
            approval: None,
        };
        let audit = AuditEntry {
            id: Uuid::now_v7(),
            at: now,
            user_id: Some(cashier.id),
            approved_by: Some(manager.id),
            action: "refund".to_owned(),
            detail: format!("{} of {} on {}", total, original.total, original.receipt_no),
        };
        let completed = self.store.complete_sale_audited(&sale, &[audit])?;
        // Committed: queueing its receipt is a courtesy that cannot fail the refund.
        let _ = self.queue_receipt(&completed.record.receipt_no);
        Ok(Receipt::new(
            completed.record.receipt_no,
            &cashier.name,
            &sale,
            &skus,
            Vec::new(),
        ))
    }
}
