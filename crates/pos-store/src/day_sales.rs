//! One trading day's completed sales and refunds, for the manager's "today" screen: each
//! one's instant and total, and the day's payments summed by method.

use pos_domain::Money;
use rusqlite::params;

use crate::sale_types::{PaymentMethod, SaleKind};
use crate::{Store, StoreError, convert};

/// A completed sale or refund of the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySale {
    /// When, RFC 3339 UTC (the terminal turns it into the store's local hour).
    pub occurred_at: String,
    /// Sale or refund.
    pub kind: SaleKind,
    /// What the customer paid (negative for a refund).
    pub total: Money,
}

/// The day as stored: every sale and refund, and payments per method net of refunds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DayRows {
    /// In the order they were made.
    pub sales: Vec<DaySale>,
    /// Σ payments per method, in [`PaymentMethod::ALL`] order; unused methods left out.
    pub tenders: Vec<(PaymentMethod, Money)>,
}

impl Store {
    /// The completed sales and refunds whose business date is `date` (`YYYY-MM-DD`).
    pub fn day_sales(&self, date: &str) -> Result<DayRows, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT occurred_at, kind, total FROM sales \
             WHERE business_date = ?1 AND status = 'completed' ORDER BY receipt_seq",
        )?;
        let raw = stmt
            .query_map(params![date], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let sales = raw
            .into_iter()
            .map(|(occurred_at, kind, total)| {
                Ok(DaySale {
                    occurred_at,
                    kind: convert::spelled("sales.kind", &kind, &SaleKind::ALL, SaleKind::as_str)?,
                    total: convert::money("sales.total", total)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.method, SUM(p.amount) FROM payments p JOIN sales s ON s.id = p.sale_id \
             WHERE s.business_date = ?1 AND s.status = 'completed' GROUP BY p.method",
        )?;
        let sums = stmt
            .query_map(params![date], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut tenders = Vec::new();
        for method in PaymentMethod::ALL {
            if let Some((_, sum)) = sums.iter().find(|(m, _)| m == method.as_str()) {
                tenders.push((method, convert::money("payments.amount", *sum)?));
            }
        }
        Ok(DayRows { sales, tenders })
    }
}
