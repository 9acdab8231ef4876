//! Discounts on a line or on the whole cart.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use std::num::NonZeroU64;

use crate::decimal::{self, Spec};
use crate::rounding::nonzero;
use crate::{Money, ValueError, round_half_up};

/// Basis points in 100%.
const BP_PER_WHOLE: u32 = 10_000;
const BP_DENOMINATOR: NonZeroU64 = nonzero(BP_PER_WHOLE as u64);

const PERCENT: Spec = Spec {
    what: "discount",
    scale: 2,
    max_exclusive: BP_PER_WHOLE as i128 + 1,
    range_rule: "must be at most 100%",
};

/// A discount: a percentage of what it applies to, or a fixed amount off.
///
/// Percentages are basis points (`12.5%` = 1 250 bp, from 0% to 100%); amounts are never
/// negative, since a negative discount would be a surcharge hiding in the discount column.
/// The fields are private so only those valid discounts can exist; read them with
/// [`Discount::basis_points`] and [`Discount::amount`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Discount {
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Percent { bp: u32 },
    Amount(Money),
}

impl Discount {
    /// A percentage discount of `bp` basis points (1 bp = 0.01%); at most 100%.
    pub fn percent_bp(bp: u32) -> Result<Discount, ValueError> {
        if bp > BP_PER_WHOLE {
            return Err(ValueError::OutOfRange {
                what: PERCENT.what,
                input: format_percent(bp),
                rule: PERCENT.range_rule,
            });
        }
        Ok(Discount {
            kind: Kind::Percent { bp },
        })
    }

    /// A fixed amount off; refused when negative.
    pub fn amount_off(amount: Money) -> Result<Discount, ValueError> {
        if amount.is_negative() {
            return Err(ValueError::OutOfRange {
                what: PERCENT.what,
                input: amount.to_string(),
                rule: "must not be negative",
            });
        }
        Ok(Discount {
            kind: Kind::Amount(amount),
        })
    }

    /// Parses `"10%"` / `"12.5%"` (a percentage with up to two decimals) or `"2.50"`
    /// (an amount off).
    pub fn parse(input: &str) -> Result<Discount, ValueError> {
        match input.strip_suffix('%') {
            Some(percent) => {
                let bp = decimal::parse(percent, &PERCENT).map_err(|err| match err {
                    ValueError::TooPrecise { max_decimals, .. } => ValueError::TooPrecise {
                        what: PERCENT.what,
                        input: input.to_owned(),
                        max_decimals,
                    },
                    ValueError::OutOfRange { rule, .. } => ValueError::OutOfRange {
                        what: PERCENT.what,
                        input: input.to_owned(),
                        rule,
                    },
                    _ => ValueError::Malformed {
                        what: PERCENT.what,
                        input: input.to_owned(),
                    },
                })?;
                if bp < 0 {
                    return Err(ValueError::OutOfRange {
                        what: PERCENT.what,
                        input: input.to_owned(),
                        rule: "must not be negative",
                    });
                }
                Discount::percent_bp(bp as u32)
            }
            None => Discount::amount_off(Money::parse(input)?),
        }
    }

    /// The percentage in basis points, if this is a percentage discount.
    pub fn basis_points(self) -> Option<u32> {
        match self.kind {
            Kind::Percent { bp } => Some(bp),
            Kind::Amount(_) => None,
        }
    }

    /// The amount off, if this is a fixed-amount discount.
    pub fn amount(self) -> Option<Money> {
        match self.kind {
            Kind::Amount(amount) => Some(amount),
            Kind::Percent { .. } => None,
        }
    }

    /// How many minor units this discount takes off `base` minor units. A percentage is
    /// rounded half-up; an amount is returned as asked, even when larger than `base`,
    /// so the caller can refuse it rather than silently capping it.
    pub(crate) fn off(self, base: i128) -> i128 {
        match self.kind {
            Kind::Percent { bp } => round_half_up(base * i128::from(bp), BP_DENOMINATOR),
            Kind::Amount(amount) => i128::from(amount.minor()),
        }
    }
}

fn format_percent(bp: u32) -> String {
    format!("{}%", decimal::format(i128::from(bp), PERCENT.scale, true))
}

impl fmt::Display for Discount {
    /// `12.5%` for a percentage, `2.50` for an amount: the same text [`Discount::parse`]
    /// reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Kind::Percent { bp } => f.write_str(&format_percent(bp)),
            Kind::Amount(amount) => write!(f, "{amount}"),
        }
    }
}

impl FromStr for Discount {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Discount, ValueError> {
        Discount::parse(s)
    }
}

impl TryFrom<String> for Discount {
    type Error = ValueError;

    fn try_from(s: String) -> Result<Discount, ValueError> {
        Discount::parse(&s)
    }
}

impl From<Discount> for String {
    fn from(d: Discount) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Discount {
        Discount::parse(s).unwrap()
    }

    #[test]
    fn parses_percentages_and_amounts() {
        assert_eq!(d("10%").basis_points(), Some(1_000));
        assert_eq!(d("12.5%").basis_points(), Some(1_250));
        assert_eq!(d("100%").basis_points(), Some(10_000));
        assert_eq!(d("0%").basis_points(), Some(0));
        assert_eq!(d("2.50").amount(), Some(Money::parse("2.5").unwrap()));
        assert_eq!(d("2.50").basis_points(), None);
        assert_eq!(d("10%").amount(), None);
    }

    #[test]
    fn refuses_bad_discounts() {
        assert_eq!(
            Discount::parse("100.01%").unwrap_err().to_string(),
            "discount \"100.01%\" is out of range: must be at most 100%"
        );
        assert_eq!(
            Discount::parse("12.345%").unwrap_err().to_string(),
            "discount \"12.345%\" has more than 2 decimal places"
        );
        assert_eq!(
            Discount::parse("-5%").unwrap_err().to_string(),
            "discount \"-5%\" is out of range: must not be negative"
        );
        assert_eq!(
            Discount::parse("-1.00").unwrap_err().to_string(),
            "discount \"-1.00\" is out of range: must not be negative"
        );
        assert!(Discount::parse("ten%").is_err());
        assert!(Discount::parse("%").is_err());
        assert!(Discount::parse("1.001").is_err());
        assert!(Discount::percent_bp(10_001).is_err());
    }

    #[test]
    fn displays_what_it_parses() {
        for text in ["10%", "12.5%", "0.01%", "2.50", "0.00"] {
            assert_eq!(d(text).to_string(), text);
        }
    }

    #[test]
    fn takes_rounded_percentages_off() {
        assert_eq!(d("10%").off(1_005), 101); // 100.5 rounds half-up
        assert_eq!(d("12.5%").off(1_000), 125);
        assert_eq!(d("3.00").off(100), 300);
    }
}
