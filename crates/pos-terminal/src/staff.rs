//! Who is at the till: sign-in by PIN (offline), lockout after repeated wrong PINs, and
//! manager approval.

use pos_store::{AuditEntry, Role, UserRecord};
use serde::Serialize;
use uuid::Uuid;

use crate::pin::Pin;
use crate::{Terminal, TerminalError, clock};

/// Wrong PINs in a row that lock a user.
pub const LOCK_AFTER: u32 = 5;
/// How long a locked user stays locked.
pub const LOCK_MINUTES: i64 = 15;
/// Wrong PINs that match no user, within [`LOCK_MINUTES`], that lock PIN-only sign-in on
/// this till: without it, a script could try every PIN against `pos --cashier`.
pub const TILL_LOCK_AFTER: usize = 10;

/// A signed-in member of staff. Only sign-in makes one (the fields are not public), so a
/// front-end cannot hand the core a manager it made up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Staff {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) role: Role,
}

impl From<&UserRecord> for Staff {
    fn from(user: &UserRecord) -> Self {
        Self {
            id: user.id,
            name: user.name.clone(),
            role: user.role,
        }
    }
}

impl Staff {
    pub fn id(&self) -> Uuid {
        self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn is_manager(&self) -> bool {
        self.role == Role::Manager
    }
}

fn locked(user: &UserRecord, now: &str) -> Option<TerminalError> {
    match &user.locked_until {
        Some(until) if until.as_str() > now => Some(TerminalError::Locked {
            name: user.name.clone(),
            until: until.clone(),
        }),
        _ => None,
    }
}

impl Terminal {
    /// Signs in whoever owns `pin` (PINs are unique per terminal). A wrong PIN here cannot be
    /// pinned on anyone, so it is written to the audit log; the per-user lockout applies to
    /// [`Terminal::sign_in_as`], where the user is named.
    pub fn sign_in(&mut self, pin: &str) -> Result<Staff, TerminalError> {
        let pin = Pin::parse(pin)?;
        let now = clock::now_utc();
        let since = clock::utc_in_minutes(-LOCK_MINUTES);
        let recent_failures = self
            .store
            .audit_log(TILL_LOCK_AFTER * 4)?
            .iter()
            .filter(|e| e.action == "sign_in_failed" && e.user_id.is_none() && e.at >= since)
            .count();
        if recent_failures >= TILL_LOCK_AFTER {
            return Err(TerminalError::TillLocked {
                failures: recent_failures,
                minutes: LOCK_MINUTES,
            });
        }
        let users = self.store.users()?;
        let Some(user) = users
            .iter()
            .find(|u| u.is_active && pin.matches(&u.pin_hash))
        else {
            self.audit(None, None, "sign_in_failed", "a PIN matched no user")?;
            return Err(TerminalError::WrongPin);
        };
        if let Some(error) = locked(user, &now) {
            return Err(error);
        }
        self.store.reset_failed_pins(user.id)?;
        Ok(Staff::from(user))
    }

    /// Signs in the named user. After [`LOCK_AFTER`] wrong PINs in a row the user is locked
    /// for [`LOCK_MINUTES`]; while locked, even the right PIN is refused.
    pub fn sign_in_as(&mut self, user_id: Uuid, pin: &str) -> Result<Staff, TerminalError> {
        let pin = Pin::parse(pin)?;
        let now = clock::now_utc();
        let user = self
            .store
            .user_by_id(user_id)?
            .filter(|u| u.is_active)
            .ok_or_else(|| TerminalError::InvalidInput("no such user".to_owned()))?;
        if let Some(error) = locked(&user, &now) {
            return Err(error);
        }
        if pin.matches(&user.pin_hash) {
            self.store.reset_failed_pins(user.id)?;
            return Ok(Staff::from(&user));
        }
        let until = clock::utc_in_minutes(LOCK_MINUTES);
        let failures = self
            .store
            .record_failed_pin(user.id, &now, LOCK_AFTER, &until)?;
        self.audit(
            Some(user.id),
            None,
            "sign_in_failed",
            &format!("wrong PIN ({failures} in a row)"),
        )?;
        if failures >= LOCK_AFTER {
            return Err(TerminalError::Locked {
                name: user.name,
                until,
            });
        }
        Err(TerminalError::WrongPin)
    }

    /// The manager behind `pin`, or why not: a cashier's PIN is not an approval.
    pub fn manager_approval(&mut self, pin: &str, for_what: &str) -> Result<Staff, TerminalError> {
        let staff = self.sign_in(pin)?;
        if !staff.is_manager() {
            return Err(TerminalError::NeedsManager(format!(
                "{} is not a manager ({for_what})",
                staff.name
            )));
        }
        Ok(staff)
    }

    pub(crate) fn audit(
        &mut self,
        user_id: Option<Uuid>,
        approved_by: Option<Uuid>,
        action: &str,
        detail: &str,
    ) -> Result<(), TerminalError> {
        self.store.append_audit(&AuditEntry {
            id: Uuid::now_v7(),
            at: clock::now_utc(),
            user_id,
            approved_by,
            action: action.to_owned(),
            detail: detail.to_owned(),
        })?;
        Ok(())
    }
}

/// A user as the sign-in screen lists them: no PIN hash leaves the core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffCard {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    /// Set while they are locked out after wrong PINs.
    pub locked_until: Option<String>,
}

impl Terminal {
    /// Everyone who may sign in here, by name.
    pub fn staff_cards(&self) -> Result<Vec<StaffCard>, TerminalError> {
        let now = clock::now_utc();
        let mut cards: Vec<StaffCard> = self
            .store
            .users()?
            .into_iter()
            .filter(|user| user.is_active)
            .map(|user| StaffCard {
                id: user.id,
                locked_until: user
                    .locked_until
                    .filter(|until| until.as_str() > now.as_str()),
                name: user.name,
                role: user.role,
            })
            .collect();
        cards.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(cards)
    }
}
