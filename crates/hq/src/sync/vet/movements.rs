//! A sale's stock movements follow from its lines; HQ takes their ids (so a terminal can
//! tell which of its movements HQ counts) and nothing else: one movement per line, in line
//! order, of the line's item and quantity, out for a sale and back for a refund.

use sync_protocol::{MovementReason, SaleKind, SaleRecord};

use crate::sync::Refusal;

/// The refusal code of movements that do not follow from the sale's lines.
pub const BAD_MOVEMENT: &str = "bad_movement";

pub fn check(record: &SaleRecord) -> Result<(), Refusal> {
    let sale = &record.sale;
    if record.movements.len() != sale.lines.len() {
        return Err(Refusal::new(
            BAD_MOVEMENT,
            format!(
                "receipt {} has {} line(s) but {} stock movement(s): one per line",
                record.receipt_no,
                sale.lines.len(),
                record.movements.len()
            ),
        ));
    }
    let (sign, reason) = match sale.kind {
        SaleKind::Sale => (-1, MovementReason::Sale),
        SaleKind::Refund => (1, MovementReason::Refund),
    };
    for (n, (line, movement)) in sale.lines.iter().zip(&record.movements).enumerate() {
        let expected = sign * line.quantity.milli();
        if movement.item_id != line.item_id
            || movement.quantity_milli != expected
            || movement.reason != reason
        {
            return Err(Refusal::new(
                BAD_MOVEMENT,
                format!(
                    "stock movement {} does not follow from line {}: it must move {} of item {} \
                     ({})",
                    n + 1,
                    n + 1,
                    pos_domain::format_thousandths(expected),
                    line.item_id,
                    reason.as_str()
                ),
            ));
        }
    }
    Ok(())
}

/// A sale's kind and what its lines point at agree: a sale refunds nothing, a refund names
/// the sale and, on every line, the sold line it gives back; no line is of nothing.
pub fn shape(record: &SaleRecord) -> Result<(), Refusal> {
    let sale = &record.sale;
    let bad = |message: String| Err(Refusal::new("bad_record", message));
    match sale.kind {
        SaleKind::Sale => {
            if sale.refund_of.is_some() || sale.lines.iter().any(|l| l.refund_of_line.is_some()) {
                return bad("a sale refunds nothing: it names no refunded sale or line".into());
            }
        }
        SaleKind::Refund => {
            if sale.refund_of.is_none() {
                return bad("a refund names the sale it refunds".into());
            }
            if sale.lines.iter().any(|l| l.refund_of_line.is_none()) {
                return bad("every line of a refund names the sold line it gives back".into());
            }
        }
    }
    if let Some(n) = sale.lines.iter().position(|l| l.quantity.is_zero()) {
        return bad(format!("line {} has a quantity of zero", n + 1));
    }
    Ok(())
}
