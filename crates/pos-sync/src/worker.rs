//! The background sync worker: a round right after every sale (when woken), one every
//! [`SyncWorker::IDLE_INTERVAL`] otherwise, and after a failure exponential backoff with
//! full jitter so a fleet of tills coming back online does not hammer HQ in step.
//!
//! The loop re-arms unconditionally: whatever a round ends in, the next wait is computed
//! and entered, so one failure can never leave the queue without a retry. It opens its
//! own connection to the store, so selling never waits for the network.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pos_store::Store;
use rand::Rng;
use tokio::sync::{Notify, watch};

use crate::{HqClient, SyncError, sync_round};

/// What the status bar shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkerStatus {
    /// The last round reached HQ and finished.
    pub online: bool,
    /// Rounds failed in a row.
    pub failures: u32,
    /// The last failure, one sentence.
    pub last_error: Option<String>,
    /// Rounds finished since start.
    pub rounds: u64,
}

#[derive(Debug, Clone)]
pub struct SyncWorker {
    wake: Arc<Notify>,
    status: watch::Receiver<WorkerStatus>,
}

impl SyncWorker {
    /// Between rounds when nothing happens.
    pub const IDLE_INTERVAL: Duration = Duration::from_secs(30);
    /// First retry delay after a failure; doubles each time up to [`Self::MAX_BACKOFF`].
    pub const FIRST_BACKOFF: Duration = Duration::from_millis(500);
    pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

    /// Starts the worker on the current tokio runtime for the store at `db_path`.
    pub fn spawn(db_path: PathBuf, client: HqClient) -> Self {
        let wake = Arc::new(Notify::new());
        let (tx, status) = watch::channel(WorkerStatus::default());
        let waker = wake.clone();
        tokio::spawn(async move { run(db_path, client, waker, tx).await });
        Self { wake, status }
    }

    /// Asks for a round now (after a sale): returns at once.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn status(&self) -> WorkerStatus {
        self.status.borrow().clone()
    }

    /// Waits until the status changes (tests and the UI's live badge).
    pub async fn changed(&mut self) -> WorkerStatus {
        let _ = self.status.changed().await;
        self.status()
    }
}

/// The delay before retry number `failures` (1-based): uniformly random between zero and
/// `FIRST_BACKOFF × 2^(failures−1)`, capped.
pub fn backoff(failures: u32) -> Duration {
    let exp = SyncWorker::FIRST_BACKOFF.saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    let cap = exp.min(SyncWorker::MAX_BACKOFF);
    let millis = u64::try_from(cap.as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(rand::rng().random_range(0..=millis))
}

async fn run(
    db_path: PathBuf,
    client: HqClient,
    wake: Arc<Notify>,
    status: watch::Sender<WorkerStatus>,
) {
    let mut failures = 0u32;
    loop {
        let outcome = one_round(&db_path, &client).await;
        let wait = match outcome {
            Ok(()) => {
                failures = 0;
                status.send_modify(|s| {
                    s.online = true;
                    s.failures = 0;
                    s.last_error = None;
                    s.rounds += 1;
                });
                SyncWorker::IDLE_INTERVAL
            }
            Err(error) => {
                failures = failures.saturating_add(1);
                tracing::warn!(%error, failures, "sync round failed");
                let message = error.to_string();
                status.send_modify(|s| {
                    s.online = false;
                    s.failures = failures;
                    s.last_error = Some(message);
                    s.rounds += 1;
                });
                backoff(failures)
            }
        };
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(wait) => {}
        }
        if status.is_closed() {
            return;
        }
    }
}

async fn one_round(db_path: &PathBuf, client: &HqClient) -> Result<(), SyncError> {
    let dir = db_path.parent().unwrap_or(std::path::Path::new("."));
    let _lock = crate::SyncLock::acquire(dir).await?;
    let mut store = Store::open(db_path)?;
    sync_round(&mut store, client).await.map(|_| ())
}
