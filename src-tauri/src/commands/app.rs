//! The app itself: which build, is there a store (first run), and sync with HQ.

use pos_terminal::{Status, Terminal};
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::{AppState, SetupState};

/// What the window shows before anything else: which app and which build this is.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub data_dir: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        name: "Tally".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.dir().display().to_string(),
    }
}

#[tauri::command]
pub fn setup_state(state: State<'_, AppState>) -> CommandResult<SetupState> {
    state.setup_state()
}

/// First run without HQ: the demo store (`pos init --demo`'s catalog, staff and stock).
#[tauri::command]
pub fn create_demo_store(state: State<'_, AppState>) -> CommandResult<()> {
    let (terminal, _report) = Terminal::init(state.dir(), true)?;
    state.adopt(terminal)?;
    state.start_printing();
    Ok(())
}

/// First run with HQ: pair with the code `hq terminal add` printed, pull the catalog, and
/// start syncing. A failed first pull leaves the terminal paired; the worker retries.
#[tauri::command(rename_all = "snake_case")]
pub async fn pair_with_hq(
    state: State<'_, AppState>,
    hq_url: String,
    code: String,
) -> CommandResult<()> {
    pos_sync::pair(state.dir(), hq_url.trim(), code.trim()).await?;
    if let Err(error) = pos_sync::sync_data_dir(state.dir()).await {
        eprintln!("warning: paired with HQ, but the first sync failed: {error}");
    }
    state.adopt(Terminal::open(state.dir())?)?;
    state.start_sync();
    state.start_printing();
    Ok(())
}

#[tauri::command]
pub fn terminal_status(state: State<'_, AppState>) -> CommandResult<Status> {
    state.with(|terminal| terminal.status())
}

/// Asks the sync worker for a round now (the sync panel's button); false when the
/// terminal is not paired with HQ.
#[tauri::command]
pub fn sync_now(state: State<'_, AppState>) -> bool {
    state.sync_now()
}
