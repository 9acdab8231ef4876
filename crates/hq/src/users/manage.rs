//! Listing the organization's users, disabling one, and setting a till PIN.

use serde::Serialize;
use tokio_postgres::{Client, GenericClient};
use uuid::Uuid;

use super::{Pin, UserError};
use crate::audit::{Actor, Scope};
use crate::roles::Role;
use crate::versions;

/// One row of `hq user list`. No hash ever leaves HQ this way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Can sign in at the till.
    pub has_pin: bool,
    /// Can sign in at HQ.
    pub has_password: bool,
    /// Locked out of HQ after wrong passwords until then (RFC 3339 UTC).
    pub locked_until: Option<String>,
}

/// Every user with a role in the organization, by e-mail address.
pub async fn list_users(
    client: &impl GenericClient,
    organization_id: Uuid,
) -> Result<Vec<UserRow>, UserError> {
    let rows = client
        .query(
            "SELECT u.id, u.email::text, u.display_name, r.role, u.is_active, \
               u.pin_hash IS NOT NULL, u.password_hash IS NOT NULL, \
               CASE WHEN u.locked_until > now() THEN to_char(u.locked_until AT TIME ZONE 'UTC', \
                 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') END \
             FROM core.user_org_roles r JOIN core.users u ON u.id = r.user_id \
             WHERE r.organization_id = $1 ORDER BY u.email",
            &[&organization_id],
        )
        .await?;
    rows.iter()
        .map(|r| {
            let role: &str = r.get(3);
            Ok(UserRow {
                id: r.get(0),
                email: r.get(1),
                name: r.get(2),
                role: role.parse()?,
                active: r.get(4),
                has_pin: r.get(5),
                has_password: r.get(6),
                locked_until: r.get(7),
            })
        })
        .collect()
}

/// The user `who` (e-mail address or id) with a role in the scope's organization, locked
/// for the rest of the transaction: (user id, role row id, e-mail address).
async fn find_for_update(
    tx: &impl GenericClient,
    scope: &Scope,
    who: &str,
) -> Result<(Uuid, Uuid, String), UserError> {
    let by_id = Uuid::parse_str(who.trim()).ok();
    tx.query_opt(
        "SELECT u.id, r.id, u.email::text \
         FROM core.users u JOIN core.user_org_roles r ON r.user_id = u.id \
         WHERE r.organization_id = $1 AND (u.id = $2 OR u.email = $3::text::citext) \
         FOR UPDATE OF u, r",
        &[&scope.organization_id, &by_id, &who.trim()],
    )
    .await?
    .map(|r| (r.get(0), r.get(1), r.get(2)))
    .ok_or_else(|| UserError::NoUser(who.to_owned()))
}

/// A change to the account itself (not to its role here) would reach beyond this
/// organization when the user also belongs to another one.
async fn refuse_if_elsewhere(
    tx: &impl GenericClient,
    scope: &Scope,
    user_id: Uuid,
    email: String,
) -> Result<(), UserError> {
    let elsewhere: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM core.user_org_roles \
               WHERE user_id = $1 AND organization_id <> $2)",
            &[&user_id, &scope.organization_id],
        )
        .await?
        .get(0);
    if elsewhere {
        return Err(UserError::BelongsElsewhere(email));
    }
    Ok(())
}

/// Stamps the role row with a new catalog version so terminals pull the change. Last in
/// its transaction: the counter stays locked until the commit.
async fn publish(tx: &impl GenericClient, scope: &Scope, role_id: Uuid) -> Result<(), UserError> {
    let version = versions::next_catalog_version(tx, scope.organization_id).await?;
    tx.execute(
        "UPDATE core.user_org_roles SET sync_version = $2 WHERE id = $1",
        &[&role_id, &version],
    )
    .await?;
    Ok(())
}

/// Disables `who` (e-mail address or id): they can no longer sign in at HQ (their
/// sessions end now) nor, from the next sync, at any till. What they did stays. Refused
/// for one's own account, for the organization's last active owner or admin, and for a
/// user who also belongs to another organization (that would reach beyond this one).
pub async fn disable_user(
    client: &mut Client,
    scope: &Scope,
    who: &str,
) -> Result<Uuid, UserError> {
    let tx = client.transaction().await?;
    let (user_id, role_id, email) = find_for_update(&tx, scope, who).await?;
    if scope.actor == Actor::User(user_id) {
        return Err(UserError::OwnAccount);
    }
    refuse_if_elsewhere(&tx, scope, user_id, email.clone()).await?;
    // Serialises concurrent disables of the last two admins on the organization's row.
    tx.execute(
        "SELECT 1 FROM core.organizations WHERE id = $1 FOR UPDATE",
        &[&scope.organization_id],
    )
    .await?;
    let other_admins: i64 = tx
        .query_one(
            "SELECT count(*) FROM core.user_org_roles r JOIN core.users u ON u.id = r.user_id \
             WHERE r.organization_id = $1 AND r.role IN ('owner', 'admin') \
               AND u.is_active AND u.id <> $2",
            &[&scope.organization_id, &user_id],
        )
        .await?
        .get(0);
    let is_admin: bool = tx
        .query_one(
            "SELECT role IN ('owner', 'admin') FROM core.user_org_roles WHERE id = $1",
            &[&role_id],
        )
        .await?
        .get(0);
    if is_admin && other_admins == 0 {
        return Err(UserError::LastAdmin(email));
    }
    tx.execute(
        "UPDATE core.users SET is_active = false, updated_at = now() WHERE id = $1",
        &[&user_id],
    )
    .await?;
    tx.execute(
        "UPDATE core.sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL",
        &[&user_id],
    )
    .await?;
    scope
        .record(&tx, "user_disabled", "user", &user_id.to_string(), &email)
        .await?;
    publish(&tx, scope, role_id).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Sets (or replaces) the till PIN of `who`; terminals receive its hash on their next sync.
pub async fn set_pin(
    client: &mut Client,
    scope: &Scope,
    who: &str,
    pin: &str,
) -> Result<Uuid, UserError> {
    let pin_hash = Pin::parse(pin)?.hash();
    let tx = client.transaction().await?;
    let (user_id, role_id, email) = find_for_update(&tx, scope, who).await?;
    // The PIN is the user's in every organization: another one's tills would take it too.
    refuse_if_elsewhere(&tx, scope, user_id, email.clone()).await?;
    tx.execute(
        "UPDATE core.users SET pin_hash = $2, updated_at = now() WHERE id = $1",
        &[&user_id, &pin_hash],
    )
    .await?;
    scope
        .record(&tx, "pin_set", "user", &user_id.to_string(), &email)
        .await?;
    publish(&tx, scope, role_id).await?;
    tx.commit().await?;
    Ok(user_id)
}
