//! Signing in at HQ: an e-mail address and a password buy a session token that expires.
//!
//! The token is kept only as its SHA-256. Wrong passwords are counted on the user's row, so
//! every `hq serve` replica counts the same: at [`LOGIN_ATTEMPTS`] in a row the account is
//! locked for [`LOCKOUT_MINUTES`], right password or not. The role is read with every
//! request ([`authenticate`]), so a demotion or a disabled account takes effect at once.

use std::sync::OnceLock;

use serde::Serialize;
use tokio_postgres::{Client, GenericClient};
use uuid::Uuid;

use crate::audit::{Actor, Scope};
use crate::password;
use crate::roles::{InvalidRole, Role};
use crate::secret;

/// How long a session lasts from sign-in.
pub const SESSION_HOURS: i32 = 8;
/// Wrong passwords in a row before the account is locked.
pub const LOGIN_ATTEMPTS: i32 = 5;
/// How long a locked account stays locked.
pub const LOCKOUT_MINUTES: i32 = 15;

/// A session just opened: its token is shown this once (and never by `Debug`).
#[derive(Clone, Serialize, utoipa::ToSchema)]
pub struct Opened {
    pub token: String,
    /// RFC 3339 UTC.
    pub expires_at: String,
    pub user_id: Uuid,
    pub role: Role,
    /// The organization's slug.
    pub organization: String,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .field("user_id", &self.user_id)
            .field("role", &self.role)
            .field("organization", &self.organization)
            .finish()
    }
}

/// Who a request's session token belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedIn {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub organization_id: Uuid,
    pub role: Role,
}

