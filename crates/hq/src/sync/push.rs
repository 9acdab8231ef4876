//! One push: a batch of outbox records from one terminal, applied in one transaction.

use std::collections::BTreeMap;

use deadpool_postgres::{Client, Transaction};
use sha2::{Digest, Sha256};
use sync_protocol::api::{PushRecord, PushResponse};
use uuid::Uuid;

use super::day;
use super::take::{self, Mode, Stop, Taken};
use crate::terminals::AuthedTerminal;
use crate::versions;

/// Most records one push may carry.
pub const MAX_BATCH: usize = 1_000;

/// The highest sequence number HQ takes: a till selling a sale a millisecond for a
/// thousand years stays below it, and `+ 1` on it can never overflow.
pub const MAX_SEQ: i64 = 1 << 50;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("{0}")]
    BadRequest(String),
    #[error(
        "record {seq} reuses a sequence number HQ already applied with other content; this terminal's data was restored or copied: pair it again as a new terminal"
    )]
    SequenceReused { seq: i64 },
    #[error("record {got} is out of order: HQ expects record {expected} next")]
    OutOfOrder { expected: i64, got: i64 },
    #[error("{0}")]
    Forbidden(String),
    #[error("HQ's database is unavailable for a moment; nothing was applied, try again")]
    Transient(#[source] tokio_postgres::Error),
}

impl From<tokio_postgres::Error> for PushError {
    /// A database failure during a push applies nothing: the terminal retries.
    fn from(error: tokio_postgres::Error) -> Self {
        PushError::Transient(error)
    }
}

impl PushError {
    /// The machine-readable code the API answers with.
    pub fn code(&self) -> &'static str {
        match self {
            PushError::BadRequest(_) => "bad_request",
            PushError::SequenceReused { .. } => "sequence_reused",
            PushError::OutOfOrder { .. } => "out_of_order",
            PushError::Forbidden(_) => "forbidden",
            PushError::Transient(_) => "unavailable",
        }
    }
}

/// What applying one record changed that is settled once per batch (in a fixed order, so
/// two batches at one location lock stock rows in the same order and cannot deadlock).
#[derive(Debug, Default, Clone)]
pub struct Effects {
    /// Stock change per item at the terminal's location, in thousandths.
    pub stock: BTreeMap<Uuid, i64>,
    /// Customers whose balance moved (their catalog version must move too).
    pub customers: Vec<Uuid>,
    /// A sale named the catalog version it was priced at: from now on the terminal's
    /// sales must (see `vet/prices.rs`).
    pub versioned_sale: bool,
}

impl Effects {
    pub fn absorb(&mut self, other: Effects) {
        for (item, delta) in other.stock {
            *self.stock.entry(item).or_default() += delta;
        }
        self.customers.extend(other.customers);
        self.versioned_sale |= other.versioned_sale;
    }
}

