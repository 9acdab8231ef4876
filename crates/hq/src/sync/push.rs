//! One push: a batch of outbox records from one terminal, applied in one transaction.

use std::collections::BTreeMap;

use deadpool_postgres::{Client, Transaction};
use sha2::{Digest, Sha256};
use sync_protocol::api::{PushOutcome, PushRecord, PushResponse, PushResult};
use sync_protocol::{
    DAY_DIGEST_KIND, SALE_KIND, SHIFT_CLOSE_KIND, SHIFT_OPEN_KIND, STOCK_MOVEMENT_KIND, VOID_KIND,
};
use uuid::Uuid;

use super::refusal::{ApplyError, Refusal, db_message, is_permanent};
use super::{chain, day, movement, sale, shift, void};
use crate::terminals::AuthedTerminal;
use crate::versions;

/// Most records one push may carry.
pub const MAX_BATCH: usize = 1_000;

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
#[derive(Debug, Default)]
pub struct Effects {
    /// Stock change per item at the terminal's location, in thousandths.
    pub stock: BTreeMap<Uuid, i64>,
    /// Customers whose balance moved (their catalog version must move too).
    pub customers: Vec<Uuid>,
}

impl Effects {
    fn absorb(&mut self, other: Effects) {
        for (item, delta) in other.stock {
            *self.stock.entry(item).or_default() += delta;
        }
        self.customers.extend(other.customers);
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
                "SELECT last_applied, chain_position, chain_head FROM pos.terminals \
             WHERE id = $1 FOR UPDATE",
            )
            .await?,
            &[&terminal.terminal_id],
        )
        .await
        .map_err(PushError::Transient)?;
    let mut last_applied: i64 = row.get(0);
    let mut head: Option<(i64, String)> = row.get::<_, Option<String>>(2).map(|h| (row.get(1), h));
    let mut results = Vec::with_capacity(records.len());
    let mut effects = Effects::default();
    for record in records {
        if record.seq <= last_applied {
            results.push(replayed(&tx, terminal, record).await?);
            continue;
        }
        if record.seq > last_applied + 1 {
            if results.is_empty() {
                return Err(PushError::OutOfOrder {
                    expected: last_applied + 1,
                    got: record.seq,
                });
            }
            break;
        }
        let examined = chain::examine(head.as_ref().map(|(p, h)| (*p, h.as_str())), record);
        let outcome = match examined.refusal {
            Some(refusal) => Some(refusal),
            None => apply_in_savepoint(&tx, terminal, record, &mut effects).await?,
        };
        if let Some(refusal) = &outcome {
            tracing::warn!(terminal = %terminal.terminal_id, seq = record.seq,
                code = refusal.code, reason = %refusal.message, "record refused");
        }
        log_record(&tx, terminal, record, outcome.as_ref())
            .await
            .map_err(PushError::Transient)?;
        if let Some(linked) = &examined.linked {
            chain::store(&tx, terminal, record, linked, outcome.is_some())
                .await
                .map_err(PushError::Transient)?;
            head = Some((linked.link.position, linked.link.hash.clone()));
        }
        last_applied = record.seq;
        results.push(PushResult {
            seq: record.seq,
            outcome: if outcome.is_some() {
                PushOutcome::Rejected
            } else {
                PushOutcome::Applied
            },
            code: outcome.as_ref().map(|r| r.code.to_owned()),
            message: outcome.map(|r| r.message),
        });
    }
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
           last_seen_at = now() WHERE id = $1",
        )
        .await?,
        &[
            &terminal.terminal_id,
            &last_applied,
            &chain_position,
            &chain_head,
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

/// Applies one record inside a savepoint: its effects stay, or a refusal rolls them back.
async fn apply_in_savepoint(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &PushRecord,
    effects: &mut Effects,
) -> Result<Option<Refusal>, PushError> {
    tx.batch_execute("SAVEPOINT record")
        .await
        .map_err(PushError::Transient)?;
    let outcome = match apply_record(tx, terminal, record).await {
        Ok(done) => {
            tx.batch_execute("RELEASE SAVEPOINT record")
                .await
                .map_err(PushError::Transient)?;
            effects.absorb(done);
            return Ok(None);
        }
        Err(ApplyError::Refused(refusal)) => refusal,
        Err(ApplyError::Database(error)) if is_permanent(&error) => {
            Refusal::new("constraint", db_message(&error))
        }
        Err(ApplyError::Database(error)) => return Err(PushError::Transient(error)),
        Err(ApplyError::Forbidden(why)) => return Err(PushError::Forbidden(why)),
    };
    tx.batch_execute("ROLLBACK TO SAVEPOINT record; RELEASE SAVEPOINT record")
        .await
        .map_err(PushError::Transient)?;
    Ok(Some(outcome))
}

fn check_shape(records: &[PushRecord]) -> Result<(), PushError> {
    if records.len() > MAX_BATCH {
        return Err(PushError::BadRequest(format!(
            "a push carries at most {MAX_BATCH} records, this one {}",
            records.len()
        )));
    }
    for pair in records.windows(2) {
        if pair[1].seq != pair[0].seq + 1 {
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

/// The stored answer for a record HQ already took, or `sequence reused`.
async fn replayed(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &PushRecord,
) -> Result<PushResult, PushError> {
    let stored = tx
        .query_opt(
            &tx.prepare_cached(
                "SELECT content_hash, code, message FROM pos.push_log \
             WHERE terminal_id = $1 AND seq = $2",
            )
            .await?,
            &[&terminal.terminal_id, &record.seq],
        )
        .await
        .map_err(PushError::Transient)?;
    match stored {
        Some(row) if row.get::<_, String>(0) == record.content_hash => Ok(PushResult {
            seq: record.seq,
            outcome: PushOutcome::AlreadyApplied,
            code: row.get(1),
            message: row.get(2),
        }),
        _ => Err(PushError::SequenceReused { seq: record.seq }),
    }
}

async fn apply_record(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &PushRecord,
) -> Result<Effects, ApplyError> {
    match record.kind.as_str() {
        SALE_KIND => sale::apply(tx, terminal, &record.payload).await,
        STOCK_MOVEMENT_KIND => movement::apply(tx, terminal, &record.payload).await,
        SHIFT_OPEN_KIND => shift::apply_open(tx, terminal, &record.payload).await,
        SHIFT_CLOSE_KIND => shift::apply_close(tx, terminal, &record.payload).await,
        VOID_KIND => void::apply(tx, terminal, &record.payload).await,
        DAY_DIGEST_KIND => day::apply(tx, terminal, record).await,
        other => Err(Refusal::new(
            "unknown_kind",
            format!("HQ does not know records of kind \"{other}\""),
        )
        .into()),
    }
}

async fn log_record(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &PushRecord,
    refusal: Option<&Refusal>,
) -> Result<(), tokio_postgres::Error> {
    tx.execute(
        &tx.prepare_cached(
            "INSERT INTO pos.push_log (terminal_id, seq, kind, record_id, content_hash, outcome, \
           code, message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .await?,
        &[
            &terminal.terminal_id,
            &record.seq,
            &record.kind,
            &record.record_id,
            &record.content_hash,
            &if refusal.is_some() {
                "rejected"
            } else {
                "applied"
            },
            &refusal.map(|r| r.code),
            &refusal.map(|r| r.message.as_str()),
        ],
    )
    .await?;
    if refusal.is_some() {
        tx.execute(
            &tx.prepare_cached(
                "INSERT INTO pos.dead_letters (terminal_id, seq, payload) VALUES ($1, $2, $3)",
            )
            .await?,
            &[&terminal.terminal_id, &record.seq, &record.payload],
        )
        .await?;
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
