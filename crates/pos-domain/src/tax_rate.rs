//! Sales tax rates as exact fractions.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ValueError;
use crate::decimal::{self, Spec};

/// Parts per million in a whole: a rate is `ppm / PPM_PER_WHOLE`.
pub(crate) const PPM_PER_WHOLE: u32 = 1_000_000;

const RANGE_RULE: &str = "must be below 100%";

/// `"0.08875"`: a fraction with up to six decimals.
const FRACTION: Spec = Spec {
    what: "tax rate",
    scale: 6,
    max_exclusive: PPM_PER_WHOLE as i128,
    range_rule: RANGE_RULE,
};

/// `"8.875%"`: a percentage with up to four decimals (the same millionths).
const PERCENT: Spec = Spec {
    what: "tax rate",
    scale: 4,
    max_exclusive: PPM_PER_WHOLE as i128,
    range_rule: RANGE_RULE,
};

/// A tax rate in parts per million, so rates like New York City's 8.875% are exact
/// (`88_750` ppm). HQ stores rates as `NUMERIC(9,6)`.
///
/// Always `0 <= rate < 100%`: a rate of 100% or more would make the tax contained in an
/// inclusive price at least half of it, which is a data-entry mistake, not a tax.
/// Ordered by size, which is the order [`crate::SaleTotals::taxes_by_rate`] lists them in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct TaxRate {
    ppm: u32,
}

impl TaxRate {
    /// Untaxed (zero-rated) goods.
    pub const ZERO: TaxRate = TaxRate { ppm: 0 };

    /// A rate of `ppm` parts per million; refused at 100% (1 000 000 ppm) or more.
    pub fn from_ppm(ppm: u32) -> Result<TaxRate, ValueError> {
        if ppm >= PPM_PER_WHOLE {
            return Err(ValueError::OutOfRange {
                what: FRACTION.what,
                input: format_percent(ppm),
                rule: RANGE_RULE,
            });
        }
        Ok(TaxRate { ppm })
    }

    /// Parses a percentage (`"8.875%"`, up to four decimals) or a fraction (`"0.08875"`,
    /// up to six decimals). Anything finer than one part per million is refused rather
    /// than rounded, because a rounded rate would silently tax every sale differently.
    pub fn parse(input: &str) -> Result<TaxRate, ValueError> {
        let ppm = match input.strip_suffix('%') {
            Some(percent) => decimal::parse(percent, &PERCENT),
            None => decimal::parse(input, &FRACTION),
        }
        .map_err(|err| with_full_input(err, input))?;
        if ppm < 0 {
            return Err(ValueError::OutOfRange {
                what: FRACTION.what,
                input: input.to_owned(),
                rule: "must not be negative",
            });
        }
        TaxRate::from_ppm(ppm as u32)
    }

    /// The rate in parts per million.
    pub fn ppm(self) -> u32 {
        self.ppm
    }
}

/// Errors quote what the user typed, including the `%` the parser stripped.
fn with_full_input(err: ValueError, full: &str) -> ValueError {
    match err {
        ValueError::Malformed { what, .. } => ValueError::Malformed {
            what,
            input: full.to_owned(),
        },
        ValueError::TooPrecise {
            what, max_decimals, ..
        } => ValueError::TooPrecise {
            what,
            input: full.to_owned(),
            max_decimals,
        },
        ValueError::OutOfRange { what, rule, .. } => ValueError::OutOfRange {
            what,
            input: full.to_owned(),
            rule,
        },
        empty @ ValueError::Empty { .. } => empty,
    }
}

fn format_percent(ppm: u32) -> String {
    format!("{}%", decimal::format(i128::from(ppm), PERCENT.scale, true))
}

impl fmt::Display for TaxRate {
    /// As a percentage without trailing zeros: `8.875%`, `20%`, `0%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_percent(self.ppm))
    }
}

impl FromStr for TaxRate {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<TaxRate, ValueError> {
        TaxRate::parse(s)
    }
}

impl TryFrom<String> for TaxRate {
    type Error = ValueError;

    fn try_from(s: String) -> Result<TaxRate, ValueError> {
        TaxRate::parse(&s)
    }
}

impl From<TaxRate> for String {
    fn from(rate: TaxRate) -> String {
        rate.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> TaxRate {
        TaxRate::parse(s).unwrap()
    }

    #[test]
    fn parses_percent_and_fraction_to_the_same_rate() {
        assert_eq!(r("8.875%").ppm(), 88_750);
        assert_eq!(r("0.08875").ppm(), 88_750);
        assert_eq!(r("20%"), r("0.2"));
        assert_eq!(r("0%"), TaxRate::ZERO);
        assert_eq!(r("0.000001").ppm(), 1);
        assert_eq!(r("99.9999%").ppm(), 999_999);
        assert_eq!(r("0.088750").ppm(), 88_750);
    }

    #[test]
    fn refuses_bad_rates() {
        assert_eq!(
            TaxRate::parse("100%").unwrap_err().to_string(),
            "tax rate \"100%\" is out of range: must be below 100%"
        );
        assert_eq!(
            TaxRate::parse("8.87501%").unwrap_err().to_string(),
            "tax rate \"8.87501%\" has more than 4 decimal places"
        );
        assert_eq!(
            TaxRate::parse("0.0000001").unwrap_err().to_string(),
            "tax rate \"0.0000001\" has more than 6 decimal places"
        );
        assert_eq!(
            TaxRate::parse("-5%").unwrap_err().to_string(),
            "tax rate \"-5%\" is out of range: must not be negative"
        );
        assert_eq!(
            TaxRate::parse("eight%").unwrap_err().to_string(),
            "tax rate \"eight%\" is not a decimal number"
        );
        assert!(TaxRate::parse("1").is_err());
        assert!(TaxRate::parse("%").is_err());
        assert!(TaxRate::from_ppm(1_000_000).is_err());
    }

    #[test]
    fn displays_as_percent() {
        assert_eq!(r("0.08875").to_string(), "8.875%");
        assert_eq!(r("20%").to_string(), "20%");
        assert_eq!(TaxRate::ZERO.to_string(), "0%");
        assert_eq!(r("0.000001").to_string(), "0.0001%");
    }
}
