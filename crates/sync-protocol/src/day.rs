//! A terminal's business day in figures, as the terminal counts it at its Z report and as
//! HQ counts it from what it received. Equal digests are the proof that both hold the
//! same day to the cent; unequal ones name each figure that differs.

use pos_domain::{Money, TaxRate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::sale::PaymentMethod;

/// The outbox kind of a day's digest (payload: a [`DayDigest`]).
pub const DAY_DIGEST_KIND: &str = "day_digest";

/// The chained records of one terminal's business day, up to one link of its journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayDigest {
    pub terminal_id: Uuid,
    /// `YYYY-MM-DD`, the store's calendar.
    pub business_date: String,
    /// The last journal link the digest covers (0 when the day has none yet).
    pub through_position: i64,
    /// The hash of the day's last link up to `through_position` (empty when none).
    pub last_hash: String,
    pub sales_count: u64,
    pub refunds_count: u64,
    pub voids_count: u64,
    /// What the day's sales came to (positive).
    pub sales_total: Money,
    /// What its refunds gave back (negative or zero).
    pub refunds_total: Money,
    /// What the voided sales would have come to.
    pub voids_total: Money,
    /// Cash handed back as change.
    pub change_given: Money,
    /// Payments by method, refunds counted negative; sorted by method, no zero entries.
    pub tenders: Vec<(PaymentMethod, Money)>,
    /// Tax by rate, refunds counted negative; sorted by rate, no zero entries.
    pub taxes: Vec<(TaxRate, Money)>,
}

impl DayDigest {
    /// A day with nothing counted yet, up to link `through_position` whose hash is
    /// `last_hash`.
    pub fn empty(
        terminal_id: Uuid,
        business_date: &str,
        through_position: i64,
        last_hash: String,
    ) -> DayDigest {
        DayDigest {
            terminal_id,
            business_date: business_date.to_owned(),
            through_position,
            last_hash,
            sales_count: 0,
            refunds_count: 0,
            voids_count: 0,
            sales_total: Money::ZERO,
            refunds_total: Money::ZERO,
            voids_total: Money::ZERO,
            change_given: Money::ZERO,
            tenders: Vec::new(),
            taxes: Vec::new(),
        }
    }

    /// Sorts `tenders` and `taxes` and drops their zero entries, so two digests of the
    /// same day compare equal however their figures were gathered.
    pub fn normalize(&mut self) {
        self.tenders.retain(|(_, amount)| !amount.is_zero());
        self.tenders.sort_by_key(|(method, _)| method.as_str());
        self.taxes.retain(|(_, amount)| !amount.is_zero());
        self.taxes.sort_by_key(|(rate, _)| rate.ppm());
    }

    /// Every figure in which `hq` (HQ's count) differs from this one (the terminal's).
    pub fn differences(&self, hq: &DayDigest) -> Vec<Difference> {
        let mut out = Vec::new();
        let mut field = |name: String, terminal: String, at_hq: String| {
            if terminal != at_hq {
                out.push(Difference {
                    figure: name,
                    terminal,
                    hq: at_hq,
                });
            }
        };
        field(
            "last link".into(),
            format!("{} {}", self.through_position, self.last_hash),
            format!("{} {}", hq.through_position, hq.last_hash),
        );
        field(
            "sales".into(),
            self.sales_count.to_string(),
            hq.sales_count.to_string(),
        );
        field(
            "refunds".into(),
            self.refunds_count.to_string(),
            hq.refunds_count.to_string(),
        );
        field(
            "voids".into(),
            self.voids_count.to_string(),
            hq.voids_count.to_string(),
        );
        field(
            "sales total".into(),
            self.sales_total.to_string(),
            hq.sales_total.to_string(),
        );
        field(
            "refunds total".into(),
            self.refunds_total.to_string(),
            hq.refunds_total.to_string(),
        );
        field(
            "voids total".into(),
            self.voids_total.to_string(),
            hq.voids_total.to_string(),
        );
        field(
            "change given".into(),
            self.change_given.to_string(),
            hq.change_given.to_string(),
        );
        for method in PaymentMethod::ALL {
            let of = |d: &DayDigest| {
                d.tenders
                    .iter()
                    .find(|(m, _)| *m == method)
                    .map_or(Money::ZERO, |(_, a)| *a)
            };
            field(
                format!("{} payments", method.as_str()),
                of(self).to_string(),
                of(hq).to_string(),
            );
        }
        let mut rates: Vec<TaxRate> = self.taxes.iter().chain(&hq.taxes).map(|t| t.0).collect();
        rates.sort_by_key(|r| r.ppm());
        rates.dedup();
        for rate in rates {
            let of = |d: &DayDigest| {
                d.taxes
                    .iter()
                    .find(|(r, _)| *r == rate)
                    .map_or(Money::ZERO, |(_, a)| *a)
            };
            field(
                format!("tax at {rate}"),
                of(self).to_string(),
                of(hq).to_string(),
            );
        }
        out
    }
}

/// One figure on which a terminal and HQ disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Difference {
    pub figure: String,
    pub terminal: String,
    pub hq: String,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: terminal {}, HQ {}",
            self.figure, self.terminal, self.hq
        )
    }
}

/// HQ's verdict on a day's digest when it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayCheck {
    pub business_date: String,
    /// `matched` or `mismatched`.
    pub status: String,
    /// The differences, one sentence, when mismatched.
    pub detail: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(minor: i64) -> Money {
        Money::from_minor(minor).unwrap()
    }

    fn day() -> DayDigest {
        DayDigest {
            terminal_id: Uuid::nil(),
            business_date: "2026-11-27".into(),
            through_position: 7,
            last_hash: "ab".into(),
            sales_count: 5,
            refunds_count: 1,
            voids_count: 1,
            sales_total: m(10_000),
            refunds_total: m(-500),
            voids_total: m(300),
            change_given: m(120),
            tenders: vec![
                (PaymentMethod::Card, m(4_000)),
                (PaymentMethod::Cash, m(5_620)),
            ],
            taxes: vec![(TaxRate::from_ppm(88_750).unwrap(), m(700))],
        }
    }

    #[test]
    fn equal_days_have_no_difference_whatever_the_order_they_were_gathered_in() {
        let mut other = day();
        other.tenders.reverse();
        other
            .tenders
            .push((PaymentMethod::StoreCredit, Money::ZERO));
        other.normalize();
        let mut ours = day();
        ours.normalize();
        assert_eq!(ours, other);
        assert_eq!(ours.differences(&other), []);
    }

    #[test]
    fn each_differing_figure_is_named_with_both_values() {
        let terminal = day();
        let mut hq = day();
        hq.sales_count = 4;
        hq.sales_total = m(9_000);
        hq.tenders = vec![(PaymentMethod::Cash, m(5_620))];
        hq.taxes.clear();
        let said: Vec<String> = terminal
            .differences(&hq)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            said,
            [
                "sales: terminal 5, HQ 4",
                "sales total: terminal 100.00, HQ 90.00",
                "card payments: terminal 40.00, HQ 0.00",
                "tax at 8.875%: terminal 7.00, HQ 0.00",
            ]
        );
    }
}
