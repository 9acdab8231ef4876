//! A void pushed by the terminal it was rung on: kept for the day's figures and the audit.

use deadpool_postgres::Transaction;
use sync_protocol::VoidRecord;

use super::push::Effects;
use super::refusal::ApplyError;
use super::sale::{check_place, parse};
use super::vet::{self, dates, people};
use super::{Refusal, shift};
use crate::terminals::AuthedTerminal;

pub async fn apply(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    payload: &str,
) -> Result<Effects, ApplyError> {
    let void: VoidRecord = parse(payload)?;
    check_place(terminal, void.terminal_id, void.location_id)?;
    vet::void_bounds(&void)?;
    dates::business_date("the business date", &void.business_date)?;
    dates::instant("the time of the void", &void.occurred_at)?;
    if let Some(id) = void.shift_id
        && !shift::is_this_terminals(tx, terminal, id).await?
    {
        return Err(Refusal::new(
            "unknown_shift",
            format!("shift {id} of this terminal is not known at HQ"),
        )
        .into());
    }
    people::check(
        tx,
        terminal,
        &[
            ("the cashier", void.cashier_id, false),
            ("the manager who approved the void", void.approved_by, true),
        ],
    )
    .await?;
    let lines = i32::try_from(void.lines).unwrap_or(i32::MAX);
    tx.execute(
        "INSERT INTO pos.voids (id, organization_id, location_id, terminal_id, shift_id, \
           cashier_id, approved_by, lines, total, occurred_at, business_date) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::int8::numeric / 100, \
           $10::text::timestamptz, $11::text::date)",
        &[
            &void.id,
            &terminal.organization_id,
            &terminal.location_id,
            &terminal.terminal_id,
            &void.shift_id,
            &void.cashier_id,
            &void.approved_by,
            &lines,
            &void.total.minor(),
            &void.occurred_at,
            &void.business_date,
        ],
    )
    .await?;
    Ok(Effects::default())
}
