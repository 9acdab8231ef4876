//! Pairing: a one-time code becomes a terminal token.

use sync_protocol::api::PairResponse;
use tokio_postgres::Client;

use crate::secret;

#[derive(Debug, thiserror::Error)]
pub enum PairError {
    #[error(
        "this pairing code is not valid: it is mistyped, expired or already used (ask HQ for a new one with `hq terminal add`)"
    )]
    InvalidCode,
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// Consumes `code` and gives the terminal its identity and a new token, whose hash
/// replaces the code's in the same statement: a code works once, even when two devices
/// race with it.
pub async fn pair(client: &mut Client, code: &str) -> Result<PairResponse, PairError> {
    let code_hash = secret::hash(&secret::normalize_code(code));
    let token = secret::new_token();
    let row = client
        .query_opt(
            "UPDATE pos.terminals t SET token_hash = $2, paired_at = now(), \
               pairing_code_hash = NULL, pairing_expires_at = NULL \
             FROM core.organizations o, inv.locations l \
             WHERE t.pairing_code_hash = $1 AND t.pairing_expires_at > now() \
               AND t.revoked_at IS NULL AND o.id = t.organization_id AND l.id = t.location_id \
             RETURNING t.id, t.code, t.name, o.id, o.name, o.currency, l.id, l.name",
            &[&code_hash, &secret::hash(&token)],
        )
        .await?
        .ok_or_else(|| {
            tracing::warn!("refused a pairing with a code that is unknown, used or expired");
            PairError::InvalidCode
        })?;
    tracing::info!(terminal = %row.get::<_, uuid::Uuid>(0), "a terminal paired");
    Ok(PairResponse {
        terminal_id: row.get(0),
        terminal_code: row.get(1),
        terminal_name: row.get(2),
        organization_id: row.get(3),
        organization_name: row.get(4),
        currency: row.get::<_, String>(5).trim().to_owned(),
        location_id: row.get(6),
        location_name: row.get(7),
        token,
    })
}
