//! The printer: its settings (a manager's), reprints, and opening the drawer.

use pos_terminal::{PrinterSetup, PrinterStatus};
use tauri::State;

use crate::error::CommandResult;
use crate::input;
use crate::state::AppState;

#[tauri::command]
pub fn printer_status(state: State<'_, AppState>) -> CommandResult<PrinterStatus> {
    state.with(|terminal| terminal.printer())
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_printer(
    state: State<'_, AppState>,
    setup: PrinterSetup,
    manager_pin: Option<String>,
) -> CommandResult<PrinterStatus> {
    let status = state.with_till(|till, terminal| {
        till.set_printer(terminal, &setup, input::optional_pin(&manager_pin))
    })?;
    state.print_now(); // receipts that waited for a printer go to the new one
    Ok(status)
}

/// Queues the receipt again and sends it in the background; false when no printer is set.
#[tauri::command(rename_all = "snake_case")]
pub fn reprint_receipt(state: State<'_, AppState>, receipt_no: String) -> CommandResult<bool> {
    let queued = state.with(|terminal| terminal.queue_receipt(&receipt_no))?;
    state.print_now();
    Ok(queued)
}

/// Sends what waits now (the settings screen's "Retry").
#[tauri::command]
pub fn retry_printing(state: State<'_, AppState>) {
    state.print_now();
}

#[tauri::command(rename_all = "snake_case")]
pub fn open_drawer(
    state: State<'_, AppState>,
    reason: String,
    manager_pin: Option<String>,
) -> CommandResult<()> {
    state.with_till(|till, terminal| {
        till.open_drawer(terminal, &reason, input::optional_pin(&manager_pin))
    })
}