impl SignedIn {
    /// What this user does is scoped to their organization and audited under their name.
    pub fn scope(&self) -> Scope {
        Scope {
            organization_id: self.organization_id,
            actor: Actor::User(self.user_id),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// One sentence for an unknown address, a wrong password, a disabled account and an
    /// account with no password: a guesser learns nothing about which it was.
    #[error("the e-mail address or the password is wrong")]
    Invalid,
    #[error(
        "this account is locked after too many wrong passwords; try again in {minutes} minute(s)"
    )]
    Locked { minutes: i64 },
    #[error("this account belongs to several organizations; name the one to sign in to")]
    NameTheOrganization,
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("the session token is not known to HQ; sign in again")]
    Unknown,
    #[error("the session has expired; sign in again")]
    Expired,
    #[error("the session was ended (signed out, or the account was disabled)")]
    Ended,
    #[error(transparent)]
    UnknownRole(#[from] InvalidRole),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// Takes as long as checking a real password, so an unknown address answers no faster.
async fn waste_a_verification(candidate: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let phc = DUMMY.get_or_init(|| {
        password::Password::parse(secret::new_token())
            .map(|p| p.hash())
            .unwrap_or_default()
    });
    verify_off_the_runtime(phc, candidate).await;
}

/// argon2 takes tens of milliseconds of CPU by design: on a blocking thread, so other
/// requests on this runtime are not held up while it runs.
async fn verify_off_the_runtime(phc: &str, candidate: &str) -> bool {
    let (phc, candidate) = (phc.to_owned(), candidate.to_owned());
    tokio::task::spawn_blocking(move || password::verify(&phc, &candidate))
        .await
        .unwrap_or(false)
}

/// The shape `core.organizations` checks a slug against (`^[a-z0-9][a-z0-9-]{0,62}$`).
fn could_be_slug(slug: &str) -> bool {
    (1..=63).contains(&slug.len())
        && !slug.starts_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Signs `email` in with `candidate`, in `organization` (a slug; needed only when the user
/// belongs to several). Every outcome but an unknown address is in the audit log.
pub async fn login(
    client: &mut Client,
    email: &str,
    candidate: &str,
    organization: Option<&str>,
) -> Result<Opened, LoginError> {
    // Not an address at all (too long, a control character): no account to look up.
    let Ok(email) = crate::admin::Email::parse(email) else {
        waste_a_verification(candidate).await;
        tracing::warn!("sign-in refused: not an e-mail address");
        return Err(LoginError::Invalid);
    };
    // A name no organization can have is refused before any lookup: PostgreSQL would fail
    // the role query on some of them (a NUL), and only for an existing account, so the
    // answer would tell which addresses have one.
    if !organization.is_none_or(could_be_slug) {
        waste_a_verification(candidate).await;
        tracing::warn!("sign-in refused: not an organization's name");
        return Err(LoginError::Invalid);
    }
    let tx = client.transaction().await?;
    // The row lock serialises attempts on one account, so none escapes the count.
    let Some(user) = tx
        .query_opt(
            "SELECT id, password_hash, is_active, \
               CEIL(EXTRACT(EPOCH FROM (locked_until - now())) / 60)::int8 \
             FROM core.users WHERE email = $1::text::citext FOR UPDATE",
            &[&email.as_str()],
        )
        .await?
    else {
        waste_a_verification(candidate).await;
        tracing::warn!("sign-in refused: no such e-mail address");
        return Err(LoginError::Invalid);
    };
    let user_id: Uuid = user.get(0);
    let phc: Option<String> = user.get(1);
    let active: bool = user.get(2);
    let locked_minutes: Option<i64> = user.get(3);

    let roles = tx
        .query(
            "SELECT r.organization_id, r.role, o.slug FROM core.user_org_roles r \
             JOIN core.organizations o ON o.id = r.organization_id \
             WHERE r.user_id = $1 AND ($2::text IS NULL OR o.slug = $2) ORDER BY o.slug",
            &[&user_id, &organization],
        )
        .await?;
    // The password is checked (or the same work wasted) before anything is answered, so the
    // answer and its timing say nothing about the account until the password is right.
    let verified = match (&phc, active) {
        (Some(phc), true) => verify_off_the_runtime(phc, candidate).await,
        _ => {
            waste_a_verification(candidate).await;
            false
        }
    };
    let Some(first) = roles.first() else {
        tracing::warn!(user = %user_id, "sign-in refused: no role in that organization");
        return Err(LoginError::Invalid);
    };
    // Refusals are audited in the first organization the account belongs to (by slug).
    let scope = Scope {
        organization_id: first.get(0),
        actor: Actor::User(user_id),
    };
    if let Some(minutes) = locked_minutes.filter(|m| *m > 0) {
        tracing::warn!(user = %user_id, "sign-in refused: account locked");
        return Err(LoginError::Locked { minutes });
    }
    if phc.is_none() || !active {
        tracing::warn!(user = %user_id, "sign-in refused: account disabled or without a password");
        scope
            .record(
                &tx,
                "login_refused",
                "user",
                &user_id.to_string(),
                "disabled or no password",
            )
            .await?;
        tx.commit().await?;
        return Err(LoginError::Invalid);
    }
    if !verified {
        let locked: bool = tx
            .query_one(
                "UPDATE core.users SET \
                   failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 \
                                        ELSE failed_logins + 1 END, \
                   locked_until = CASE WHEN failed_logins + 1 >= $2 \
                                       THEN now() + make_interval(mins => $3) \
                                       ELSE locked_until END \
                 WHERE id = $1 RETURNING failed_logins = 0",
                &[&user_id, &LOGIN_ATTEMPTS, &LOCKOUT_MINUTES],
            )
            .await?
            .get(0);
        let detail = if locked {
            format!("wrong password; locked for {LOCKOUT_MINUTES} minutes")
        } else {
            "wrong password".to_owned()
        };
        tracing::warn!(user = %user_id, locked, "sign-in refused: wrong password");
        scope
            .record(&tx, "login_failed", "user", &user_id.to_string(), &detail)
            .await?;
        tx.commit().await?;
        return Err(if locked {
            LoginError::Locked {
                minutes: i64::from(LOCKOUT_MINUTES),
            }
        } else {
            LoginError::Invalid
        });
    }

    let [membership] = roles.as_slice() else {
        return Err(LoginError::NameTheOrganization);
    };
    let scope = Scope {
        organization_id: membership.get(0),
        actor: Actor::User(user_id),
    };
    let role: Role = membership.get::<_, &str>(1).parse().map_err(|_| {
        tracing::warn!(user = %user_id, "sign-in refused: unknown role");
        LoginError::Invalid
    })?;
    let slug: String = membership.get(2);

    let token = secret::new_session_token();
    let expires_at: String = tx
        .query_one(
            "INSERT INTO core.sessions (token_hash, user_id, organization_id, expires_at) \
             VALUES ($1, $2, $3, now() + make_interval(hours => $4)) \
             RETURNING to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            &[
                &secret::hash(&token),
                &user_id,
                &scope.organization_id,
                &SESSION_HOURS,
            ],
        )
        .await?
        .get(0);
    tx.execute(
        "UPDATE core.users SET failed_logins = 0, locked_until = NULL WHERE id = $1",
        &[&user_id],
    )
    .await?;
    scope
        .record(
            &tx,
            "signed_in",
            "user",
            &user_id.to_string(),
            role.as_str(),
        )
        .await?;
    tx.commit().await?;
    Ok(Opened {
        token,
        expires_at,
        user_id,
        role,
        organization: slug,
    })
}

/// The signed-in user behind `token`, with their role as it is now.
pub async fn authenticate(
    client: &impl GenericClient,
    token: &str,
) -> Result<SignedIn, SessionError> {
    let row = client
        .query_opt(
            "SELECT s.id, s.user_id, s.organization_id, r.role, \
               s.ended_at IS NOT NULL OR NOT u.is_active OR r.role IS NULL, \
               s.expires_at <= now() \
             FROM core.sessions s JOIN core.users u ON u.id = s.user_id \
             LEFT JOIN core.user_org_roles r \
               ON r.user_id = s.user_id AND r.organization_id = s.organization_id \
             WHERE s.token_hash = $1",
            &[&secret::hash(token)],
        )
        .await?
        .ok_or_else(|| {
            tracing::warn!("refused a request with a session token HQ does not know");
            SessionError::Unknown
        })?;
    let user_id: Uuid = row.get(1);
    if row.get::<_, bool>(4) {
        tracing::warn!(user = %user_id, "refused a request on an ended session");
        return Err(SessionError::Ended);
    }
    if row.get::<_, bool>(5) {
        tracing::warn!(user = %user_id, "refused a request on an expired session");
        return Err(SessionError::Expired);
    }
    Ok(SignedIn {
        session_id: row.get(0),
        user_id,
        organization_id: row.get(2),
        role: row.get::<_, &str>(3).parse()?,
    })
}

/// Ends the session now; its token is refused from here on.
pub async fn logout(
    client: &impl GenericClient,
    who: &SignedIn,
) -> Result<(), tokio_postgres::Error> {
    client
        .execute(
            "UPDATE core.sessions SET ended_at = COALESCE(ended_at, now()) WHERE id = $1",
            &[&who.session_id],
        )
        .await?;
    Ok(())
}
