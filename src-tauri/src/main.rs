//! The Tally desktop app: window set-up and the thin command layer over the terminal core.
//!
//! Invariant: no SQL and no business rules here; every command parses its input, calls the
//! terminal core (or its till session) and maps its error to `{ code, message }` for the UI.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod display;
mod error;
mod input;
mod state;

use commands::{app, back_office, printing, sale, session};

fn main() {
    if let Err(why) = display::check() {
        eprintln!("error: {why}");
        std::process::exit(1);
    }
    let dir = state::data_dir();
    let result = tauri::Builder::default()
        .manage(state::AppState::open(&dir))
        .setup(|app| {
            use tauri::Manager;
            let state = app.state::<state::AppState>();
            // The worker is a tokio task: start it inside Tauri's runtime.
            tauri::async_runtime::block_on(async { state.start_sync() });
            state.start_printing();
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app::app_info,
            app::setup_state,
            app::create_demo_store,
            app::pair_with_hq,
            app::terminal_status,
            app::sync_now,
            session::staff_list,
            session::demo_staff,
            session::sign_in,
            session::sign_out,
            sale::current_sale,
            sale::scan_item,
            sale::search_items,
            sale::set_quantity,
            sale::remove_line,
            sale::set_line_discount,
            sale::set_cart_discount,
            sale::search_customers,
            sale::attach_customer,
            sale::park_sale,
            sale::parked_sales,
            sale::resume_sale,
            sale::void_sale,
            sale::add_payment,
            sale::remove_payment,
            sale::finish_sale,
            back_office::find_sale,
            back_office::refund,
            back_office::current_shift,
            back_office::open_shift,
            back_office::cash_movement,
            back_office::x_report,
            back_office::denominations,
            back_office::count_cash,
            back_office::close_shift,
            back_office::stock_list,
            back_office::change_stock,
            back_office::day_report,
            printing::printer_status,
            printing::set_printer,
            printing::reprint_receipt,
            printing::retry_printing,
            printing::open_drawer,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("error: the Tally window could not start: {error}");
        std::process::exit(1);
    }
}
