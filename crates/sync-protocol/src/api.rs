//! The sync API's messages (JSON over HTTP under `/api/v1`). Amounts are integer minor
//! units, quantities integer thousandths and tax rates integer parts per million, exactly
//! as the terminal stores them: nothing on the wire is a float.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::chain::ChainLink;
use crate::day::DayCheck;

/// The protocol this build speaks. Every request names it in [`PROTOCOL_HEADER`]; HQ
/// refuses any other with 426 and applies nothing.
pub const PROTOCOL_VERSION: u32 = 1;

/// The request header that carries the protocol version.
pub const PROTOCOL_HEADER: &str = "tally-protocol";

/// Every error answer: a machine-readable code and one sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// Stable, snake_case: `unauthorized`, `protocol_too_old`, `sequence_reused`, ...
    pub code: String,
    /// One sentence that a cashier or an operator can act on.
    pub message: String,
}

/// `POST /api/v1/pair`: exchanges a one-time pairing code for a terminal token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PairRequest {
    /// The code `hq terminal add` printed.
    pub code: String,
}

/// The terminal's identity and its bearer token (shown this once; HQ keeps its hash).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PairResponse {
    pub terminal_id: Uuid,
    /// Printed in receipt numbers, `[A-Z0-9]{1,8}`.
    pub terminal_code: String,
    pub terminal_name: String,
    pub organization_id: Uuid,
    pub organization_name: String,
    /// ISO 4217.
    pub currency: String,
    pub location_id: Uuid,
    pub location_name: String,
    /// Sent as `Authorization: Bearer <token>` on every later request.
    pub token: String,
}

impl std::fmt::Debug for PairResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairResponse")
            .field("terminal_id", &self.terminal_id)
            .field("terminal_code", &self.terminal_code)
            .field("location_id", &self.location_id)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// `POST /api/v1/rekey`: a one-time re-keying code, for the terminal it was issued for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RekeyRequest {
    /// The terminal asking: re-keying gives a new token to the same terminal, never
    /// another identity.
    pub terminal_id: Uuid,
    /// The code `hq terminal rekey` printed.
    pub code: String,
}

/// A new bearer token for the same terminal (shown this once; HQ keeps its hash). The
/// terminal keeps its id, its sequence numbers, its journal and its queue.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RekeyResponse {
    pub terminal_id: Uuid,
    pub token: String,
}

impl std::fmt::Debug for RekeyResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RekeyResponse")
            .field("terminal_id", &self.terminal_id)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// One outbox record as pushed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PushRecord {
    /// The terminal's outbox sequence number: 1, 2, 3, ... with no gap.
    pub seq: i64,
    /// `sale`, `shift_open`, `shift_close`, `stock_movement`, `void`, `day_digest` or
    /// `audit`.
    pub kind: String,
    /// The id of the sale, shift or movement it carries.
    pub record_id: String,
    /// Lower-case hex SHA-256 of `payload`'s bytes.
    pub content_hash: String,
    /// The record as JSON text, exactly the bytes that were hashed.
    pub payload: String,
    /// The record's link in the terminal's sales journal, for a sale, refund, void or
    /// shift close. Absent only on records queued before the terminal kept a journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<ChainLink>,
}

/// `POST /api/v1/push`: records in sequence order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PushRequest {
    pub records: Vec<PushRecord>,
}

/// What became of one pushed record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PushOutcome {
    /// Applied by this request.
    Applied,
    /// Refused for good; the terminal keeps it as a dead letter.
    Rejected,
    /// Applied (or refused) by an earlier request; the stored result is repeated.
    AlreadyApplied,
}

/// The answer for one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PushResult {
    pub seq: i64,
    pub outcome: PushOutcome,
    /// Set when the record was refused (now or earlier).
    pub code: Option<String>,
    pub message: Option<String>,
}

/// The answer to a push: everything `<= last_applied` is HQ's for good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PushResponse {
    pub last_applied: i64,
    pub results: Vec<PushResult>,
    /// HQ's verdict on each day digest in this push (applied now or before).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub day_checks: Vec<DayCheck>,
}

