//! Stock counts from an import. HQ's level is the sum of movements, so a count is written
//! as a `count` movement of (counted − current level) and the level is set to the count.

use std::collections::HashMap;

use tokio_postgres::Transaction;
use uuid::Uuid;

/// Sets the on-hand quantity of each `(sku, thousandths)` at `location_id`, inside the
/// batch's transaction, stamping the levels it writes with `version`. Returns how many
/// movements it wrote.
///
/// The caller must hold the location's stock version (taken before this call): every writer
/// of levels takes it first, so no level of the location moves between our read and our
/// write. The rows are locked as well, one by one in item order.
pub async fn set_counts(
    tx: &Transaction<'_>,
    organization_id: Uuid,
    location_id: Uuid,
    version: i64,
    counts: &[(&str, i64)],
) -> Result<usize, tokio_postgres::Error> {
    if counts.is_empty() {
        return Ok(0);
    }
    let skus: Vec<&str> = counts.iter().map(|(sku, _)| *sku).collect();
    let ids: HashMap<String, Uuid> = tx
        .query(
            // One index probe per sku, whatever the planner's statistics say.
            "SELECT i.sku, i.id FROM unnest($2::text[]) AS s (sku) \
             CROSS JOIN LATERAL (SELECT sku, id FROM inv.items \
               WHERE organization_id = $1 AND sku = s.sku LIMIT 1) AS i",
            &[&organization_id, &skus],
        )
        .await?
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let mut counted: Vec<(Uuid, i64)> = counts
        .iter()
        .filter_map(|(sku, milli)| Some((*ids.get(*sku)?, *milli)))
        .collect();
    counted.sort_unstable();
    let items: Vec<Uuid> = counted.iter().map(|(item, _)| *item).collect();
    let current: HashMap<Uuid, i64> = tx
        .query(
            "SELECT l.item_id, l.milli FROM unnest($2::uuid[]) AS c (item) \
             CROSS JOIN LATERAL (SELECT item_id, (on_hand * 1000)::bigint AS milli \
               FROM inv.stock_levels WHERE location_id = $1 AND item_id = c.item \
               FOR UPDATE) AS l",
            &[&location_id, &items],
        )
        .await?
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();

    let mut moved = (Vec::new(), Vec::new(), Vec::new());
    let mut levels = (Vec::new(), Vec::new());
    for (item, target) in counted {
        let level = current.get(&item).copied();
        let delta = target - level.unwrap_or(0);
        if delta != 0 {
            moved.0.push(Uuid::now_v7());
            moved.1.push(item);
            moved.2.push(delta);
        }
        if delta != 0 || level.is_none() {
            levels.0.push(item);
            levels.1.push(target);
        }
    }
    if !moved.0.is_empty() {
        tx.execute(
            "INSERT INTO inv.stock_movements \
               (id, item_id, location_id, quantity, reason, note, occurred_at) \
             SELECT m.id, m.item, $4, m.milli::numeric / 1000, 'count', 'import', now() \
               FROM unnest($1::uuid[], $2::uuid[], $3::bigint[]) AS m (id, item, milli)",
            &[&moved.0, &moved.1, &moved.2, &location_id],
        )
        .await?;
    }
    if !levels.0.is_empty() {
        tx.execute(
            "INSERT INTO inv.stock_levels \
               (item_id, location_id, on_hand, counted_at, sync_version) \
             SELECT c.item, $3, c.milli::numeric / 1000, now(), $4 \
               FROM unnest($1::uuid[], $2::bigint[]) AS c (item, milli) \
             ON CONFLICT (item_id, location_id) DO UPDATE \
                SET on_hand = excluded.on_hand, counted_at = excluded.counted_at, \
                    updated_at = now(), sync_version = excluded.sync_version",
            &[&levels.0, &levels.1, &location_id, &version],
        )
        .await?;
    }
    Ok(moved.0.len())
}
