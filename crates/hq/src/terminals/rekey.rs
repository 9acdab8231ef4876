//! Re-keying: a new token for a terminal that lost its own, keeping its identity.
//!
//! Pairing makes a new terminal; re-keying gives an existing one a new token, so what it
//! queued while it could not sync (its sequence numbers, its journal chain) goes on where
//! it stopped. `issue` prints a one-time code for one terminal; `rekey` exchanges it, for
//! that terminal only, for a token whose hash replaces the old one in the same statement:
//! the old token stops working at once. A revoked terminal can be re-keyed (its restored
//! copy replaces a stolen till); what the copy pushes again follows the push rule, so a
//! sequence number HQ holds with other content is refused (`409 sequence_reused`), never
//! applied twice.

use serde::Serialize;
use sync_protocol::api::RekeyResponse;
use tokio_postgres::Client;
use uuid::Uuid;

use super::{PAIRING_TTL_MINUTES, TerminalAdminError};
use crate::audit::Scope;
use crate::secret;

/// A re-keying code just issued: shown this once.
#[derive(Debug, Clone, Serialize)]
pub struct RekeyCode {
    pub terminal_id: Uuid,
    pub terminal_code: String,
    /// The one-time code, for `pos rekey --code`.
    pub code: String,
    /// RFC 3339 UTC.
    pub expires_at: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RekeyError {
    #[error(
        "this re-keying code is not valid for this terminal: it is mistyped, expired, already \
         used or issued for another terminal (ask HQ for a new one with `hq terminal rekey`)"
    )]
    InvalidCode,
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// Issues a one-time re-keying code for the terminal `which` (its id or code), valid for
/// [`PAIRING_TTL_MINUTES`]. A terminal that never paired has nothing to re-key: it pairs.
pub async fn issue(
    client: &mut Client,
    scope: &Scope,
    which: &str,
) -> Result<RekeyCode, TerminalAdminError> {
    let by_id = Uuid::parse_str(which.trim()).ok();
    let code = secret::new_pairing_code();
    let tx = client.transaction().await?;
    let row = tx
        .query_opt(
            "UPDATE pos.terminals SET rekey_code_hash = $4, \
               rekey_expires_at = now() + make_interval(mins => $5) \
             WHERE organization_id = $1 AND (id = $2 OR code = upper($3)) \
               AND paired_at IS NOT NULL \
             RETURNING id, code, to_char(rekey_expires_at AT TIME ZONE 'UTC', \
               'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            &[
                &scope.organization_id,
                &by_id,
                &which.trim(),
                &secret::hash(&secret::normalize_code(&code)),
                &PAIRING_TTL_MINUTES,
            ],
        )
        .await?
        .ok_or_else(|| TerminalAdminError::NotPaired(which.to_owned()))?;
    let terminal_id: Uuid = row.get(0);
    let terminal_code: String = row.get(1);
    scope
        .record(
            &tx,
            "terminal_rekey_issued",
            "terminal",
            &terminal_id.to_string(),
            &terminal_code,
        )
        .await?;
    tx.commit().await?;
    Ok(RekeyCode {
        terminal_id,
        terminal_code,
        code,
        expires_at: row.get(2),
    })
}

/// Exchanges `code` for a new token of `terminal_id`: the code works once and only for the
/// terminal it was issued for; the old token and any revocation end with it.
pub async fn rekey(
    client: &mut Client,
    terminal_id: Uuid,
    code: &str,
) -> Result<RekeyResponse, RekeyError> {
    let token = secret::new_token();
    let tx = client.transaction().await?;
    let row = tx
        .query_opt(
            "UPDATE pos.terminals SET token_hash = $3, revoked_at = NULL, \
               rekey_code_hash = NULL, rekey_expires_at = NULL \
             WHERE id = $1 AND rekey_code_hash = $2 AND rekey_expires_at > now() \
             RETURNING organization_id, code",
            &[
                &terminal_id,
                &secret::hash(&secret::normalize_code(code)),
                &secret::hash(&token),
            ],
        )
        .await?
        .ok_or_else(|| {
            tracing::warn!(terminal = %terminal_id, "refused a re-keying with a code that is unknown, used, expired or another terminal's");
            RekeyError::InvalidCode
        })?;
    let organization: Uuid = row.get(0);
    let code: String = row.get(1);
    tx.execute(
        "INSERT INTO core.audit_log (id, organization_id, occurred_at, source, terminal_id, \
           action, entity, entity_id, detail) \
         VALUES ($1, $2, now(), 'terminal', $3, 'terminal_rekeyed', 'terminal', $4, $5)",
        &[
            &Uuid::now_v7(),
            &organization,
            &terminal_id,
            &terminal_id.to_string(),
            &code,
        ],
    )
    .await?;
    tx.commit().await?;
    tracing::info!(terminal = %terminal_id, "a terminal was re-keyed");
    Ok(RekeyResponse { terminal_id, token })
}
