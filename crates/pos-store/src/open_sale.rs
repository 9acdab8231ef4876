//! The till's open sale (cart and payments taken), saved as it changes; see
//! `migrations/terminal/V4__open_sale.sql`.

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use crate::{Store, StoreError, convert};

/// The open sale as saved: JSON the terminal core wrote and reads back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenSale {
    pub key: Uuid,
    pub cart_json: String,
    pub tenders_json: String,
}

impl Store {
    pub fn save_open_sale(&mut self, sale: &OpenSale, at: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO open_sale (id, sale_key, cart, tenders, updated_at) \
             VALUES (1, ?1, ?2, ?3, ?4) \
             ON CONFLICT (id) DO UPDATE SET sale_key = excluded.sale_key, cart = excluded.cart, \
               tenders = excluded.tenders, updated_at = excluded.updated_at",
            params![sale.key.to_string(), sale.cart_json, sale.tenders_json, at],
        )?;
        Ok(())
    }

    pub fn open_sale(&self) -> Result<Option<OpenSale>, StoreError> {
        let raw: Option<(String, String, String)> = self
            .conn
            .query_row(
                "SELECT sale_key, cart, tenders FROM open_sale WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        raw.map(|(key, cart_json, tenders_json)| {
            Ok(OpenSale {
                key: convert::uuid("open_sale.sale_key", &key)?,
                cart_json,
                tenders_json,
            })
        })
        .transpose()
    }

    pub fn clear_open_sale(&mut self) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM open_sale", [])?;
        Ok(())
    }

    /// Whether a sale or refund with this id was committed.
    pub fn sale_exists(&self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sales WHERE id = ?1)",
            [id.to_string()],
            |r| r.get(0),
        )?)
    }
}
