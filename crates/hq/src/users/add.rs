//! Adding a user: checked, hashed, and written with its role and audit entry, or refused.

use tokio_postgres::Client;
use uuid::Uuid;

use super::{NewUser, Pin, User, UserError};
use crate::admin::Email;
use crate::audit::Scope;
use crate::password::Password;
use crate::versions;

/// Creates a user with a role in the scope's organization, in one transaction with its
/// audit entry. E-mail addresses are unique across HQ, case-insensitively; an address that
/// already has an account is refused with [`UserError::EmailUnavailable`], whichever
/// organization the account is in, and the refusal is audited. The PIN and the password
/// are stored only as argon2 hashes.
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
    let Some(inserted) = tx
        .query_opt(
            "INSERT INTO core.users (email, display_name, pin_hash, password_hash) \
             VALUES ($1::text::citext, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id",
            &[&email.as_str(), &name, &pin_hash, &password_hash],
        )
        .await?
    else {
        refuse_taken_email(tx, scope, &email).await?;
        return Err(UserError::EmailUnavailable);
    };
    let user_id: Uuid = inserted.get(0);
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

/// The address already has an account, here or in another organization. Accounts are
/// HQ-wide (one per address) while roles are per organization, so this organization's admin
/// may neither see, change nor join another organization's user. The refusal is therefore
/// the same whether the account is here or elsewhere, and names no one: no id, name, role
/// or organization. We do not pretend success instead: the user list would contradict it
/// one request later (so it hides nothing from a prober) while misleading an honest admin
/// and the audit log. That the address is in use somewhere is all a refusal can tell, and
/// that much is inherent in HQ-wide addresses (only per-organization accounts or
/// invitations the account's owner accepts would remove it); so every refusal is in this
/// organization's audit log, tells HQ's log which case it was, and the API limits how many
/// a user may collect (`api::EMAIL_REFUSALS`).
async fn refuse_taken_email(
    tx: tokio_postgres::Transaction<'_>,
    scope: &Scope,
    email: &Email,
) -> Result<(), UserError> {
    let here: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM core.users u \
               JOIN core.user_org_roles r ON r.user_id = u.id \
               WHERE u.email = $1::text::citext AND r.organization_id = $2)",
            &[&email.as_str(), &scope.organization_id],
        )
        .await?
        .get(0);
    tracing::warn!(organization = %scope.organization_id, actor = ?scope.actor,
        in_this_organization = here, "refused a new user: the e-mail address has an account");
    scope
        .record(
            &tx,
            "user_add_refused",
            "user",
            "",
            &format!("<{}>: the address already has an account", email.as_str()),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}
