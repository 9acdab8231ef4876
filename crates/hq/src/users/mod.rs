//! Users of an organization: owners and admins who sign in at HQ with a password, and
//! cashiers and managers who sign in at the till with a PIN (an owner or admin with a PIN
//! works the till as a manager).
//!
//! A user is a `core.users` row with a role in one organization. Terminals receive the
//! role row and the PIN's argon2 hash through the catalog pull and verify PINs offline, so
//! every change a terminal must see stamps the role row with a new catalog version.

mod add;
mod manage;
mod pin;

pub use add::add_user;
pub use manage::{UserRow, disable_user, list_users, set_pin};
pub use pin::{InvalidPin, PIN_MAX_LEN, PIN_MIN_LEN, Pin};

use std::fmt;

use serde::Serialize;
use uuid::Uuid;

use crate::admin::InvalidEmail;
use crate::password::Password;
use crate::roles::{InvalidRole, Role};

/// A user to create. `Debug` never shows the PIN or the password.
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub pin: Option<String>,
    pub password: Option<Password>,
}

impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("pin", &self.pin.as_ref().map(|_| "<redacted>"))
            .field("password", &self.password)
            .finish()
    }
}

/// The user as created (what `hq user add --json` prints).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error(transparent)]
    InvalidEmail(#[from] InvalidEmail),
    #[error("the name must not be blank")]
    BlankName,
    #[error(transparent)]
    InvalidPin(#[from] InvalidPin),
    #[error("a cashier needs a PIN to sign in at the till")]
    PinRequired,
    #[error("an {0} signs in at HQ and needs a password")]
    PasswordRequired(Role),
    #[error("a manager needs a PIN (for the till), a password (for HQ), or both")]
    NoWayToSignIn,
    /// Taken in this organization or another: the same refusal either way (see `add_user`).
    #[error(
        "this e-mail address cannot be given to a new user: an address holds one account at \
         HQ (someone who already works here is in the user list)"
    )]
    EmailUnavailable,
    #[error("there is no user \"{0}\" in this organization (give their e-mail address or id)")]
    NoUser(String),
    #[error(
        "{0} also belongs to another organization; only HQ's operator can change their account"
    )]
    BelongsElsewhere(String),
    #[error("{0} is the organization's last active owner or admin; add another one first")]
    LastAdmin(String),
    #[error("you cannot disable your own account")]
    OwnAccount,
    #[error(transparent)]
    UnknownRole(#[from] InvalidRole),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_pin_and_the_password() {
        let new = NewUser {
            email: "cy@example.com".into(),
            name: "Cy".into(),
            role: Role::Cashier,
            pin: Some("918273".into()),
            password: Some(Password::parse("horse battery staple".into()).unwrap()),
        };
        let shown = format!("{new:?}");
        assert!(
            !shown.contains("918273") && !shown.contains("horse"),
            "{shown}"
        );
    }
}
