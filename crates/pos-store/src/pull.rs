//! Applying what a pull brought from HQ: catalog changes (all pages of one pull in ONE
//! transaction, so the till never sells from half of an HQ change) and stock pages (each
//! in its own transaction with the `last_applied` HQ read in the same snapshot).

use pos_domain::{Money, Quantity, TaxRate};
use rusqlite::{Connection, params};
use sync_protocol::api::{CatalogChange, StockPage};
use uuid::Uuid;

use crate::catalog::upsert_items_in;
use crate::reference::{upsert_tax_rates_in, upsert_users_in};
use crate::{ItemRow, Role, Store, StoreError, TaxRateRow, UserRow, convert};

impl Store {
    /// Applies every change of one complete catalog pull and stores `cursor_version` as
    /// the new pull cursor, all in ONE transaction. Foreign keys are checked at commit,
    /// because a row may arrive before the tax rate it names (that rate was changed later
    /// and so sorts later). A customer's store credit is HQ's balance less what this
    /// terminal has spent of it in sales HQ has not applied yet.
    pub fn apply_catalog(
        &mut self,
        changes: &[CatalogChange],
        cursor_version: i64,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let mut rates = Vec::new();
        let mut items = Vec::new();
        let mut users = Vec::new();
        let mut customers = Vec::new();
        for change in changes {
            match change {
                CatalogChange::TaxRate {
                    id,
                    name,
                    rate_ppm,
                    deleted,
                } => rates.push(TaxRateRow {
                    id: *id,
                    name: name.clone(),
                    rate: u32::try_from(*rate_ppm)
                        .map_err(|e| bad("tax rate", *id, e))
                        .and_then(|ppm| {
                            TaxRate::from_ppm(ppm).map_err(|e| bad("tax rate", *id, e))
                        })?,
                    deleted: *deleted,
                }),
                CatalogChange::Item {
                    id,
                    sku,
                    barcode,
                    name,
                    price_minor,
                    price_includes_tax,
                    tax_rate_id,
                    reorder_level_milli,
                    is_active,
                    deleted,
                } => items.push(ItemRow {
                    id: *id,
                    sku: sku.clone(),
                    barcode: barcode.clone(),
                    name: name.clone(),
                    price: convert::money("items.price", *price_minor)?,
                    price_includes_tax: *price_includes_tax,
                    tax_rate_id: *tax_rate_id,
                    reorder_level: reorder_level_milli
                        .map(|m| Quantity::from_milli(m).map_err(|e| bad("item", *id, e)))
                        .transpose()?,
                    is_active: *is_active,
                    deleted: *deleted,
                }),
                CatalogChange::User {
                    id,
                    name,
                    role,
                    pin_hash,
                    deleted,
                } => users.push(UserRow {
                    id: *id,
                    name: name.clone(),
                    role: match role.as_str() {
                        "cashier" => Role::Cashier,
                        "manager" => Role::Manager,
                        other => return Err(bad("user", *id, format!("unknown role {other}"))),
                    },
                    pin_hash: pin_hash.clone(),
                    deleted: *deleted,
                }),
                CatalogChange::Customer { .. } => customers.push(change),
            }
        }
        upsert_tax_rates_in(&tx, &rates)?;
        upsert_items_in(&tx, &items)?;
        upsert_users_in(&tx, &users)?;
        for customer in customers {
            upsert_customer(&tx, customer)?;
        }
        tx.execute(
            "UPDATE sync_state SET pull_cursor = ?1, \
               last_pull_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE singleton = 1",
            [cursor_version],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Applies one stock page in ONE transaction: HQ's levels replace the known ones,
    /// and this terminal's movements of those items carried by records `<= last_applied`
    /// become acknowledged (HQ's level now counts them, so they are not added twice).
    /// Only the page's items are touched: another page was read in another snapshot.
    /// A `last_applied` below what HQ reported before is refused (HQ was restored from
    /// an older backup) and changes nothing.
    pub fn apply_stock_page(&mut self, page: &StockPage) -> Result<(), StoreError> {
        let tx = self.write()?;
        let known: i64 = tx.query_row(
            "SELECT hq_last_applied FROM sync_state WHERE singleton = 1",
            [],
            |r| r.get(0),
        )?;
        if page.last_applied < known {
            return Err(StoreError::HqWentBackwards {
                reported: page.last_applied,
                known,
            });
        }
        {
            let mut level = tx.prepare_cached(
                "INSERT INTO stock_levels (item_id, location_id, hq_on_hand) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (item_id, location_id) DO UPDATE SET hq_on_hand = excluded.hq_on_hand",
            )?;
            let mut ack = tx.prepare_cached(
                "UPDATE stock_movements SET acknowledged = 1 WHERE acknowledged = 0 \
                   AND item_id = ?1 AND location_id = ?2 \
                   AND outbox_seq IS NOT NULL AND outbox_seq <= ?3",
            )?;
            let location = page.location_id.to_string();
            for change in &page.levels {
                let item = change.item_id.to_string();
                level.execute(params![item, location, change.on_hand_milli])?;
                ack.execute(params![item, location, page.last_applied])?;
            }
        }
        tx.execute(
            "UPDATE sync_state SET stock_cursor = ?1, stock_cursor_id = ?2 WHERE singleton = 1",
            params![page.next.version, page.next.id.to_string()],
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn bad(what: &'static str, id: Uuid, error: impl std::fmt::Display) -> StoreError {
    StoreError::invalid(what, format!("{id} from HQ: {error}"))
}

/// A customer from HQ. Their store credit is HQ's balance (which counts this terminal's
/// records up to `balance_last_applied`) less the credit spent in this terminal's sales
/// still queued beyond that point; never below zero (another till may have spent it).
fn upsert_customer(tx: &Connection, change: &CatalogChange) -> Result<(), StoreError> {
    let CatalogChange::Customer {
        id,
        name,
        email,
        phone,
        store_credit_minor,
        balance_last_applied,
        deleted,
    } = change
    else {
        return Ok(());
    };
    let pending: i64 = tx
        .prepare_cached(
            "SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN sales s ON s.id = p.sale_id \
             WHERE s.customer_id = ?1 AND p.method = 'store_credit' AND EXISTS \
               (SELECT 1 FROM outbox o WHERE o.kind = 'sale' AND o.record_id = s.id AND o.seq > ?2)",
        )?
        .query_row(params![id.to_string(), balance_last_applied], |r| r.get(0))?;
    let hq = convert::money("customers.store_credit", *store_credit_minor)?;
    let credit = Money::from_minor(hq.minor().saturating_sub(pending).max(0))
        .map_err(|e| bad("customer", *id, e))?;
    tx.prepare_cached(
        "INSERT INTO customers (id, name, email, phone, store_credit, deleted) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, \
           phone = excluded.phone, store_credit = excluded.store_credit, \
           deleted = excluded.deleted",
    )?
    .execute(params![
        id.to_string(),
        name,
        email,
        phone,
        credit.minor(),
        deleted
    ])?;
    Ok(())
}
