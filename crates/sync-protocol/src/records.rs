//! The outbox records a terminal pushes, besides sales and Z reports: a shift's opening
//! and a manual stock movement. Each is one JSON payload whose SHA-256 is its content
//! hash, so HQ can tell a replay from a reused sequence number.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use pos_domain::Money;

use crate::sale::MovementReason;

/// The outbox kind of a sale or refund (payload: a [`crate::SaleRecord`]).
pub const SALE_KIND: &str = "sale";
/// The outbox kind of a shift's opening (payload: a [`ShiftOpenRecord`]).
pub const SHIFT_OPEN_KIND: &str = "shift_open";
/// The outbox kind of a closed shift (payload: its Z report, a [`crate::ShiftSummary`]).
pub const SHIFT_CLOSE_KIND: &str = "shift_close";
/// The outbox kind of a manual stock movement (payload: a [`StockMovementRecord`]).
pub const STOCK_MOVEMENT_KIND: &str = "stock_movement";

/// What the outbox carries to HQ when a shift opens, so that HQ knows the shift before
/// the first sale rung in it arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftOpenRecord {
    /// The terminal whose drawer it is.
    pub terminal_id: Uuid,
    /// The terminal's location.
    pub location_id: Uuid,
    /// The shift (v7).
    pub id: Uuid,
    /// Who opened it.
    pub opened_by: Uuid,
    /// When, RFC 3339 UTC.
    pub opened_at: String,
    /// Cash in the drawer at opening.
    pub opening_float: Money,
}

/// What the outbox carries to HQ for one manual movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockMovementRecord {
    /// The terminal that made it.
    pub terminal_id: Uuid,
    /// Where the stock moved (the terminal's location).
    pub location_id: Uuid,
    /// The movement's id.
    pub id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// Signed thousandths.
    pub quantity_milli: i64,
    /// Why.
    pub reason: MovementReason,
    /// Free text.
    pub note: Option<String>,
    /// Who.
    pub user_id: Uuid,
    /// When.
    pub occurred_at: String,
}

/// The outbox kind of a voided open sale (payload: a [`VoidRecord`]).
pub const VOID_KIND: &str = "void";

/// A sale abandoned before payment, with a manager's approval. Nothing was sold, but the
/// journal keeps it: a void is where a till's money can quietly go missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidRecord {
    /// The terminal it was rung on.
    pub terminal_id: Uuid,
    /// The terminal's location.
    pub location_id: Uuid,
    /// The void (v7).
    pub id: Uuid,
    /// The shift it happened in, if one was open.
    pub shift_id: Option<Uuid>,
    /// Who was ringing the sale up.
    pub cashier_id: Uuid,
    /// The manager who approved the void.
    pub approved_by: Uuid,
    /// How many lines the abandoned sale had.
    pub lines: u32,
    /// What it would have come to.
    pub total: Money,
    /// When, RFC 3339 UTC.
    pub occurred_at: String,
    /// The store's business day.
    pub business_date: String,
}

/// The outbox kind of a till's audit entry (payload: an [`AuditRecord`]).
pub const AUDIT_KIND: &str = "audit";

/// One entry of a till's audit log: an override, a void, a refund, a drawer opened with
/// no sale, a failed sign-in or a lockout. Queued in the same transaction as the entry, so
/// HQ's log holds every entry the till wrote, exactly once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// The terminal that wrote it.
    pub terminal_id: Uuid,
    /// The entry (v7, made on the terminal).
    pub id: Uuid,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who was signed in, if anyone.
    pub user_id: Option<Uuid>,
    /// The manager who approved it, if it needed approval.
    pub approved_by: Option<Uuid>,
    /// A short stable name ("refund", "void", "override", "no_sale", "sign_in_failed", ...).
    pub action: String,
    /// What it was done to, in words.
    pub detail: String,
}
