//! The sale screen: scanning and searching, the cart, the customer, parking, voiding and
//! taking payment. Cart commands answer with the whole sale as the screen shows it.

use pos_terminal::{
    CustomerRecord, Item, ParkedSale, PaymentMethod, PaymentResult, Receipt, SaleView, Tender,
    TenderMethod,
};
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::input;
use crate::state::AppState;

/// The most matches the search list shows.
const SEARCH_LIMIT: usize = 50;

#[tauri::command]
pub fn current_sale(state: State<'_, AppState>) -> CommandResult<SaleView> {
    state.with_till(|till, terminal| till.view(terminal))
}

/// A scan (barcode) or a pick from the search list (SKU); `quantity` defaults to one.
#[tauri::command]
pub fn scan_item(
    state: State<'_, AppState>,
    code: String,
    quantity: Option<String>,
) -> CommandResult<SaleView> {
    let quantity = quantity
        .filter(|q| !q.trim().is_empty())
        .map(|q| input::quantity("quantity", &q))
        .transpose()?;
    state.with_till(|till, terminal| till.scan(terminal, &code, quantity))
}

#[tauri::command]
pub fn search_items(state: State<'_, AppState>, text: String) -> CommandResult<Vec<Item>> {
    state.with(|terminal| terminal.search_items(&text, SEARCH_LIMIT))
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_quantity(
    state: State<'_, AppState>,
    line_no: usize,
    quantity: String,
) -> CommandResult<SaleView> {
    let quantity = input::quantity("quantity", &quantity)?;
    state.with_till(|till, terminal| till.set_quantity(terminal, line_no, quantity))
}

#[tauri::command(rename_all = "snake_case")]
pub fn remove_line(state: State<'_, AppState>, line_no: usize) -> CommandResult<SaleView> {
    state.with_till(|till, terminal| till.remove_line(terminal, line_no))
}

/// `10%`, an amount, or empty to take the discount off.
#[tauri::command(rename_all = "snake_case")]
pub fn set_line_discount(
    state: State<'_, AppState>,
    line_no: usize,
    discount: String,
) -> CommandResult<SaleView> {
    let discount = input::discount(&discount)?;
    state.with_till(|till, terminal| till.line_discount(terminal, line_no, discount))
}

#[tauri::command]
pub fn set_cart_discount(state: State<'_, AppState>, discount: String) -> CommandResult<SaleView> {
    let discount = input::discount(&discount)?;
    state.with_till(|till, terminal| till.cart_discount(terminal, discount))
}

#[tauri::command]
pub fn search_customers(
    state: State<'_, AppState>,
    text: String,
) -> CommandResult<Vec<CustomerRecord>> {
    state.with(|terminal| terminal.search_customers(&text))
}

/// Attaches a customer; none detaches.
#[tauri::command(rename_all = "snake_case")]
pub fn attach_customer(
    state: State<'_, AppState>,
    customer_id: Option<String>,
) -> CommandResult<SaleView> {
    let customer = customer_id
        .map(|id| input::id("customer", &id))
        .transpose()?;
    state.with_till(|till, terminal| till.attach_customer(terminal, customer))
}

#[tauri::command]
pub fn park_sale(state: State<'_, AppState>, label: String) -> CommandResult<SaleView> {
    state.with_till(|till, terminal| till.park(terminal, &label))
}

#[tauri::command]
pub fn parked_sales(state: State<'_, AppState>) -> CommandResult<Vec<ParkedSale>> {
    state.with(|terminal| terminal.parked())
}

#[tauri::command]
pub fn resume_sale(state: State<'_, AppState>, id: String) -> CommandResult<SaleView> {
    let id = input::id("parked sale", &id)?;
    state.with_till(|till, terminal| till.resume(terminal, id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn void_sale(
    state: State<'_, AppState>,
    manager_pin: Option<String>,
) -> CommandResult<SaleView> {
    state.with_till(|till, terminal| till.void(terminal, input::optional_pin(&manager_pin)))
}

/// Takes one payment. `key` and `paid_before` are what the screen showed, so a second tap
/// of the same button is refused (or, once the sale completed, answered with its receipt).
#[tauri::command(rename_all = "snake_case")]
#[allow(clippy::too_many_arguments)] // one per field of the payment form
pub fn add_payment(
    state: State<'_, AppState>,
    key: String,
    paid_before: String,
    method: PaymentMethod,
    amount: String,
    reference: Option<String>,
    manager_pin: Option<String>,
) -> CommandResult<PaymentResult> {
    let key = input::id("sale", &key)?;
    let paid_before = input::money("paid so far", &paid_before)?;
    let amount = input::money("amount", &amount)?;
    let method = match method {
        PaymentMethod::Cash => TenderMethod::Cash,
        PaymentMethod::StoreCredit => TenderMethod::StoreCredit,
        PaymentMethod::Card => TenderMethod::Card {
            reference: reference.unwrap_or_default().trim().to_owned(),
        },
    };
    let tender = Tender::new(method, amount)
        .map_err(|error| CommandError::new("payment", error.to_string()))?;
    state
        .with_till(|till, terminal| {
            let result = till.add_tender(
                terminal,
                key,
                paid_before,
                tender,
                input::optional_pin(&manager_pin),
            )?;
            Ok(result)
        })
        .inspect(|result| {
            if result.receipt.is_some() {
                state.sync_now(); // a completed sale goes to HQ at once when online
                state.print_now();
            }
        })
}

#[tauri::command]
pub fn remove_payment(
    state: State<'_, AppState>,
    key: String,
    index: usize,
) -> CommandResult<SaleView> {
    let key = input::id("sale", &key)?;
    state.with_till(|till, terminal| till.remove_tender(terminal, key, index))
}

/// Completes a covered sale once a manager approved what needed it.
#[tauri::command(rename_all = "snake_case")]
pub fn finish_sale(
    state: State<'_, AppState>,
    key: String,
    manager_pin: Option<String>,
) -> CommandResult<Receipt> {
    let key = input::id("sale", &key)?;
    let receipt = state.with_till(|till, terminal| {
        till.finish(terminal, key, input::optional_pin(&manager_pin))
    })?;
    state.sync_now();
    state.print_now();
    Ok(receipt)
}
