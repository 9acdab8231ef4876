//! The Tally desktop app: window set-up and the thin command layer over the terminal core.
//!
//! Invariant: no SQL and no business rules here; every command validates its input, calls the
//! terminal core and maps its error to `{ code, message }` for the UI.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

fn main() {
    let result = tauri::Builder::default()
        .manage(state::AppState::open(&state::data_dir()))
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::terminal_status
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("error: the Tally window could not start: {error}");
        std::process::exit(1);
    }
}
