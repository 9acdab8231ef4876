//! Till users as the terminal reads them, and PIN lockout.
//!
//! Users come from HQ ([`Store::upsert_users`]); the lockout state (`failed_attempts`,
//! `locked_until`) is the terminal's own, so a wrong PIN typed offline still counts and
//! a pull from HQ never unlocks anyone.

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Role, Store, StoreError, convert};

/// A user as the till reads it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    /// HQ's id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Cashier or manager.
    pub role: Role,
    /// The PIN's hash (verified by the terminal API, never the PIN itself).
    pub pin_hash: String,
    /// Wrong PINs in a row since the last success (or since a lockout expired).
    pub failed_attempts: u32,
    /// Locked until this time (RFC 3339 UTC), if a lockout was set; the caller compares
    /// it with its clock.
    pub locked_until: Option<String>,
    /// False once HQ deleted the user (tombstone): they may not sign in.
    pub is_active: bool,
}

const USER_COLUMNS: &str = "id, name, role, pin_hash, failed_attempts, locked_until, deleted";

type RawUser = (String, String, String, String, i64, Option<String>, i64);

fn raw_user(r: &Row<'_>) -> rusqlite::Result<RawUser> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn user(raw: RawUser) -> Result<UserRecord, StoreError> {
    let (id, name, role, pin_hash, failed, locked_until, deleted) = raw;
    Ok(UserRecord {
        id: convert::uuid("users.id", &id)?,
        name,
        role: convert::spelled("users.role", &role, &Role::ALL, Role::as_str)?,
        pin_hash,
        failed_attempts: u32::try_from(failed)
            .map_err(|e| StoreError::corrupt("users.failed_attempts", e))?,
        locked_until,
        is_active: !convert::flag("users.deleted", deleted)?,
    })
}

impl Store {
    /// Every user HQ sent, deleted ones included (`is_active = false`), by name.
    pub fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY name, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raws = stmt
            .query_map([], raw_user)?
            .collect::<Result<Vec<_>, _>>()?;
        raws.into_iter().map(user).collect()
    }

    /// The user with this id, deleted or not.
    pub fn user_by_id(&self, id: Uuid) -> Result<Option<UserRecord>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1");
        let raw = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], raw_user)
            .optional()?;
        raw.map(user).transpose()
    }

    /// Counts one wrong PIN for `user_id` and returns the new count, in one transaction
    /// (two tills cannot both read the old count).
    ///
    /// A lockout that has expired by `now` (its `locked_until` is at or before `now`) is
    /// cleared first and counting starts again from zero, so an old lockout does not lock
    /// the user again at the next typo. When the count reaches `lock_after` (and on every
    /// failure after that), `locked_until` is set to `lock_until`. Times are RFC 3339 and
    /// compared as instants by SQLite's `julianday`, so fractional seconds are fine.
    pub fn record_failed_pin(
        &mut self,
        user_id: Uuid,
        now: &str,
        lock_after: u32,
        lock_until: &str,
    ) -> Result<u32, StoreError> {
        let tx = self.write()?;
        let id = user_id.to_string();
        tx.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL \
             WHERE id = ?1 AND locked_until IS NOT NULL \
               AND julianday(locked_until) <= julianday(?2)",
            params![id, now],
        )?;
        let count: Option<i64> = tx
            .query_row(
                "UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ?1 \
                 RETURNING failed_attempts",
                [&id],
                |r| r.get(0),
            )
            .optional()?;
        let count = count.ok_or_else(|| StoreError::NotFound {
            what: "user",
            id: id.clone(),
        })?;
        let count =
            u32::try_from(count).map_err(|e| StoreError::corrupt("users.failed_attempts", e))?;
        if count >= lock_after {
            tx.execute(
                "UPDATE users SET locked_until = ?2 WHERE id = ?1",
                params![id, lock_until],
            )?;
        }
        tx.commit()?;
        Ok(count)
    }

    /// Clears `user_id`'s failed-PIN count and lockout (after a correct PIN, or a
    /// manager's unlock).
    pub fn reset_failed_pins(&mut self, user_id: Uuid) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?1",
            [user_id.to_string()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "user",
                id: user_id.to_string(),
            });
        }
        Ok(())
    }
}

/// The PIN hash stays out of logs and error messages.
impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("pin_hash", &"<redacted>")
            .field("failed_attempts", &self.failed_attempts)
            .field("locked_until", &self.locked_until)
            .field("is_active", &self.is_active)
            .finish()
    }
}
