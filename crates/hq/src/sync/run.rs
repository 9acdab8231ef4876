//! A run of independent sales, taken together in a straight pass.
//!
//! Taking records one after the other, each waits for its answers three times (checks,
//! rows, push log); a push of 200 sales spends most of its time waiting on round trips
//! (BENCHMARKS.md). Sales that read nothing another record of the push writes
//! (`sale::independent`) need not wait for one another: their statements go out together,
//! pipelined on the one connection, and the run waits for its answers about three times in
//! all. Whatever does read or write what others depend on (a shift's opening, a refund, a
//! store-credit payment, a day digest, ...) ends the run: the run is taken first, then that
//! record on its own, so every read still sees every write before it.
//!
//! Only a straight pass takes runs. If any sale of a run fails, the transaction is aborted
//! and the pass is undone (`Stop::Refused`); the record-by-record pass that follows takes
//! each record alone, so the answers are the same as without runs.

use deadpool_postgres::Transaction;
use futures_util::future::join_all;
use sync_protocol::SaleRecord;
use sync_protocol::api::{PushOutcome, PushRecord, PushResult};

use super::chain::{self, Linked};
use super::push::PushError;
use super::refusal::{ApplyError, is_permanent};
use super::sale;
use super::take::{Stop, Taken, log_record};
use crate::terminals::AuthedTerminal;

/// One sale waiting in the run, with its journal link as the chain examined it.
pub struct Pending<'a> {
    pub record: &'a PushRecord,
    pub sale: SaleRecord,
    pub linked: Option<Linked>,
}

/// Takes every sale of `run` together; on success their answers join `taken` in order.
pub async fn take_run(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    run: &mut Vec<Pending<'_>>,
    taken: &mut Taken,
) -> Result<(), Stop> {
    if run.is_empty() {
        return Ok(());
    }
    let outcomes = join_all(run.iter().map(|pending| async move {
        let effects = sale::apply_parsed(tx, terminal, &pending.sale).await?;
        let (logged, linked) =
            tokio::join!(log_record(tx, terminal, pending.record, None), async {
                match &pending.linked {
                    Some(linked) => chain::store(tx, terminal, pending.record, linked, false).await,
                    None => Ok(()),
                }
            });
        logged?;
        linked?;
        Ok::<_, ApplyError>(effects)
    }))
    .await;

    // One failure aborts the transaction, so the statements sent after it fail too: what
    // decides is whether any sale was refused (then the pass is redone record by record),
    // not which error came first.
    let mut forbidden = None;
    let mut transient = None;
    let mut refused = false;
    let mut applied = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Ok(effects) => applied.push(effects),
            Err(ApplyError::Refused(_)) => refused = true,
            Err(ApplyError::Database(error)) if is_permanent(&error) => refused = true,
            Err(ApplyError::Database(error)) => {
                transient.get_or_insert(error);
            }
            Err(ApplyError::Forbidden(why)) => {
                forbidden.get_or_insert(why);
            }
        }
    }
    if refused {
        return Err(Stop::Refused);
    }
    if let Some(why) = forbidden {
        return Err(PushError::Forbidden(why).into());
    }
    if let Some(error) = transient {
        return Err(PushError::Transient(error).into());
    }
    for (pending, effects) in run.drain(..).zip(applied) {
        taken.effects.absorb(effects);
        taken.results.push(PushResult {
            seq: pending.record.seq,
            outcome: PushOutcome::Applied,
            code: None,
            message: None,
        });
    }
    Ok(())
}
