//! A sale's payments: they add up, each goes the sale's way, and change comes only out of
//! cash. A till that breaks these (a negative store-credit "payment" that mints credit, a
//! negative card payment, change on a refund) is refused `bad_payment`.

use pos_domain::Money;
use sync_protocol::{NewSale, PaymentMethod, SaleKind};

use super::amounts::{same, sum};
use crate::sync::Refusal;

/// The refusal code of a payment that breaks the rules.
pub const BAD_PAYMENT: &str = "bad_payment";

fn refused(message: String) -> Refusal {
    Refusal::new(BAD_PAYMENT, message)
}

/// Payments add up to what was paid, and what was paid less change is the total. In a sale
/// every payment is positive, in a refund every one is negative (money goes back); change
/// is never negative, is given only in a sale, and only out of the cash tendered: what was
/// paid by card or store credit never exceeds the total.
pub fn check(sale: &NewSale) -> Result<(), Refusal> {
    let paid = sum(sale.payments.iter().map(|p| p.amount))?;
    same("the amount paid", paid, sale.paid_total)?;
    let net = paid
        .checked_sub(sale.change_given)
        .map_err(|e| Refusal::new("bad_record", e.to_string()))?;
    same("the amount paid less change", net, sale.total)?;
    for (n, payment) in sale.payments.iter().enumerate() {
        let method = payment.method.as_str();
        let wrong_way = match sale.kind {
            SaleKind::Sale => !payment.amount.is_positive(),
            SaleKind::Refund => !payment.amount.is_negative(),
        };
        if wrong_way {
            let rule = match sale.kind {
                SaleKind::Sale => "a sale's payments are positive",
                SaleKind::Refund => "a refund's payments are negative",
            };
            return Err(refused(format!(
                "payment {} ({method} {}) goes the wrong way: {rule}",
                n + 1,
                payment.amount
            )));
        }
        if payment.method == PaymentMethod::Card
            && payment
                .reference
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            return Err(refused(format!(
                "payment {} is by card and has no reference",
                n + 1
            )));
        }
    }
    if sale.change_given.is_negative() {
        return Err(refused(format!(
            "the change given {} is negative",
            sale.change_given
        )));
    }
    if sale.change_given.is_zero() {
        return Ok(());
    }
    if sale.kind == SaleKind::Refund {
        return Err(refused(format!(
            "a refund gives no change, this one gives {}",
            sale.change_given
        )));
    }
    let cash = sum(sale
        .payments
        .iter()
        .filter(|p| p.method == PaymentMethod::Cash)
        .map(|p| p.amount))?;
    if sale.change_given > cash.max(Money::ZERO) {
        return Err(refused(format!(
            "change {} exceeds the cash tendered {cash}",
            sale.change_given
        )));
    }
    let other = paid
        .checked_sub(cash)
        .map_err(|e| Refusal::new("bad_record", e.to_string()))?;
    if other > sale.total {
        return Err(refused(format!(
            "{other} was paid by card or store credit for a total of {}: change is given only \
             for cash",
            sale.total
        )));
    }
    Ok(())
}
