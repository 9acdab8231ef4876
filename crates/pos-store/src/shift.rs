//! Shifts: opening with a float, cash in and out, the X report and the Z report.
//!
//! At most one shift is open per terminal (a unique partial index backs the check made
//! here). Closing is final: it stores the count, and in the same transaction appends one
//! `shift_close` outbox record carrying the Z report, so HQ learns of every closed drawer
//! exactly once and a crash can never close a shift without queueing its report.

use pos_domain::Money;
use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use crate::journal;
use crate::outbox::{self, Counter};
use crate::shift_summary::summarize;
use crate::shift_types::{CashMovement, NewShift, ShiftRecord, ShiftSummary};
use crate::terminal::read_terminal;
use crate::{Store, StoreError, convert};
use sync_protocol::chain::shift_close_content;
use sync_protocol::{DAY_DIGEST_KIND, ShiftOpenRecord};

pub use sync_protocol::{SHIFT_CLOSE_KIND, SHIFT_OPEN_KIND};

const COLUMNS: &str = "id, opened_by, opened_at, opening_float, closed_at, closed_by, counted_cash";

type Raw = (
    String,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<i64>,
);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn shift(raw: Raw) -> Result<ShiftRecord, StoreError> {
    let (id, opened_by, opened_at, float, closed_at, closed_by, counted) = raw;
    Ok(ShiftRecord {
        id: convert::uuid("shifts.id", &id)?,
        opened_by: convert::uuid("shifts.opened_by", &opened_by)?,
        opened_at,
        opening_float: convert::money("shifts.opening_float", float)?,
        closed_at,
        closed_by: closed_by
            .map(|u| convert::uuid("shifts.closed_by", &u))
            .transpose()?,
        counted_cash: counted
            .map(|c| convert::money("shifts.counted_cash", c))
            .transpose()?,
    })
}

/// The shift `id`, open or closed.
pub(crate) fn read_shift(conn: &Connection, id: Uuid) -> Result<Option<ShiftRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM shifts WHERE id = ?1");
    let raw = conn
        .prepare_cached(&sql)?
        .query_row([id.to_string()], raw)
        .optional()?;
    raw.map(shift).transpose()
}

/// The shift `id` if it exists and is open; [`StoreError::NotFound`] or
/// [`StoreError::ShiftClosed`] otherwise.
pub(crate) fn open_shift_by_id(conn: &Connection, id: Uuid) -> Result<ShiftRecord, StoreError> {
    let found = read_shift(conn, id)?.ok_or_else(|| StoreError::NotFound {
        what: "shift",
        id: id.to_string(),
    })?;
    if found.closed_at.is_some() {
        return Err(StoreError::ShiftClosed {
            shift_id: id.to_string(),
        });
    }
    Ok(found)
}

fn read_current(conn: &Connection) -> Result<Option<ShiftRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM shifts WHERE closed_at IS NULL");
    let raw = conn.prepare_cached(&sql)?.query_row([], raw).optional()?;
    raw.map(shift).transpose()
}

impl Store {
    /// Opens a shift and queues its `shift_open` record in the same transaction, so HQ
    /// knows the shift before any sale rung in it. Refused with [`StoreError::ShiftAlreadyOpen`] while another is open,
    /// and as invalid with a negative float.
    pub fn open_shift(&mut self, new: &NewShift) -> Result<ShiftRecord, StoreError> {
        if new.opening_float.is_negative() {
            return Err(StoreError::invalid(
                "shift",
                "the opening float is negative",
            ));
        }
        let tx = self.write()?;
        if let Some(open) = read_current(&tx)? {
            return Err(StoreError::ShiftAlreadyOpen {
                shift_id: open.id.to_string(),
            });
        }
        tx.execute(
            "INSERT INTO shifts (id, opened_at, opening_float, opened_by) \
             VALUES (?1, ?2, ?3, ?4)",
            params![
                new.id.to_string(),
                new.at,
                new.opening_float.minor(),
                new.opened_by.to_string()
            ],
        )?;
        let opened = read_shift(&tx, new.id)?.ok_or_else(|| StoreError::NotFound {
            what: "shift",
            id: new.id.to_string(),
        })?;
        let terminal = read_terminal(&tx)?.ok_or(StoreError::NotInitialized)?;
        let record = ShiftOpenRecord {
            terminal_id: terminal.terminal_id,
            location_id: terminal.location_id,
            id: opened.id,
            opened_by: opened.opened_by,
            opened_at: opened.opened_at.clone(),
            opening_float: opened.opening_float,
        };
        let payload = serde_json::to_string(&record).map_err(|source| StoreError::Serialize {
            kind: SHIFT_OPEN_KIND,
            source,
        })?;
        let seq = outbox::take_next(&tx, Counter::Outbox)?;
        outbox::append(&tx, seq, SHIFT_OPEN_KIND, &new.id.to_string(), &payload)?;
        tx.commit()?;
        Ok(opened)
    }