/// Applies `records` for `terminal`. See the module documentation of [`crate::sync`].
pub async fn apply_push(
    client: &mut Client,
    terminal: AuthedTerminal,
    records: &[PushRecord],
) -> Result<PushResponse, PushError> {
    check_shape(records)?;
    let tx = client.transaction().await.map_err(PushError::Transient)?;
    let row = tx
        .query_one(
            &tx.prepare_cached(
                "SELECT last_applied, chain_position, chain_head, requires_catalog_version \
             FROM pos.terminals WHERE id = $1 FOR UPDATE",
            )
            .await?,
            &[&terminal.terminal_id],
        )
        .await
        .map_err(PushError::Transient)?;
    let terminal = AuthedTerminal {
        requires_catalog_version: row.get(3),
        ..terminal
    };
    let head: Option<(i64, String)> = row.get::<_, Option<String>>(2).map(|h| (row.get(1), h));
    let start = Taken::start(row.get(0), head);
    // Most batches are refused nothing: take them without a savepoint per record. If a
    // record is refused, undo the whole pass and take the batch again record by record,
    // each under its own savepoint, so the refusal rolls back that record alone.
    tx.batch_execute("SAVEPOINT batch").await?;
    let taken = match take::take(&tx, terminal, records, start.clone(), Mode::Straight).await {
        Ok(taken) => taken,
        Err(Stop::Refused) => {
            tx.batch_execute("ROLLBACK TO SAVEPOINT batch").await?;
            match take::take(&tx, terminal, records, start, Mode::RecordByRecord).await {
                Ok(taken) => taken,
                Err(Stop::Refused) => unreachable!("record by record, refusals are answers"),
                Err(Stop::Push(error)) => return Err(error),
            }
        }
        Err(Stop::Push(error)) => return Err(error),
    };
    let Taken {
        last_applied,
        head,
        results,
        effects,
    } = taken;
    settle(&tx, terminal, &effects)
        .await
        .map_err(PushError::Transient)?;
    let (chain_position, chain_head) = match head {
        Some((position, hash)) => (position, Some(hash)),
        None => (0, None),
    };
    tx.execute(
        &tx.prepare_cached(
            "UPDATE pos.terminals SET last_applied = $2, chain_position = $3, chain_head = $4, \
           requires_catalog_version = requires_catalog_version OR $5, last_seen_at = now() \
           WHERE id = $1",
        )
        .await?,
        &[
            &terminal.terminal_id,
            &last_applied,
            &chain_position,
            &chain_head,
            &effects.versioned_sale,
        ],
    )
    .await
    .map_err(PushError::Transient)?;
    let day_checks = day::verdicts(&tx, terminal, records, last_applied)
        .await
        .map_err(PushError::Transient)?;
    tx.commit().await.map_err(PushError::Transient)?;
    Ok(PushResponse {
        last_applied,
        results,
        day_checks,
    })
}

fn check_shape(records: &[PushRecord]) -> Result<(), PushError> {
    if records.len() > MAX_BATCH {
        return Err(PushError::BadRequest(format!(
            "a push carries at most {MAX_BATCH} records, this one {}",
            records.len()
        )));
    }
    for record in records {
        if record.seq > MAX_SEQ {
            return Err(PushError::BadRequest(format!(
                "sequence number {} is beyond any a terminal numbers (at most {MAX_SEQ})",
                record.seq
            )));
        }
    }
    for pair in records.windows(2) {
        if pair[0].seq.checked_add(1) != Some(pair[1].seq) {
            return Err(PushError::BadRequest(format!(
                "records must be consecutive: {} follows {}",
                pair[1].seq, pair[0].seq
            )));
        }
    }
    for record in records {
        if record.seq < 1 {
            return Err(PushError::BadRequest(format!(
                "sequence numbers start at 1, not {}",
                record.seq
            )));
        }
        let actual = hex::encode(Sha256::digest(record.payload.as_bytes()));
        if actual != record.content_hash {
            return Err(PushError::BadRequest(format!(
                "record {}'s content hash does not match its payload",
                record.seq
            )));
        }
    }
    Ok(())
}

/// Stock levels and customer versions, once per batch, in a fixed order. The version
/// counters are taken here, last, so their locks are held only until the commit.
async fn settle(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    effects: &Effects,
) -> Result<(), tokio_postgres::Error> {
    if !effects.stock.is_empty() {
        let version = versions::next_stock_version(&**tx, terminal.location_id).await?;
        let items: Vec<Uuid> = effects.stock.keys().copied().collect();
        let deltas: Vec<i64> = effects.stock.values().copied().collect();
        tx.execute(
            &tx.prepare_cached(
                "INSERT INTO inv.stock_levels (item_id, location_id, on_hand, sync_version) \
             SELECT d.item_id, $3, d.milli::numeric / 1000, $4 \
               FROM unnest($1::uuid[], $2::int8[]) AS d (item_id, milli) \
             ON CONFLICT (item_id, location_id) DO UPDATE \
               SET on_hand = inv.stock_levels.on_hand + excluded.on_hand, \
                   sync_version = excluded.sync_version, updated_at = now()",
            )
            .await?,
            &[&items, &deltas, &terminal.location_id, &version],
        )
        .await?;
    }
    if !effects.customers.is_empty() {
        let mut customers = effects.customers.clone();
        customers.sort();
        customers.dedup();
        let version = versions::next_catalog_version(&**tx, terminal.organization_id).await?;
        tx.execute(
            &tx.prepare_cached("UPDATE pos.customers SET sync_version = $2 WHERE id = ANY($1)")
                .await?,
            &[&customers, &version],
        )
        .await?;
    }
    Ok(())
}
