//! Stock a manager moves by hand: goods received, corrections, counts.
//!
//! Like a sale's movements, each is written with exactly one outbox record in one
//! transaction, so HQ (whose levels are the sum of movements) learns of it exactly once,
//! and the level shown here counts it until HQ acknowledges it.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::outbox::{self, Counter};
use crate::sale_types::MovementReason;
use crate::terminal::read_terminal;
use crate::{Store, StoreError};

pub use sync_protocol::{STOCK_MOVEMENT_KIND, StockMovementRecord};

/// Why a manager moved stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManualReason {
    /// Goods received (usually positive).
    Receipt,
    /// A correction: damage, theft, a mistake.
    Adjustment,
    /// A physical count: the change is counted minus the level shown, computed by the
    /// caller (HQ's level is the sum of movements, so a count is recorded as one too).
    Count,
}

impl ManualReason {
    /// The movement reason it is stored as.
    pub fn reason(self) -> MovementReason {
        match self {
            ManualReason::Receipt => MovementReason::Receipt,
            ManualReason::Adjustment => MovementReason::Adjustment,
            ManualReason::Count => MovementReason::Count,
        }
    }
}

/// A stock movement a manager makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMovement {
    /// Made on the terminal (v7), so HQ applies it exactly once.
    pub id: Uuid,
    /// The item (must exist in the catalog).
    pub item_id: Uuid,
    /// Signed thousandths, never zero: positive adds stock.
    pub quantity_change: i64,
    /// Why.
    pub reason: ManualReason,
    /// Free text (a delivery note number, what was broken).
    pub note: Option<String>,
    /// Who did it (a known user).
    pub user_id: Uuid,
    /// When, RFC 3339 UTC.
    pub at: String,
}

impl Store {
    /// Records `movement` at the terminal's location and appends exactly one
    /// `stock_movement` outbox record, in ONE transaction; returns the record's outbox
    /// sequence number. Refused when the change is zero, and (nothing written) for an
    /// unknown item or user.
    pub fn record_stock_movement(&mut self, movement: &NewMovement) -> Result<i64, StoreError> {
        if movement.quantity_change == 0 {
            return Err(StoreError::invalid(
                "stock movement",
                "the quantity change is zero",
            ));
        }
        let tx = self.write()?;
        let terminal = read_terminal(&tx)?.ok_or(StoreError::NotInitialized)?;
        let seq = outbox::take_next(&tx, Counter::Outbox)?;
        let reason = movement.reason.reason();
        tx.execute(
            "INSERT INTO stock_movements (id, item_id, location_id, quantity, reason, note, \
               user_id, occurred_at, outbox_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                movement.id.to_string(),
                movement.item_id.to_string(),
                terminal.location_id.to_string(),
                movement.quantity_change,
                reason.as_str(),
                movement.note,
                movement.user_id.to_string(),
                movement.at,
                seq,
            ],
        )?;
        let record = StockMovementRecord {
            terminal_id: terminal.terminal_id,
            location_id: terminal.location_id,
            id: movement.id,
            item_id: movement.item_id,
            quantity_milli: movement.quantity_change,
            reason,
            note: movement.note.clone(),
            user_id: movement.user_id,
            occurred_at: movement.at.clone(),
        };
        let payload = serde_json::to_string(&record).map_err(|source| StoreError::Serialize {
            kind: STOCK_MOVEMENT_KIND,
            source,
        })?;
        outbox::append(
            &tx,
            seq,
            STOCK_MOVEMENT_KIND,
            &movement.id.to_string(),
            &payload,
        )?;
        tx.commit()?;
        Ok(seq)
    }
}
