//! Parking a sale to serve someone else, and resuming it later (once).

use pos_store::ParkedSale;
use uuid::Uuid;

use crate::cart::Cart;
use crate::staff::Staff;
use crate::{Terminal, TerminalError, clock};

impl Terminal {
    pub fn park(&mut self, by: &Staff, cart: &Cart, label: &str) -> Result<Uuid, TerminalError> {
        if cart.is_empty() {
            return Err(TerminalError::EmptySale);
        }
        let cart_json = serde_json::to_string(cart)
            .map_err(|e| TerminalError::InvalidInput(format!("cannot park this sale: {e}")))?;
        let id = Uuid::now_v7();
        self.store.park_sale(&ParkedSale {
            id,
            cashier_id: by.id,
            parked_at: clock::now_utc(),
            label: label.trim().to_owned(),
            cart_json,
        })?;
        Ok(id)
    }

    pub fn parked(&self) -> Result<Vec<ParkedSale>, TerminalError> {
        Ok(self.store.parked_sales()?)
    }

    /// The parked cart, taken off the parked list; a second resume finds nothing.
    pub fn resume(&mut self, id: Uuid) -> Result<Cart, TerminalError> {
        let parked = self.store.take_parked_sale(id)?.ok_or_else(|| {
            TerminalError::InvalidInput("that parked sale was already resumed".to_owned())
        })?;
        serde_json::from_str(&parked.cart_json).map_err(|e| {
            TerminalError::InvalidInput(format!("the parked sale cannot be read back: {e}"))
        })
    }
}
