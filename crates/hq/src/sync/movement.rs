//! A manual stock movement (received, adjusted, counted) pushed by a terminal: a manager
//! of the organization moved an item of its catalog, by a quantity within the bounds.

use deadpool_postgres::Transaction;
use sync_protocol::{MovementReason, StockMovementRecord};

use super::Refusal;
use super::push::Effects;
use super::refusal::ApplyError;
use super::sale::{check_place, parse};
use super::vet::{self, dates, levels, people};
use crate::terminals::AuthedTerminal;

pub async fn apply(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    payload: &str,
    so_far: &Effects,
) -> Result<Effects, ApplyError> {
    let movement: StockMovementRecord = parse(payload)?;
    check_place(terminal, movement.terminal_id, movement.location_id)?;
    if movement.quantity_milli == 0 {
        return Err(Refusal::new("bad_record", "a stock movement of zero").into());
    }
    if !matches!(
        movement.reason,
        MovementReason::Receipt | MovementReason::Adjustment | MovementReason::Count
    ) {
        return Err(Refusal::new(
            "bad_record",
            format!(
                "a {} movement comes with its sale, never on its own",
                movement.reason.as_str()
            ),
        )
        .into());
    }
    vet::movement_bounds(&movement)?;
    dates::instant("the time of the movement", &movement.occurred_at)?;
    let known: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM inv.items WHERE id = $1 AND organization_id = $2)",
            &[&movement.item_id, &terminal.organization_id],
        )
        .await?
        .get(0);
    if !known {
        return Err(Refusal::new(
            "unknown_item",
            format!("item {} is not in HQ's catalog", movement.item_id),
        )
        .into());
    }
    people::check(
        tx,
        terminal,
        &[("the manager who moved stock", movement.user_id, true)],
    )
    .await?;
    let mut effects = Effects::default();
    effects
        .stock
        .insert(movement.item_id, movement.quantity_milli);
    levels::check(tx, terminal, so_far, &effects).await?;
    tx.execute(
        "INSERT INTO inv.stock_movements (id, item_id, location_id, quantity, reason, \
           terminal_id, user_id, note, occurred_at) \
         VALUES ($1, $2, $3, $4::int8::numeric / 1000, $5, $6, $7, $8, $9::text::timestamptz)",
        &[
            &movement.id,
            &movement.item_id,
            &movement.location_id,
            &movement.quantity_milli,
            &movement.reason.as_str(),
            &terminal.terminal_id,
            &movement.user_id,
            &movement.note.clone().unwrap_or_default(),
            &movement.occurred_at,
        ],
    )
    .await?;
    Ok(effects)
}
