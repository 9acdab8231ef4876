//! A shift's opening and its Z report, pushed by the terminal whose drawer it is.

use deadpool_postgres::Transaction;
use sync_protocol::{ShiftOpenRecord, ShiftSummary};

use super::Refusal;
use super::push::Effects;
use super::refusal::ApplyError;
use super::sale::{check_place, parse};
use super::vet::{self, dates, people};
use crate::terminals::AuthedTerminal;

pub async fn apply_open(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    payload: &str,
) -> Result<Effects, ApplyError> {
    let open: ShiftOpenRecord = parse(payload)?;
    check_place(terminal, open.terminal_id, open.location_id)?;
    vet::cash("the opening float", open.opening_float)?;
    dates::instant("the time the shift opened", &open.opened_at)?;
    people::check(
        tx,
        terminal,
        &[("the user who opened the shift", open.opened_by, false)],
    )
    .await?;
    tx.execute(
        "INSERT INTO pos.shifts (id, organization_id, location_id, terminal_id, opened_at, \
           opened_by, opening_float) \
         VALUES ($1, $2, $3, $4, $5::text::timestamptz, $6, $7::int8::numeric / 100)",
        &[
            &open.id,
            &terminal.organization_id,
            &terminal.location_id,
            &terminal.terminal_id,
            &open.opened_at,
            &open.opened_by,
            &open.opening_float.minor(),
        ],
    )
    .await?;
    Ok(Effects::default())
}

/// The Z report closes the shift at HQ. Sales of the shift that arrive later (they were
/// queued before the report) still land in it: a closed shift refuses nothing.
pub async fn apply_close(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    payload: &str,
) -> Result<Effects, ApplyError> {
    let report: ShiftSummary = parse(payload)?;
    let shift = &report.shift;
    let (Some(closed_at), Some(closed_by), Some(counted)) =
        (&shift.closed_at, shift.closed_by, report.counted_cash)
    else {
        return Err(Refusal::new("bad_record", "a Z report of a shift that is still open").into());
    };
    vet::cash("the counted cash", counted)?;
    pos_domain::limits::check_amount("the expected cash", report.expected_cash)
        .map_err(|e| Refusal::new(pos_domain::limits::OUT_OF_RANGE, e.to_string()))?;
    dates::instant("the time the shift closed", closed_at)?;
    people::check(
        tx,
        terminal,
        &[("the user who closed the shift", closed_by, false)],
    )
    .await?;
    let z_report =
        serde_json::to_value(&report).map_err(|e| Refusal::new("bad_record", e.to_string()))?;
    let updated = tx
        .execute(
            "UPDATE pos.shifts SET closed_at = $3::text::timestamptz, closed_by = $4, \
               counted_cash = $5::int8::numeric / 100, expected_cash = $6::int8::numeric / 100, \
               z_report = $7 \
             WHERE id = $1 AND terminal_id = $2 AND closed_at IS NULL",
            &[
                &shift.id,
                &terminal.terminal_id,
                closed_at,
                &closed_by,
                &counted.minor(),
                &report.expected_cash.minor(),
                &z_report,
            ],
        )
        .await?;
    if updated != 1 {
        return Err(Refusal::new(
            "unknown_shift",
            format!("shift {} is not open at HQ for this terminal", shift.id),
        )
        .into());
    }
    Ok(Effects::default())
}

/// Whether `id` is a shift of this terminal at HQ (an id of another terminal or of nowhere
/// answers the same).
pub async fn is_this_terminals(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    id: uuid::Uuid,
) -> Result<bool, tokio_postgres::Error> {
    Ok(tx
        .query_one(
            &tx.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM pos.shifts WHERE id = $1 AND terminal_id = $2)",
            )
            .await?,
            &[&id, &terminal.terminal_id],
        )
        .await?
        .get(0))
}
