//! What the status line shows: is anything waiting for HQ, and when did it last sync.

use serde::Serialize;

use crate::{Terminal, TerminalError};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Status {
    pub terminal_id: uuid::Uuid,
    pub code: String,
    pub paired: bool,
    /// HQ's address, once paired.
    pub hq_url: Option<String>,
    /// The last sync round reached HQ and finished (false when never paired or synced).
    pub online: bool,
    pub queue_length: i64,
    /// How many of those are sales and refunds.
    pub queued_sales: i64,
    pub dead_letters: i64,
    /// The last successful push or pull, RFC 3339 UTC; none yet when never synced.
    pub last_sync: Option<String>,
    pub last_error: Option<String>,
    pub shift_open: bool,
    /// The newest records HQ refused, with HQ's reasons (at most 20).
    pub recent_dead_letters: Vec<pos_store::DeadLetter>,
    /// The newest business day a Z report closed, and whether HQ counted it the same.
    pub last_closed_day: Option<pos_store::DayConfirmation>,
}

impl Terminal {
    pub fn status(&self) -> Result<Status, TerminalError> {
        let sync = self.store.sync_state()?;
        let last_sync = match (sync.last_push_at, sync.last_pull_at) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        Ok(Status {
            terminal_id: self.identity.terminal_id,
            code: self.identity.code.clone(),
            paired: self.identity.hq_url.is_some(),
            hq_url: self.identity.hq_url.clone(),
            online: self.identity.hq_url.is_some()
                && sync.last_attempt_at.is_some()
                && sync.last_error.is_none(),
            queue_length: self.store.outbox_len()?,
            queued_sales: self.store.queued_sales()?,
            dead_letters: self.store.dead_letter_count()?,
            last_sync,
            last_error: sync.last_error,
            shift_open: self.store.current_shift()?.is_some(),
            recent_dead_letters: self.store.dead_letters(20)?,
            last_closed_day: self.store.last_closed_day()?,
        })
    }
}
