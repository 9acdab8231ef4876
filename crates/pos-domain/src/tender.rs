//! Paying for a sale: tenders, and the change they leave.

use serde::{Deserialize, Serialize};

use crate::{Money, TenderError};

/// How a tender was paid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TenderMethod {
    /// Notes and coins: the only tender that can be overpaid, since change is cash.
    Cash,
    /// A card payment, identified by the payment terminal's reference so it can be
    /// reconciled with the acquirer's statement.
    Card {
        /// The payment terminal's reference; never empty in a [`Tender`].
        reference: String,
    },
    /// The customer's store credit, limited to their balance.
    StoreCredit,
}

/// One payment towards a sale. Only valid tenders exist: a positive amount, and a card
/// tender always carries its reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TenderRecord")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tender {
    method: TenderMethod,
    amount: Money,
}

/// The unchecked shape a tender is deserialized from before [`Tender::new`] checks it.
#[derive(Deserialize)]
struct TenderRecord {
    method: TenderMethod,
    amount: Money,
}

impl TryFrom<TenderRecord> for Tender {
    type Error = TenderError;

    fn try_from(record: TenderRecord) -> Result<Tender, TenderError> {
        Tender::new(record.method, record.amount)
    }
}

impl Tender {
    /// A tender of `amount` (which must be positive) paid by `method`. A card reference
    /// must contain something other than whitespace.
    pub fn new(method: TenderMethod, amount: Money) -> Result<Tender, TenderError> {
        if !amount.is_positive() {
            return Err(TenderError::NonPositiveAmount(amount));
        }
        if let TenderMethod::Card { reference } = &method
            && reference.trim().is_empty()
        {
            return Err(TenderError::EmptyCardReference);
        }
        Ok(Tender { method, amount })
    }

    /// A cash tender.
    pub fn cash(amount: Money) -> Result<Tender, TenderError> {
        Tender::new(TenderMethod::Cash, amount)
    }

    /// A card tender with the payment terminal's reference.
    pub fn card(reference: impl Into<String>, amount: Money) -> Result<Tender, TenderError> {
        Tender::new(
            TenderMethod::Card {
                reference: reference.into(),
            },
            amount,
        )
    }

    /// A store-credit tender.
    pub fn store_credit(amount: Money) -> Result<Tender, TenderError> {
        Tender::new(TenderMethod::StoreCredit, amount)
    }

    /// How it was paid.
    pub fn method(&self) -> &TenderMethod {
        &self.method
    }

    /// How much, always positive.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// The outcome of paying: always `paid − change == total`, and `change` never exceeds the
/// cash tendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    /// Everything tendered.
    pub paid: Money,
    /// Cash handed back.
    pub change: Money,
}

/// Settles `total` with `tenders` when the customer has no store credit: any store-credit
/// tender is refused as exceeding a zero balance. Use [`settle_with_credit_balance`] when
/// the customer's balance is known.
pub fn settle(total: Money, tenders: &[Tender]) -> Result<Settlement, TenderError> {
    settle_with_credit_balance(total, tenders, Money::ZERO)
}

/// Settles `total` with `tenders`, allowing up to `available_credit` in store credit.
///
/// The tenders must cover the total. Change is given only in cash and only up to the cash
/// tendered: card and store credit together may not exceed the total, because the
/// overpayment would come back as cash the card holder never handed over. Refunds
/// (negative totals) are paid out, not settled, and are refused.
pub fn settle_with_credit_balance(
    total: Money,
    tenders: &[Tender],
    available_credit: Money,
) -> Result<Settlement, TenderError> {
    if total.is_negative() {
        return Err(TenderError::NegativeTotal(total));
    }
    let sum_of = |wanted: fn(&TenderMethod) -> bool| {
        Money::checked_sum(
            tenders
                .iter()
                .filter(|t| wanted(&t.method))
                .map(|t| t.amount),
        )
    };
    let cash = sum_of(|m| matches!(m, TenderMethod::Cash))?;
    let card = sum_of(|m| matches!(m, TenderMethod::Card { .. }))?;
    let credit = sum_of(|m| matches!(m, TenderMethod::StoreCredit))?;
    if credit > available_credit {
        return Err(TenderError::StoreCreditExceedsBalance {
            requested: credit,
            available: available_credit,
        });
    }
    let non_cash = card.checked_add(credit)?;
    let paid = cash.checked_add(non_cash)?;
    if paid < total {
        return Err(TenderError::Insufficient {
            due: total.checked_sub(paid)?,
        });
    }
    if non_cash > total {
        let method = match (card.is_positive(), credit.is_positive()) {
            (true, true) => "card and store credit",
            (true, false) => "card",
            _ => "store credit",
        };
        return Err(TenderError::NonCashOverpayment {
            method,
            tendered: non_cash,
            due: total,
        });
    }
    Ok(Settlement {
        paid,
        change: paid.checked_sub(total)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn cash_overpayment_gives_change() {
        let s = settle(m("10.89"), &[Tender::cash(m("20")).unwrap()]).unwrap();
        assert_eq!(
            s,
            Settlement {
                paid: m("20"),
                change: m("9.11")
            }
        );
    }

    #[test]
    fn split_payment_with_change_from_cash_only() {
        let tenders = [
            Tender::card("AUTH-123", m("5.00")).unwrap(),
            Tender::store_credit(m("2.00")).unwrap(),
            Tender::cash(m("5.00")).unwrap(),
        ];
        let s = settle_with_credit_balance(m("10.89"), &tenders, m("2.00")).unwrap();
        assert_eq!(s.change, m("1.11"));
        assert_eq!(s.paid.checked_sub(s.change), Ok(m("10.89")));
    }

    #[test]
    fn exact_and_zero_totals() {
        let card = [Tender::card("A1", m("10.89")).unwrap()];
        assert_eq!(settle(m("10.89"), &card).unwrap().change, Money::ZERO);
        assert_eq!(
            settle(Money::ZERO, &[]).unwrap(),
            Settlement {
                paid: Money::ZERO,
                change: Money::ZERO
            }
        );
    }

    #[test]
    fn refuses_bad_payments() {
        let err = settle(m("10.89"), &[Tender::cash(m("10")).unwrap()]).unwrap_err();
        assert_eq!(err.to_string(), "payment is short: 0.89 still due");
        let err = settle(m("10.89"), &[Tender::card("A1", m("20")).unwrap()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "card amount 20.00 exceeds the amount due 10.89"
        );
        let credit = [Tender::store_credit(m("5")).unwrap()];
        let err = settle_with_credit_balance(m("3"), &credit, m("10")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "store credit amount 5.00 exceeds the amount due 3.00"
        );
        let err = settle(m("10"), &credit).unwrap_err();
        assert_eq!(
            err.to_string(),
            "store credit 5.00 exceeds the available balance 0.00"
        );
        assert!(matches!(
            settle(m("-1"), &[]),
            Err(TenderError::NegativeTotal(_))
        ));
    }

    #[test]
    fn refuses_invalid_tenders() {
        assert_eq!(
            Tender::cash(Money::ZERO).unwrap_err().to_string(),
            "tender amount 0.00 must be greater than zero"
        );
        assert!(Tender::cash(m("-1")).is_err());
        assert_eq!(
            Tender::card("  ", m("1")).unwrap_err(),
            TenderError::EmptyCardReference
        );
    }
}
