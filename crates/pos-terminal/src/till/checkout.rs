//! Taking payment: tenders are added one at a time (split payments), and the sale completes
//! by itself once they cover the total.

use pos_domain::{Money, Tender, TenderError, settle_with_credit_balance};
use serde::Serialize;
use uuid::Uuid;

use super::Till;
use crate::receipt::Receipt;
use crate::sale_view::SaleView;
use crate::{Terminal, TerminalError};

/// What a payment led to: more is due, or the sale is complete and here is its receipt.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentResult {
    /// The till after the payment: the next sale (empty) when this one completed.
    pub sale: SaleView,
    pub receipt: Option<Receipt>,
}

impl Till {
    /// Adds `tender` to the sale named `key`. `paid_before` is what the screen showed as
    /// paid: a second tap of the same button carries the same figure, finds it already
    /// changed, and is refused instead of taking the money twice. When the tenders cover
    /// the total the sale completes (with `manager_pin` when something needs approval).
    pub fn add_tender(
        &mut self,
        terminal: &mut Terminal,
        key: Uuid,
        paid_before: Money,
        tender: Tender,
        manager_pin: Option<&str>,
    ) -> Result<PaymentResult, TerminalError> {
        if let Some(receipt) = self.already_finished(key) {
            return Ok(PaymentResult {
                sale: self.view(terminal)?,
                receipt: Some(receipt),
            });
        }
        self.signed_in()?;
        if key != self.key || paid_before != self.paid()? {
            return Err(TerminalError::StaleSale);
        }
        if self.cart.is_empty() {
            return Err(TerminalError::EmptySale);
        }
        self.tenders.push(tender);
        let total = self.cart.totals()?.total;
        let credit = match self.cart.customer_id {
            Some(id) => terminal
                .customer(id)?
                .map_or(Money::ZERO, |customer| customer.store_credit),
            None => Money::ZERO,
        };
        match settle_with_credit_balance(total, &self.tenders, credit) {
            // Saved before completing: if completing needs a manager (or fails), the
            // payment taken is not lost.
            Ok(_) => self.persist(terminal)?,
            Err(TenderError::Insufficient { .. }) => {
                return Ok(PaymentResult {
                    sale: self.changed(terminal)?,
                    receipt: None,
                });
            }
            Err(refused) => {
                self.tenders.pop();
                return Err(refused.into());
            }
        }
        let receipt = self.finish(terminal, key, manager_pin)?;
        Ok(PaymentResult {
            sale: self.view(terminal)?,
            receipt: Some(receipt),
        })
    }

    /// Takes back payment `index` (0-based) before the sale completes.
    pub fn remove_tender(
        &mut self,
        terminal: &mut Terminal,
        key: Uuid,
        index: usize,
    ) -> Result<SaleView, TerminalError> {
        self.signed_in()?;
        if key != self.key {
            return Err(TerminalError::StaleSale);
        }
        if index >= self.tenders.len() {
            return Err(TerminalError::InvalidInput(format!(
                "there is no payment {} on this sale",
                index + 1
            )));
        }
        self.tenders.remove(index);
        self.changed(terminal)
    }

    /// Completes the sale named `key` with the tenders taken; used again, with a manager's
    /// PIN, when completing needed an approval. A repeat returns the first receipt.
    pub fn finish(
        &mut self,
        terminal: &mut Terminal,
        key: Uuid,
        manager_pin: Option<&str>,
    ) -> Result<Receipt, TerminalError> {
        if let Some(receipt) = self.already_finished(key) {
            return Ok(receipt);
        }
        let cashier = self.signed_in()?;
        if key != self.key {
            return Err(TerminalError::StaleSale);
        }
        let manager = match self.view(terminal)?.needs_manager.is_empty() {
            true => None,
            false => Some(self.approver(terminal, manager_pin, "discount or price override")?),
        };
        let receipt = match terminal.complete_sale_as(
            key,
            &cashier,
            &self.cart,
            &self.tenders,
            manager.as_ref(),
        ) {
            Ok(receipt) => receipt,
            // A price that changed in the catalog since the scan is an override too: ask.
            Err(TerminalError::NeedsManager(what)) if manager.is_none() => {
                let manager = self.approver(terminal, manager_pin, &what)?;
                terminal.complete_sale_as(
                    key,
                    &cashier,
                    &self.cart,
                    &self.tenders,
                    Some(&manager),
                )?
            }
            Err(error) => return Err(error),
        };
        self.remember(key, &receipt);
        self.new_sale();
        // The sale is committed under `key`: a failure to forget the open sale now cannot
        // make it sell twice (restoring recognises the key), so it is not an error.
        let _ = self.persist(terminal);
        Ok(receipt)
    }

    fn paid(&self) -> Result<Money, TerminalError> {
        Ok(Money::checked_sum(self.tenders.iter().map(Tender::amount))?)
    }
}
