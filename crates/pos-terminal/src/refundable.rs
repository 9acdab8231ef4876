//! A sale looked up for the refund screen: each line with how much can still come back.

use pos_domain::{Money, Quantity};
use pos_store::{CustomerRecord, SaleKind};
use serde::Serialize;

use crate::{Terminal, TerminalError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundableLine {
    pub line_no: i64,
    /// What a refund request names the line's item by.
    pub sku: String,
    pub name: String,
    pub unit_price: Money,
    pub sold: Quantity,
    /// Sold minus refunded so far.
    pub left: Quantity,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundableSale {
    pub receipt_no: String,
    pub occurred_at: String,
    pub total: Money,
    pub customer: Option<CustomerRecord>,
    pub lines: Vec<RefundableLine>,
}

impl Terminal {
    /// The sale with this receipt number (typed, or scanned from the receipt's barcode).
    pub fn refundable_sale(&self, receipt_no: &str) -> Result<RefundableSale, TerminalError> {
        let receipt_no = receipt_no.trim();
        let sale = self
            .store
            .sale_by_receipt(receipt_no)?
            .ok_or_else(|| TerminalError::UnknownReceipt(receipt_no.to_owned()))?;
        if sale.kind != SaleKind::Sale {
            return Err(TerminalError::InvalidInput(format!(
                "{receipt_no} is a refund; look up the sale it refunded"
            )));
        }
        let refunded = self.store.refunded_so_far(sale.id)?;
        let lines = sale
            .lines
            .iter()
            .map(|line| {
                let done = refunded
                    .iter()
                    .find(|r| r.line_id == line.id)
                    .map_or(Quantity::ZERO, |r| r.quantity);
                Ok(RefundableLine {
                    line_no: line.line_no,
                    sku: line.sku.clone(),
                    name: line.name.clone(),
                    unit_price: line.unit_price,
                    sold: line.quantity,
                    left: line.quantity.checked_sub(done)?,
                    total: line.total,
                })
            })
            .collect::<Result<Vec<_>, TerminalError>>()?;
        let customer = match sale.customer_id {
            Some(id) => self.store.customer_by_id(id)?,
            None => None,
        };
        Ok(RefundableSale {
            receipt_no: sale.receipt_no,
            occurred_at: sale.occurred_at,
            total: sale.total,
            customer,
            lines,
        })
    }
}
