//! What happens at the till besides selling: refunds, the shift and its cash, and stock.
//! Each needs the signed-in user, and a manager where the core says so.

use pos_domain::Money;
use uuid::Uuid;

use super::Till;
use crate::cash_count::CashCount;
use crate::print::{PrinterSetup, PrinterStatus};
use crate::receipt::Receipt;
use crate::refund::RefundRequest;
use crate::stock::{StockChange, StockLine};
use crate::{Terminal, TerminalError};
use pos_store::{ShiftRecord, ShiftSummary};

impl Till {
    /// Refunds with a manager's approval; `key` is chosen by the refund screen, so a
    /// repeated tap returns the first refund's receipt instead of refunding twice.
    pub fn refund(
        &mut self,
        terminal: &mut Terminal,
        key: Uuid,
        request: &RefundRequest,
        manager_pin: Option<&str>,
    ) -> Result<Receipt, TerminalError> {
        if let Some(receipt) = self.already_finished(key) {
            return Ok(receipt);
        }
        let cashier = self.signed_in()?;
        let manager = self.approver(terminal, manager_pin, "refund")?;
        let receipt = terminal.refund(&cashier, &manager, request)?;
        self.remember(key, &receipt);
        Ok(receipt)
    }

    pub fn open_shift(
        &mut self,
        terminal: &mut Terminal,
        float: Money,
    ) -> Result<ShiftRecord, TerminalError> {
        let cashier = self.signed_in()?;
        terminal.open_shift(&cashier, float)
    }

    /// Cash into the drawer (anyone) or out of it (a manager).
    pub fn cash_movement(
        &mut self,
        terminal: &mut Terminal,
        into_drawer: bool,
        amount: Money,
        reason: &str,
        manager_pin: Option<&str>,
    ) -> Result<ShiftSummary, TerminalError> {
        let by = if into_drawer {
            self.signed_in()?
        } else {
            self.approver(terminal, manager_pin, "cash out of the drawer")?
        };
        terminal.cash_movement(&by, into_drawer, amount, reason)?;
        terminal.x_report()
    }

    /// Closes the shift with the drawer's count and returns the Z report. Refused while a
    /// sale is being rung up here.
    pub fn close_shift(
        &mut self,
        terminal: &mut Terminal,
        count: &CashCount,
        manager_pin: Option<&str>,
    ) -> Result<ShiftSummary, TerminalError> {
        if !self.cart.is_empty() {
            return Err(TerminalError::InvalidInput(
                "finish, park or void the sale on screen before closing the shift".to_owned(),
            ));
        }
        let manager = self.approver(terminal, manager_pin, "closing the shift")?;
        terminal.close_shift(&manager, count.total()?)
    }

    pub fn change_stock(
        &mut self,
        terminal: &mut Terminal,
        code: &str,
        change: StockChange,
        reason: &str,
        manager_pin: Option<&str>,
    ) -> Result<StockLine, TerminalError> {
        let manager = self.approver(terminal, manager_pin, "stock change")?;
        terminal.change_stock(&manager, code, change, reason)
    }
}

impl Till {
    /// Changes the printer and the receipt's header and footer (a manager's setting).
    pub fn set_printer(
        &mut self,
        terminal: &mut Terminal,
        setup: &PrinterSetup,
        manager_pin: Option<&str>,
    ) -> Result<PrinterStatus, TerminalError> {
        self.approver(terminal, manager_pin, "printer settings")?;
        terminal.set_printer(setup)
    }

    /// Opens the cash drawer without a sale, with a manager's approval (audited).
    pub fn open_drawer(
        &mut self,
        terminal: &mut Terminal,
        reason: &str,
        manager_pin: Option<&str>,
    ) -> Result<(), TerminalError> {
        let by = self.signed_in()?;
        let manager = self.approver(terminal, manager_pin, "opening the drawer without a sale")?;
        terminal.open_drawer(&by, &manager, reason)
    }
}
