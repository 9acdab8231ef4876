//! Ringing up: scanning, quantities, discounts, the customer, parking and voiding.

use pos_domain::{Discount, Quantity};
use uuid::Uuid;

use super::Till;
use crate::sale_view::SaleView;
use crate::{Terminal, TerminalError};

impl Till {
    /// Adds the item with this barcode or SKU (a scan, or a pick from the search list).
    pub fn scan(
        &mut self,
        terminal: &mut Terminal,
        code: &str,
        quantity: Option<Quantity>,
    ) -> Result<SaleView, TerminalError> {
        self.editable()?;
        let item = terminal.item_by_code(code)?;
        self.cart.add(&item, quantity.unwrap_or(Quantity::ONE))?;
        self.changed(terminal)
    }

    pub fn set_quantity(
        &mut self,
        terminal: &mut Terminal,
        line_no: usize,
        quantity: Quantity,
    ) -> Result<SaleView, TerminalError> {
        self.editable()?;
        self.cart.set_quantity(line_no, quantity)?;
        self.changed(terminal)
    }

    pub fn remove_line(
        &mut self,
        terminal: &mut Terminal,
        line_no: usize,
    ) -> Result<SaleView, TerminalError> {
        self.editable()?;
        self.cart.remove_line(line_no)?;
        self.changed(terminal)
    }

    /// A discount on one line; `None` takes it off. Above the cashier's limit it needs a
    /// manager at payment (the view lists what needs approval).
    pub fn line_discount(
        &mut self,
        terminal: &mut Terminal,
        line_no: usize,
        discount: Option<Discount>,
    ) -> Result<SaleView, TerminalError> {
        self.editable()?;
        let before = self.cart.clone();
        self.cart.set_line_discount(line_no, discount)?;
        self.priced_or_undo(terminal, before)
    }

    pub fn cart_discount(
        &mut self,
        terminal: &mut Terminal,
        discount: Option<Discount>,
    ) -> Result<SaleView, TerminalError> {
        self.editable()?;
        let before = self.cart.clone();
        self.cart.cart_discount = discount;
        self.priced_or_undo(terminal, before)
    }

    /// Attaches the customer (for store credit and the receipt); `None` detaches.
    pub fn attach_customer(
        &mut self,
        terminal: &mut Terminal,
        customer: Option<Uuid>,
    ) -> Result<SaleView, TerminalError> {
        self.editable()?;
        if let Some(id) = customer {
            terminal.customer(id)?.ok_or_else(|| {
                TerminalError::InvalidInput("that customer is not on this terminal".to_owned())
            })?;
        }
        self.cart.customer_id = customer;
        self.changed(terminal)
    }

    /// Parks the sale under `label` and starts a new one.
    pub fn park(
        &mut self,
        terminal: &mut Terminal,
        label: &str,
    ) -> Result<SaleView, TerminalError> {
        self.editable()?;
        let cashier = self.signed_in()?;
        let label = if label.trim().is_empty() {
            format!("{}'s sale", cashier.name)
        } else {
            label.trim().to_owned()
        };
        terminal.park(&cashier, &self.cart, &label)?;
        self.new_sale();
        self.changed(terminal)
    }

    /// Resumes a parked sale; the till must not be ringing another one.
    pub fn resume(&mut self, terminal: &mut Terminal, id: Uuid) -> Result<SaleView, TerminalError> {
        self.signed_in()?;
        if !self.cart.is_empty() {
            return Err(TerminalError::InvalidInput(
                "finish or park the sale on screen before resuming another".to_owned(),
            ));
        }
        let cart = terminal.resume(id)?;
        self.new_sale();
        self.cart = cart;
        self.changed(terminal)
    }

    /// Voids the sale being rung up (nothing of it was committed), with a manager's
    /// approval written to the audit log.
    pub fn void(
        &mut self,
        terminal: &mut Terminal,
        manager_pin: Option<&str>,
    ) -> Result<SaleView, TerminalError> {
        let cashier = self.signed_in()?;
        if !self.tenders.is_empty() {
            return Err(TerminalError::InvalidInput(
                "remove the payments taken before voiding the sale".to_owned(),
            ));
        }
        let manager = self.approver(terminal, manager_pin, "void")?;
        terminal.void_sale(&cashier, &manager, &self.cart)?;
        self.new_sale();
        self.changed(terminal)
    }

    /// Lines, quantities and discounts are fixed once a payment is taken: changing them
    /// would change what was already paid for.
    fn editable(&self) -> Result<(), TerminalError> {
        self.signed_in()?;
        if self.tenders.is_empty() {
            Ok(())
        } else {
            Err(TerminalError::InvalidInput(
                "payments are already taken on this sale: remove them to change it".to_owned(),
            ))
        }
    }

    /// A discount that prices to nothing sensible (more than the line) is undone, so the
    /// cart on screen is always one that can be paid.
    fn priced_or_undo(
        &mut self,
        terminal: &mut Terminal,
        before: crate::cart::Cart,
    ) -> Result<SaleView, TerminalError> {
        match self.cart.totals() {
            Ok(_) => self.changed(terminal),
            Err(error) => {
                self.cart = before;
                Err(error)
            }
        }
    }
}
