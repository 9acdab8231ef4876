//! A run of independent sales, taken together in a straight pass.
//!
//! Taking records one after the other, each waits for its answers three times (checks,
//! rows, push log) and sends about ten statements; a push of 200 sales spends most of its
//! time on that (BENCHMARKS.md). Sales that read nothing another record of the push writes
//! (`sale::independent`) need not wait for one another: the run is written as one batch
//! (`batch.rs`: each check once, one insert per table), waiting for answers twice.
//! Whatever does read or write what others depend on (a shift's opening, a refund, a
//! store-credit payment, a day digest, ...) ends the run: the run is taken first, then that
//! record on its own, so every read still sees every write before it.
//!
//! Only a straight pass takes runs. If the batch fails, the pass is undone
//! (`Stop::Refused`); the record-by-record pass that follows takes each record alone, so
//! the answers are the same as without runs.

use deadpool_postgres::Transaction;
use sync_protocol::SaleRecord;
use sync_protocol::api::{PushOutcome, PushRecord, PushResult};

use super::batch;
use super::chain::Linked;
use super::push::PushError;
use super::refusal::{ApplyError, is_permanent};
use super::take::{Stop, Taken};
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
    let outcome = batch::apply_run(tx, terminal, run, &taken.effects).await;
    // Any failure undoes the pass; a refusal means the push is taken record by record.
    let effects = match outcome {
        Ok(effects) => effects,
        Err(ApplyError::Refused(_)) => return Err(Stop::Refused),
        Err(ApplyError::Database(error)) if is_permanent(&error) => return Err(Stop::Refused),
        Err(ApplyError::Database(error)) => return Err(PushError::Transient(error).into()),
        Err(ApplyError::Forbidden(why)) => return Err(PushError::Forbidden(why).into()),
    };
    taken.effects.absorb(effects);
    for pending in run.drain(..) {
        taken.results.push(PushResult {
            seq: pending.record.seq,
            outcome: PushOutcome::Applied,
            code: None,
            message: None,
        });
    }
    Ok(())
}
