//! What the sync worker reads to push, and what it records about each round.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use sync_protocol::ChainLink;

use crate::{Store, StoreError};

/// One queued outbox record, as pushed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRecord {
    pub seq: i64,
    pub kind: String,
    pub record_id: String,
    pub content_hash: String,
    pub payload: String,
    /// Its journal link, for a chained kind committed since the journal began.
    pub chain: Option<ChainLink>,
}

/// A record HQ refused for good, kept for a manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeadLetter {
    pub seq: i64,
    pub kind: String,
    pub record_id: String,
    pub code: String,
    pub reason: String,
    pub rejected_at: String,
}

impl Store {
    /// The oldest `limit` queued records, in sequence order.
    pub fn outbox_batch(&self, limit: usize) -> Result<Vec<OutboxRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.seq, o.kind, o.record_id, o.content_hash, o.payload, j.position, \
               j.business_date, j.prev_hash, j.content_hash, j.hash \
             FROM outbox o LEFT JOIN journal_chain j ON j.outbox_seq = o.seq \
             ORDER BY o.seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            let chain = match r.get::<_, Option<i64>>(5)? {
                Some(position) => Some(ChainLink {
                    position,
                    business_date: r.get(6)?,
                    prev_hash: r.get(7)?,
                    content_hash: r.get(8)?,
                    hash: r.get(9)?,
                }),
                None => None,
            };
            Ok(OutboxRecord {
                seq: r.get(0)?,
                kind: r.get(1)?,
                record_id: r.get(2)?,
                content_hash: r.get(3)?,
                payload: r.get(4)?,
                chain,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The newest `limit` dead letters, newest first.
    pub fn dead_letters(&self, limit: usize) -> Result<Vec<DeadLetter>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, kind, record_id, code, reason, rejected_at FROM dead_letters \
             ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            Ok(DeadLetter {
                seq: r.get(0)?,
                kind: r.get(1)?,
                record_id: r.get(2)?,
                code: r.get(3)?,
                reason: r.get(4)?,
                rejected_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that a sync round ran now: `error` is its failure in one sentence, or
    /// `None` for a success (which clears the last error).
    pub fn record_sync_attempt(&mut self, error: Option<&str>) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sync_state SET last_error = ?1, \
               last_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE singleton = 1",
            params![error],
        )?;
        Ok(())
    }

    /// Forgets HQ (the terminal goes on as a standalone till), refused with
    /// [`StoreError::QueueNotEmpty`] while records wait to be pushed: the check and the
    /// change are one transaction, so a sale cannot slip in between.
    pub fn unpair(&mut self) -> Result<(), StoreError> {
        let tx = self.write()?;
        let queued: i64 = tx.query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))?;
        if queued > 0 {
            return Err(StoreError::QueueNotEmpty { queued });
        }
        tx.execute("UPDATE terminal SET hq_url = NULL WHERE singleton = 1", [])?;
        tx.commit()?;
        Ok(())
    }

    /// How many items the catalog holds (tombstones left out).
    pub fn catalog_size(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM items WHERE deleted = 0", [], |r| {
                r.get(0)
            })?)
    }
}
