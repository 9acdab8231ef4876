//! The terminal's token lives in the OS keyring, under the terminal's id: never in a file or
//! in the database, so a copied data folder does not carry HQ access with it.
//!
//! On Linux that is the Secret Service (GNOME Keyring, KWallet), which keeps it on disk
//! across reboots, wherever the session has one; where there is none (a service, a
//! container, a till without a desktop session) it is the kernel's keyutils, which forgets
//! it at every reboot. [`token_store`] says which one is in use (`pos status` shows it), and
//! `pos rekey` gets a lost token back for the same terminal. macOS keeps it in the Keychain,
//! Windows in the Credential Manager.

use serde::Serialize;
use uuid::Uuid;

use crate::SyncError;

const SERVICE: &str = "tally-terminal";

/// Where the token is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenStore {
    /// The desktop session's Secret Service: kept across reboots.
    SecretService,
    /// The Linux kernel's keyutils: forgotten at reboot.
    Keyutils,
    /// macOS's Keychain.
    Keychain,
    /// Windows's Credential Manager.
    CredentialManager,
}

impl TokenStore {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenStore::SecretService => "secret-service",
            TokenStore::Keyutils => "keyutils",
            TokenStore::Keychain => "keychain",
            TokenStore::CredentialManager => "credential-manager",
        }
    }

    /// Whether a token kept here is still there after the machine restarts.
    pub fn survives_reboot(self) -> bool {
        self != TokenStore::Keyutils
    }
}

fn token_error(error: keyring::Error) -> SyncError {
    SyncError::Token(error.to_string())
}

fn no_token(terminal_id: Uuid) -> SyncError {
    SyncError::Token(format!(
        "no token for terminal {terminal_id} (the keyring was cleared, e.g. by a reboot with \
         keyutils); ask HQ for a code with `hq terminal rekey` and run `pos rekey`"
    ))
}

/// The store a token is written to now.
pub fn token_store() -> TokenStore {
    platform::store_in_use()
}

pub fn store(terminal_id: Uuid, token: &str) -> Result<(), SyncError> {
    platform::entry(terminal_id)?
        .set_password(token)
        .map_err(token_error)
}

pub fn load(terminal_id: Uuid) -> Result<String, SyncError> {
    platform::load(terminal_id)
}

/// Removes the token from every store it may be in (nothing to remove is fine).
pub fn forget(terminal_id: Uuid) -> Result<(), SyncError> {
    for entry in platform::every_entry(terminal_id)? {
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => {}
            Err(other) => return Err(token_error(other)),
        }
    }
    Ok(())
}

#[cfg(target_os = "linux")]
mod platform {
    use keyring::Entry;
    use keyring::keyutils::KeyutilsCredential;
    use keyring::secret_service::SsCredential;
    use uuid::Uuid;

    use super::{SERVICE, TokenStore, no_token, token_error};
    use crate::SyncError;

    /// keyutils keys hang off the session keyring. A process started outside a login
    /// session (a service, a container, CI) has none of its own and may not add to the
    /// user's default one, so it gets one here; the keyring crate also links the key to the
    /// user's persistent keyring, which is what later processes find it through.
    fn keyutils(terminal_id: Uuid) -> Result<Entry, SyncError> {
        use linux_keyutils::{KeyRing, KeyRingIdentifier};
        let _ = KeyRing::from_special_id(KeyRingIdentifier::Session, true);
        let credential =
            KeyutilsCredential::new_with_target(None, SERVICE, &terminal_id.to_string())
                .map_err(token_error)?;
        Ok(Entry::new_with_credential(Box::new(credential)))
    }

    /// The Secret Service's entry, if the session has one that answers: without a session
    /// bus nothing is tried at all, and a bus without the service (or a locked keyring)
    /// answers an error other than "no such entry".
    fn secret_service(terminal_id: Uuid) -> Option<Entry> {
        let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists());
        if !has_bus {
            return None;
        }
        let credential =
            SsCredential::new_with_target(None, SERVICE, &terminal_id.to_string()).ok()?;
        let entry = Entry::new_with_credential(Box::new(credential));
        match entry.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) => Some(entry),
            Err(_) => None,
        }
    }

    pub fn store_in_use() -> TokenStore {
        match secret_service(Uuid::nil()) {
            Some(_) => TokenStore::SecretService,
            None => TokenStore::Keyutils,
        }
    }

    pub fn entry(terminal_id: Uuid) -> Result<Entry, SyncError> {
        match secret_service(terminal_id) {
            Some(entry) => Ok(entry),
            None => keyutils(terminal_id),
        }
    }

    pub fn every_entry(terminal_id: Uuid) -> Result<Vec<Entry>, SyncError> {
        let mut entries: Vec<Entry> = secret_service(terminal_id).into_iter().collect();
        entries.push(keyutils(terminal_id)?);
        Ok(entries)
    }

    /// From the Secret Service when there is one; a token kept in keyutils before it was
    /// there (an upgraded till, a session that started later) is moved into it.
    pub fn load(terminal_id: Uuid) -> Result<String, SyncError> {
        let kept = keyutils(terminal_id)?;
        let Some(lasting) = secret_service(terminal_id) else {
            return kept.get_password().map_err(|e| match e {
                keyring::Error::NoEntry => no_token(terminal_id),
                other => token_error(other),
            });
        };
        match lasting.get_password() {
            Ok(token) => Ok(token),
            Err(keyring::Error::NoEntry) => match kept.get_password() {
                Ok(token) => {
                    lasting.set_password(&token).map_err(token_error)?;
                    let _ = kept.delete_credential();
                    Ok(token)
                }
                Err(keyring::Error::NoEntry) => Err(no_token(terminal_id)),
                Err(other) => Err(token_error(other)),
            },
            Err(other) => Err(token_error(other)),
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    use keyring::Entry;
    use uuid::Uuid;

    use super::{SERVICE, TokenStore, no_token, token_error};
    use crate::SyncError;

    pub fn store_in_use() -> TokenStore {
        if cfg!(target_os = "windows") {
            TokenStore::CredentialManager
        } else {
            TokenStore::Keychain
        }
    }

    pub fn entry(terminal_id: Uuid) -> Result<Entry, SyncError> {
        Entry::new(SERVICE, &terminal_id.to_string()).map_err(token_error)
    }

    pub fn every_entry(terminal_id: Uuid) -> Result<Vec<Entry>, SyncError> {
        Ok(vec![entry(terminal_id)?])
    }

    pub fn load(terminal_id: Uuid) -> Result<String, SyncError> {
        entry(terminal_id)?.get_password().map_err(|e| match e {
            keyring::Error::NoEntry => no_token(terminal_id),
            other => token_error(other),
        })
    }
}
