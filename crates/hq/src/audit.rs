//! HQ's audit log (`core.audit_log`): who did what to which record, when, and from where.
//!
//! An administrative change writes its entry inside its own transaction, so the log never
//! shows a change that did not happen nor misses one that did. Terminals' entries arrive
//! with their pushes (`crate::sync::audit`). Nothing here ever holds a secret: details
//! name records, never tokens, passwords or PINs.

use serde::Serialize;
use tokio_postgres::GenericClient;
use uuid::Uuid;

/// Who acts, in which organization. Every administrative function takes one, so it is
/// scoped to that organization and audited under that actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub organization_id: Uuid,
    pub actor: Actor,
}

/// Where an administrative change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// An operator at the `hq` command, with the database's own credentials.
    Cli,
    /// A signed-in user through the admin API.
    User(Uuid),
}

#[derive(Debug, thiserror::Error)]
pub enum ScopeError {
    #[error("there is no organization \"{0}\" (has `hq db migrate` run?)")]
    NoOrganization(String),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

impl Scope {
    /// The operator at the command line, acting in the organization `slug`.
    pub async fn cli(client: &impl GenericClient, slug: &str) -> Result<Self, ScopeError> {
        let organization_id = client
            .query_opt(
                "SELECT id FROM core.organizations WHERE slug = $1",
                &[&slug],
            )
            .await?
            .map(|row| row.get(0))
            .ok_or_else(|| ScopeError::NoOrganization(slug.to_owned()))?;
        Ok(Self {
            organization_id,
            actor: Actor::Cli,
        })
    }

    /// Appends what this actor just did, inside the caller's transaction.
    pub async fn record(
        &self,
        client: &impl GenericClient,
        action: &str,
        entity: &str,
        entity_id: &str,
        detail: &str,
    ) -> Result<(), tokio_postgres::Error> {
        let (source, user_id) = match self.actor {
            Actor::Cli => ("cli", None),
            Actor::User(id) => ("api", Some(id)),
        };
        client
            .execute(
                "INSERT INTO core.audit_log (id, organization_id, occurred_at, source, \
                   user_id, action, entity, entity_id, detail) \
                 VALUES ($1, $2, now(), $3, $4, $5, $6, $7, $8)",
                &[
                    &Uuid::now_v7(),
                    &self.organization_id,
                    &source,
                    &user_id,
                    &action,
                    &entity,
                    &entity_id,
                    &detail,
                ],
            )
            .await?;
        Ok(())
    }
}

/// One entry as `hq audit` and the admin API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AuditRow {
    pub id: Uuid,
    /// RFC 3339 UTC.
    pub occurred_at: String,
    /// `api`, `cli` or `terminal`.
    pub source: String,
    /// Who did it (their e-mail address when HQ knows them).
    pub user_id: Option<Uuid>,
    pub user_email: Option<String>,
    /// The manager who approved it, at a terminal.
    pub approved_by: Option<Uuid>,
    /// The terminal it happened at (its code).
    pub terminal: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub detail: String,
}

/// Most entries one listing returns.
pub const MAX_LISTED: i64 = 1000;

/// The organization's newest `limit` entries (at most [`MAX_LISTED`]), newest first.
pub async fn list(
    client: &impl GenericClient,
    organization_id: Uuid,
    limit: i64,
) -> Result<Vec<AuditRow>, tokio_postgres::Error> {
    let rows = client
        .query(
            "SELECT a.id, to_char(a.occurred_at AT TIME ZONE 'UTC', \
               'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), a.source, a.user_id, u.email::text, \
               a.approved_by, t.code, a.action, a.entity, a.entity_id, a.detail \
             FROM core.audit_log a \
             LEFT JOIN core.users u ON u.id = a.user_id \
             LEFT JOIN pos.terminals t ON t.id = a.terminal_id \
             WHERE a.organization_id = $1 \
             ORDER BY a.occurred_at DESC, a.id DESC LIMIT $2",
            &[&organization_id, &limit.clamp(1, MAX_LISTED)],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| AuditRow {
            id: r.get(0),
            occurred_at: r.get(1),
            source: r.get(2),
            user_id: r.get(3),
            user_email: r.get(4),
            approved_by: r.get(5),
            terminal: r.get(6),
            action: r.get(7),
            entity: r.get(8),
            entity_id: r.get(9),
            detail: r.get(10),
        })
        .collect())
}
