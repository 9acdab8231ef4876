//! What a receipt needs from the store's settings rather than from the sale.

use jiff::tz::TimeZone;

use crate::StoreHeader;

/// The store a terminal sells for, as its receipts show it. Built from the app's settings
/// (and HQ's organization and location) once, then used for every receipt.
#[derive(Debug, Clone)]
pub struct StoreProfile {
    /// Printed at the top.
    pub header: StoreHeader,
    /// The store's time zone: receipts show its wall clock, never UTC.
    pub zone: TimeZone,
    /// Printed at the bottom of sales and refunds (not of reports).
    pub footer: Vec<String>,
}
