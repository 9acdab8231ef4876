//! Voiding the sale being rung up: nothing was sold, but the void is recorded, chained
//! into the journal and pushed, so the day's figures account for it.

use pos_domain::Money;
use rusqlite::params;
use sync_protocol::chain::void_content;
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::journal;
use crate::outbox::{self, Counter};
use crate::terminal::read_terminal;
use crate::{Store, StoreError};

pub use sync_protocol::{VOID_KIND, VoidRecord};

/// A void as the till hands it to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVoid {
    pub id: Uuid,
    pub shift_id: Option<Uuid>,
    pub cashier_id: Uuid,
    pub approved_by: Uuid,
    pub lines: u32,
    pub total: Money,
    pub occurred_at: String,
    pub business_date: String,
}

impl Store {
    /// Records `void` with its `audit` entries, one outbox record and its journal link, in
    /// one transaction.
    pub fn record_void(
        &mut self,
        void: &NewVoid,
        audit: &[AuditEntry],
    ) -> Result<VoidRecord, StoreError> {
        if void.total.is_negative() {
            return Err(StoreError::invalid("void", "the voided total is negative"));
        }
        let tx = self.write()?;
        let terminal = read_terminal(&tx)?.ok_or(StoreError::NotInitialized)?;
        let record = VoidRecord {
            terminal_id: terminal.terminal_id,
            location_id: terminal.location_id,
            id: void.id,
            shift_id: void.shift_id,
            cashier_id: void.cashier_id,
            approved_by: void.approved_by,
            lines: void.lines,
            total: void.total,
            occurred_at: void.occurred_at.clone(),
            business_date: void.business_date.clone(),
        };
        tx.execute(
            "INSERT INTO voids (id, shift_id, cashier_id, approved_by, lines, total, \
               occurred_at, business_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                record.id.to_string(),
                record.shift_id.map(|id| id.to_string()),
                record.cashier_id.to_string(),
                record.approved_by.to_string(),
                record.lines,
                record.total.minor(),
                record.occurred_at,
                record.business_date,
            ],
        )?;
        for entry in audit {
            audit::insert(&tx, entry)?;
        }
        let payload = serde_json::to_string(&record).map_err(|source| StoreError::Serialize {
            kind: VOID_KIND,
            source,
        })?;
        let seq = outbox::take_next(&tx, Counter::Outbox)?;
        let id = record.id.to_string();
        outbox::append(&tx, seq, VOID_KIND, &id, &payload)?;
        journal::append_link(
            &tx,
            VOID_KIND,
            &id,
            &record.business_date,
            seq,
            &void_content(&record),
        )?;
        tx.commit()?;
        Ok(record)
    }
}
