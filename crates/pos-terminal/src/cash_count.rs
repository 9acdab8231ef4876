//! Counting the drawer at closing, note by note and coin by coin.

use pos_domain::Money;
use serde::{Deserialize, Serialize};

use crate::TerminalError;

/// Bills and coins, largest first, in minor units: US dollars, HQ's default currency and the
/// demo store's. (The terminal does not sync the organization's currency yet.)
const DENOMINATIONS: [i64; 11] = [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5, 1];

/// The denominations the count screen offers, largest first.
pub fn denominations() -> Vec<Money> {
    DENOMINATIONS
        .iter()
        .filter_map(|minor| Money::from_minor(*minor).ok())
        .collect()
}

/// How many of one note or coin were counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DenominationCount {
    pub denomination: Money,
    pub count: u32,
}

/// A drawer count; any denomination may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CashCount {
    pub counts: Vec<DenominationCount>,
}

impl CashCount {
    /// The cash counted. A denomination that is not positive is refused.
    pub fn total(&self) -> Result<Money, TerminalError> {
        let mut total = Money::ZERO;
        for entry in &self.counts {
            if !entry.denomination.is_positive() {
                return Err(TerminalError::InvalidInput(format!(
                    "{} is not a note or coin",
                    entry.denomination
                )));
            }
            let minor = entry
                .denomination
                .minor()
                .checked_mul(i64::from(entry.count))
                .ok_or_else(|| TerminalError::InvalidInput("that count is too large".to_owned()))?;
            total = total.checked_add(Money::from_minor(minor)?)?;
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(pairs: &[(&str, u32)]) -> CashCount {
        CashCount {
            counts: pairs
                .iter()
                .map(|(d, n)| DenominationCount {
                    denomination: Money::parse(d).unwrap(),
                    count: *n,
                })
                .collect(),
        }
    }

    #[test]
    fn counts_add_up_exactly() {
        let drawer = count(&[("50.00", 2), ("0.25", 3), ("0.01", 7)]);
        assert_eq!(drawer.total().unwrap(), Money::parse("100.82").unwrap());
        assert_eq!(CashCount::default().total().unwrap(), Money::ZERO);
    }

    #[test]
    fn a_negative_denomination_is_refused() {
        assert!(count(&[("-5.00", 1)]).total().is_err());
    }

    #[test]
    fn denominations_run_largest_first() {
        let all = denominations();
        assert_eq!(all.len(), DENOMINATIONS.len());
        assert!(all.windows(2).all(|pair| pair[0] > pair[1]));
    }
}
