//! The first administrator of an organization (`hq init`).

use serde::Serialize;
use tokio_postgres::Client;

use crate::password::Password;

/// An e-mail address as users type it: trimmed, one `@`, something on each side, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Email(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("\"{0}\" is not an e-mail address")]
pub struct InvalidEmail(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, InvalidEmail> {
        let trimmed = raw.trim();
        let valid = match trimmed.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control())
                    && trimmed.len() <= 254
            }
            None => false,
        };
        if valid {
            Ok(Self(trimmed.to_owned()))
        } else {
            Err(InvalidEmail(raw.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug)]
pub struct NewAdmin {
    pub email: Email,
    pub display_name: String,
    pub password: Password,
}

#[derive(Debug, Clone, Serialize)]
pub struct CreatedAdmin {
    pub user_id: uuid::Uuid,
    pub email: String,
    pub organization: String,
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("there is no organization \"{0}\" (has `hq db migrate` run?)")]
    NoOrganization(String),
    #[error(
        "organization \"{0}\" already has an administrator; `hq init` runs once (add users with `hq user add`)"
    )]
    AlreadyInitialized(String),
    #[error("a user with the e-mail address {0} already exists")]
    EmailTaken(String),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// Creates the organization's first administrator. Refuses when the organization already has
/// an owner or admin; concurrent runs are serialised on the organization's row, so exactly one
/// wins.
pub async fn create_first_admin(
    client: &mut Client,
    organization_slug: &str,
    admin: NewAdmin,
) -> Result<CreatedAdmin, InitError> {
    // Hash before taking the row lock: argon2 is deliberately slow.
    let password_hash = admin.password.hash();
    let tx = client.transaction().await?;
    let organization = tx
        .query_opt(
            "SELECT id, name FROM core.organizations WHERE slug = $1 FOR UPDATE",
            &[&organization_slug],
        )
        .await?
        .ok_or_else(|| InitError::NoOrganization(organization_slug.to_owned()))?;
    let organization_id: uuid::Uuid = organization.get(0);
    let organization_name: String = organization.get(1);
    let admins: i64 = tx
        .query_one(
            "SELECT count(*) FROM core.user_org_roles \
             WHERE organization_id = $1 AND role IN ('owner', 'admin')",
            &[&organization_id],
        )
        .await?
        .get(0);
    if admins > 0 {
        return Err(InitError::AlreadyInitialized(organization_name));
    }
    let inserted = tx
        .query_opt(
            "INSERT INTO core.users (email, display_name, password_hash) \
             VALUES ($1::text::citext, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id",
            &[&admin.email.as_str(), &admin.display_name, &password_hash],
        )
        .await?;
    let user_id: uuid::Uuid = inserted
        .ok_or_else(|| InitError::EmailTaken(admin.email.as_str().to_owned()))?
        .get(0);
    tx.execute(
        "INSERT INTO core.user_org_roles (user_id, organization_id, role) \
         VALUES ($1, $2, 'admin')",
        &[&user_id, &organization_id],
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedAdmin {
        user_id,
        email: admin.email.as_str().to_owned(),
        organization: organization_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_checked() {
        assert_eq!(
            Email::parse("  ada@example.com ").unwrap().as_str(),
            "ada@example.com"
        );
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "a da@example.com",
            "a@b@c",
            "ada\0@example.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
