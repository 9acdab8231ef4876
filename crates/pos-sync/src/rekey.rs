//! Re-keying: a new token for this very terminal, from the one-time code that
//! `hq terminal rekey` printed. Nothing in the data folder changes: the terminal keeps its
//! id, its sequence numbers, its journal and its queue, so what it sold while it could not
//! sync is pushed once, in order, by the next round.

use std::path::Path;

use pos_terminal::DB_FILE;
use serde::Serialize;
use uuid::Uuid;

use crate::{HqClient, SyncError, SyncLock, token};

#[derive(Debug, Clone, Serialize)]
pub struct RekeyReport {
    pub terminal_id: Uuid,
    pub terminal_code: String,
    pub hq_url: String,
    /// Records waiting for HQ, which the next round pushes.
    pub queued: i64,
}

/// Exchanges `code` at `hq_url` for a new token of the terminal in `data_dir` and keeps it
/// in the OS keyring. Refused for a folder with no terminal, an unpaired one, or one paired
/// with another HQ (whose code would name a terminal this HQ never had).
pub async fn rekey(data_dir: &Path, hq_url: &str, code: &str) -> Result<RekeyReport, SyncError> {
    let path = data_dir.join(DB_FILE);
    if !path.exists() {
        return Err(pos_terminal::TerminalError::NotInitialized.into());
    }
    // A round in progress holds the lock: the token changes between rounds, never in one.
    let _lock = SyncLock::acquire(data_dir).await?;
    let store = pos_store::Store::open(&path)?;
    let identity = store
        .terminal()?
        .ok_or(pos_terminal::TerminalError::NotInitialized)?;
    let paired_with = identity.hq_url.ok_or(SyncError::NotPaired)?;
    let client = HqClient::new(hq_url, None)?;
    if client.base() != paired_with.trim_end_matches('/') {
        return Err(pos_terminal::TerminalError::InvalidInput(format!(
            "this terminal syncs with {paired_with}, not {}: re-key it with a code from that HQ",
            client.base()
        ))
        .into());
    }
    let answer = client.rekey(identity.terminal_id, code).await?;
    if answer.terminal_id != identity.terminal_id {
        return Err(SyncError::BadAnswer(format!(
            "HQ answered for terminal {} instead of {}",
            answer.terminal_id, identity.terminal_id
        )));
    }
    token::store(identity.terminal_id, &answer.token)?;
    Ok(RekeyReport {
        terminal_id: identity.terminal_id,
        terminal_code: identity.code,
        hq_url: paired_with,
        queued: store.outbox_len()?,
    })
}
