//! Roles and what each may do at HQ: the one table every admin endpoint is checked against
//! (`crate::api` states the permission of each handler in its signature).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A user's role in one organization (`core.user_org_roles.role`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Manager,
    Cashier,
}

/// Something an admin endpoint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ViewTerminals,
    ManageTerminals,
    ViewUsers,
    ManageUsers,
    EditCatalog,
    ViewAudit,
}

impl Permission {
    pub const ALL: [Permission; 6] = [
        Self::ViewTerminals,
        Self::ManageTerminals,
        Self::ViewUsers,
        Self::ManageUsers,
        Self::EditCatalog,
        Self::ViewAudit,
    ];
}

impl Role {
    pub const ALL: [Role; 4] = [Self::Owner, Self::Admin, Self::Manager, Self::Cashier];

    /// Owners and admins change things; a manager may look (terminals, staff, the audit
    /// log) but not change; a cashier works the till and nothing at HQ.
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Self::Owner | Self::Admin => true,
            Self::Manager => matches!(permission, ViewTerminals | ViewUsers | ViewAudit),
            Self::Cashier => false,
        }
    }

    /// Signs in at HQ with a password (cashiers and managers may have none).
    pub fn needs_password(self) -> bool {
        matches!(self, Self::Owner | Self::Admin)
    }

    /// Works the till with a PIN (owners and admins may have one too).
    pub fn needs_pin(self) -> bool {
        self == Self::Cashier
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Manager => "manager",
            Self::Cashier => "cashier",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("\"{0}\" is not a role (owner, admin, manager or cashier)")]
pub struct InvalidRole(pub String);

impl FromStr for Role {
    type Err = InvalidRole;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str().eq_ignore_ascii_case(raw.trim()))
            .ok_or_else(|| InvalidRole(raw.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_owners_and_admins_change_things_and_cashiers_do_nothing_at_hq() {
        for permission in Permission::ALL {
            assert!(Role::Owner.allows(permission));
            assert!(Role::Admin.allows(permission));
            assert!(!Role::Cashier.allows(permission));
        }
        let manager: Vec<_> = Permission::ALL
            .into_iter()
            .filter(|p| Role::Manager.allows(*p))
            .collect();
        assert_eq!(
            manager,
            [
                Permission::ViewTerminals,
                Permission::ViewUsers,
                Permission::ViewAudit
            ]
        );
    }

    #[test]
    fn roles_parse_and_print() {
        assert_eq!("Manager".parse::<Role>(), Ok(Role::Manager));
        assert_eq!(" admin ".parse::<Role>(), Ok(Role::Admin));
        assert_eq!(Role::Cashier.to_string(), "cashier");
        assert!("root".parse::<Role>().is_err());
    }
}
