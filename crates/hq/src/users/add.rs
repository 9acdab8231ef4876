//! Adding a user: checked, hashed, and written with its role and audit entry.

use tokio_postgres::Client;
use uuid::Uuid;

use super::{NewUser, Pin, User, UserError};
use crate::admin::Email;
use crate::audit::Scope;
use crate::password::Password;
use crate::versions;

/// Creates a user with a role in the scope's organization, in one transaction with its
/// audit entry. E-mail addresses are unique across HQ, case-insensitively; the PIN and the
/// password are stored only as argon2 hashes.
pub async fn add_user(
    client: &mut Client,
    scope: &Scope,
    new: &NewUser,
) -> Result<User, UserError> {
    let email = Email::parse(&new.email)?;
    let name = new.name.trim();
    if name.is_empty() {
        return Err(UserError::BlankName);
    }
    let pin = new.pin.as_deref().map(Pin::parse).transpose()?;
    if new.role.needs_pin() && pin.is_none() {
        return Err(UserError::PinRequired);
    }
    if new.role.needs_password() && new.password.is_none() {
        return Err(UserError::PasswordRequired(new.role));
    }
    if pin.is_none() && new.password.is_none() {
        return Err(UserError::NoWayToSignIn);
    }
    // Hash before the transaction: argon2 is deliberately slow.
    let pin_hash = pin.map(|p| p.hash());
    let password_hash = new.password.as_ref().map(Password::hash);

    let tx = client.transaction().await?;
    let user_id: Uuid = tx
        .query_opt(
            "INSERT INTO core.users (email, display_name, pin_hash, password_hash) \
             VALUES ($1::text::citext, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id",
            &[&email.as_str(), &name, &pin_hash, &password_hash],
        )
        .await?
        .ok_or_else(|| UserError::EmailTaken(email.as_str().to_owned()))?
        .get(0);
    let role_id: Uuid = tx
        .query_one(
            "INSERT INTO core.user_org_roles (user_id, organization_id, role) \
             VALUES ($1, $2, $3) RETURNING id",
            &[&user_id, &scope.organization_id, &new.role.as_str()],
        )
        .await?
        .get(0);
    scope
        .record(
            &tx,
            "user_added",
            "user",
            &user_id.to_string(),
            &format!("{} <{}> as {}", name, email.as_str(), new.role),
        )
        .await?;
    // Last: the counter stays locked until the commit.
    let version = versions::next_catalog_version(&tx, scope.organization_id).await?;
    tx.execute(
        "UPDATE core.user_org_roles SET sync_version = $2 WHERE id = $1",
        &[&role_id, &version],
    )
    .await?;
    tx.commit().await?;
    Ok(User {
        id: user_id,
        email: email.as_str().to_owned(),
        name: name.to_owned(),
        role: new.role,
    })
}
