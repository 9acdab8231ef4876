//! Taking a push's records one by one, in order: a replay answers its stored result, the
//! journal link is checked, the record is applied, and the push log and the link are
//! written. Two modes: straight (no savepoint per record; any refusal stops the pass so the
//! caller can undo it) and record by record (each record under its own savepoint, so a
//! refusal rolls back that record alone and is the record's answer). A straight pass takes
//! consecutive independent sales together (`run.rs`).

use deadpool_postgres::Transaction;
use sync_protocol::api::{PushOutcome, PushRecord, PushResult};
use sync_protocol::{
    AUDIT_KIND, DAY_DIGEST_KIND, SALE_KIND, SHIFT_CLOSE_KIND, SHIFT_OPEN_KIND, STOCK_MOVEMENT_KIND,
    VOID_KIND,
};

use super::push::{Effects, PushError};
use super::refusal::{ApplyError, Refusal, db_message, is_permanent, refusal_for};
use super::run::{Pending, take_run};
use super::{audit, chain, day, movement, sale, shift, void};
use crate::terminals::AuthedTerminal;

const LOG_SQL: &str = "INSERT INTO pos.push_log (terminal_id, seq, kind, record_id, \
     content_hash, outcome, code, message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const DEAD_LETTER_SQL: &str =
    "INSERT INTO pos.dead_letters (terminal_id, seq, payload) VALUES ($1, $2, $3)";

/// How a pass takes the records that are new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No savepoint per record: a refusal ends the pass with [`Stop::Refused`].
    Straight,
    /// A savepoint per record: a refusal is rolled back and becomes the record's answer.
    RecordByRecord,
}

/// Why a pass ended early.
#[derive(Debug)]
pub enum Stop {
    /// A straight pass met a record HQ refuses: undo the pass, take it record by record.
    Refused,
    /// The push fails as a whole.
    Push(PushError),
}

impl From<PushError> for Stop {
    fn from(error: PushError) -> Self {
        Stop::Push(error)
    }
}

impl From<tokio_postgres::Error> for Stop {
    fn from(error: tokio_postgres::Error) -> Self {
        Stop::Push(PushError::Transient(error))
    }
}

/// Where a pass starts, and what it ends with.
#[derive(Debug, Clone)]
pub struct Taken {
    pub last_applied: i64,
    /// The terminal's last journal link, `(position, hash)`.
    pub head: Option<(i64, String)>,
    pub results: Vec<PushResult>,
    pub effects: Effects,
}

impl Taken {
    pub fn start(last_applied: i64, head: Option<(i64, String)>) -> Self {
        Taken {
            last_applied,
            head,
            results: Vec::new(),
            effects: Effects::default(),
        }
    }
}

