//! Shifts (cash sessions): open with a float, cash in and out, X report mid-shift, close
//! with a count and the Z report.

use pos_domain::Money;
use pos_store::{CashDirection, CashMovement, NewShift, ShiftRecord, ShiftSummary};
use uuid::Uuid;

use crate::staff::Staff;
use crate::{Terminal, TerminalError, clock};

impl Terminal {
    pub fn current_shift(&self) -> Result<Option<ShiftRecord>, TerminalError> {
        Ok(self.store.current_shift()?)
    }

    pub fn open_shift(&mut self, by: &Staff, float: Money) -> Result<ShiftRecord, TerminalError> {
        if float.is_negative() {
            return Err(TerminalError::InvalidInput(
                "the opening float cannot be negative".to_owned(),
            ));
        }
        Ok(self.store.open_shift(&NewShift {
            id: Uuid::now_v7(),
            opened_by: by.id,
            opening_float: float,
            at: clock::now_utc(),
        })?)
    }

    /// Cash put into (`true`) or taken out of the drawer outside a sale, with a reason.
    pub fn cash_movement(
        &mut self,
        by: &Staff,
        into_drawer: bool,
        amount: Money,
        reason: &str,
    ) -> Result<(), TerminalError> {
        if !amount.is_positive() {
            return Err(TerminalError::InvalidInput(
                "the amount must be more than zero".to_owned(),
            ));
        }
        if reason.trim().is_empty() {
            return Err(TerminalError::InvalidInput(
                "say why cash goes in or out".to_owned(),
            ));
        }
        if !into_drawer && !by.is_manager() {
            return Err(TerminalError::NeedsManager(format!(
                "{} is not a manager (cash out of the drawer)",
                by.name
            )));
        }
        let shift = self.current_shift()?.ok_or(TerminalError::NoOpenShift)?;
        self.store.record_cash_movement(&CashMovement {
            id: Uuid::now_v7(),
            shift_id: shift.id,
            direction: if into_drawer {
                CashDirection::In
            } else {
                CashDirection::Out
            },
            amount,
            reason: reason.trim().to_owned(),
            user_id: by.id,
            at: clock::now_utc(),
        })?;
        Ok(())
    }

    /// The X report: the open shift so far; nothing changes.
    pub fn x_report(&self) -> Result<ShiftSummary, TerminalError> {
        let shift = self.current_shift()?.ok_or(TerminalError::NoOpenShift)?;
        Ok(self.store.shift_summary(shift.id)?)
    }

    /// Closes the open shift with the counted cash and returns the Z report; a manager's job.
    pub fn close_shift(
        &mut self,
        by: &Staff,
        counted: Money,
    ) -> Result<ShiftSummary, TerminalError> {
        if !by.is_manager() {
            return Err(TerminalError::NeedsManager(format!(
                "{} is not a manager (closing the shift)",
                by.name
            )));
        }
        if counted.is_negative() {
            return Err(TerminalError::InvalidInput(
                "counted cash cannot be negative".to_owned(),
            ));
        }
        let shift = self.current_shift()?.ok_or(TerminalError::NoOpenShift)?;
        let z = self.store.close_shift(
            shift.id,
            counted,
            by.id,
            &clock::now_utc(),
            &clock::business_date(),
        )?;
        // The shift is closed: its Z report is queued for the printer, never an error.
        let _ = self.queue_z_report(&z, &by.name);
        Ok(z)
    }
}
