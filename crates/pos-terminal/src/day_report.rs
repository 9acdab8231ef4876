//! Today at this till, for the manager: sales by hour of the store's clock, and payments by
//! method.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use pos_domain::Money;
use pos_store::{PaymentMethod, SaleKind};
use serde::Serialize;

use crate::{Terminal, TerminalError, clock};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HourSales {
    /// 0 to 23, on the store's wall clock.
    pub hour: u8,
    pub sales: u32,
    /// Net of refunds made in that hour.
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayReport {
    pub business_date: String,
    pub sales_count: u32,
    pub refunds_count: u32,
    pub sales_total: Money,
    /// Negative or zero.
    pub refunds_total: Money,
    pub net_total: Money,
    /// All 24 hours, so the chart's axis never moves.
    pub by_hour: Vec<HourSales>,
    /// Payments per method, net of refunds.
    pub tenders: Vec<(PaymentMethod, Money)>,
}

impl Terminal {
    /// Today's report (the store's business date).
    pub fn day_report(&self) -> Result<DayReport, TerminalError> {
        self.day_report_of(&clock::business_date(), &TimeZone::system())
    }

    pub(crate) fn day_report_of(
        &self,
        date: &str,
        zone: &TimeZone,
    ) -> Result<DayReport, TerminalError> {
        let rows = self.store.day_sales(date)?;
        let mut by_hour: Vec<HourSales> = (0..24)
            .map(|hour| HourSales {
                hour,
                sales: 0,
                total: Money::ZERO,
            })
            .collect();
        let (mut sales_count, mut refunds_count) = (0, 0);
        let (mut sales_total, mut refunds_total) = (Money::ZERO, Money::ZERO);
        for sale in &rows.sales {
            let at: Timestamp = sale.occurred_at.parse().map_err(|_| {
                TerminalError::InvalidInput(format!(
                    "a stored sale has an unreadable time {:?}",
                    sale.occurred_at
                ))
            })?;
            let hour = usize::try_from(at.to_zoned(zone.clone()).hour()).unwrap_or(0);
            let slot = &mut by_hour[hour.min(23)];
            slot.total = slot.total.checked_add(sale.total)?;
            match sale.kind {
                SaleKind::Sale => {
                    slot.sales += 1;
                    sales_count += 1;
                    sales_total = sales_total.checked_add(sale.total)?;
                }
                SaleKind::Refund => {
                    refunds_count += 1;
                    refunds_total = refunds_total.checked_add(sale.total)?;
                }
            }
        }
        Ok(DayReport {
            business_date: date.to_owned(),
            sales_count,
            refunds_count,
            sales_total,
            refunds_total,
            net_total: sales_total.checked_add(refunds_total)?,
            by_hour,
            tenders: rows.tenders,
        })
    }
}
