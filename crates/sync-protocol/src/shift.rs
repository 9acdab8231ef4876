//! The shapes of a shift: opening it, cash moved in and out, and its X/Z report.

use pos_domain::{Money, TaxRate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::sale::PaymentMethod;

/// Opening a shift with a counted float.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewShift {
    /// Made on the terminal (v7).
    pub id: Uuid,
    /// Who opened it (a known user).
    pub opened_by: Uuid,
    /// Cash in the drawer at opening, zero or more.
    pub opening_float: Money,
    /// When, RFC 3339 UTC.
    pub at: String,
}

/// A shift as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShiftRecord {
    /// The shift's id.
    pub id: Uuid,
    /// Who opened it.
    pub opened_by: Uuid,
    /// When it opened.
    pub opened_at: String,
    /// Cash in the drawer at opening.
    pub opening_float: Money,
    /// When it closed; `None` while open.
    pub closed_at: Option<String>,
    /// Who closed it.
    pub closed_by: Option<Uuid>,
    /// The cash counted at closing.
    pub counted_cash: Option<Money>,
}

/// Which way cash moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CashDirection {
    /// Paid into the drawer (a float top-up).
    In,
    /// Taken out of the drawer (a bank drop, petty cash).
    Out,
}

impl CashDirection {
    /// Both directions.
    pub const ALL: [CashDirection; 2] = [CashDirection::In, CashDirection::Out];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            CashDirection::In => "in",
            CashDirection::Out => "out",
        }
    }
}

/// Cash moved in or out of the drawer outside a sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashMovement {
    /// Made on the terminal (v7).
    pub id: Uuid,
    /// The open shift it belongs to.
    pub shift_id: Uuid,
    /// In or out.
    pub direction: CashDirection,
    /// How much, positive (the direction gives the sign).
    pub amount: Money,
    /// Why, as the user typed it.
    pub reason: String,
    /// Who did it (a known user).
    pub user_id: Uuid,
    /// When, RFC 3339 UTC.
    pub at: String,
}

/// A shift's X report (while open) or Z report (once closed).
///
/// Every sum is over the shift's completed sales and refunds, in their sign (refunds
/// negative), so sales plus refunds is the net. Cash arithmetic:
/// `expected_cash = opening_float + cash payments − change_given + cash_in − cash_out`
/// and `over_short = counted_cash − expected_cash` (negative: the drawer is short).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShiftSummary {
    /// The shift itself.
    pub shift: ShiftRecord,
    /// Cash in the drawer at opening.
    pub opening_float: Money,
    /// How many sales.
    pub sales_count: u64,
    /// How many refunds.
    pub refunds_count: u64,
    /// Σ total of the sales.
    pub sales_total: Money,
    /// Σ total of the refunds (negative or zero).
    pub refunds_total: Money,
    /// Σ discounts, net of refunds.
    pub discount_total: Money,
    /// Σ tax added to exclusive prices, net of refunds.
    pub tax_total: Money,
    /// Σ tax contained in inclusive prices, net of refunds.
    pub tax_included: Money,
    /// Σ line tax per rate (added and contained), net of refunds, by rate.
    pub taxes_by_rate: Vec<(TaxRate, Money)>,
    /// Σ payments per method, net of refunds, in [`PaymentMethod::ALL`] order; methods
    /// never used are left out.
    pub tenders: Vec<(PaymentMethod, Money)>,
    /// Σ cash payments, net of refunds paid out in cash (before change).
    pub cash_payments: Money,
    /// Σ cash paid into the drawer.
    pub cash_in: Money,
    /// Σ cash taken out of the drawer.
    pub cash_out: Money,
    /// Σ change handed back.
    pub change_given: Money,
    /// What the drawer should hold.
    pub expected_cash: Money,
    /// What was counted at closing; `None` while open.
    pub counted_cash: Option<Money>,
    /// `counted_cash − expected_cash`; `None` while open.
    pub over_short: Option<Money>,
}
