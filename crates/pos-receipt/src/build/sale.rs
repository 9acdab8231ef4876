//! A sale's or a refund's receipt, from the sale as recorded.

use std::collections::BTreeMap;

use pos_domain::{Money, Quantity, TaxRate};
use sync_protocol::{NewPayment, NewSale, NewSaleLine, SaleKind};

use super::tax_letters::{letter, letter_of};
use crate::labels;
use crate::{
    AmountRow, Code128, CustomerInfo, Detail, DocumentKind, ReceiptDocument, ReceiptError,
    ReceiptLine, StoreProfile, TaxRow, TenderRow, wall_clock,
};

/// One line as recorded (the fields `NewSaleLine` and the store's sale lines share).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineParts {
    /// The item's name at the time of sale.
    pub name: String,
    /// How many, positive.
    pub quantity: Quantity,
    /// Price of one.
    pub unit_price: Money,
    /// The rate applied.
    pub tax_rate: TaxRate,
    /// `round(unit_price × quantity)`.
    pub gross: Money,
    /// The line's own discount plus its share of the cart's.
    pub discount: Money,
    /// The line's tax (added on top, or contained in the price).
    pub tax: Money,
    /// The line's recorded total (with the tax added on top, if any).
    pub total: Money,
}

impl From<&NewSaleLine> for LineParts {
    fn from(line: &NewSaleLine) -> LineParts {
        LineParts {
            name: line.name.clone(),
            quantity: line.quantity,
            unit_price: line.unit_price,
            tax_rate: line.tax_rate,
            gross: line.gross,
            // Both fit alone; a sum that does not is a corrupt record, shown as the line's
            // own discount rather than refusing to print.
            discount: line
                .line_discount
                .checked_add(line.cart_discount_share)
                .unwrap_or(line.line_discount),
            tax: line.tax,
            total: line.total,
        }
    }
}

/// A completed sale or refund, with what the record does not carry (the receipt number
/// the store assigned, names instead of ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleParts {
    /// Sale or refund.
    pub kind: SaleKind,
    /// The number the store assigned at commit (`T01-000123`).
    pub receipt_no: String,
    /// On a refund, the receipt number of the sale it reverses.
    pub refund_of: Option<String>,
    /// When, RFC 3339 (UTC), as recorded.
    pub occurred_at: String,
    /// Who rang it up, by name.
    pub cashier: String,
    /// The lines, in order.
    pub lines: Vec<LineParts>,
    /// The payments, in order.
    pub payments: Vec<NewPayment>,
    /// Σ gross.
    pub subtotal: Money,
    /// Σ discounts.
    pub discount_total: Money,
    /// Tax added on top of exclusive prices.
    pub tax_total: Money,
    /// Tax contained in inclusive prices.
    pub tax_included: Money,
    /// What the customer pays (negative on a refund).
    pub total: Money,
    /// Cash handed back.
    pub change_given: Money,
    /// The customer, when one was attached.
    pub customer: Option<CustomerInfo>,
}

impl SaleParts {
    /// The parts of a sale as the till handed it to the store; `refund_of` and `customer`
    /// are left for the caller, who knows the names behind the ids.
    pub fn from_new_sale(sale: &NewSale, receipt_no: &str, cashier: &str) -> SaleParts {
        SaleParts {
            kind: sale.kind,
            receipt_no: receipt_no.to_owned(),
            refund_of: None,
            occurred_at: sale.occurred_at.clone(),
            cashier: cashier.to_owned(),
            lines: sale.lines.iter().map(LineParts::from).collect(),
            payments: sale.payments.clone(),
            subtotal: sale.subtotal,
            discount_total: sale.discount_total,
            tax_total: sale.tax_total,
            tax_included: sale.tax_included,
            total: sale.total,
            change_given: sale.change_given,
            customer: None,
        }
    }
}