/// Where a catalog pull resumes: after the row `(version, kind, id)` in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub struct CatalogCursor {
    pub version: i64,
    /// The rank of the row's kind: tax rates 0, items 1, customers 2, users 3.
    pub kind: u8,
    pub id: Uuid,
}

/// `GET /api/v1/catalog` query: the cursor to resume after, and a page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogQuery {
    #[serde(default)]
    pub after_version: i64,
    #[serde(default)]
    pub after_kind: u8,
    #[serde(default)]
    pub after_id: Option<Uuid>,
    /// At most 20,000; 1,000 when left out.
    #[serde(default)]
    #[param(minimum = 1, maximum = 20000)]
    pub limit: Option<u32>,
}

/// One changed catalog row; `deleted` is a tombstone.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CatalogChange {
    TaxRate {
        id: Uuid,
        name: String,
        rate_ppm: i64,
        deleted: bool,
    },
    Item {
        id: Uuid,
        sku: String,
        barcode: Option<String>,
        name: String,
        price_minor: i64,
        price_includes_tax: bool,
        tax_rate_id: Uuid,
        reorder_level_milli: Option<i64>,
        is_active: bool,
        deleted: bool,
    },
    Customer {
        id: Uuid,
        name: String,
        email: Option<String>,
        phone: Option<String>,
        /// HQ's balance, counting this terminal's records up to `balance_last_applied`.
        store_credit_minor: i64,
        balance_last_applied: i64,
        deleted: bool,
    },
    User {
        id: Uuid,
        name: String,
        /// `cashier` or `manager`.
        role: String,
        /// An argon2 PHC string; the PIN itself never leaves the user.
        pin_hash: String,
        deleted: bool,
    },
}

impl std::fmt::Debug for CatalogChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogChange::TaxRate { id, .. } => write!(f, "TaxRate({id})"),
            CatalogChange::Item { id, sku, .. } => write!(f, "Item({id}, {sku})"),
            CatalogChange::Customer { id, .. } => write!(f, "Customer({id})"),
            CatalogChange::User { id, role, .. } => write!(f, "User({id}, {role})"),
        }
    }
}

/// A page of catalog changes after a cursor, read in one snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CatalogPage {
    pub changes: Vec<CatalogChange>,
    /// Where the next page starts (the last row's position, or the request's cursor).
    pub next: CatalogCursor,
    /// More rows wait after `next`.
    pub has_more: bool,
}

/// Where a stock pull resumes: after `(version, id)` of the terminal's location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub struct StockCursor {
    pub version: i64,
    pub id: Uuid,
}

/// `GET /api/v1/stock` query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StockQuery {
    #[serde(default)]
    pub after_version: i64,
    #[serde(default)]
    pub after_id: Option<Uuid>,
    /// At most 20,000; 1,000 when left out.
    #[serde(default)]
    #[param(minimum = 1, maximum = 20000)]
    pub limit: Option<u32>,
}

/// HQ's on-hand level of one item at the terminal's location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StockLevelChange {
    pub item_id: Uuid,
    pub on_hand_milli: i64,
}

/// A page of stock levels, with this terminal's `last_applied` read in the same snapshot:
/// the levels count exactly the terminal's records up to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StockPage {
    pub location_id: Uuid,
    pub levels: Vec<StockLevelChange>,
    pub next: StockCursor,
    pub has_more: bool,
    pub last_applied: i64,
}

/// Largest page a pull may ask for.
pub const MAX_PAGE: u32 = 20_000;

/// `Err` with the sentence for a page size outside 1 to [`MAX_PAGE`] (none is fine).
pub fn check_page_size(limit: Option<u32>) -> Result<(), String> {
    match limit {
        Some(n) if !(1..=MAX_PAGE).contains(&n) => {
            Err(format!("limit must be 1 to {MAX_PAGE} (it was {n})"))
        }
        _ => Ok(()),
    }
}
/// Page size when a pull names none.
pub const DEFAULT_PAGE: u32 = 1_000;
