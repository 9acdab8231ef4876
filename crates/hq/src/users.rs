//! Till users (`hq user add`): people who sign in at a terminal with a PIN.
//!
//! A till user is a `core.users` row with a cashier or manager role in one organization.
//! Terminals receive the role row and the PIN's argon2 hash through the catalog pull and
//! verify PINs offline, so the role row carries the catalog version of the transaction that
//! wrote it.

use std::fmt;
use std::str::FromStr;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use serde::Serialize;
use tokio_postgres::Client;
use uuid::Uuid;

use crate::admin::{Email, InvalidEmail};
use crate::versions;

/// What a till user may do at a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TillRole {
    Cashier,
    Manager,
}

impl TillRole {
    /// The value stored in `core.user_org_roles.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cashier => "cashier",
            Self::Manager => "manager",
        }
    }
}

impl fmt::Display for TillRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("\"{0}\" is not a till role (cashier or manager)")]
pub struct InvalidRole(String);

impl FromStr for TillRole {
    type Err = InvalidRole;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "cashier" => Ok(Self::Cashier),
            "manager" => Ok(Self::Manager),
            _ => Err(InvalidRole(raw.to_owned())),
        }
    }
}

/// A PIN that met the rules: 4 to 8 ASCII digits. `Debug` never shows it.
pub struct Pin(String);

pub const PIN_MIN_LEN: usize = 4;
pub const PIN_MAX_LEN: usize = 8;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the PIN must be {PIN_MIN_LEN} to {PIN_MAX_LEN} digits (0-9)")]
pub struct InvalidPin;

impl Pin {
    pub fn parse(raw: &str) -> Result<Self, InvalidPin> {
        let valid = (PIN_MIN_LEN..=PIN_MAX_LEN).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_digit());
        if valid {
            Ok(Self(raw.to_owned()))
        } else {
            Err(InvalidPin)
        }
    }

    /// An argon2id PHC string with a fresh random salt (what terminals verify against).
    pub fn hash(&self) -> String {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(self.0.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .unwrap_or_else(|error| unreachable!("argon2 with default parameters: {error}"))
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

/// A till user to create. `Debug` never shows the PIN.
pub struct NewTillUser {
    pub email: String,
    pub name: String,
    pub role: TillRole,
    pub pin: String,
}

impl fmt::Debug for NewTillUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewTillUser")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("pin", &"<redacted>")
            .finish()
    }
}

/// The till user as created (what `hq user add --json` prints).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TillUser {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: TillRole,
}

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("there is no organization \"{0}\"")]
    NoOrganization(String),
    #[error(transparent)]
    InvalidEmail(#[from] InvalidEmail),
    #[error("the name must not be blank")]
    BlankName,
    #[error(transparent)]
    InvalidPin(#[from] InvalidPin),
    #[error("a user with the e-mail address {0} already exists")]
    EmailTaken(String),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// Creates a till user with a role in the organization `org_slug`, in one transaction.
/// E-mail addresses are unique across HQ, case-insensitively; the PIN is stored only as an
/// argon2 hash.
pub async fn add_till_user(
    client: &mut Client,
    org_slug: &str,
    new: &NewTillUser,
) -> Result<TillUser, UserError> {
    let email = Email::parse(&new.email)?;
    let name = new.name.trim();
    if name.is_empty() {
        return Err(UserError::BlankName);
    }
    // Hash before the transaction: argon2 is deliberately slow.
    let pin_hash = Pin::parse(&new.pin)?.hash();

    let tx = client.transaction().await?;
    let organization_id: Uuid = tx
        .query_opt(
            "SELECT id FROM core.organizations WHERE slug = $1",
            &[&org_slug],
        )
        .await?
        .ok_or_else(|| UserError::NoOrganization(org_slug.to_owned()))?
        .get(0);
    let user_id: Uuid = tx
        .query_opt(
            "INSERT INTO core.users (email, display_name, pin_hash) \
             VALUES ($1::text::citext, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id",
            &[&email.as_str(), &name, &pin_hash],
        )
        .await?
        .ok_or_else(|| UserError::EmailTaken(email.as_str().to_owned()))?
        .get(0);
    let role_id: Uuid = tx
        .query_one(
            "INSERT INTO core.user_org_roles (user_id, organization_id, role) \
             VALUES ($1, $2, $3) RETURNING id",
            &[&user_id, &organization_id, &new.role.as_str()],
        )
        .await?
        .get(0);
    // Last: the counter stays locked until the commit.
    let version = versions::next_catalog_version(&tx, organization_id).await?;
    tx.execute(
        "UPDATE core.user_org_roles SET sync_version = $2 WHERE id = $1",
        &[&role_id, &version],
    )
    .await?;
    tx.commit().await?;
    Ok(TillUser {
        id: user_id,
        email: email.as_str().to_owned(),
        name: name.to_owned(),
        role: new.role,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_to_eight_ascii_digits() {
        for good in ["0000", "1234", "12345678"] {
            assert!(Pin::parse(good).is_ok(), "{good:?} was refused");
        }
        for bad in ["", "123", "123456789", "12a4", " 1234", "١٢٣٤", "12.4"] {
            assert_eq!(Pin::parse(bad).err(), Some(InvalidPin), "{bad:?}");
        }
    }

    #[test]
    fn debug_hides_the_pin() {
        let new = NewTillUser {
            email: "cy@example.com".into(),
            name: "Cy".into(),
            role: TillRole::Cashier,
            pin: "918273".into(),
        };
        assert!(!format!("{new:?}").contains("918273"));
        assert!(!format!("{:?}", Pin::parse("918273").unwrap()).contains("918273"));
    }

    #[test]
    fn roles_parse_and_print() {
        assert_eq!("Manager".parse::<TillRole>(), Ok(TillRole::Manager));
        assert_eq!(TillRole::Cashier.to_string(), "cashier");
        assert!("admin".parse::<TillRole>().is_err());
    }
}
