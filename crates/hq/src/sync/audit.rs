//! A till's audit entry pushed with its sales, into HQ's one audit log under the terminal
//! that wrote it. The people it names must belong to the terminal's organization.

use sync_protocol::AuditRecord;
use tokio_postgres::Transaction;
use uuid::Uuid;

use super::push::Effects;
use super::refusal::{ApplyError, Refusal};
use super::sale::parse;
use crate::terminals::AuthedTerminal;

/// Longest action name and detail HQ keeps (the till writes far less).
const MAX_ACTION: usize = 64;
const MAX_DETAIL: usize = 2000;

pub async fn apply(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    payload: &str,
) -> Result<Effects, ApplyError> {
    let entry: AuditRecord = parse(payload)?;
    if entry.terminal_id != terminal.terminal_id {
        return Err(ApplyError::Forbidden(format!(
            "audit entry {} names another terminal",
            entry.id
        )));
    }
    let action_ok = (1..=MAX_ACTION).contains(&entry.action.len())
        && entry.action.starts_with(|c: char| c.is_ascii_lowercase())
        && entry
            .action
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_');
    if !action_ok {
        return Err(Refusal::new(
            "bad_record",
            format!("\"{}\" is not an audit action (a-z and _)", entry.action),
        )
        .into());
    }
    if entry.detail.chars().count() > MAX_DETAIL {
        return Err(Refusal::new(
            "bad_record",
            format!("an audit detail is at most {MAX_DETAIL} characters"),
        )
        .into());
    }
    super::vet::dates::instant("the time of the audit entry", &entry.at)?;
    let mut people: Vec<Uuid> = entry.user_id.into_iter().chain(entry.approved_by).collect();
    people.dedup();
    let known: i64 = tx
        .query_one(
            "SELECT count(DISTINCT user_id) FROM core.user_org_roles \
             WHERE organization_id = $1 AND user_id = ANY($2)",
            &[&terminal.organization_id, &people],
        )
        .await?
        .get(0);
    if known != people.len() as i64 {
        return Err(Refusal::new(
            "unknown_user",
            format!(
                "audit entry {} names a user this organization does not have",
                entry.id
            ),
        )
        .into());
    }
    tx.execute(
        "INSERT INTO core.audit_log (id, organization_id, occurred_at, source, user_id, \
           approved_by, terminal_id, action, entity, entity_id, detail) \
         VALUES ($1, $2, $3::text::timestamptz, 'terminal', $4, $5, $6, $7, '', '', $8)",
        &[
            &entry.id,
            &terminal.organization_id,
            &entry.at,
            &entry.user_id,
            &entry.approved_by,
            &terminal.terminal_id,
            &entry.action,
            &entry.detail,
        ],
    )
    .await?;
    Ok(Effects::default())
}
