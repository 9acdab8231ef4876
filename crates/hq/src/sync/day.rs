//! A day's digest from a terminal's Z report: HQ counts the same day from what it holds
//! and stores its verdict, which the push answer carries back to the terminal.

use sync_protocol::api::PushRecord;
use sync_protocol::{DayCheck, DayDigest};
use tokio_postgres::Transaction;

use super::Refusal;
use super::push::Effects;
use super::refusal::ApplyError;
use super::sale::parse;
use crate::reconcile::digest::{DigestError, hq_digest};
use crate::terminals::AuthedTerminal;

pub async fn apply(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &PushRecord,
) -> Result<Effects, ApplyError> {
    let digest: DayDigest = parse(&record.payload)?;
    if digest.terminal_id != terminal.terminal_id {
        return Err(ApplyError::Forbidden(format!(
            "a day digest of terminal {} was pushed with the token of terminal {}",
            digest.terminal_id, terminal.terminal_id
        )));
    }
    let ours = hq_digest(
        tx,
        terminal.terminal_id,
        &digest.business_date,
        digest.through_position,
    )
    .await
    .map_err(|e| match e {
        DigestError::Database(e) => ApplyError::Database(e),
        other => Refusal::new("bad_record", other.to_string()).into(),
    })?;
    let differences = digest.differences(&ours);
    let (status, detail) = if differences.is_empty() {
        ("matched", None)
    } else {
        let all: Vec<String> = differences.iter().map(ToString::to_string).collect();
        ("mismatched", Some(all.join("; ")))
    };
    let json =
        serde_json::to_value(&digest).map_err(|e| Refusal::new("bad_record", e.to_string()))?;
    tx.execute(
        "INSERT INTO pos.day_digests (terminal_id, business_date, seq, digest, status, detail) \
         VALUES ($1, $2::text::date, $3, $4, $5, $6) \
         ON CONFLICT (terminal_id, business_date) DO UPDATE \
           SET seq = excluded.seq, digest = excluded.digest, status = excluded.status, \
               detail = excluded.detail, received_at = now() \
           WHERE pos.day_digests.seq < excluded.seq",
        &[
            &terminal.terminal_id,
            &digest.business_date,
            &record.seq,
            &json,
            &status,
            &detail,
        ],
    )
    .await?;
    Ok(Effects::default())
}

/// HQ's stored verdicts on the day digests among `records` (pushed now or before), so a
/// terminal whose earlier answer was lost still learns them.
pub async fn verdicts(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    records: &[PushRecord],
    last_applied: i64,
) -> Result<Vec<DayCheck>, tokio_postgres::Error> {
    let seqs: Vec<i64> = records
        .iter()
        .filter(|r| r.kind == sync_protocol::DAY_DIGEST_KIND && r.seq <= last_applied)
        .map(|r| r.seq)
        .collect();
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let rows = tx
        .query(
            "SELECT business_date::text, status, detail FROM pos.day_digests \
             WHERE terminal_id = $1 AND seq = ANY($2) ORDER BY business_date",
            &[&terminal.terminal_id, &seqs],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| DayCheck {
            business_date: r.get(0),
            status: r.get(1),
            detail: r.get(2),
        })
        .collect())
}
