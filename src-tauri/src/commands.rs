//! Commands the UI invokes. Each is a few lines: take state, call the core, convert the error.

use pos_terminal::{Status, TerminalError};
use serde::Serialize;

use crate::state::AppState;

/// Every error crosses to the UI in this one shape; the UI acts on `code`, shows `message`.
#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl From<TerminalError> for CommandError {
    fn from(error: TerminalError) -> Self {
        Self {
            code: error.code().to_owned(),
            message: error.to_string(),
        }
    }
}

/// What the window shows before anything else: which app and which build this is.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo {
        name: "Tally",
        version: env!("CARGO_PKG_VERSION"),
    }
}

#[tauri::command]
pub fn terminal_status(state: tauri::State<'_, AppState>) -> Result<Status, CommandError> {
    state.with(|terminal| terminal.status())
}

/// Asks the sync worker for a round now (the sync panel's button); false when the
/// terminal is not paired with HQ.
#[tauri::command]
pub fn sync_now(state: tauri::State<'_, AppState>) -> bool {
    state.sync_now()
}