impl ReceiptDocument {
    /// The receipt of a completed sale or refund. Amounts are printed as recorded; only
    /// the tax per rate is summed here, from the lines. The receipt number becomes the
    /// barcode when Code 128 can carry it (it always can for the store's numbers; if not,
    /// the receipt still prints, with the number as text only).
    pub fn for_sale(
        store: &StoreProfile,
        sale: &SaleParts,
    ) -> Result<ReceiptDocument, ReceiptError> {
        let taxes = taxes_by_rate(&sale.lines)?;
        let rates: Vec<TaxRate> = taxes.iter().map(|t| t.rate).collect();
        let lines = sale
            .lines
            .iter()
            .map(|line| receipt_line(line, letter_of(&rates, line.tax_rate)))
            .collect::<Result<_, _>>()?;
        Ok(ReceiptDocument {
            kind: match sale.kind {
                SaleKind::Sale => DocumentKind::Sale,
                SaleKind::Refund => DocumentKind::Refund,
            },
            header: store.header.clone(),
            number: sale.receipt_no.clone(),
            issued_at: wall_clock(&sale.occurred_at, &store.zone)?,
            cashier: sale.cashier.clone(),
            details: sale
                .refund_of
                .iter()
                .map(|original| Detail {
                    label: labels::REFUND_OF.to_owned(),
                    value: original.clone(),
                })
                .collect(),
            lines,
            totals: totals(sale),
            taxes,
            tenders: sale
                .payments
                .iter()
                .map(|p| TenderRow {
                    label: labels::payment(p.method).to_owned(),
                    reference: p.reference.clone(),
                    amount: p.amount,
                })
                .collect(),
            change: sale.change_given,
            drawer: Vec::new(),
            customer: sale.customer.clone(),
            footer: store.footer.clone(),
            barcode: Code128::new(&sale.receipt_no).ok(),
        })
    }
}

fn receipt_line(line: &LineParts, tax_letter: Option<char>) -> Result<ReceiptLine, ReceiptError> {
    Ok(ReceiptLine {
        name: line.name.clone(),
        quantity: line.quantity,
        unit_price: line.unit_price,
        gross: line.gross,
        discount: line.discount,
        total: line.gross.checked_sub(line.discount)?,
        tax_letter,
    })
}

/// Subtotal, discounts, tax added on top, the total, and the tax the prices contained.
/// Rows that would print zero are left out, except the subtotal and the total.
fn totals(sale: &SaleParts) -> Vec<AmountRow> {
    let row = |label: &str, amount: Money, grand: bool| AmountRow {
        label: label.to_owned(),
        amount,
        grand,
    };
    let mut rows = vec![row(labels::SUBTOTAL, sale.subtotal, false)];
    if !sale.discount_total.is_zero() {
        rows.push(row(labels::DISCOUNTS, -sale.discount_total, false));
    }
    if !sale.tax_total.is_zero() {
        rows.push(row(labels::TAX, sale.tax_total, false));
    }
    rows.push(row(labels::TOTAL, sale.total, true));
    if !sale.tax_included.is_zero() {
        rows.push(row(labels::TAX_INCLUDED, sale.tax_included, false));
    }
    rows
}

/// Σ net and Σ tax per rate, by ascending rate. A line's net is its recorded total less
/// its tax, whether the tax was added on top or contained in the price.
fn taxes_by_rate(lines: &[LineParts]) -> Result<Vec<TaxRow>, ReceiptError> {
    let mut by_rate: BTreeMap<TaxRate, (Money, Money)> = BTreeMap::new();
    for line in lines {
        let net = line.total.checked_sub(line.tax)?;
        let (sum_net, sum_tax) = by_rate.entry(line.tax_rate).or_default();
        *sum_net = sum_net.checked_add(net)?;
        *sum_tax = sum_tax.checked_add(line.tax)?;
    }
    Ok(by_rate
        .into_iter()
        .enumerate()
        .map(|(i, (rate, (net, tax)))| TaxRow {
            letter: letter(i),
            rate,
            net: Some(net),
            tax,
        })
        .collect())
}
