//! What a completed sale or refund tells the cashier (and the receipt printer).

use pos_domain::{Money, Quantity};
use pos_store::{NewSale, PaymentMethod, SaleKind};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceiptLine {
    pub sku: String,
    pub name: String,
    pub quantity: Quantity,
    pub unit_price: Money,
    pub discount: Money,
    pub tax: Money,
    pub price_includes_tax: bool,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceiptPayment {
    pub method: PaymentMethod,
    pub amount: Money,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Receipt {
    pub receipt_no: String,
    pub kind: SaleKind,
    pub occurred_at: String,
    pub cashier: String,
    pub lines: Vec<ReceiptLine>,
    pub subtotal: Money,
    pub discount_total: Money,
    pub tax_total: Money,
    pub tax_included: Money,
    pub total: Money,
    pub paid: Money,
    pub change: Money,
    pub payments: Vec<ReceiptPayment>,
    /// SKUs now below zero at this location: sold anyway, flagged for the manager.
    pub negative_stock: Vec<String>,
}

impl Receipt {
    pub(crate) fn new(
        receipt_no: String,
        cashier: &str,
        sale: &NewSale,
        skus: &[String],
        negative_stock: Vec<String>,
    ) -> Self {
        Self {
            receipt_no,
            kind: sale.kind,
            occurred_at: sale.occurred_at.clone(),
            cashier: cashier.to_owned(),
            lines: sale
                .lines
                .iter()
                .zip(skus)
                .map(|(line, sku)| ReceiptLine {
                    sku: sku.clone(),
                    name: line.name.clone(),
                    quantity: line.quantity,
                    unit_price: line.unit_price,
                    discount: Money::checked_sum([line.line_discount, line.cart_discount_share])
                        .unwrap_or(line.line_discount),
                    tax: line.tax,
                    price_includes_tax: line.price_includes_tax,
                    total: line.total,
                })
                .collect(),
            subtotal: sale.subtotal,
            discount_total: sale.discount_total,
            tax_total: sale.tax_total,
            tax_included: sale.tax_included,
            total: sale.total,
            paid: sale.paid_total,
            change: sale.change_given,
            payments: sale
                .payments
                .iter()
                .map(|p| ReceiptPayment {
                    method: p.method,
                    amount: p.amount,
                    reference: p.reference.clone(),
                })
                .collect(),
            negative_stock,
        }
    }
}
