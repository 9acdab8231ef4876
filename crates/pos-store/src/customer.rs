//! Customers as the till reads them, with their store-credit balance.

use pos_domain::Money;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Store, StoreError, convert};

/// A customer and the store credit they can spend here now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRecord {
    /// HQ's id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Email, if known.
    pub email: Option<String>,
    /// Store-credit balance, zero or more: HQ's last value, changed by every sale and
    /// refund completed here since ([`Store::complete_sale`]).
    pub store_credit: Money,
}

impl Store {
    /// The customer with this id, unless unknown or deleted by HQ.
    pub fn customer_by_id(&self, id: Uuid) -> Result<Option<CustomerRecord>, StoreError> {
        let raw: Option<(String, String, Option<String>, i64)> = self
            .conn
            .prepare_cached(
                "SELECT id, name, email, store_credit FROM customers \
                 WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        raw.map(|(id, name, email, credit)| {
            Ok(CustomerRecord {
                id: convert::uuid("customers.id", &id)?,
                name,
                email,
                store_credit: convert::money("customers.store_credit", credit)?,
            })
        })
        .transpose()
    }
}
