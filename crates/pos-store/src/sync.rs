//! What the sync worker and the status line read and write: the queue, dead letters,
//! the sync state, and the local half of a push's acknowledgement.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::{Store, StoreError};

/// The single row of sync bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// HQ's catalog version counter this terminal has applied up to.
    pub pull_cursor: i64,
    /// The newest outbox sequence HQ reported as applied (or rejected) for us.
    pub hq_last_applied: i64,
    /// Last successful push, RFC 3339 UTC.
    pub last_push_at: Option<String>,
    /// Last successful pull, RFC 3339 UTC.
    pub last_pull_at: Option<String>,
    /// The last sync failure, one sentence, cleared by a success.
    pub last_error: Option<String>,
    /// Where the next stock pull resumes: HQ's stock version for this location...
    pub stock_cursor: i64,
    /// ... and the last level's item id within it.
    pub stock_cursor_id: Option<String>,
    /// When a sync round last ran, successful or not.
    pub last_attempt_at: Option<String>,
}

/// HQ's refusal of one outbox record, to be kept as a dead letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// The refused record's sequence number.
    pub seq: i64,
    /// HQ's machine-readable code.
    pub code: String,
    /// HQ's sentence.
    pub reason: String,
}

impl Store {
    /// Records waiting to be pushed.
    pub fn outbox_len(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))?)
    }

    /// Sales and refunds among them (a shift's opening, a Z report or a stock movement
    /// is not one).
    pub fn queued_sales(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM outbox WHERE kind = ?1",
            [crate::SALE_KIND],
            |r| r.get(0),
        )?)
    }

    /// Records HQ refused for good, kept for a manager.
    pub fn dead_letter_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM dead_letters", [], |r| r.get(0))?)
    }

    /// The sync bookkeeping.
    pub fn sync_state(&self) -> Result<SyncState, StoreError> {
        Ok(self.conn.query_row(
            "SELECT pull_cursor, hq_last_applied, last_push_at, last_pull_at, last_error, \
               stock_cursor, stock_cursor_id, last_attempt_at \
             FROM sync_state WHERE singleton = 1",
            [],
            |r| {
                Ok(SyncState {
                    pull_cursor: r.get(0)?,
                    hq_last_applied: r.get(1)?,
                    last_push_at: r.get(2)?,
                    last_pull_at: r.get(3)?,
                    last_error: r.get(4)?,
                    stock_cursor: r.get(5)?,
                    stock_cursor_id: r.get(6)?,
                    last_attempt_at: r.get(7)?,
                })
            },
        )?)
    }

    /// Applies HQ's answer to a push in ONE transaction: records `<= last_applied` leave
    /// the outbox, the `rejected` ones moving to the dead letters (never dropped); sales
    /// they carried are marked `applied` or `rejected` so [`Store::verify`] can still
    /// account for them; `hq_last_applied` and `last_push_at` are stored.
    ///
    /// A `last_applied` smaller than one HQ reported before is refused with
    /// [`StoreError::HqWentBackwards`] and changes nothing: HQ was probably restored from
    /// an older backup and the records it lost must not be deleted here. One beyond the
    /// last record this terminal numbered is refused with [`StoreError::HqAheadOfTerminal`]
    /// (this database was restored or copied), and so is a rejection past `last_applied`.
    pub fn acknowledge_push(
        &mut self,
        last_applied: i64,
        rejected: &[Rejection],
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let known: i64 = tx.query_row(
            "SELECT hq_last_applied FROM sync_state WHERE singleton = 1",
            [],
            |r| r.get(0),
        )?;
        if last_applied < known {
            return Err(StoreError::HqWentBackwards {
                reported: last_applied,
                known,
            });
        }
        let numbered: i64 = tx.query_row(
            "SELECT next_seq - 1 FROM outbox_counter WHERE singleton = 1",
            [],
            |r| r.get(0),
        )?;
        if last_applied > numbered {
            return Err(StoreError::HqAheadOfTerminal {
                reported: last_applied,
                numbered,
            });
        }
        if let Some(r) = rejected.iter().find(|r| r.seq > last_applied) {
            return Err(StoreError::invalid(
                "push answer",
                format!(
                    "record {} is reported rejected beyond last_applied {last_applied}",
                    r.seq
                ),
            ));
        }
        {
            let mut dead = tx.prepare_cached(
                "INSERT INTO dead_letters (seq, kind, record_id, payload, code, reason, \
                   rejected_at) \
                 SELECT seq, kind, record_id, payload, ?2, ?3, \
                   strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM outbox WHERE seq = ?1 AND seq <= ?4",
            )?;
            let mut mark = tx.prepare_cached(
                "UPDATE sales SET sync_status = 'rejected' \
                 WHERE id = (SELECT record_id FROM outbox WHERE seq = ?1 AND kind = 'sale')",
            )?;
            for r in rejected {
                dead.execute(params![r.seq, r.code, r.reason, last_applied])?;
                mark.execute([r.seq])?;
            }
        }
        tx.execute(
            "UPDATE sales SET sync_status = 'applied' WHERE sync_status = 'pending' AND id IN \
             (SELECT record_id FROM outbox WHERE kind = 'sale' AND seq <= ?1)",
            [last_applied],
        )?;
        tx.execute("DELETE FROM outbox WHERE seq <= ?1", [last_applied])?;
        tx.execute(
            "UPDATE sync_state SET hq_last_applied = ?1, last_error = NULL, \
               last_push_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE singleton = 1",
            [last_applied],
        )?;
        tx.commit()?;
        Ok(())
    }
}
