//! The terminal's identity: the one row that numbers its receipts and names it to HQ.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Store, StoreError, convert};

/// Who this terminal is. One per database: a restored or reinstalled terminal gets a new
/// database and a new id, so its receipt and outbox numbering never collide with what HQ
/// already has from the old one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalIdentity {
    /// The terminal's id at HQ.
    pub terminal_id: Uuid,
    /// Short code printed in receipt numbers (`T01` → `T01-000123`), 1 to 8 characters.
    pub code: String,
    /// The organization it sells for.
    pub organization_id: Uuid,
    /// The location its stock moves in (must exist in the locations).
    pub location_id: Uuid,
    /// HQ's address once paired.
    pub hq_url: Option<String>,
    /// When it was set up, RFC 3339 UTC.
    pub created_at: String,
}

impl Store {
    /// Records this terminal's identity. Refused if it already has one: changing identity
    /// under existing receipts and outbox records would break their numbering.
    pub fn init_terminal(&mut self, identity: &TerminalIdentity) -> Result<(), StoreError> {
        let tx = self.write()?;
        if let Some(existing) = read_terminal(&tx)? {
            return Err(StoreError::AlreadyInitialized {
                code: existing.code,
                terminal_id: existing.terminal_id.to_string(),
            });
        }
        tx.execute(
            "INSERT INTO terminal (singleton, terminal_id, code, organization_id, location_id, \
               hq_url, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                identity.terminal_id.to_string(),
                identity.code,
                identity.organization_id.to_string(),
                identity.location_id.to_string(),
                identity.hq_url,
                identity.created_at,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// This terminal's identity, if it was set up.
    pub fn terminal(&self) -> Result<Option<TerminalIdentity>, StoreError> {
        read_terminal(&self.conn)
    }
}

pub(crate) fn read_terminal(
    conn: &rusqlite::Connection,
) -> Result<Option<TerminalIdentity>, StoreError> {
    type Raw = (String, String, String, String, Option<String>, String);
    let raw: Option<Raw> = conn
        .query_row(
            "SELECT terminal_id, code, organization_id, location_id, hq_url, created_at \
             FROM terminal WHERE singleton = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((terminal_id, code, organization_id, location_id, hq_url, created_at)) = raw else {
        return Ok(None);
    };
    Ok(Some(TerminalIdentity {
        terminal_id: convert::uuid("terminal.terminal_id", &terminal_id)?,
        code,
        organization_id: convert::uuid("terminal.organization_id", &organization_id)?,
        location_id: convert::uuid("terminal.location_id", &location_id)?,
        hq_url,
        created_at,
    }))
}
