//! Where a refund's money goes: back to the original tenders (card first, to its reference,
//! then store credit, then cash) or onto store credit.

use pos_domain::Money;
use pos_store::{NewPayment, PaymentMethod};
use uuid::Uuid;

use crate::TerminalError;
use crate::refund::RefundTo;

/// Splits a (negative) refund `total` over where the money goes back. Back to the
/// original tenders, a card or store-credit payment takes back at most what it paid less
/// what `given_back` (earlier refunds' payments, negative) already returned to it.
pub(crate) fn refund_payments(
    total: Money,
    to: RefundTo,
    original: &[NewPayment],
    given_back: &[NewPayment],
) -> Result<Vec<NewPayment>, TerminalError> {
    let payment =
        |method, amount: i64, reference: Option<String>| -> Result<NewPayment, TerminalError> {
            Ok(NewPayment {
                id: Uuid::now_v7(),
                method,
                amount: Money::from_minor(-amount)?,
                reference,
            })
        };
    if total.is_zero() {
        return Ok(Vec::new());
    }
    if to == RefundTo::StoreCredit {
        return Ok(vec![payment(
            PaymentMethod::StoreCredit,
            -total.minor(),
            None,
        )?]);
    }
    // What earlier refunds returned, per method and reference, not yet matched to a payment.
    let mut returned: Vec<(PaymentMethod, Option<String>, i64)> = Vec::new();
    for p in given_back {
        match returned
            .iter_mut()
            .find(|(m, r, _)| *m == p.method && *r == p.reference)
        {
            Some(entry) => entry.2 -= p.amount.minor(),
            None => returned.push((p.method, p.reference.clone(), -p.amount.minor())),
        }
    }
    let mut left = -total.minor();
    let mut payments = Vec::new();
    for method in [PaymentMethod::Card, PaymentMethod::StoreCredit] {
        for paid in original.iter().filter(|p| p.method == method) {
            let mut open = paid.amount.minor();
            if let Some(entry) = returned
                .iter_mut()
                .find(|(m, r, _)| *m == method && *r == paid.reference)
            {
                let matched = entry.2.clamp(0, open);
                entry.2 -= matched;
                open -= matched;
            }
            let amount = left.min(open);
            if amount > 0 {
                payments.push(payment(method, amount, paid.reference.clone())?);
                left -= amount;
            }
        }
    }
    if left > 0 {
        payments.push(payment(PaymentMethod::Cash, left, None)?);
    }
    Ok(payments)
}
