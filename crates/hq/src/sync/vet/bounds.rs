//! The bounds of `pos_domain::limits` applied to what a till pushed: one absurd record is
//! refused on its own instead of overflowing a sum HQ keeps and blocking the queue.

use pos_domain::limits::{self, LimitError, OUT_OF_RANGE};
use sync_protocol::{SaleRecord, StockMovementRecord, VoidRecord};

use crate::sync::Refusal;

fn refused(error: LimitError) -> Refusal {
    Refusal::new(OUT_OF_RANGE, error.to_string())
}

/// Every count, quantity, price, amount and text of a sale or refund.
pub fn sale(record: &SaleRecord) -> Result<(), Refusal> {
    let sale = &record.sale;
    limits::check_count("the number of lines", sale.lines.len(), limits::MAX_LINES)
        .map_err(refused)?;
    limits::check_count(
        "the number of payments",
        sale.payments.len(),
        limits::MAX_PAYMENTS,
    )
    .map_err(refused)?;
    limits::check_count(
        "the number of stock movements",
        record.movements.len(),
        limits::MAX_LINES,
    )
    .map_err(refused)?;
    for (n, line) in sale.lines.iter().enumerate() {
        let at = |what: &str| format!("line {}'s {what}", n + 1);
        limits::check_quantity(&at("quantity"), line.quantity).map_err(refused)?;
        limits::check_unit_price(&at("unit price"), line.unit_price).map_err(refused)?;
        for (what, amount) in [
            ("gross", line.gross),
            ("discount", line.line_discount),
            ("share of the sale's discount", line.cart_discount_share),
            ("tax", line.tax),
            ("total", line.total),
        ] {
            limits::check_amount(&at(what), amount).map_err(refused)?;
        }
        limits::check_text(&at("name"), &line.name).map_err(refused)?;
    }
    for (n, payment) in sale.payments.iter().enumerate() {
        let what = format!("payment {}", n + 1);
        limits::check_amount(&what, payment.amount).map_err(refused)?;
        if let Some(reference) = &payment.reference {
            limits::check_text(&format!("{what}'s reference"), reference).map_err(refused)?;
        }
    }
    for (what, amount) in [
        ("the subtotal", sale.subtotal),
        ("the discount total", sale.discount_total),
        ("the tax total", sale.tax_total),
        ("the included tax", sale.tax_included),
        ("the total", sale.total),
        ("the amount paid", sale.paid_total),
        ("the change given", sale.change_given),
    ] {
        limits::check_amount(what, amount).map_err(refused)?;
    }
    if let Some(approval) = &sale.approval {
        limits::check_count("the number of approval reasons", approval.reasons.len(), 50)
            .map_err(refused)?;
        for reason in &approval.reasons {
            limits::check_text("an approval's reason", reason).map_err(refused)?;
        }
    }
    Ok(())
}

/// A manual stock movement.
pub fn movement(movement: &StockMovementRecord) -> Result<(), Refusal> {
    limits::check_quantity_milli("the movement's quantity", movement.quantity_milli)
        .map_err(refused)?;
    if let Some(note) = &movement.note {
        limits::check_text("the movement's note", note).map_err(refused)?;
    }
    Ok(())
}

/// A voided sale.
pub fn void(void: &VoidRecord) -> Result<(), Refusal> {
    limits::check_count(
        "the number of voided lines",
        void.lines as usize,
        limits::MAX_LINES,
    )
    .map_err(refused)?;
    limits::check_amount("the voided total", void.total).map_err(refused)
}

/// A cash amount of a shift (its float, a count).
pub fn cash(what: &str, amount: pos_domain::Money) -> Result<(), Refusal> {
    limits::check_amount(what, amount).map_err(refused)?;
    if amount.is_negative() {
        return Err(Refusal::new(
            OUT_OF_RANGE,
            format!("{what} {amount} is negative"),
        ));
    }
    Ok(())
}
