//! The item catalog: bulk upsert from HQ, lookup by code at the till, search by name.

use pos_domain::{Money, Quantity, TaxRate};
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Store, StoreError, convert, fts};

/// An item as HQ sends it (and as the terminal stores it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemRow {
    /// HQ's id.
    pub id: Uuid,
    /// Unique stock-keeping unit.
    pub sku: String,
    /// Unique barcode, if the item has one.
    pub barcode: Option<String>,
    /// Display name, searched by [`Store::search_items`].
    pub name: String,
    /// Shelf price of one unit, zero or more.
    pub price: Money,
    /// True when `price` contains the tax.
    pub price_includes_tax: bool,
    /// The item's tax rate (must exist in the tax rates).
    pub tax_rate_id: Uuid,
    /// At or below this level the item is "low" ([`Store::low_stock`]).
    pub reorder_level: Option<Quantity>,
    /// False: not sold any more, but still known (old receipts name it).
    pub is_active: bool,
    /// Tombstone from HQ: the item is gone from the catalog.
    pub deleted: bool,
}

/// An item as the till reads it: the stored row and its tax rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Item {
    /// The stored row.
    #[serde(flatten)]
    pub row: ItemRow,
    /// The rate behind `row.tax_rate_id`.
    pub tax_rate: TaxRate,
}

/// The rate comes from a scalar subquery, not a join: with a join on `tax_rates` SQLite
/// re-prepared the lookup statement on every call (measured: 24 µs instead of 6 µs per
/// barcode lookup in a 1,000,000-item catalog; see BENCHMARKS.md).
pub(crate) const ITEM_COLUMNS: &str = "i.id, i.sku, i.barcode, i.name, i.price, i.price_includes_tax, \
     i.tax_rate_id, i.reorder_level, i.is_active, i.deleted, \
     (SELECT t.rate_ppm FROM tax_rates t WHERE t.id = i.tax_rate_id)";

/// The raw columns of one item row, converted outside rusqlite's closure so that a
/// corrupt value is a [`StoreError::Corrupt`], not a generic conversion error.
type RawItem = (
    String,
    String,
    Option<String>,
    String,
    i64,
    i64,
    String,
    Option<i64>,
    i64,
    i64,
    i64,
);

pub(crate) fn raw_item(row: &Row<'_>) -> rusqlite::Result<RawItem> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
    ))
}

pub(crate) fn item(raw: RawItem) -> Result<Item, StoreError> {
    let (id, sku, barcode, name, price, incl, tax_id, reorder, active, deleted, ppm) = raw;
    Ok(Item {
        row: ItemRow {
            id: convert::uuid("items.id", &id)?,
            sku,
            barcode,
            name,
            price: convert::money("items.price", price)?,
            price_includes_tax: convert::flag("items.price_includes_tax", incl)?,
            tax_rate_id: convert::uuid("items.tax_rate_id", &tax_id)?,
            reorder_level: reorder
                .map(|r| convert::quantity("items.reorder_level", r))
                .transpose()?,
            is_active: convert::flag("items.is_active", active)?,
            deleted: convert::flag("items.deleted", deleted)?,
        },
        tax_rate: convert::tax_rate("tax_rates.rate_ppm", ppm)?,
    })
}

impl Store {
    /// Inserts or updates `items` by id, all in ONE transaction with one prepared
    /// statement: a million-item catalog loads in seconds because SQLite syncs once, not
    /// once per row. Either every row is stored or none is (a duplicate SKU or barcode, or
    /// an unknown tax rate, fails the whole batch).
    ///
    /// A large batch (a first full load, a re-sync) takes the bulk path: the name-index
    /// triggers are dropped, the rows written, the index rebuilt in one pass and the
    /// triggers recreated, all inside the same transaction, so a crash or an error
    /// leaves the database exactly as it was. Updating the index row by row costs several
    /// FTS writes per item; one rebuild sorts the whole index once.
    pub fn upsert_items(&mut self, items: &[ItemRow]) -> Result<(), StoreError> {
        let tx = self.write()?;
        upsert_items_in(&tx, items)?;
        tx.commit()?;
        Ok(())
    }

    /// The item a scanned or typed code names: a barcode first, then a SKU (both unique
    /// and indexed). Deleted items are not found; inactive ones are (the till decides).
    pub fn item_by_code(&self, code: &str) -> Result<Option<Item>, StoreError> {
        for column in ["barcode", "sku"] {
            let sql = format!(
                "SELECT {ITEM_COLUMNS} FROM items i \
                 WHERE i.{column} = ?1 AND i.deleted = 0"
            );
            let raw = self
                .conn
                .prepare_cached(&sql)?
                .query_row([code], raw_item)
                .optional()?;
            if let Some(raw) = raw {
                return item(raw).map(Some);
            }
        }
        Ok(None)
    }

    /// The item with this id, deleted or not (old sales refer to it).
    pub fn item_by_id(&self, id: Uuid) -> Result<Option<Item>, StoreError> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items i \
             WHERE i.id = ?1"
        );
        let raw = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], raw_item)
            .optional()?;
        raw.map(item).transpose()
    }
}

/// The body of [`Store::upsert_items`], inside a transaction the caller commits.
pub(crate) fn upsert_items_in(
    tx: &rusqlite::Connection,
    items: &[ItemRow],
) -> Result<(), StoreError> {
    let bulk = items.len() >= fts::BULK_MIN_ROWS && {
        let existing: i64 = tx.query_row("SELECT COUNT(*) FROM items", [], |r| r.get(0))?;
        fts::bulk_pays_off(items.len(), existing)
    };
    let triggers = if bulk {
        Some(fts::suspend_triggers(tx)?)
    } else {
        None
    };
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO items (id, sku, barcode, name, price, price_includes_tax, \
               tax_rate_id, reorder_level, is_active, deleted, name_key) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
             ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, \
               barcode = excluded.barcode, name = excluded.name, \
               name_key = excluded.name_key, price = excluded.price, \
               price_includes_tax = excluded.price_includes_tax, \
               tax_rate_id = excluded.tax_rate_id, reorder_level = excluded.reorder_level, \
               is_active = excluded.is_active, deleted = excluded.deleted",
        )?;
        for item in items {
            stmt.execute(params![
                item.id.to_string(),
                item.sku,
                item.barcode,
                item.name,
                item.price.minor(),
                item.price_includes_tax,
                item.tax_rate_id.to_string(),
                item.reorder_level.map(Quantity::milli),
                item.is_active,
                item.deleted,
                fts::name_key(&item.name),
            ])?;
        }
    }
    if let Some(triggers) = triggers {
        fts::rebuild_and_restore(tx, &triggers)?;
    }
    Ok(())
}
