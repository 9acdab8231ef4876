//! What crosses the wire between a Tally terminal and HQ.
//!
//! - [`records`], [`sale`] and [`shift`]: the outbox records a terminal queues in the same
//!   transaction as the business event, exactly as HQ re-reads them. Their JSON is what
//!   the content hash covers, so a field is never renamed in place: a change of shape is a
//!   new protocol version.
//! - [`chain`]: the sales journal's hash chain and its documented serialization;
//!   [`day`]: a business day's digest, as the terminal and HQ each count it.
//! - [`api`]: the sync API's requests and answers, described by HQ's OpenAPI document.
//!
//! No I/O here: both sides share these types, so they cannot disagree on a field.

pub mod api;
pub mod chain;
pub mod day;
pub mod records;
pub mod sale;
pub mod shift;

pub use chain::ChainLink;
pub use day::{DAY_DIGEST_KIND, DayCheck, DayDigest, Difference};
pub use records::{
    AUDIT_KIND, AuditRecord, SALE_KIND, SHIFT_CLOSE_KIND, SHIFT_OPEN_KIND, STOCK_MOVEMENT_KIND,
    ShiftOpenRecord, StockMovementRecord, VOID_KIND, VoidRecord,
};
pub use sale::{
    CompletedSale, MovementReason, MovementRecord, NewPayment, NewSale, NewSaleLine, PaymentMethod,
    SaleApproval, SaleKind, SaleRecord,
};
pub use shift::{CashDirection, CashMovement, NewShift, ShiftRecord, ShiftSummary};
