//! One sync round: push everything queued, then pull what changed.

use pos_store::{Rejection, Store};
use serde::Serialize;
use sync_protocol::api::{CatalogCursor, PushOutcome, PushRecord, StockCursor};
use uuid::Uuid;

use crate::{HqClient, SyncError};

/// Records per push request.
pub const PUSH_BATCH: usize = 200;
/// Rows per pull page.
pub const PULL_PAGE: u32 = 20_000;

/// How far a round has come, for a progress line (a first pull of a large catalog takes a
/// while).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Records HQ has taken so far, of those queued when the round began.
    Pushed { done: u64, queued: u64 },
    /// Catalog rows received so far (applied together at the end).
    CatalogReceived { rows: u64 },
    /// Stock levels applied so far.
    StockApplied { rows: u64 },
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RoundReport {
    /// Records HQ took (applied now or before).
    pub pushed: u64,
    /// Records HQ refused, now dead letters.
    pub rejected: u64,
    /// Catalog rows applied.
    pub catalog_changes: u64,
    /// Stock levels applied.
    pub stock_levels: u64,
}

/// Pushes the whole outbox, then pulls catalog and stock; records the attempt's outcome
/// (an error in one sentence, or success) in the store either way. The caller holds the
/// terminal's [`crate::SyncLock`] ([`sync_data_dir`] and the worker take it).
pub async fn sync_round(store: &mut Store, client: &HqClient) -> Result<RoundReport, SyncError> {
    sync_round_with(store, client, &mut |_| {}).await
}

/// [`sync_round`], telling `progress` how far it has come.
pub async fn sync_round_with(
    store: &mut Store,
    client: &HqClient,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<RoundReport, SyncError> {
    let outcome = run_round(store, client, progress).await;
    let error = outcome.as_ref().err().map(ToString::to_string);
    store.record_sync_attempt(error.as_deref())?;
    outcome
}

async fn run_round(
    store: &mut Store,
    client: &HqClient,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<RoundReport, SyncError> {
    let mut report = RoundReport::default();
    push_all(store, client, &mut report, progress).await?;
    pull_catalog(store, client, &mut report, progress).await?;
    pull_stock(store, client, &mut report, progress).await?;
    Ok(report)
}

async fn push_all(
    store: &mut Store,
    client: &HqClient,
    report: &mut RoundReport,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<(), SyncError> {
    let queued = u64::try_from(store.outbox_len()?).unwrap_or(0);
    loop {
        let batch = store.outbox_batch(PUSH_BATCH)?;
        let Some(last) = batch.last().map(|r| r.seq) else {
            return Ok(());
        };
        let records = batch
            .into_iter()
            .map(|r| PushRecord {
                seq: r.seq,
                kind: r.kind,
                record_id: r.record_id,
                content_hash: r.content_hash,
                payload: r.payload,
                chain: r.chain,
            })
            .collect();
        let answer = match client.push(records).await {
            Err(SyncError::Refused { code, .. }) if code == "out_of_order" => {
                // HQ wants a record this terminal already handed over and deleted: ask
                // where HQ stands; acknowledging that says "HQ went backwards" clearly.
                let probe = client.push(Vec::new()).await?;
                store.acknowledge_push(probe.last_applied, &[])?;
                return Err(SyncError::BadAnswer(format!(
                    "HQ refused record {} as out of order",
                    last
                )));
            }
            other => other?,
        };
        let rejected: Vec<Rejection> = answer
            .results
            .iter()
            // A record refused by an earlier push whose answer was lost comes back as
            // already applied with its refusal: it is a dead letter all the same.
            .filter(|r| {
                r.outcome == PushOutcome::Rejected
                    || (r.outcome == PushOutcome::AlreadyApplied && r.code.is_some())
            })
            .map(|r| Rejection {
                seq: r.seq,
                code: r.code.clone().unwrap_or_else(|| "rejected".to_owned()),
                reason: r.message.clone().unwrap_or_default(),
            })
            .collect();
        let took = answer.results.len() as u64;
        store.acknowledge_push(answer.last_applied, &rejected)?;
        store.record_day_checks(&answer.day_checks)?;
        report.rejected += rejected.len() as u64;
        report.pushed += took - rejected.len() as u64;
        progress(Progress::Pushed {
            done: report.pushed + report.rejected,
            queued,
        });
        if answer.last_applied < last && took == 0 {
            // HQ took nothing and named no error: do not spin; the next round retries.
            return Err(SyncError::BadAnswer(format!(
                "HQ applied nothing of records up to {last}"
            )));
        }
    }
}

async fn pull_catalog(
    store: &mut Store,
    client: &HqClient,
    report: &mut RoundReport,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<(), SyncError> {
    let state = store.sync_state()?;
    // The stored cursor is the last version pulled in full; a first pull starts before
    // everything (rows HQ seeded carry version 0).
    let mut cursor = match state.last_pull_at {
        None => CatalogCursor::default(),
        Some(_) => CatalogCursor {
            version: state.pull_cursor,
            kind: u8::MAX,
            id: Uuid::max(),
        },
    };
    let mut changes = Vec::new();
    loop {
        let page = client.catalog(cursor, PULL_PAGE).await?;
        changes.extend(page.changes);
        progress(Progress::CatalogReceived {
            rows: changes.len() as u64,
        });
        cursor = page.next;
        if !page.has_more {
            break;
        }
    }
    report.catalog_changes += changes.len() as u64;
    // All pages at once: the till never sells from half of an HQ change.
    store.apply_catalog(&changes, cursor.version)?;
    Ok(())
}

async fn pull_stock(
    store: &mut Store,
    client: &HqClient,
    report: &mut RoundReport,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<(), SyncError> {
    let state = store.sync_state()?;
    let mut cursor = StockCursor {
        version: state.stock_cursor,
        id: state
            .stock_cursor_id
            .as_deref()
            .and_then(|id| Uuid::parse_str(id).ok())
            .unwrap_or_default(),
    };
    loop {
        let page = client.stock(cursor, PULL_PAGE).await?;
        // Applied even when empty: it checks HQ's last_applied against what HQ said before.
        report.stock_levels += page.levels.len() as u64;
        store.apply_stock_page(&page)?;
        progress(Progress::StockApplied {
            rows: report.stock_levels,
        });
        cursor = page.next;
        if !page.has_more {
            return Ok(());
        }
    }
}

/// One round for the terminal in `data_dir`, with the HQ address it was paired with and
/// its token from the keyring.
pub async fn sync_data_dir(data_dir: &std::path::Path) -> Result<RoundReport, SyncError> {
    sync_data_dir_with(data_dir, &mut |_| {}).await
}

/// [`sync_data_dir`], telling `progress` how far it has come.
pub async fn sync_data_dir_with(
    data_dir: &std::path::Path,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<RoundReport, SyncError> {
    let path = data_dir.join(pos_terminal::DB_FILE);
    if !path.exists() {
        return Err(pos_terminal::TerminalError::NotInitialized.into());
    }
    let _lock = crate::SyncLock::acquire(data_dir).await?;
    let mut store = Store::open(&path)?;
    let client = client_for(&store)?;
    sync_round_with(&mut store, &client, progress).await
}

/// The client for the HQ this store was paired with.
pub fn client_for(store: &Store) -> Result<HqClient, SyncError> {
    let identity = store
        .terminal()?
        .ok_or(pos_terminal::TerminalError::NotInitialized)?;
    let url = identity.hq_url.ok_or(SyncError::NotPaired)?;
    let token = crate::token::load(identity.terminal_id)?;
    HqClient::new(&url, Some(token))
}
