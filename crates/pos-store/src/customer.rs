//! Customers as the till reads them, with their store-credit balance.

use pos_domain::Money;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Store, StoreError, convert};

/// A customer and the store credit they can spend here now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// At most this many customers match a search (the till shows a short list).
const SEARCH_LIMIT: usize = 20;

impl Store {
    /// Customers whose name or email contains `text` (case ignored), by name; at most
    /// twenty. The customer table is small next to the catalog, so a scan is fine.
    pub fn search_customers(&self, text: &str) -> Result<Vec<CustomerRecord>, StoreError> {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let pattern = format!(
            "%{}%",
            needle
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let raw = self
            .conn
            .prepare_cached(
                "SELECT id, name, email, store_credit FROM customers WHERE deleted = 0 \
                 AND (lower(name) LIKE ?1 ESCAPE '\\' OR lower(coalesce(email, '')) LIKE ?1 ESCAPE '\\') \
                 ORDER BY name, id LIMIT ?2",
            )?
            .query_map(rusqlite::params![pattern, SEARCH_LIMIT as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<Vec<(String, String, Option<String>, i64)>, _>>()?;
        raw.into_iter().map(customer).collect()
    }

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
        raw.map(customer).transpose()
    }
}

fn customer(
    (id, name, email, credit): (String, String, Option<String>, i64),
) -> Result<CustomerRecord, StoreError> {
    Ok(CustomerRecord {
        id: convert::uuid("customers.id", &id)?,
        name,
        email,
        store_credit: convert::money("customers.store_credit", credit)?,
    })
}
