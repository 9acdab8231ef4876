//! Recognizing a terminal by its bearer token.

use tokio_postgres::GenericClient;
use uuid::Uuid;

use crate::secret;

/// A terminal whose token checked out: what it may read and write is bounded by these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthedTerminal {
    pub terminal_id: Uuid,
    pub organization_id: Uuid,
    pub location_id: Uuid,
    /// Its sales must name the catalog version they were priced at (every terminal paired
    /// since HQ checks prices, and an older one once it has sent one such sale). A push
    /// reads it again with the terminal's row locked.
    pub requires_catalog_version: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("this terminal's token is not known to HQ; pair the terminal again")]
    Unknown,
    #[error("this terminal was revoked at HQ; it can no longer sync")]
    Revoked,
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// Finds the terminal whose token hashes to the stored hash.
pub async fn authenticate(
    client: &impl GenericClient,
    token: &str,
) -> Result<AuthedTerminal, AuthError> {
    let row = client
        .query_opt(
            "SELECT id, organization_id, location_id, revoked_at IS NOT NULL, \
               requires_catalog_version \
             FROM pos.terminals WHERE token_hash = $1",
            &[&secret::hash(token)],
        )
        .await?
        .ok_or_else(|| {
            // Never the token itself: a log is read by more people than the database.
            tracing::warn!("refused a request with a token HQ does not know");
            AuthError::Unknown
        })?;
    if row.get::<_, bool>(3) {
        let terminal: uuid::Uuid = row.get(0);
        tracing::warn!(%terminal, "refused a request from a revoked terminal");
        return Err(AuthError::Revoked);
    }
    Ok(AuthedTerminal {
        terminal_id: row.get(0),
        organization_id: row.get(1),
        location_id: row.get(2),
        requires_catalog_version: row.get(4),
    })
}
