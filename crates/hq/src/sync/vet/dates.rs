//! A till's dates: a business day is a real calendar date and an instant is RFC 3339, both
//! within the years a till can really be in. PostgreSQL would take the year 99999; a report
//! by day or a journal that sorts by it would not survive it.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::sync::Refusal;

/// The refusal code of a date or instant HQ will not keep.
pub const BAD_DATE: &str = "bad_date";

const FIRST_YEAR: i16 = 2000;
const LAST_YEAR: i16 = 2199;

fn refused(what: &str, value: &str, why: &str) -> Refusal {
    let shown: String = value.chars().take(40).collect();
    Refusal::new(BAD_DATE, format!("{what} \"{shown}\" {why}"))
}

/// `YYYY-MM-DD`, a date that exists, between the years 2000 and 2199.
pub fn business_date(what: &str, value: &str) -> Result<(), Refusal> {
    let well_formed = value.len() == 10
        && value.bytes().enumerate().all(|(n, b)| {
            if n == 4 || n == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        return Err(refused(what, value, "is not a date written YYYY-MM-DD"));
    }
    let date: Date = value
        .parse()
        .map_err(|_| refused(what, value, "is not a date that exists"))?;
    in_years(what, value, date.year())
}

/// An RFC 3339 instant (`2026-12-04T15:04:05Z`, an offset allowed), between the years 2000
/// and 2199.
pub fn instant(what: &str, value: &str) -> Result<(), Refusal> {
    if value.len() > 40 {
        return Err(refused(what, value, "is not an RFC 3339 instant"));
    }
    let at: Timestamp = value
        .parse()
        .map_err(|_| refused(what, value, "is not an RFC 3339 instant"))?;
    in_years(what, value, at.to_zoned(jiff::tz::TimeZone::UTC).year())
}

fn in_years(what: &str, value: &str, year: i16) -> Result<(), Refusal> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(refused(
            what,
            value,
            &format!("is outside the years {FIRST_YEAR} to {LAST_YEAR}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates_in_a_tills_years_pass() {
        assert!(business_date("d", "2026-12-04").is_ok());
        assert!(business_date("d", "2028-02-29").is_ok());
        for bad in [
            "99999-01-01",
            "2024-13-01",
            "2026-02-30",
            "2026-1-01",
            "",
            "1999-12-31",
        ] {
            let refusal = business_date("the business date", bad).unwrap_err();
            assert_eq!(refusal.code, BAD_DATE, "{bad}");
        }
        assert!(instant("t", "2026-12-04T15:04:05Z").is_ok());
        assert!(instant("t", "2026-12-04T15:04:05+01:00").is_ok());
        for bad in [
            "yesterday",
            "2026-12-04",
            "99999-12-04T15:04:05Z",
            "1970-01-01T00:00:00Z",
        ] {
            assert_eq!(instant("t", bad).unwrap_err().code, BAD_DATE, "{bad}");
        }
    }
}
