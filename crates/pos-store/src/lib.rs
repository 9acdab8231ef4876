#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
//! The terminal's local store: the SQLite schema (`migrations/terminal/`), its migrations,
//! and every query against it. No other crate writes SQL against the terminal database.
//!
//! # Guarantees
//!
//! - **Atomic sales.** [`Store::complete_sale`] writes a sale, its lines, its payments, one
//!   stock movement per line and exactly one outbox record in one transaction, numbered
//!   with the next gapless receipt number and outbox sequence; a failure leaves no trace
//!   and uses no number.
//! - **Durable commits.** WAL with `synchronous = FULL` (see [`Store::open`]).
//! - **No downgrade.** A database migrated by a newer build is refused, untouched.
//! - **Only our own file.** Another program's SQLite database, an empty file or one that
//!   is not a database is refused, untouched, naming the file (see [`Store::open`]).
//! - **Exact values.** Amounts are stored as integer minor units, quantities as integer
//!   thousandths, tax rates as integer parts per million; the API speaks `pos-domain`'s
//!   [`Money`](pos_domain::Money), [`Quantity`](pos_domain::Quantity) and
//!   [`TaxRate`](pos_domain::TaxRate).
//! - **One transaction per business event.** A refund is checked against what its sale
//!   sold, store credit moves, and audit entries are written inside the sale's
//!   transaction; closing a shift queues its Z report, and a manual stock movement its
//!   record, in the same transaction as the change itself.
//! - **Checkable.** [`Store::verify`] lists every broken local invariant.

mod audit;
mod catalog;
mod convert;
mod customer;
mod day_check;
mod day_sales;
mod error;
mod fts;
mod journal;
mod journal_verify;
mod migrations;
mod open_sale;
mod outbox;
mod owner;
mod parked;
mod printing;
mod pull;
mod push_queue;
mod reference;
mod refund_read;
mod sale;
mod sale_checks;
mod sale_read;
mod sale_types;
mod search;
mod shift;
mod shift_summary;
mod shift_types;
mod stock;
mod stock_list;
mod stock_manual;
mod store;
mod sync;
mod terminal;
mod users;
mod verify;
mod void;

#[cfg(test)]
mod upgrade_tests;

pub use audit::AuditEntry;
pub use catalog::{Item, ItemRow};
pub use customer::CustomerRecord;
pub use day_check::DayConfirmation;
pub use day_sales::{DayRows, DaySale};
pub use error::StoreError;
pub use migrations::{HISTORY_TABLE, newest_version};
pub use open_sale::OpenSale;
pub use outbox::content_hash;
pub use parked::ParkedSale;
pub use printing::{PrintJob, PrintQueue, PrinterSettings};
pub use push_queue::{DeadLetter, OutboxRecord};
pub use reference::{CustomerRow, LocationRow, Role, TaxRateRow, UserRow};
pub use sale::SALE_KIND;
pub use sale_read::{RefundedLine, StoredSale, StoredSaleLine};
pub use sale_types::{
    CompletedSale, MovementReason, MovementRecord, NewPayment, NewSale, NewSaleLine, PaymentMethod,
    SaleApproval, SaleKind, SaleRecord,
};
pub use shift::{SHIFT_CLOSE_KIND, SHIFT_OPEN_KIND};
pub use shift_types::{CashDirection, CashMovement, NewShift, ShiftRecord, ShiftSummary};
pub use stock::{HqStockLevel, LowStock};
pub use stock_list::StockRow;
pub use stock_manual::{ManualReason, NewMovement, STOCK_MOVEMENT_KIND, StockMovementRecord};
pub use store::{BUSY_TIMEOUT, Settings, Store};
pub use sync::{Rejection, SyncState};
pub use sync_protocol;
pub use terminal::TerminalIdentity;
pub use users::UserRecord;
pub use verify::Violation;
pub use void::{NewVoid, VOID_KIND, VoidRecord};
