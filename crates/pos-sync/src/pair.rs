//! Pairing: a new terminal store in an empty data folder, with the identity HQ gives it.

use std::path::{Path, PathBuf};

use pos_store::TerminalIdentity;
use pos_terminal::{DB_FILE, Terminal};
use serde::Serialize;
use uuid::Uuid;

use crate::{HqClient, SyncError, token};

#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    pub terminal_id: Uuid,
    pub terminal_code: String,
    pub terminal_name: String,
    pub organization: String,
    pub location: String,
    pub hq_url: String,
    pub data_dir: PathBuf,
}

/// Exchanges `code` at `hq_url` and creates the paired terminal in `data_dir`. A folder
/// that already holds a terminal is refused before HQ is asked, so the code is not spent:
/// pairing never replaces a store (whose queued sales would be lost with it).
pub async fn pair(data_dir: &Path, hq_url: &str, code: &str) -> Result<PairReport, SyncError> {
    if data_dir.join(DB_FILE).exists() {
        let existing = Terminal::open(data_dir)?;
        let queued = existing.status()?.queue_length;
        return Err(pos_terminal::TerminalError::InvalidInput(format!(
            "{} already holds terminal {} ({queued} record(s) waiting for HQ); pairing makes a \
             new terminal, so use an empty data folder",
            data_dir.display(),
            existing.identity().code
        ))
        .into());
    }
    let client = HqClient::new(hq_url, None)?;
    let paired = client.pair(code).await?;
    token::store(paired.terminal_id, &paired.token)?;
    let identity = TerminalIdentity {
        terminal_id: paired.terminal_id,
        code: paired.terminal_code.clone(),
        organization_id: paired.organization_id,
        location_id: paired.location_id,
        hq_url: Some(client.base().to_owned()),
        created_at: pos_terminal::clock::now_utc(),
    };
    Terminal::init_paired(data_dir, identity, &paired.location_name)?;
    Ok(PairReport {
        terminal_id: paired.terminal_id,
        terminal_code: paired.terminal_code,
        terminal_name: paired.terminal_name,
        organization: paired.organization_name,
        location: paired.location_name,
        hq_url: client.base().to_owned(),
        data_dir: data_dir.to_path_buf(),
    })
}

/// Unpairs the terminal in `data_dir`: refused while records wait for HQ (nothing unsynced
/// is ever thrown away); otherwise HQ's address is forgotten and the token removed from
/// the keyring. HQ keeps the terminal until it is revoked there.
pub async fn unpair(data_dir: &Path) -> Result<Uuid, SyncError> {
    let path = data_dir.join(DB_FILE);
    if !path.exists() {
        return Err(pos_terminal::TerminalError::NotInitialized.into());
    }
    let _lock = crate::SyncLock::acquire(data_dir).await?;
    let mut store = pos_store::Store::open(&path)?;
    let identity = store
        .terminal()?
        .ok_or(pos_terminal::TerminalError::NotInitialized)?;
    if identity.hq_url.is_none() {
        return Err(SyncError::NotPaired);
    }
    store.unpair()?;
    token::forget(identity.terminal_id)?;
    Ok(identity.terminal_id)
}
