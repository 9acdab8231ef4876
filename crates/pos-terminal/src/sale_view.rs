//! The sale being rung up, as the screen shows it: lines with their priced totals, tax by
//! rate, the customer, payments taken, what is still due, and what needs a manager.

use pos_domain::{Discount, Money, SaleTotals, Tender};
use pos_store::CustomerRecord;
use serde::Serialize;
use uuid::Uuid;

use crate::approval::needs_manager;
use crate::cart::{Cart, CartLine};
use crate::staff::Staff;
use crate::{Terminal, TerminalError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SaleView {
    /// Names this sale; Pay sends it back.
    pub key: Uuid,
    pub cashier: Option<Staff>,
    pub lines: Vec<CartLine>,
    /// Priced by `pos-domain`; `totals.lines[i]` belongs to `lines[i]`.
    pub totals: SaleTotals,
    pub cart_discount: Option<Discount>,
    pub customer: Option<CustomerRecord>,
    pub tenders: Vec<Tender>,
    pub paid: Money,
    /// What is still to pay (zero once covered).
    pub due: Money,
    /// One sentence per thing a manager must approve before the sale completes.
    pub needs_manager: Vec<String>,
    /// Cash amounts a customer is likely to hand over for what is due: the exact sum,
    /// then the next round 5, 10, 20 and 50 above it (the tender screen's quick buttons).
    pub quick_cash: Vec<Money>,
}

/// The exact amount, then each round amount above it that a note could make.
fn quick_cash(due: Money) -> Vec<Money> {
    if !due.is_positive() {
        return Vec::new();
    }
    let mut amounts = vec![due];
    for step in [500_i64, 1_000, 2_000, 5_000] {
        let rounded = (due.minor() / step + 1) * step;
        if let Ok(amount) = Money::from_minor(rounded)
            && !amounts.contains(&amount)
        {
            amounts.push(amount);
        }
    }
    amounts.sort();
    amounts.dedup();
    amounts
}

impl SaleView {
    pub(crate) fn of(
        terminal: &Terminal,
        key: Uuid,
        cashier: Option<&Staff>,
        cart: &Cart,
        tenders: &[Tender],
    ) -> Result<Self, TerminalError> {
        let totals = cart.totals()?;
        let paid = Money::checked_sum(tenders.iter().map(Tender::amount))?;
        let due = totals.total.checked_sub(paid)?;
        let customer = match cart.customer_id {
            Some(id) => terminal.customer(id)?,
            None => None,
        };
        Ok(Self {
            key,
            cashier: cashier.cloned(),
            lines: cart.lines.clone(),
            needs_manager: needs_manager(cart, &totals),
            totals,
            cart_discount: cart.cart_discount,
            customer,
            tenders: tenders.to_vec(),
            paid,
            due: if due.is_negative() { Money::ZERO } else { due },
            quick_cash: quick_cash(due),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn quick_cash_offers_exact_then_round_notes() {
        assert_eq!(
            quick_cash(m("12.34")),
            vec![m("12.34"), m("15.00"), m("20.00"), m("50.00")]
        );
        assert_eq!(
            quick_cash(m("20.00")),
            vec![m("20.00"), m("25.00"), m("30.00"), m("40.00"), m("50.00")]
        );
        assert!(quick_cash(Money::ZERO).is_empty());
    }
}
