//! The terminal's API: everything a cashier and a manager do at the till, offline. The
//! desktop app's commands and the `pos` tool are thin layers over this crate.
//!
//! Invariants: no SQL here (the store owns it) and no UI; every amount is computed by
//! `pos-domain`; every rule that needs a manager is checked here, not in a front-end.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod approval;
mod cart;
mod cash_count;
mod checkout;
pub mod clock;
mod day_report;
mod demo;
mod demo_hint;
mod drawer;
mod error;
mod parking;
mod pin;
mod print;
mod receipt;
mod refund;
mod refund_tenders;
mod refundable;
mod sale_view;
mod setup;
mod shift;
mod staff;
mod status;
mod stock;
mod till;

pub use approval::CASHIER_DISCOUNT_LIMIT_BP;
pub use cart::{Cart, CartLine};
pub use cash_count::{CashCount, DenominationCount, denominations};
pub use day_report::{DayReport, HourSales};
pub use demo::ean13_check_digit;
pub use demo_hint::{DEMO_STAFF_FILE, DemoStaff};
pub use error::TerminalError;
pub use pin::Pin;
pub use print::{PrintRound, PrintWorker, PrinterSetup, PrinterStatus, ReceiptFormat};
pub use receipt::{Receipt, ReceiptLine, ReceiptPayment};
pub use refund::{RefundRequest, RefundTo};
pub use refundable::{RefundableLine, RefundableSale};
pub use sale_view::SaleView;
pub use setup::{DB_FILE, InitCustomer, InitReport, InitUser};
pub use staff::{LOCK_AFTER, LOCK_MINUTES, Staff, StaffCard, TILL_LOCK_AFTER};
pub use status::Status;
pub use stock::{StockChange, StockLine};
pub use till::{PaymentResult, Till};

pub use pos_domain::{
    Discount, LineTotals, Money, Quantity, SaleTotals, TaxByRate, TaxRate, Tender, TenderMethod,
};
pub use pos_store::{
    AuditEntry, CustomerRecord, DayConfirmation, DeadLetter, Item, ItemRow, ParkedSale,
    PaymentMethod, Role, SaleKind, ShiftRecord, ShiftSummary, Violation,
};

use pos_store::{Store, TerminalIdentity};
use uuid::Uuid;

/// One terminal: its store, opened, and who it is.
#[derive(Debug)]
pub struct Terminal {
    store: Store,
    identity: TerminalIdentity,
}

impl Terminal {
    pub fn identity(&self) -> &TerminalIdentity {
        &self.identity
    }

    /// An item by barcode or SKU, for the scan field.
    pub fn item_by_code(&self, code: &str) -> Result<Item, TerminalError> {
        self.store
            .item_by_code(code.trim())?
            .ok_or_else(|| TerminalError::UnknownItem(code.trim().to_owned()))
    }

    /// Items whose name matches what was typed so far (prefix of every word).
    pub fn search_items(&self, text: &str, limit: usize) -> Result<Vec<Item>, TerminalError> {
        Ok(self.store.search_items(text, limit)?)
    }

    /// The customer with this id (with their store-credit balance), unless unknown or
    /// deleted.
    pub fn customer(&self, id: Uuid) -> Result<Option<CustomerRecord>, TerminalError> {
        Ok(self.store.customer_by_id(id)?)
    }

    /// Customers whose name or email contains `text`, to attach one to a sale.
    pub fn search_customers(&self, text: &str) -> Result<Vec<CustomerRecord>, TerminalError> {
        Ok(self.store.search_customers(text)?)
    }

    /// The newest `limit` audit entries, newest first (for the manager's view).
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, TerminalError> {
        Ok(self.store.audit_log(limit)?)
    }

    /// Every broken local invariant (empty when all hold).
    pub fn verify(&self) -> Result<Vec<Violation>, TerminalError> {
        Ok(self.store.verify()?)
    }
}
