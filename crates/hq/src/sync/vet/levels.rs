//! A stock level stays within `pos_domain::limits::MAX_STOCK_LEVEL_MILLI`: a record whose
//! movements would take one beyond it is refused on its own, before the batch adds the
//! movements to the levels, where an overflow could not be pinned on one record.
//!
//! Pushes from other terminals of the location may move the same level at the same time;
//! the bound is a tenth of what the column holds, so they cannot overflow it together, and
//! a retry reads the levels they committed.

use deadpool_postgres::Transaction;
use pos_domain::limits::{self, OUT_OF_RANGE};
use uuid::Uuid;

use crate::sync::Refusal;
use crate::sync::push::Effects;
use crate::sync::refusal::ApplyError;
use crate::terminals::AuthedTerminal;

const LEVELS_SQL: &str = "SELECT item_id, (on_hand * 1000)::int8 FROM inv.stock_levels \
     WHERE location_id = $1 AND item_id = ANY($2)";

/// Refuses `mine` when, after what the push already took (`so_far`), it would take a level
/// of the terminal's location beyond the bound.
pub async fn check(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    so_far: &Effects,
    mine: &Effects,
) -> Result<(), ApplyError> {
    if mine.stock.is_empty() {
        return Ok(());
    }
    let items: Vec<Uuid> = mine.stock.keys().copied().collect();
    let rows = tx
        .query(
            &tx.prepare_cached(LEVELS_SQL).await?,
            &[&terminal.location_id, &items],
        )
        .await?;
    for (item, delta) in &mine.stock {
        let stored: i64 = rows
            .iter()
            .find(|r| r.get::<_, Uuid>(0) == *item)
            .map_or(0, |r| r.get(1));
        let before = so_far.stock.get(item).copied().unwrap_or(0);
        let after = i128::from(stored) + i128::from(before) + i128::from(*delta);
        limits::check_stock_level_milli(&format!("the stock level of item {item}"), after)
            .map_err(|e| Refusal::new(OUT_OF_RANGE, e.to_string()))?;
    }
    Ok(())
}
