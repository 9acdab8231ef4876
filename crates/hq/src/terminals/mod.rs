//! Terminals at HQ: adding one (with a one-time pairing code), pairing it, listing,
//! revoking, and recognizing its token on every request.

mod auth;
mod pairing;
pub mod rekey;

pub use auth::{AuthError, AuthedTerminal, authenticate};
pub use pairing::{PairError, pair};
pub use rekey::{RekeyCode, RekeyError};

use serde::Serialize;
use tokio_postgres::{Client, GenericClient};
use uuid::Uuid;

use crate::audit::Scope;
use crate::secret;

/// How long a pairing code works.
pub const PAIRING_TTL_MINUTES: i32 = 15;

#[derive(Debug, thiserror::Error)]
pub enum TerminalAdminError {
    #[error("there is no location \"{0}\" in this organization")]
    NoLocation(String),
    #[error("the organization has no store location; name one with --location")]
    NoDefaultLocation,
    #[error("the terminal name is empty")]
    EmptyName,
    #[error("there is no terminal \"{0}\" (give its id or its code)")]
    NoTerminal(String),
    #[error(
        "there is no paired terminal \"{0}\" (give its id or its code; a terminal that never \
         paired pairs with the code `hq terminal add` printed)"
    )]
    NotPaired(String),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// A terminal just added: its pairing code is shown this once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AddedTerminal {
    pub terminal_id: Uuid,
    /// The one-time pairing code, for `pos pair --code`.
    pub code: String,
    /// RFC 3339 UTC.
    pub expires_at: String,
    /// Printed in receipt numbers.
    pub terminal_code: String,
    pub name: String,
    pub location: String,
}

/// One row of `hq terminal list`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TerminalRow {
    pub terminal_id: Uuid,
    pub terminal_code: String,
    pub name: String,
    pub location: String,
    pub paired: bool,
    pub revoked: bool,
    pub last_applied: i64,
    pub last_seen_at: Option<String>,
}

/// Adds a terminal at `location` (its name or code; by default the organization's first
/// store) and returns a pairing code that works once, for [`PAIRING_TTL_MINUTES`].
pub async fn add_terminal(
    client: &mut Client,
    scope: &Scope,
    name: &str,
    location: Option<&str>,
) -> Result<AddedTerminal, TerminalAdminError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TerminalAdminError::EmptyName);
    }
    let org = scope.organization_id;
    let tx = client.transaction().await?;
    // Serializes terminal numbering within the organization.
    tx.execute(
        "SELECT 1 FROM core.organizations WHERE id = $1 FOR UPDATE",
        &[&org],
    )
    .await?;
    let place = match location {
        Some(wanted) => tx
            .query_opt(
                "SELECT id, name FROM inv.locations WHERE organization_id = $1 \
                   AND (name = $2 OR code = upper($2)) ORDER BY code LIMIT 1",
                &[&org, &wanted],
            )
            .await?
            .ok_or_else(|| TerminalAdminError::NoLocation(wanted.to_owned()))?,
        None => tx
            .query_opt(
                "SELECT id, name FROM inv.locations WHERE organization_id = $1 \
                   AND kind = 'store' AND is_active ORDER BY code LIMIT 1",
                &[&org],
            )
            .await?
            .ok_or(TerminalAdminError::NoDefaultLocation)?,
    };
    let location_id: Uuid = place.get(0);
    let location_name: String = place.get(1);
    let taken: i64 = tx
        .query_one(
            "SELECT count(*) FROM pos.terminals WHERE organization_id = $1",
            &[&org],
        )
        .await?
        .get(0);
    let mut number = taken + 1;
    let code = loop {
        let candidate = format!("T{number:02}");
        let exists: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pos.terminals \
                   WHERE organization_id = $1 AND code = $2)",
                &[&org, &candidate],
            )
            .await?
            .get(0);
        if !exists {
            break candidate;
        }
        number += 1;
    };
    let pairing_code = secret::new_pairing_code();
    let row = tx
        .query_one(
            "INSERT INTO pos.terminals (organization_id, location_id, code, name, \
               pairing_code_hash, pairing_expires_at) \
             VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6)) \
             RETURNING id, to_char(pairing_expires_at AT TIME ZONE 'UTC', \
               'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            &[
                &org,
                &location_id,
                &code,
                &name,
                &secret::hash(&secret::normalize_code(&pairing_code)),
                &PAIRING_TTL_MINUTES,
            ],
        )
        .await?;
    let terminal_id: Uuid = row.get(0);
    scope
        .record(
            &tx,
            "terminal_added",
            "terminal",
            &terminal_id.to_string(),
            &format!("{code} \"{name}\" at {location_name}"),
        )
        .await?;
    tx.commit().await?;
    Ok(AddedTerminal {
        terminal_id,
        code: pairing_code,
        expires_at: row.get(1),
        terminal_code: code,
        name: name.to_owned(),
        location: location_name,
    })
}

/// Every terminal of the organization, by code.
pub async fn list_terminals(
    client: &impl GenericClient,
    org: Uuid,
) -> Result<Vec<TerminalRow>, TerminalAdminError> {
    let rows = client
        .query(
            "SELECT t.id, t.code, t.name, l.name, t.token_hash IS NOT NULL, \
               t.revoked_at IS NOT NULL, t.last_applied, \
               to_char(t.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') \
             FROM pos.terminals t JOIN inv.locations l ON l.id = t.location_id \
             WHERE t.organization_id = $1 ORDER BY t.code",
            &[&org],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| TerminalRow {
            terminal_id: r.get(0),
            terminal_code: r.get(1),
            name: r.get(2),
            location: r.get(3),
            paired: r.get(4),
            revoked: r.get(5),
            last_applied: r.get(6),
            last_seen_at: r.get(7),
        })
        .collect())
}

/// Revokes a terminal (by id or code): its token is refused from now on, and an unused
/// pairing code dies with it. What it pushed stays.
pub async fn revoke_terminal(
    client: &mut Client,
    scope: &Scope,
    which: &str,
) -> Result<Uuid, TerminalAdminError> {
    let by_id = Uuid::parse_str(which.trim()).ok();
    let tx = client.transaction().await?;
    let row = tx
        .query_opt(
            "UPDATE pos.terminals SET revoked_at = COALESCE(revoked_at, now()), \
               pairing_code_hash = NULL, pairing_expires_at = NULL, \
               rekey_code_hash = NULL, rekey_expires_at = NULL \
             WHERE organization_id = $1 AND (id = $2 OR code = upper($3)) RETURNING id, code",
            &[&scope.organization_id, &by_id, &which.trim()],
        )
        .await?
        .ok_or_else(|| TerminalAdminError::NoTerminal(which.to_owned()))?;
    let terminal_id: Uuid = row.get(0);
    let code: String = row.get(1);
    scope
        .record(
            &tx,
            "terminal_revoked",
            "terminal",
            &terminal_id.to_string(),
            &code,
        )
        .await?;
    tx.commit().await?;
    Ok(terminal_id)
}
