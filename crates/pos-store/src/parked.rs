//! Parked sales: a cart put aside to serve the next customer, resumed later.
//!
//! The cart is the till's own JSON (the store only checks it is JSON). Resuming takes the
//! row out in the same statement that reads it, so one parked sale cannot be resumed on
//! two tills, or twice on one, and then sold twice.

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Store, StoreError, convert};

/// A parked cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParkedSale {
    /// Made on the terminal (v7).
    pub id: Uuid,
    /// Who parked it (a known user).
    pub cashier_id: Uuid,
    /// When, RFC 3339 UTC.
    pub parked_at: String,
    /// What the cashier called it ("lady in red coat"), may be empty.
    pub label: String,
    /// The cart, as the till serialized it; must be valid JSON.
    pub cart_json: String,
}

const COLUMNS: &str = "id, cashier_id, parked_at, label, cart";

type Raw = (String, String, String, String, String);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn parked((id, cashier_id, parked_at, label, cart_json): Raw) -> Result<ParkedSale, StoreError> {
    Ok(ParkedSale {
        id: convert::uuid("parked_sales.id", &id)?,
        cashier_id: convert::uuid("parked_sales.cashier_id", &cashier_id)?,
        parked_at,
        label,
        cart_json,
    })
}

impl Store {
    /// Parks a cart. Refused (nothing stored) when the cart is not JSON.
    pub fn park_sale(&mut self, sale: &ParkedSale) -> Result<(), StoreError> {
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&sale.cart_json) {
            return Err(StoreError::invalid(
                "parked sale",
                format!("the cart is not JSON: {e}"),
            ));
        }
        self.conn.execute(
            "INSERT INTO parked_sales (id, cashier_id, parked_at, label, cart) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                sale.id.to_string(),
                sale.cashier_id.to_string(),
                sale.parked_at,
                sale.label,
                sale.cart_json,
            ],
        )?;
        Ok(())
    }

    /// Every parked cart, oldest first.
    pub fn parked_sales(&self) -> Result<Vec<ParkedSale>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM parked_sales ORDER BY parked_at, rowid");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raws = stmt.query_map([], raw)?.collect::<Result<Vec<_>, _>>()?;
        raws.into_iter().map(parked).collect()
    }

    /// Removes the parked cart `id` and returns it, atomically (one `DELETE ... RETURNING`
    /// in an immediate transaction): of two calls, only one gets it; the other gets `None`.
    pub fn take_parked_sale(&mut self, id: Uuid) -> Result<Option<ParkedSale>, StoreError> {
        let tx = self.write()?;
        let sql = format!("DELETE FROM parked_sales WHERE id = ?1 RETURNING {COLUMNS}");
        let taken = tx.query_row(&sql, [id.to_string()], raw).optional()?;
        // Read back before committing: a corrupt row stays parked rather than vanishing.
        let taken = taken.map(parked).transpose()?;
        tx.commit()?;
        Ok(taken)
    }
}