/// Takes `records` after `from`, in `mode`.
pub async fn take(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    records: &[PushRecord],
    from: Taken,
    mode: Mode,
) -> Result<Taken, Stop> {
    let mut taken = from;
    // Prepared before the loop, so that a record's push-log row and its link, sent together
    // below, reach PostgreSQL in that order (the link refers to the log row).
    tokio::try_join!(
        tx.prepare_cached(LOG_SQL),
        tx.prepare_cached(DEAD_LETTER_SQL),
        tx.prepare_cached(chain::LINK_SQL),
    )?;
    // Independent sales wait here until a record that is not one (or the end) comes.
    let mut run: Vec<Pending> = Vec::new();
    for record in records {
        if record.seq <= taken.last_applied {
            take_run(tx, terminal, &mut run, &mut taken).await?;
            taken.results.push(replayed(tx, terminal, record).await?);
            continue;
        }
        if record.seq > taken.last_applied.saturating_add(1) {
            take_run(tx, terminal, &mut run, &mut taken).await?;
            if taken.results.is_empty() {
                return Err(PushError::OutOfOrder {
                    expected: taken.last_applied.saturating_add(1),
                    got: record.seq,
                }
                .into());
            }
            break;
        }
        let head = taken.head.as_ref().map(|(p, h)| (*p, h.as_str()));
        let examined = chain::examine(head, record);
        if mode == Mode::Straight
            && examined.refusal.is_none()
            && let Some(sale) = sale::independent(record)
        {
            if let Some(linked) = &examined.linked {
                taken.head = Some((linked.link.position, linked.link.hash.clone()));
            }
            taken.last_applied = record.seq;
            run.push(Pending {
                record,
                sale,
                linked: examined.linked,
            });
            continue;
        }
        take_run(tx, terminal, &mut run, &mut taken).await?;
        let outcome = match (examined.refusal, mode) {
            (Some(refusal), _) => Some(refusal),
            (None, Mode::RecordByRecord) => {
                apply_in_savepoint(tx, terminal, record, &mut taken.effects).await?
            }
            (None, Mode::Straight) => {
                match apply_record(tx, terminal, record, &taken.effects).await {
                    Ok(done) => {
                        taken.effects.absorb(done);
                        None
                    }
                    Err(ApplyError::Refused(_)) => return Err(Stop::Refused),
                    Err(ApplyError::Database(error)) if is_permanent(&error) => {
                        return Err(Stop::Refused);
                    }
                    Err(ApplyError::Database(error)) => {
                        return Err(PushError::Transient(error).into());
                    }
                    Err(ApplyError::Forbidden(why)) => return Err(PushError::Forbidden(why).into()),
                }
            }
        };
        if let Some(refusal) = &outcome {
            tracing::warn!(terminal = %terminal.terminal_id, seq = record.seq,
                code = refusal.code, reason = %refusal.message, "record refused");
        }
        // The log row and the link go out together: one round trip.
        let (logged, linked) =
            tokio::join!(log_record(tx, terminal, record, outcome.as_ref()), async {
                match &examined.linked {
                    Some(linked) => chain::store(tx, terminal, record, linked, outcome.is_some())
                        .await
                        .map(|()| Some((linked.link.position, linked.link.hash.clone()))),
                    None => Ok(None),
                }
            },);
        logged?;
        if let Some(head) = linked? {
            taken.head = Some(head);
        }
        taken.last_applied = record.seq;
        taken.results.push(PushResult {
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
    take_run(tx, terminal, &mut run, &mut taken).await?;
    Ok(taken)
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
    let outcome = match apply_record(tx, terminal, record, effects).await {
        Ok(done) => {
            tx.batch_execute("RELEASE SAVEPOINT record")
                .await
                .map_err(PushError::Transient)?;
            effects.absorb(done);
            return Ok(None);
        }
        Err(ApplyError::Refused(refusal)) => refusal,
        Err(ApplyError::Database(error)) if is_permanent(&error) => {
            tracing::warn!(terminal = %terminal.terminal_id, seq = record.seq,
                error = %db_message(&error), "a record broke a rule of HQ's schema");
            refusal_for(&error)
        }
        Err(ApplyError::Database(error)) => return Err(PushError::Transient(error)),
        Err(ApplyError::Forbidden(why)) => return Err(PushError::Forbidden(why)),
    };
    tx.batch_execute("ROLLBACK TO SAVEPOINT record; RELEASE SAVEPOINT record")
        .await
        .map_err(PushError::Transient)?;
    Ok(Some(outcome))
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

/// Applies one record; `so_far` is what the push's earlier records change at settlement.
async fn apply_record(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &PushRecord,
    so_far: &Effects,
) -> Result<Effects, ApplyError> {
    match record.kind.as_str() {
        SALE_KIND => sale::apply(tx, terminal, &record.payload, so_far).await,
        STOCK_MOVEMENT_KIND => movement::apply(tx, terminal, &record.payload, so_far).await,
        SHIFT_OPEN_KIND => shift::apply_open(tx, terminal, &record.payload).await,
        SHIFT_CLOSE_KIND => shift::apply_close(tx, terminal, &record.payload).await,
        VOID_KIND => void::apply(tx, terminal, &record.payload).await,
        DAY_DIGEST_KIND => day::apply(tx, terminal, record).await,
        AUDIT_KIND => audit::apply(tx, terminal, &record.payload).await,
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
        &tx.prepare_cached(LOG_SQL).await?,
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
            &tx.prepare_cached(DEAD_LETTER_SQL).await?,
            &[&terminal.terminal_id, &record.seq, &record.payload],
        )
        .await?;
    }
    Ok(())
}
