//! One till between two taps: who is signed in, the sale being rung up with the payments
//! taken so far, and the sales and refunds finished here lately. The desktop app holds one
//! `Till`; every method takes the terminal, so the rules stay in this crate and the app's
//! commands stay one line each.
//!
//! Double taps and retried calls: Pay carries the sale's key and the amount paid before it
//! (a compare-and-set), and a refund carries a key the screen chose. A repeat finds its
//! first answer in `finished` instead of making a second sale, payment or refund.

mod back_office;
mod cart;
mod checkout;

pub use checkout::PaymentResult;

use std::collections::VecDeque;

use pos_domain::Tender;
use uuid::Uuid;

use crate::cart::Cart;
use crate::receipt::Receipt;
use crate::sale_view::SaleView;
use crate::staff::Staff;
use crate::{Terminal, TerminalError, clock};
use pos_store::OpenSale;

/// How many finished sales and refunds a repeated tap can still find.
const REMEMBERED: usize = 16;

#[derive(Debug)]
pub struct Till {
    cashier: Option<Staff>,
    cart: Cart,
    /// Names the sale being rung up; a new one after each sale, void, park or resume.
    key: Uuid,
    tenders: Vec<Tender>,
    finished: VecDeque<(Uuid, Receipt)>,
}

impl Default for Till {
    fn default() -> Self {
        Self {
            cashier: None,
            cart: Cart::new(),
            key: Uuid::now_v7(),
            tenders: Vec::new(),
            finished: VecDeque::new(),
        }
    }
}

impl Till {
    pub fn new() -> Self {
        Self::default()
    }

    /// The till as the app left it: the open sale (lines and payments taken) restored, with
    /// nobody signed in. A sale that committed just before the app stopped is recognised
    /// by its key and not restored, so it can never be completed twice.
    pub fn restore(terminal: &mut Terminal) -> Result<Self, TerminalError> {
        let mut till = Self::new();
        let Some(open) = terminal.store.open_sale()? else {
            return Ok(till);
        };
        if terminal.store.sale_exists(open.key)? {
            terminal.store.clear_open_sale()?;
            return Ok(till);
        }
        let unreadable = |e: serde_json::Error| {
            TerminalError::InvalidInput(format!(
                "the sale open when Tally stopped cannot be read back: {e}"
            ))
        };
        till.cart = serde_json::from_str(&open.cart_json).map_err(unreadable)?;
        till.tenders = serde_json::from_str(&open.tenders_json).map_err(unreadable)?;
        till.key = open.key;
        Ok(till)
    }

    /// Saves the open sale as it is now (or forgets it when there is none), so a crash
    /// loses nothing typed or paid.
    fn persist(&self, terminal: &mut Terminal) -> Result<(), TerminalError> {
        if self.cart.is_empty() && self.tenders.is_empty() {
            terminal.store.clear_open_sale()?;
            return Ok(());
        }
        let json = |e: serde_json::Error| {
            TerminalError::InvalidInput(format!("the open sale cannot be saved: {e}"))
        };
        terminal.store.save_open_sale(
            &OpenSale {
                key: self.key,
                cart_json: serde_json::to_string(&self.cart).map_err(json)?,
                tenders_json: serde_json::to_string(&self.tenders).map_err(json)?,
            },
            &clock::now_utc(),
        )?;
        Ok(())
    }

    /// After a change to the open sale: save it, then show it.
    fn changed(&self, terminal: &mut Terminal) -> Result<SaleView, TerminalError> {
        self.persist(terminal)?;
        self.view(terminal)
    }

    pub fn cashier(&self) -> Option<&Staff> {
        self.cashier.as_ref()
    }

    /// Signs in by PIN alone, or as the picked user with their PIN. Signing in over someone
    /// else signs them out first (their open sale is parked, never dropped).
    pub fn sign_in(
        &mut self,
        terminal: &mut Terminal,
        user: Option<Uuid>,
        pin: &str,
    ) -> Result<Staff, TerminalError> {
        let staff = match user {
            Some(id) => terminal.sign_in_as(id, pin)?,
            None => terminal.sign_in(pin)?,
        };
        if self.cashier.as_ref().is_some_and(|c| c.id != staff.id) {
            self.sign_out(terminal)?;
        }
        self.cashier = Some(staff.clone());
        Ok(staff)
    }

    /// Signs out. A sale still being rung up is parked under the cashier's name so it can
    /// be resumed; payments already taken on it are refused to be left behind.
    pub fn sign_out(&mut self, terminal: &mut Terminal) -> Result<(), TerminalError> {
        let Some(cashier) = self.cashier.clone() else {
            return Ok(());
        };
        if !self.tenders.is_empty() {
            return Err(TerminalError::InvalidInput(
                "this sale has payments taken: finish it, or remove the payments, before signing out"
                    .to_owned(),
            ));
        }
        if !self.cart.is_empty() {
            let label = format!("{}'s sale (signed out)", cashier.name);
            terminal.park(&cashier, &self.cart, &label)?;
            self.new_sale();
            self.persist(terminal)?;
        }
        self.cashier = None;
        Ok(())
    }

    /// The sale in progress as the screen shows it.
    pub fn view(&self, terminal: &Terminal) -> Result<SaleView, TerminalError> {
        SaleView::of(
            terminal,
            self.key,
            self.cashier.as_ref(),
            &self.cart,
            &self.tenders,
        )
    }

    fn signed_in(&self) -> Result<Staff, TerminalError> {
        self.cashier.clone().ok_or(TerminalError::NotSignedIn)
    }

    /// The manager who approves `what`: the signed-in user when they are one, else whoever
    /// `pin` belongs to, who must be a manager.
    fn approver(
        &self,
        terminal: &mut Terminal,
        pin: Option<&str>,
        what: &str,
    ) -> Result<Staff, TerminalError> {
        let cashier = self.signed_in()?;
        if cashier.is_manager() {
            return Ok(cashier);
        }
        match pin {
            Some(pin) if !pin.trim().is_empty() => terminal.manager_approval(pin, what),
            _ => Err(TerminalError::NeedsManager(what.to_owned())),
        }
    }

    fn new_sale(&mut self) {
        self.cart = Cart::new();
        self.tenders.clear();
        self.key = Uuid::now_v7();
    }

    fn remember(&mut self, key: Uuid, receipt: &Receipt) {
        if self.finished.len() == REMEMBERED {
            self.finished.pop_front();
        }
        self.finished.push_back((key, receipt.clone()));
    }

    fn already_finished(&self, key: Uuid) -> Option<Receipt> {
        self.finished
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, receipt)| receipt.clone())
    }
}
