//! Who is at the till: the sign-in screen and signing out.

use pos_terminal::{DemoStaff, Staff, StaffCard};
use tauri::State;

use crate::error::CommandResult;
use crate::input;
use crate::state::AppState;

#[tauri::command]
pub fn staff_list(state: State<'_, AppState>) -> CommandResult<Vec<StaffCard>> {
    state.with(|terminal| terminal.staff_cards())
}

/// Signs in by PIN, as the picked user when `user_id` is given.
#[tauri::command(rename_all = "snake_case")]
pub fn sign_in(
    state: State<'_, AppState>,
    user_id: Option<String>,
    pin: String,
) -> CommandResult<Staff> {
    let user = user_id.map(|id| input::id("user", &id)).transpose()?;
    state.with_till(|till, terminal| till.sign_in(terminal, user, &pin))
}

/// Signs out; a sale on screen is parked under the cashier's name.
#[tauri::command]
pub fn sign_out(state: State<'_, AppState>) -> CommandResult<()> {
    state.with_till(|till, terminal| till.sign_out(terminal))
}

/// On the demo store only: its staff and PINs, shown on the sign-in screen.
#[tauri::command]
pub fn demo_staff(state: State<'_, AppState>) -> CommandResult<Vec<DemoStaff>> {
    state.with(|terminal| Ok(terminal.demo_staff(state.dir())))
}
