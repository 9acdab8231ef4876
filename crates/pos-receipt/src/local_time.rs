//! Records keep instants in UTC; a receipt shows the store's wall clock.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::ReceiptError;

/// `occurred_at` (RFC 3339, as records store it) on the wall clock of `zone`, to the
/// minute: `2025-03-14 18:05`. Year first, so no reader can take the day for the month.
pub fn wall_clock(occurred_at: &str, zone: &TimeZone) -> Result<String, ReceiptError> {
    let at: Timestamp = occurred_at.parse().map_err(|_| ReceiptError::Time {
        input: occurred_at.to_owned(),
    })?;
    Ok(at
        .to_zoned(zone.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_store_clock_across_daylight_saving() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        assert_eq!(
            wall_clock("2025-01-15T17:05:00Z", &paris).unwrap(),
            "2025-01-15 18:05"
        );
        assert_eq!(
            wall_clock("2025-07-15T17:05:00Z", &paris).unwrap(),
            "2025-07-15 19:05"
        );
        // An evening sale in New York is still the same local day.
        let new_york = TimeZone::get("America/New_York").unwrap();
        assert_eq!(
            wall_clock("2025-03-15T02:30:00Z", &new_york).unwrap(),
            "2025-03-14 22:30"
        );
    }

    #[test]
    fn refuses_what_is_not_an_instant() {
        let err = wall_clock("yesterday", &TimeZone::UTC).unwrap_err();
        assert_eq!(err.code(), "receipt_time_invalid");
        assert!(err.to_string().contains("\"yesterday\""));
    }
}
