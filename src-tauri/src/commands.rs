//! Commands the UI invokes. Each is a few lines: take state, call the core, convert the error.

use serde::Serialize;

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
