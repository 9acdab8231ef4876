//! Money as an exact count of minor units.

use std::fmt;
use std::ops::Neg;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ValueError;
use crate::decimal::{self, Spec};

/// Digits after the decimal point. Tally trades in one currency whose minor unit is 2
/// (cents); HQ stores amounts as `NUMERIC(14,2)`. A currency with another minor unit
/// would need this crate, the terminal's database and HQ's schema to change together.
pub const MINOR_DIGITS: u32 = 2;

/// The largest magnitude in minor units: `NUMERIC(14,2)` holds 12 integer digits, so
/// |amount| < 10^12 units = 10^14 minor units.
pub const MAX_MINOR: i64 = 99_999_999_999_999;

const SPEC: Spec = Spec {
    what: "amount",
    scale: MINOR_DIGITS,
    max_exclusive: MAX_MINOR as i128 + 1,
    range_rule: "must be less than 1000000000000 in magnitude",
};

/// An amount of money, exact to the minor unit.
///
/// Every `Money` fits HQ's `NUMERIC(14,2)`: the constructors and the checked arithmetic
/// refuse anything larger, so a sale that prices here can always be stored there. The
/// range is symmetric, which is why negation ([`Neg`]) cannot fail.
///
/// Serialized as its decimal string (`"12.34"`), never as a float, so JSON consumers
/// cannot lose cents.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Money {
    minor: i64,
}

impl Money {
    /// Nothing.
    pub const ZERO: Money = Money { minor: 0 };

    /// An amount of `minor` cents; refused beyond [`MAX_MINOR`] in magnitude.
    pub fn from_minor(minor: i64) -> Result<Money, ValueError> {
        Money::from_i128(i128::from(minor))
    }

    /// Checked conversion used by every calculation: intermediate results are `i128`.
    pub(crate) fn from_i128(minor: i128) -> Result<Money, ValueError> {
        if minor.unsigned_abs() > MAX_MINOR as u128 {
            return Err(ValueError::OutOfRange {
                what: SPEC.what,
                input: decimal::format(minor, MINOR_DIGITS, false),
                rule: SPEC.range_rule,
            });
        }
        Ok(Money {
            minor: minor as i64,
        })
    }

    /// Parses `"12.34"`, `"-1.5"` or `"3"` exactly. More than two significant decimals,
    /// anything that is not a plain decimal number, and amounts beyond `NUMERIC(14,2)`
    /// are refused.
    pub fn parse(input: &str) -> Result<Money, ValueError> {
        Money::from_i128(decimal::parse(input, &SPEC)?)
    }

    /// The amount in minor units (cents).
    pub fn minor(self) -> i64 {
        self.minor
    }

    /// `self + other`, or an error if the sum leaves the storable range.
    pub fn checked_add(self, other: Money) -> Result<Money, ValueError> {
        Money::from_i128(i128::from(self.minor) + i128::from(other.minor))
    }

    /// `self − other`, or an error if the difference leaves the storable range.
    pub fn checked_sub(self, other: Money) -> Result<Money, ValueError> {
        Money::from_i128(i128::from(self.minor) - i128::from(other.minor))
    }

    /// The sum of `amounts`, or an error as soon as a partial sum leaves the range.
    pub fn checked_sum<I: IntoIterator<Item = Money>>(amounts: I) -> Result<Money, ValueError> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |sum, amount| sum.checked_add(amount))
    }

    /// True for exactly zero.
    pub fn is_zero(self) -> bool {
        self.minor == 0
    }

    /// True below zero; only refunds carry negative amounts.
    pub fn is_negative(self) -> bool {
        self.minor < 0
    }

    /// True above zero.
    pub fn is_positive(self) -> bool {
        self.minor > 0
    }
}

impl Neg for Money {
    type Output = Money;

    /// Cannot overflow: the range is symmetric.
    fn neg(self) -> Money {
        Money { minor: -self.minor }
    }
}

impl fmt::Display for Money {
    /// Always two decimals: `12.34`, `-0.05`, `3.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&decimal::format(
            i128::from(self.minor),
            MINOR_DIGITS,
            false,
        ))
    }
}

impl FromStr for Money {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Money, ValueError> {
        Money::parse(s)
    }
}

impl TryFrom<String> for Money {
    type Error = ValueError;

    fn try_from(s: String) -> Result<Money, ValueError> {
        Money::parse(&s)
    }
}

impl From<Money> for String {
    fn from(m: Money) -> String {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as DeError, StrDeserializer};

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn parses_exactly() {
        assert_eq!(m("12.34").minor(), 1234);
        assert_eq!(m("-1.5").minor(), -150);
        assert_eq!(m("3").minor(), 300);
        assert_eq!(m("0.07").minor(), 7);
        assert_eq!(m("999999999999.99").minor(), MAX_MINOR);
        assert_eq!(m("-999999999999.99").minor(), -MAX_MINOR);
    }

    #[test]
    fn refuses_bad_amounts_with_clear_messages() {
        let err = Money::parse("1.234").unwrap_err();
        assert_eq!(
            err.to_string(),
            "amount \"1.234\" has more than 2 decimal places"
        );
        let err = Money::parse("12,50").unwrap_err();
        assert_eq!(err.to_string(), "amount \"12,50\" is not a decimal number");
        let err = Money::parse("1000000000000").unwrap_err();
        assert_eq!(
            err.to_string(),
            "amount \"1000000000000\" is out of range: must be less than 1000000000000 in magnitude"
        );
        assert!(Money::parse("").is_err());
        assert!(Money::parse("NaN").is_err());
        assert!(Money::from_minor(MAX_MINOR + 1).is_err());
        assert!(Money::from_minor(i64::MIN).is_err());
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(m("12.34").to_string(), "12.34");
        assert_eq!(m("-0.05").to_string(), "-0.05");
        assert_eq!(m("3").to_string(), "3.00");
        assert_eq!(Money::ZERO.to_string(), "0.00");
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(m("1.10").checked_add(m("2.25")), Ok(m("3.35")));
        assert_eq!(m("1.10").checked_sub(m("2.25")), Ok(m("-1.15")));
        let max = Money::from_minor(MAX_MINOR).unwrap();
        assert!(max.checked_add(m("0.01")).is_err());
        assert!((-max).checked_sub(m("0.01")).is_err());
        assert_eq!(
            Money::checked_sum([m("1"), m("2"), m("-0.5")]),
            Ok(m("2.50"))
        );
        assert!(Money::checked_sum([max, max]).is_err());
        assert_eq!(-m("1.05"), m("-1.05"));
    }

    #[test]
    fn serde_uses_the_decimal_string() {
        let de: StrDeserializer<'_, DeError> = "12.30".into_deserializer();
        assert_eq!(Money::deserialize(de), Ok(m("12.30")));
        let de: StrDeserializer<'_, DeError> = "12.345".into_deserializer();
        assert!(Money::deserialize(de).is_err());
        assert_eq!(String::from(m("-7")), "-7.00");
    }
}
