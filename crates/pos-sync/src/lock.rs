//! One sync round at a time per terminal, across processes (the app's worker and a
//! `pos sync` run by hand): an exclusive lock on a file in the data folder, released when
//! the guard drops or the process dies. HQ would stay correct with two rounds at once
//! (the terminal's row is locked there), but the terminal's own bookkeeping could read a
//! stale answer after a newer one and take it for an HQ restored from a backup.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::Duration;

use crate::SyncError;

pub const LOCK_FILE: &str = "sync.lock";

/// Held while a round runs.
#[derive(Debug)]
pub struct SyncLock {
    _file: File,
}

impl SyncLock {
    /// Waits (without blocking the runtime) until no other round runs for `data_dir`.
    pub async fn acquire(data_dir: &Path) -> Result<SyncLock, SyncError> {
        let path = data_dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| lock_error(&path, &e))?;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(SyncLock { _file: file }),
                Err(TryLockError::WouldBlock) => {
                    tokio::time::sleep(Duration::from_millis(50)).await
                }
                Err(TryLockError::Error(e)) => return Err(lock_error(&path, &e)),
            }
        }
    }
}

fn lock_error(path: &Path, error: &std::io::Error) -> SyncError {
    pos_terminal::TerminalError::InvalidInput(format!(
        "cannot lock {} for syncing: {error}",
        path.display()
    ))
    .into()
}