    /// The open shift, if any.
    pub fn current_shift(&self) -> Result<Option<ShiftRecord>, StoreError> {
        read_current(&self.conn)
    }

    /// Records cash paid into or taken out of the drawer. Refused when the amount is not
    /// positive, or the shift is unknown or closed (its Z report is final).
    pub fn record_cash_movement(&mut self, movement: &CashMovement) -> Result<(), StoreError> {
        if !movement.amount.is_positive() {
            return Err(StoreError::invalid(
                "cash movement",
                "the amount must be positive (the direction gives the sign)",
            ));
        }
        let tx = self.write()?;
        open_shift_by_id(&tx, movement.shift_id)?;
        tx.execute(
            "INSERT INTO cash_movements (id, shift_id, direction, amount, reason, user_id, \
               occurred_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                movement.id.to_string(),
                movement.shift_id.to_string(),
                movement.direction.as_str(),
                movement.amount.minor(),
                movement.reason,
                movement.user_id.to_string(),
                movement.at,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The shift's report as of now: an X report while open, the Z report once closed.
    pub fn shift_summary(&self, shift_id: Uuid) -> Result<ShiftSummary, StoreError> {
        let found = read_shift(&self.conn, shift_id)?.ok_or_else(|| StoreError::NotFound {
            what: "shift",
            id: shift_id.to_string(),
        })?;
        summarize(&self.conn, found)
    }

    /// Closes the open shift `shift_id` with the cash `counted`, in ONE transaction that
    /// also appends exactly one `shift_close` outbox record whose payload is the returned
    /// Z report, its journal link (dated `business_date`), and a `day_digest` record for
    /// each business day with links since the previous close. Refused with [`StoreError::ShiftClosed`] when it is already closed (and
    /// as invalid with a negative count); nothing is written then.
    pub fn close_shift(
        &mut self,
        shift_id: Uuid,
        counted: Money,
        closed_by: Uuid,
        at: &str,
        business_date: &str,
    ) -> Result<ShiftSummary, StoreError> {
        if counted.is_negative() {
            return Err(StoreError::invalid("shift", "the counted cash is negative"));
        }
        let tx = self.write()?;
        open_shift_by_id(&tx, shift_id)?;
        tx.execute(
            "UPDATE shifts SET closed_at = ?2, closed_by = ?3, counted_cash = ?4 WHERE id = ?1",
            params![
                shift_id.to_string(),
                at,
                closed_by.to_string(),
                counted.minor()
            ],
        )?;
        let closed = read_shift(&tx, shift_id)?.ok_or_else(|| StoreError::NotFound {
            what: "shift",
            id: shift_id.to_string(),
        })?;
        let summary = summarize(&tx, closed)?;
        let payload = serde_json::to_string(&summary).map_err(|source| StoreError::Serialize {
            kind: SHIFT_CLOSE_KIND,
            source,
        })?;
        let seq = outbox::take_next(&tx, Counter::Outbox)?;
        let id = shift_id.to_string();
        outbox::append(&tx, seq, SHIFT_CLOSE_KIND, &id, &payload)?;
        let link = journal::append_link(
            &tx,
            SHIFT_CLOSE_KIND,
            &id,
            business_date,
            seq,
            &shift_close_content(&summary),
        )?;
        queue_day_digests(&tx, link.position, at)?;
        tx.commit()?;
        Ok(summary)
    }
}

/// Counts each business day the Z report at chain `position` covers and queues its digest
/// (the newest digest of a day replaces the older one, at HQ as here).
fn queue_day_digests(conn: &Connection, position: i64, at: &str) -> Result<(), StoreError> {
    let terminal = read_terminal(conn)?.ok_or(StoreError::NotInitialized)?;
    for date in journal::days_since_last_close(conn, position)? {
        let digest = journal::day_digest(conn, terminal.terminal_id, &date)?;
        let payload = serde_json::to_string(&digest).map_err(|source| StoreError::Serialize {
            kind: DAY_DIGEST_KIND,
            source,
        })?;
        let seq = outbox::take_next(conn, Counter::Outbox)?;
        outbox::append(conn, seq, DAY_DIGEST_KIND, &date, &payload)?;
        conn.execute(
            "INSERT INTO day_digests (business_date, outbox_seq, digest, made_at) \
             VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (business_date) DO UPDATE SET outbox_seq = excluded.outbox_seq, \
               digest = excluded.digest, made_at = excluded.made_at, hq_status = NULL, \
               hq_detail = NULL, hq_checked_at = NULL",
            params![date, seq, payload, at],
        )?;
    }
    Ok(())
}
