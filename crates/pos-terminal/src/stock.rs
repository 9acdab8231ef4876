//! Stock at this terminal's location: the list with its low-stock filter, and a manager's
//! receipts and adjustments (each one a movement queued for HQ).

use pos_domain::{Quantity, format_thousandths, limits};
use pos_store::{ManualReason, NewMovement, StockRow};
use serde::Serialize;
use uuid::Uuid;

use crate::cart::within;
use crate::staff::Staff;
use crate::{Terminal, TerminalError, clock};

/// What a manager does to stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockChange {
    /// Goods arrived: the level goes up by the quantity.
    Receive(Quantity),
    /// A correction (damage, theft, a miscount): signed thousandths, never zero.
    Adjust(i64),
}

impl StockChange {
    /// A correction as typed: `-2`, `1.5`, `+3`; never zero.
    pub fn adjustment(typed: &str) -> Result<StockChange, TerminalError> {
        let typed = typed.trim();
        let (negative, magnitude) = match typed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, typed.strip_prefix('+').unwrap_or(typed)),
        };
        let milli = Quantity::parse(magnitude.trim())?.milli();
        if milli == 0 {
            return Err(TerminalError::InvalidInput(
                "the quantity cannot be zero".to_owned(),
            ));
        }
        Ok(StockChange::Adjust(if negative { -milli } else { milli }))
    }
}

/// One item's stock as shown to a manager; levels are decimal strings ("-2", "1.5").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StockLine {
    pub item_id: Uuid,
    pub sku: String,
    pub name: String,
    pub level: String,
    pub reorder_level: Option<String>,
    /// Sold into negative stock: allowed, and shown.
    pub negative: bool,
}

impl From<StockRow> for StockLine {
    fn from(row: StockRow) -> Self {
        Self {
            item_id: row.item_id,
            sku: row.sku,
            name: row.name,
            level: format_thousandths(row.level),
            reorder_level: row.reorder_level.map(format_thousandths),
            negative: row.negative,
        }
    }
}

impl Terminal {
    pub fn stock(
        &self,
        filter: Option<&str>,
        low_only: bool,
        limit: usize,
    ) -> Result<Vec<StockLine>, TerminalError> {
        Ok(self
            .store
            .stock_list(filter, low_only, limit)?
            .into_iter()
            .map(StockLine::from)
            .collect())
    }

    pub fn change_stock(
        &mut self,
        manager: &Staff,
        code: &str,
        change: StockChange,
        reason: &str,
    ) -> Result<StockLine, TerminalError> {
        if !manager.is_manager() {
            return Err(TerminalError::NeedsManager(format!(
                "{} is not a manager (stock change)",
                manager.name
            )));
        }
        if reason.trim().is_empty() {
            return Err(TerminalError::InvalidInput(
                "a stock change needs a reason".to_owned(),
            ));
        }
        let item = self.item_by_code(code)?;
        let (quantity_change, movement_reason) = match change {
            StockChange::Receive(q) if !q.is_zero() => (q.milli(), ManualReason::Receipt),
            StockChange::Adjust(milli) if milli != 0 => (milli, ManualReason::Adjustment),
            _ => {
                return Err(TerminalError::InvalidInput(
                    "the quantity cannot be zero".to_owned(),
                ));
            }
        };
        within(limits::check_quantity_milli(
            "a stock change",
            quantity_change,
        ))?;
        self.store.record_stock_movement(&NewMovement {
            id: Uuid::now_v7(),
            item_id: item.row.id,
            quantity_change,
            reason: movement_reason,
            note: Some(reason.trim().to_owned()),
            user_id: manager.id,
            at: clock::now_utc(),
        })?;
        self.stock(Some(&item.row.sku), false, 50)?
            .into_iter()
            .find(|row| row.item_id == item.row.id)
            .ok_or_else(|| TerminalError::UnknownItem(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn adjustments_read_their_sign() {
        use super::StockChange;
        assert_eq!(
            StockChange::adjustment(" -2 ").unwrap(),
            StockChange::Adjust(-2_000)
        );
        assert_eq!(
            StockChange::adjustment("+1.5").unwrap(),
            StockChange::Adjust(1_500)
        );
        assert!(StockChange::adjustment("0").is_err());
        assert!(StockChange::adjustment("two").is_err());
    }

    #[test]
    fn levels_read_as_people_write_them() {
        assert_eq!(super::format_thousandths(-2_000), "-2");
        assert_eq!(super::format_thousandths(1_500), "1.5");
        assert_eq!(super::format_thousandths(0), "0");
        assert_eq!(super::format_thousandths(-125), "-0.125");
    }
}
