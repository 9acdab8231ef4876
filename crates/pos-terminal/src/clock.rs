//! The terminal's notion of now: RFC 3339 UTC instants for records, the local calendar
//! date for the business day.

use jiff::{Timestamp, Zoned};

/// Now, as stored: RFC 3339 in UTC, whole seconds.
pub fn now_utc() -> String {
    Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `minutes` from now, in the same form as [`now_utc`].
pub fn utc_in_minutes(minutes: i64) -> String {
    let later = Timestamp::now()
        .checked_add(jiff::SignedDuration::from_mins(minutes))
        .unwrap_or_else(|_| Timestamp::now());
    later.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The trading day a sale made now belongs to: the date on the store's wall clock (the
/// system time zone), not UTC's, so an evening sale counts for the day it was made.
pub fn business_date() -> String {
    Zoned::now().date().to_string()
}
