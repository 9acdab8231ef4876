//! Refunds, the shift and its cash, stock, and the day's report.

use pos_terminal::{
    CashCount, DayReport, Money, Receipt, RefundRequest, RefundTo, RefundableSale, ShiftRecord,
    ShiftSummary, StockChange, StockLine,
};
use serde::Deserialize;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::input;
use crate::state::AppState;

/// The most rows the stock screen lists at once (it searches rather than scrolls).
const STOCK_LIMIT: usize = 200;

#[tauri::command(rename_all = "snake_case")]
pub fn find_sale(state: State<'_, AppState>, receipt_no: String) -> CommandResult<RefundableSale> {
    state.with(|terminal| terminal.refundable_sale(&receipt_no))
}

/// One line of a refund: the item's barcode or SKU and how many come back.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RefundLineInput {
    pub code: String,
    pub quantity: String,
}

/// Refunds the chosen lines; `key` is the refund screen's, so a second tap returns the
/// first refund's receipt instead of refunding twice.
#[tauri::command(rename_all = "snake_case")]
pub fn refund(
    state: State<'_, AppState>,
    key: String,
    receipt_no: String,
    lines: Vec<RefundLineInput>,
    to: RefundTo,
    manager_pin: Option<String>,
) -> CommandResult<Receipt> {
    let key = input::id("refund", &key)?;
    let lines = lines
        .iter()
        .map(|line| {
            Ok((
                line.code.clone(),
                input::quantity("quantity", &line.quantity)?,
            ))
        })
        .collect::<Result<Vec<_>, CommandError>>()?;
    if lines.is_empty() {
        return Err(CommandError::new(
            "invalid_input",
            "pick at least one line to refund",
        ));
    }
    let request = RefundRequest {
        receipt_no,
        lines,
        to,
    };
    let receipt = state.with_till(|till, terminal| {
        till.refund(terminal, key, &request, input::optional_pin(&manager_pin))
    })?;
    state.sync_now();
    state.print_now();
    Ok(receipt)
}

#[tauri::command]
pub fn current_shift(state: State<'_, AppState>) -> CommandResult<Option<ShiftRecord>> {
    state.with(|terminal| terminal.current_shift())
}

#[tauri::command]
pub fn open_shift(state: State<'_, AppState>, float: String) -> CommandResult<ShiftRecord> {
    let float = input::money("opening float", &float)?;
    state.with_till(|till, terminal| till.open_shift(terminal, float))
}

/// Cash into the drawer (anyone) or out of it (a manager); answers with the X report.
#[tauri::command(rename_all = "snake_case")]
pub fn cash_movement(
    state: State<'_, AppState>,
    into_drawer: bool,
    amount: String,
    reason: String,
    manager_pin: Option<String>,
) -> CommandResult<ShiftSummary> {
    let amount = input::money("amount", &amount)?;
    state.with_till(|till, terminal| {
        till.cash_movement(
            terminal,
            into_drawer,
            amount,
            &reason,
            input::optional_pin(&manager_pin),
        )
    })
}

#[tauri::command]
pub fn x_report(state: State<'_, AppState>) -> CommandResult<ShiftSummary> {
    state.with(|terminal| terminal.x_report())
}

#[tauri::command]
pub fn denominations() -> Vec<Money> {
    pos_terminal::denominations()
}

/// The total of a drawer count, as the count screen fills in.
#[tauri::command]
pub fn count_cash(count: CashCount) -> CommandResult<Money> {
    Ok(count.total()?)
}

/// Closes the shift with the drawer count; answers with the Z report.
#[tauri::command(rename_all = "snake_case")]
pub fn close_shift(
    state: State<'_, AppState>,
    count: CashCount,
    manager_pin: Option<String>,
) -> CommandResult<ShiftSummary> {
    let z = state.with_till(|till, terminal| {
        till.close_shift(terminal, &count, input::optional_pin(&manager_pin))
    })?;
    state.sync_now();
    state.print_now();
    Ok(z)
}

#[tauri::command(rename_all = "snake_case")]
pub fn stock_list(
    state: State<'_, AppState>,
    filter: String,
    low_only: bool,
) -> CommandResult<Vec<StockLine>> {
    let filter = Some(filter.trim()).filter(|f| !f.is_empty());
    state.with(|terminal| terminal.stock(filter, low_only, STOCK_LIMIT))
}

/// Goods received, or a correction (which may be negative).
#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StockChangeKind {
    Receive,
    Adjust,
}

#[tauri::command(rename_all = "snake_case")]
pub fn change_stock(
    state: State<'_, AppState>,
    code: String,
    kind: StockChangeKind,
    quantity: String,
    reason: String,
    manager_pin: Option<String>,
) -> CommandResult<StockLine> {
    let change = match kind {
        StockChangeKind::Receive => StockChange::Receive(input::quantity("quantity", &quantity)?),
        StockChangeKind::Adjust => StockChange::adjustment(&quantity)?,
    };
    state.with_till(|till, terminal| {
        till.change_stock(
            terminal,
            &code,
            change,
            &reason,
            input::optional_pin(&manager_pin),
        )
    })
}

#[tauri::command]
pub fn day_report(state: State<'_, AppState>) -> CommandResult<DayReport> {
    state.with(|terminal| terminal.day_report())
}
