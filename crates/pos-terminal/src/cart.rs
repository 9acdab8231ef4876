//! A sale being rung up: its lines, discounts and customer, priced on demand by
//! `pos-domain`. Nothing here touches the store; a cart lives in memory until it is
//! completed or parked (it serializes, so a parked cart comes back exactly as it was).

use pos_domain::{Discount, LineInput, Money, Quantity, SaleTotals, TaxRate, limits, price_sale};
use pos_store::Item;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::TerminalError;

/// One line as rung: the item as it was priced when scanned, and what the cashier did to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CartLine {
    pub item_id: Uuid,
    pub sku: String,
    pub name: String,
    pub unit_price: Money,
    pub price_includes_tax: bool,
    pub tax_rate: TaxRate,
    pub quantity: Quantity,
    pub discount: Option<Discount>,
    /// The shelf price when a manager overrode it (`unit_price` then holds the new one).
    pub overridden_from: Option<Money>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub cart_discount: Option<Discount>,
    pub customer_id: Option<Uuid>,
}

impl Cart {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Adds `quantity` of `item`. Scanning the same plain item again adds to its line, as a
    /// cashier expects; a line with a discount or an overridden price stays separate.
    pub fn add(&mut self, item: &Item, quantity: Quantity) -> Result<usize, TerminalError> {
        if item.row.deleted || !item.row.is_active {
            return Err(TerminalError::InvalidInput(format!(
                "{} ({}) is no longer sold",
                item.row.name, item.row.sku
            )));
        }
        if quantity.is_zero() {
            return Err(TerminalError::InvalidInput(
                "the quantity must be more than zero".to_owned(),
            ));
        }
        within(limits::check_quantity("a line's quantity", quantity))?;
        let existing = self.lines.iter().position(|line| {
            line.item_id == item.row.id && line.discount.is_none() && line.overridden_from.is_none()
        });
        if let Some(index) = existing {
            let line = &mut self.lines[index];
            let quantity = line.quantity.checked_add(quantity)?;
            within(limits::check_quantity("a line's quantity", quantity))?;
            line.quantity = quantity;
            return Ok(index + 1);
        }
        within(limits::check_count(
            "the number of lines",
            self.lines.len() + 1,
            limits::MAX_LINES,
        ))?;
        self.lines.push(CartLine {
            item_id: item.row.id,
            sku: item.row.sku.clone(),
            name: item.row.name.clone(),
            unit_price: item.row.price,
            price_includes_tax: item.row.price_includes_tax,
            tax_rate: item.tax_rate,
            quantity,
            discount: None,
            overridden_from: None,
        });
        Ok(self.lines.len())
    }

    /// The line numbered `line_no` (1-based, as the cashier sees it).
    pub fn line_mut(&mut self, line_no: usize) -> Result<&mut CartLine, TerminalError> {
        line_no
            .checked_sub(1)
            .and_then(|index| self.lines.get_mut(index))
            .ok_or(TerminalError::NoSuchLine(line_no))
    }

    pub fn set_quantity(
        &mut self,
        line_no: usize,
        quantity: Quantity,
    ) -> Result<(), TerminalError> {
        if quantity.is_zero() {
            return Err(TerminalError::InvalidInput(
                "the quantity must be more than zero (remove the line instead)".to_owned(),
            ));
        }
        within(limits::check_quantity("a line's quantity", quantity))?;
        self.line_mut(line_no)?.quantity = quantity;
        Ok(())
    }

    pub fn remove_line(&mut self, line_no: usize) -> Result<CartLine, TerminalError> {
        self.line_mut(line_no)?;
        Ok(self.lines.remove(line_no - 1))
    }

    pub fn set_line_discount(
        &mut self,
        line_no: usize,
        discount: Option<Discount>,
    ) -> Result<(), TerminalError> {
        self.line_mut(line_no)?.discount = discount;
        Ok(())
    }

    /// Sets a new unit price (a manager's decision, checked at completion).
    pub fn override_price(&mut self, line_no: usize, price: Money) -> Result<(), TerminalError> {
        if price.is_negative() {
            return Err(TerminalError::InvalidInput(
                "a price cannot be negative".to_owned(),
            ));
        }
        within(limits::check_unit_price("a unit price", price))?;
        let line = self.line_mut(line_no)?;
        line.overridden_from.get_or_insert(line.unit_price);
        line.unit_price = price;
        Ok(())
    }

    /// The cart priced by the shared domain rules.
    pub fn totals(&self) -> Result<SaleTotals, TerminalError> {
        let inputs: Vec<LineInput> = self
            .lines
            .iter()
            .map(|line| LineInput {
                unit_price: line.unit_price,
                quantity: line.quantity,
                tax_rate: line.tax_rate,
                price_includes_tax: line.price_includes_tax,
                discount: line.discount,
            })
            .collect();
        Ok(price_sale(&inputs, self.cart_discount)?)
    }
}

/// A value beyond the bounds HQ accepts (`pos_domain::limits`) is refused as it is typed.
pub(crate) fn within(checked: Result<(), limits::LimitError>) -> Result<(), TerminalError> {
    checked.map_err(|e| TerminalError::InvalidInput(e.to_string()))
}
