//! HQ's verdict on each business day this terminal closed: HQ counts the day from what it
//! received and compares its count with the digest the Z report queued.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sync_protocol::DayCheck;

use crate::{Store, StoreError};

/// Where the last closed business day stands with HQ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayConfirmation {
    pub business_date: String,
    /// `waiting` (HQ has not answered yet), `matched` or `mismatched`.
    pub status: String,
    /// What differs, when mismatched.
    pub detail: Option<String>,
    /// When HQ's verdict arrived.
    pub checked_at: Option<String>,
}

impl Store {
    /// Stores HQ's verdicts (from a push answer) on the digests they name. A verdict on a
    /// digest that a newer Z report has since replaced is not about the queued one and is
    /// ignored: that digest is still waiting.
    pub fn record_day_checks(&mut self, checks: &[DayCheck]) -> Result<(), StoreError> {
        if checks.is_empty() {
            return Ok(());
        }
        let tx = self.write()?;
        for check in checks {
            tx.execute(
                "UPDATE day_digests SET hq_status = ?2, hq_detail = ?3, \
                   hq_checked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') \
                 WHERE business_date = ?1 AND outbox_seq <= \
                   (SELECT hq_last_applied FROM sync_state WHERE singleton = 1) \
                   AND ?2 IN ('matched', 'mismatched')",
                params![check.business_date, check.status, check.detail],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest business day a Z report closed, and HQ's verdict on it.
    pub fn last_closed_day(&self) -> Result<Option<DayConfirmation>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT business_date, COALESCE(hq_status, 'waiting'), hq_detail, hq_checked_at \
                 FROM day_digests ORDER BY business_date DESC LIMIT 1",
                [],
                |r| {
                    Ok(DayConfirmation {
                        business_date: r.get(0)?,
                        status: r.get(1)?,
                        detail: r.get(2)?,
                        checked_at: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }
}
