//! How much of an item is sold, in thousandths.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ValueError;
use crate::decimal::{self, Spec};

/// Thousandths per unit: weighed goods sell to the gram (HQ stores `NUMERIC(14,3)`).
pub(crate) const MILLI_PER_UNIT: i64 = 1_000;

/// The largest quantity in thousandths: `NUMERIC(14,3)` holds 11 integer digits.
pub const MAX_MILLI: i64 = 99_999_999_999_999;

const SPEC: Spec = Spec {
    what: "quantity",
    scale: 3,
    max_exclusive: MAX_MILLI as i128 + 1,
    range_rule: "must be less than 100000000000",
};

/// A quantity of an item, exact to a thousandth (`2`, `0.5`, `1.250`).
///
/// Never negative: giving goods back is a refund of a sold quantity, not a sale of a
/// negative one, so the sign of an amount alone says which way money moves. Zero is a
/// valid `Quantity` (e.g. "nothing refunded yet") but a sale line refuses it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Quantity {
    milli: i64,
}

impl Quantity {
    /// No items.
    pub const ZERO: Quantity = Quantity { milli: 0 };

    /// One item.
    pub const ONE: Quantity = Quantity {
        milli: MILLI_PER_UNIT,
    };

    /// A quantity of `milli` thousandths; refused when negative or beyond [`MAX_MILLI`].
    pub fn from_milli(milli: i64) -> Result<Quantity, ValueError> {
        Quantity::from_i128(i128::from(milli))
    }

    fn from_i128(milli: i128) -> Result<Quantity, ValueError> {
        let input = || decimal::format(milli, SPEC.scale, true);
        if milli < 0 {
            return Err(ValueError::OutOfRange {
                what: SPEC.what,
                input: input(),
                rule: "must not be negative",
            });
        }
        if milli > i128::from(MAX_MILLI) {
            return Err(ValueError::OutOfRange {
                what: SPEC.what,
                input: input(),
                rule: SPEC.range_rule,
            });
        }
        Ok(Quantity {
            milli: milli as i64,
        })
    }

    /// Parses `"2"`, `"0.5"` or `"1.250"`; refuses a fourth significant decimal,
    /// negatives and anything that is not a plain decimal number.
    pub fn parse(input: &str) -> Result<Quantity, ValueError> {
        let milli = decimal::parse(input, &SPEC)?;
        if milli < 0 {
            return Err(ValueError::OutOfRange {
                what: SPEC.what,
                input: input.to_owned(),
                rule: "must not be negative",
            });
        }
        Quantity::from_i128(milli)
    }

    /// The quantity in thousandths.
    pub fn milli(self) -> i64 {
        self.milli
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.milli == 0
    }

    /// `self + other`, or an error beyond the storable range.
    pub fn checked_add(self, other: Quantity) -> Result<Quantity, ValueError> {
        Quantity::from_i128(i128::from(self.milli) + i128::from(other.milli))
    }

    /// `self − other`, or an error if that would be negative.
    pub fn checked_sub(self, other: Quantity) -> Result<Quantity, ValueError> {
        Quantity::from_i128(i128::from(self.milli) - i128::from(other.milli))
    }
}

/// Signed thousandths of a unit as a person writes them, without trailing zeros (`-1.5`,
/// `1000`): a stock level or a movement, which a [`Quantity`] (never negative) cannot hold.
pub fn format_thousandths(milli: i64) -> String {
    decimal::format(i128::from(milli), SPEC.scale, true)
}

impl fmt::Display for Quantity {
    /// Without trailing zeros: `2`, `0.5`, `1.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&decimal::format(i128::from(self.milli), SPEC.scale, true))
    }
}

impl FromStr for Quantity {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Quantity, ValueError> {
        Quantity::parse(s)
    }
}

impl TryFrom<String> for Quantity {
    type Error = ValueError;

    fn try_from(s: String) -> Result<Quantity, ValueError> {
        Quantity::parse(&s)
    }
}

impl From<Quantity> for String {
    fn from(q: Quantity) -> String {
        q.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap()
    }

    #[test]
    fn parses_thousandths() {
        assert_eq!(q("2").milli(), 2_000);
        assert_eq!(q("0.5").milli(), 500);
        assert_eq!(q("1.250").milli(), 1_250);
        assert_eq!(q("0.001").milli(), 1);
        assert_eq!(q("0").milli(), 0);
        assert_eq!(Quantity::ONE, q("1"));
    }

    #[test]
    fn refuses_bad_quantities() {
        assert_eq!(
            Quantity::parse("0.0005").unwrap_err().to_string(),
            "quantity \"0.0005\" has more than 3 decimal places"
        );
        assert_eq!(
            Quantity::parse("-1").unwrap_err().to_string(),
            "quantity \"-1\" is out of range: must not be negative"
        );
        assert!(Quantity::parse("two").is_err());
        assert!(Quantity::parse("100000000000").is_err());
        assert!(Quantity::from_milli(-1).is_err());
    }

    #[test]
    fn displays_without_trailing_zeros() {
        assert_eq!(q("2").to_string(), "2");
        assert_eq!(q("0.5").to_string(), "0.5");
        assert_eq!(q("1.250").to_string(), "1.25");
        assert_eq!(q("0.001").to_string(), "0.001");
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(q("1.5").checked_add(q("0.5")), Ok(q("2")));
        assert_eq!(q("1.5").checked_sub(q("0.5")), Ok(q("1")));
        assert!(q("0.5").checked_sub(q("1.5")).is_err());
    }
}
