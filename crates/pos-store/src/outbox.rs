//! The outbox: records waiting to be pushed to HQ, numbered 1, 2, 3, ... per terminal.
//!
//! A record is appended in the same transaction as the effects it describes, so either
//! both exist or neither does. Its sequence number comes from `outbox_counter`, taken
//! inside that transaction: a rolled-back transaction gives its number back (no gap), and
//! deleting acknowledged records never makes a number come round again (no reuse).

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use crate::StoreError;

/// Which single-row counter to draw from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Counter {
    /// Receipt numbers.
    Receipt,
    /// Outbox sequence numbers.
    Outbox,
}

/// Takes the next number of `counter`. Must run inside the write transaction that uses
/// it; the number is only consumed if that transaction commits.
pub(crate) fn take_next(conn: &Connection, counter: Counter) -> Result<i64, StoreError> {
    let sql = match counter {
        Counter::Receipt => {
            "UPDATE receipt_counter SET next_seq = next_seq + 1 WHERE singleton = 1 \
             RETURNING next_seq - 1"
        }
        Counter::Outbox => {
            "UPDATE outbox_counter SET next_seq = next_seq + 1 WHERE singleton = 1 \
             RETURNING next_seq - 1"
        }
    };
    Ok(conn.prepare_cached(sql)?.query_row([], |row| row.get(0))?)
}

/// The stable content hash of a payload: lowercase hex SHA-256 of its bytes. HQ compares
/// it to detect a sequence number reused for different content.
pub fn content_hash(payload: &[u8]) -> String {
    hex::encode(Sha256::digest(payload))
}

/// Appends one record with sequence `seq` (from [`take_next`]); returns its hash.
pub(crate) fn append(
    conn: &Connection,
    seq: i64,
    kind: &str,
    record_id: &str,
    payload: &str,
) -> Result<String, StoreError> {
    let hash = content_hash(payload.as_bytes());
    conn.prepare_cached(
        "INSERT INTO outbox (seq, kind, record_id, payload, content_hash, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    )?
    .execute(params![seq, kind, record_id, payload, hash])?;
    Ok(hash)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            super::content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
