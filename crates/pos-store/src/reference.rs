//! Reference data pulled from HQ: locations, tax rates, users and customers.
//!
//! Each upsert writes its whole batch in one transaction (a pull page is applied
//! atomically) and keys rows by HQ's id; deletions arrive as tombstones (`deleted`).

use pos_domain::{Money, TaxRate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Store, StoreError};

/// A store or warehouse whose stock is tracked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationRow {
    /// HQ's id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Tombstone.
    pub deleted: bool,
}

/// A named tax rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRateRow {
    /// HQ's id.
    pub id: Uuid,
    /// Display name ("Standard").
    pub name: String,
    /// The exact rate.
    pub rate: TaxRate,
    /// Tombstone.
    pub deleted: bool,
}

/// What a user may do at the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Role {
    /// Sells.
    Cashier,
    /// Sells, and approves refunds, voids, cash movements and overrides.
    Manager,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 2] = [Role::Cashier, Role::Manager];

    /// The stored spelling (the schema's CHECK).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Cashier => "cashier",
            Role::Manager => "manager",
        }
    }
}

/// A till user. Only the PIN's hash is stored, never the PIN.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    /// HQ's id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Cashier or manager.
    pub role: Role,
    /// The PIN's hash (the hashing lives with the terminal API).
    pub pin_hash: String,
    /// Tombstone.
    pub deleted: bool,
}

/// A customer and their store-credit balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    /// HQ's id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Email, if known.
    pub email: Option<String>,
    /// Phone, if known.
    pub phone: Option<String>,
    /// Store credit available, zero or more.
    pub store_credit: Money,
    /// Tombstone.
    pub deleted: bool,
}

impl Store {
    /// Inserts or updates locations by id, in one transaction.
    pub fn upsert_locations(&mut self, rows: &[LocationRow]) -> Result<(), StoreError> {
        let tx = self.write()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO locations (id, name, deleted) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, deleted = excluded.deleted",
            )?;
            for r in rows {
                stmt.execute(params![r.id.to_string(), r.name, r.deleted])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Inserts or updates tax rates by id, in one transaction.
    pub fn upsert_tax_rates(&mut self, rows: &[TaxRateRow]) -> Result<(), StoreError> {
        let tx = self.write()?;
        upsert_tax_rates_in(&tx, rows)?;
        tx.commit()?;
        Ok(())
    }

    /// Inserts or updates users by id, in one transaction. Lockout state
    /// (`failed_attempts`, `locked_until`) is the terminal's own and is kept.
    pub fn upsert_users(&mut self, rows: &[UserRow]) -> Result<(), StoreError> {
        let tx = self.write()?;
        upsert_users_in(&tx, rows)?;
        tx.commit()?;
        Ok(())
    }

    /// Inserts or updates customers by id, in one transaction.
    pub fn upsert_customers(&mut self, rows: &[CustomerRow]) -> Result<(), StoreError> {
        let tx = self.write()?;
        upsert_customers_in(&tx, rows)?;
        tx.commit()?;
        Ok(())
    }
}

/// The PIN hash stays out of logs and error messages.
impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRow")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("pin_hash", &"<redacted>")
            .field("deleted", &self.deleted)
            .finish()
    }
}

/// The body of [`Store::upsert_tax_rates`], inside a transaction the caller commits.
pub(crate) fn upsert_tax_rates_in(
    tx: &rusqlite::Connection,
    rows: &[TaxRateRow],
) -> Result<(), StoreError> {
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO tax_rates (id, name, rate_ppm, deleted) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
               rate_ppm = excluded.rate_ppm, deleted = excluded.deleted",
        )?;
        for r in rows {
            stmt.execute(params![r.id.to_string(), r.name, r.rate.ppm(), r.deleted])?;
        }
    }
    Ok(())
}

/// The body of [`Store::upsert_users`], inside a transaction the caller commits.
pub(crate) fn upsert_users_in(
    tx: &rusqlite::Connection,
    rows: &[UserRow],
) -> Result<(), StoreError> {
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO users (id, name, role, pin_hash, deleted) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, \
               pin_hash = excluded.pin_hash, deleted = excluded.deleted",
        )?;
        for r in rows {
            stmt.execute(params![
                r.id.to_string(),
                r.name,
                r.role.as_str(),
                r.pin_hash,
                r.deleted
            ])?;
        }
    }
    Ok(())
}

/// The body of [`Store::upsert_customers`], inside a transaction the caller commits.
pub(crate) fn upsert_customers_in(
    tx: &rusqlite::Connection,
    rows: &[CustomerRow],
) -> Result<(), StoreError> {
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO customers (id, name, email, phone, store_credit, deleted) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, \
               phone = excluded.phone, store_credit = excluded.store_credit, \
               deleted = excluded.deleted",
        )?;
        for r in rows {
            stmt.execute(params![
                r.id.to_string(),
                r.name,
                r.email,
                r.phone,
                r.store_credit.minor(),
                r.deleted
            ])?;
        }
    }
    Ok(())
}
