//! `hq ledger check`: proof that the books agree with the trading records. Each check is
//! one query that lists what breaks its rule, so an empty answer is the proof and a
//! non-empty one names every record to look at. The schema already refuses most of these
//! at write time (deferred balance trigger, CHECKs, append-only movements); the checks
//! exist for what a write-time rule cannot see: a row deleted or edited by hand with the
//! triggers off, a restore that brought back only some tables, a bug in a future writer.

mod queries;
mod trust;

use serde::Serialize;

/// One broken rule on one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Which rule: `entry_unbalanced`, `sale_without_entry`, ...
    pub check: &'static str,
    /// The record, as a person finds it (a receipt number, a journal entry, a SKU at a
    /// location).
    pub subject: String,
    /// What is wrong, with the figures.
    pub detail: String,
}

/// Runs every check in one REPEATABLE READ snapshot, so concurrent pushes cannot make a
/// consistent database look broken halfway through.
pub async fn check(
    client: &mut tokio_postgres::Client,
) -> Result<Vec<Violation>, tokio_postgres::Error> {
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let mut violations = Vec::new();
    for check in queries::CHECKS.iter().chain(trust::CHECKS) {
        for row in tx.query(check.sql, &[]).await? {
            violations.push(Violation {
                check: check.name,
                subject: row.get(0),
                detail: row.get(1),
            });
        }
    }
    tx.commit().await?;
    Ok(violations)
}
