//! The terminal's token lives in the OS keyring (macOS Keychain, Windows Credential
//! Manager, the Linux kernel's keyutils), under the terminal's id: never in a file or in
//! the database, so a copied data folder does not carry HQ access with it.

use uuid::Uuid;

use crate::SyncError;

const SERVICE: &str = "tally-terminal";

fn entry(terminal_id: Uuid) -> Result<keyring::Entry, SyncError> {
    join_session_keyring();
    keyring::Entry::new(SERVICE, &terminal_id.to_string())
        .map_err(|e| SyncError::Token(e.to_string()))
}

/// keyutils keys hang off the session keyring. A process started outside a login session
/// (a service, a container, CI) has none of its own and may not add to the user's
/// default one, so it gets one here; the keyring crate also links the key to the user's
/// persistent keyring, which is what later processes find it through.
#[cfg(target_os = "linux")]
fn join_session_keyring() {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    let _ = KeyRing::from_special_id(KeyRingIdentifier::Session, true);
}

#[cfg(not(target_os = "linux"))]
fn join_session_keyring() {}

pub fn store(terminal_id: Uuid, token: &str) -> Result<(), SyncError> {
    entry(terminal_id)?
        .set_password(token)
        .map_err(|e| SyncError::Token(e.to_string()))
}

pub fn load(terminal_id: Uuid) -> Result<String, SyncError> {
    entry(terminal_id)?.get_password().map_err(|e| match e {
        keyring::Error::NoEntry => SyncError::Token(format!(
            "no token for terminal {terminal_id} (the keyring was cleared, e.g. by a reboot \
             with keyutils); pair again"
        )),
        other => SyncError::Token(other.to_string()),
    })
}

/// Removes the token (nothing to remove is fine).
pub fn forget(terminal_id: Uuid) -> Result<(), SyncError> {
    match entry(terminal_id)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(other) => Err(SyncError::Token(other.to_string())),
    }
}
