//! The audit log: who did what at the till, and which manager approved it.
//!
//! Append-only. An entry that belongs to a sale (a refund's approval, a price override)
//! is written by [`Store::complete_sale_audited`] in the sale's own transaction, so the
//! log never shows an approval for a sale that does not exist, nor a sale without it.
//! Every entry is queued for HQ in the transaction that writes it (outbox kind `audit`),
//! so HQ's audit log holds each one exactly once. A store with no identity yet (never
//! initialized) has no HQ to tell and no users to name, so nothing is queued there.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::outbox::{self, Counter};
use crate::terminal::read_terminal;
use crate::{Store, StoreError, convert};

pub use sync_protocol::{AUDIT_KIND, AuditRecord};

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Made on the terminal (v7).
    pub id: Uuid,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who did it (a known user), if anyone was signed in.
    pub user_id: Option<Uuid>,
    /// The manager who approved it (a known user), if it needed approval.
    pub approved_by: Option<Uuid>,
    /// A stable short name ("refund", "void", "price_override", "sign_in", ...).
    pub action: String,
    /// Free text naming what it was done to.
    pub detail: String,
}

/// Inserts `entry` on `conn` and queues it for HQ (inside the caller's transaction).
pub(crate) fn insert(conn: &Connection, entry: &AuditEntry) -> Result<(), StoreError> {
    write_row(conn, entry)?;
    let Some(terminal) = read_terminal(conn)? else {
        return Ok(());
    };
    let record = AuditRecord {
        terminal_id: terminal.terminal_id,
        id: entry.id,
        at: entry.at.clone(),
        user_id: entry.user_id,
        approved_by: entry.approved_by,
        action: entry.action.clone(),
        detail: entry.detail.clone(),
    };
    let payload = serde_json::to_string(&record).map_err(|source| StoreError::Serialize {
        kind: AUDIT_KIND,
        source,
    })?;
    let seq = outbox::take_next(conn, Counter::Outbox)?;
    outbox::append(conn, seq, AUDIT_KIND, &entry.id.to_string(), &payload)?;
    Ok(())
}

fn write_row(conn: &Connection, entry: &AuditEntry) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, user_id, approved_by, action, detail) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        entry.id.to_string(),
        entry.at,
        entry.user_id.map(|id| id.to_string()),
        entry.approved_by.map(|id| id.to_string()),
        entry.action,
        entry.detail,
    ])?;
    Ok(())
}

type RawEntry = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

impl Store {
    /// Appends one entry on its own. Users named must exist (foreign keys).
    pub fn append_audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError> {
        let tx = self.write()?;
        insert(&tx, entry)?;
        tx.commit()?;
        Ok(())
    }

    /// The newest `limit` entries, newest first: by `at`, then by order of writing. `at`
    /// is compared as text (so it is read through its index): write every time in one
    /// RFC 3339 UTC format, as the till's clock does.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, user_id, approved_by, action, detail FROM audit_log \
             ORDER BY at DESC, rowid DESC LIMIT ?1",
        )?;
        let raws = stmt
            .query_map([limit], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<Vec<RawEntry>, _>>()?;
        raws.into_iter()
            .map(|(id, at, user_id, approved_by, action, detail)| {
                let opt =
                    |column, v: Option<String>| v.map(|s| convert::uuid(column, &s)).transpose();
                Ok(AuditEntry {
                    id: convert::uuid("audit_log.id", &id)?,
                    at,
                    user_id: opt("audit_log.user_id", user_id)?,
                    approved_by: opt("audit_log.approved_by", approved_by)?,
                    action,
                    detail,
                })
            })
            .collect()
    }
}
