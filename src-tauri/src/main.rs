//! The Tally desktop app: window set-up and the thin command layer over the terminal core.
//!
//! Invariant: no SQL and no business rules here; every command validates its input, calls the
//! terminal core and maps its error to `{ code, message }` for the UI.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

fn main() {
    let dir = state::data_dir();
    let result = tauri::Builder::default()
        .manage(state::AppState::open(&dir))
        .setup(move |app| {
            use tauri::Manager;
            let state = app.state::<state::AppState>();
            // The worker is a tokio task: start it inside Tauri's runtime.
            tauri::async_runtime::block_on(async { state.start_sync(&dir) });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::terminal_status,
            commands::sync_now
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("error: the Tally window could not start: {error}");
        std::process::exit(1);
    }
}
