//! The demo store's sign-in hint: the demo staff's PINs, kept beside the store so the app can
//! show them on its sign-in screen and a first-time user can sell without reading anything.
//! Only `init --demo` writes it; a real (paired) terminal never has one.

use std::path::Path;

use pos_store::Role;
use serde::{Deserialize, Serialize};

use crate::setup::InitUser;
use crate::{Terminal, TerminalError};

/// The file beside the store.
pub const DEMO_STAFF_FILE: &str = "demo-staff.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoStaff {
    pub name: String,
    pub role: Role,
    pub pin: String,
}

pub(crate) fn write(data_dir: &Path, users: &[InitUser]) -> Result<(), TerminalError> {
    let staff: Vec<DemoStaff> = users
        .iter()
        .map(|user| DemoStaff {
            name: user.name.clone(),
            role: user.role,
            pin: user.pin.clone(),
        })
        .collect();
    let path = data_dir.join(DEMO_STAFF_FILE);
    let json = serde_json::to_string_pretty(&staff)
        .map_err(|e| TerminalError::InvalidInput(format!("cannot write the demo hint: {e}")))?;
    std::fs::write(&path, json)
        .map_err(|e| TerminalError::InvalidInput(format!("cannot write {}: {e}", path.display())))
}

impl Terminal {
    /// The demo staff and their PINs, when this is an unpaired demo store; empty otherwise
    /// (and when the hint file is gone or unreadable: it is a courtesy, never needed).
    pub fn demo_staff(&self, data_dir: &Path) -> Vec<DemoStaff> {
        if self.identity.hq_url.is_some() {
            return Vec::new();
        }
        std::fs::read_to_string(data_dir.join(DEMO_STAFF_FILE))
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }
}
