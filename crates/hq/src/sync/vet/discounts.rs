//! A discount beyond the cashier's limit (`pos_domain::approval`) needs a manager: the till
//! asks for one and records the approval in the sale, so a sale that carries such a
//! discount without one was not made by the till's rules, and is refused `needs_approval`.

use pos_domain::Money;
use pos_domain::approval::{CASHIER_DISCOUNT_LIMIT_BP, beyond_cashier_limit};
use sync_protocol::{NewSale, SaleKind};

use super::amounts::sum;
use crate::sync::Refusal;

/// The refusal code of a discount beyond the cashier's limit with no approval.
pub const NEEDS_APPROVAL: &str = "needs_approval";

/// Checks a sale from a till that records approvals (one that names its catalog version);
/// sales queued before tills recorded them are not held to it.
pub fn check(sale: &NewSale) -> Result<(), Refusal> {
    if sale.kind != SaleKind::Sale || sale.approval.is_some() || sale.catalog_version.is_none() {
        return Ok(());
    }
    let limit = CASHIER_DISCOUNT_LIMIT_BP / 100;
    for (n, line) in sale.lines.iter().enumerate() {
        if beyond_cashier_limit(line.line_discount, line.gross) {
            return Err(Refusal::new(
                NEEDS_APPROVAL,
                format!(
                    "line {}'s discount {} on {} is above {limit}% and no manager approved it",
                    n + 1,
                    line.line_discount,
                    line.gross
                ),
            ));
        }
    }
    let share = sum(sale.lines.iter().map(|l| l.cart_discount_share))?;
    let base = sum(sale
        .lines
        .iter()
        .map(|l| l.gross.checked_sub(l.line_discount).unwrap_or(Money::ZERO)))?;
    if beyond_cashier_limit(share, base) {
        return Err(Refusal::new(
            NEEDS_APPROVAL,
            format!("the sale's discount {share} is above {limit}% and no manager approved it"),
        ));
    }
    Ok(())
}
