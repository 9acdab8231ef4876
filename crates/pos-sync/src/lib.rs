//! The terminal's side of sync with HQ.
//!
//! - [`pair()`]: a one-time code becomes this terminal's identity and token; the token goes
//!   to the OS keyring ([`token`]), never to a file or the database.
//! - [`sync_round`]: push the whole outbox in order, then pull the catalog (all pages,
//!   applied in one transaction) and the stock levels (page by page).
//! - [`SyncWorker`]: the background task the app runs: a round after every sale, and
//!   retries with exponential backoff and jitter while HQ is away. Selling never waits
//!   for it: it uses its own database connection.
//!
//! Invariants: a record leaves the outbox only when HQ's answer says it is applied or
//! refused (and a refused one becomes a dead letter in the same transaction); an answer
//! HQ did not send (a dropped connection, a cut response) changes nothing, and the
//! records are pushed again, which HQ answers `already_applied`.

mod client;
mod error;
mod lock;
mod pair;
mod rekey;
mod round;
pub mod token;
mod worker;

pub use client::HqClient;
pub use error::SyncError;
pub use lock::{LOCK_FILE, SyncLock};
pub use pair::{PairReport, pair, unpair};
pub use rekey::{RekeyReport, rekey};
pub use round::{
    Progress, RoundReport, client_for, sync_data_dir, sync_data_dir_with, sync_round,
    sync_round_with,
};
pub use worker::{SyncWorker, WorkerStatus};
