//! A shift's X report (still open) or Z report (closed), from its summary.

use pos_domain::Money;
use sync_protocol::ShiftSummary;

use super::tax_letters::letter;
use crate::labels;
use crate::{
    AmountRow, Detail, DocumentKind, ReceiptDocument, ReceiptError, StoreProfile, TaxRow,
    TenderRow, wall_clock,
};

impl ReceiptDocument {
    /// The report of a shift: a Z report once it is closed, an X report while it is open.
    /// `number` is what the caller numbers reports by; `cashier` who asked for it; `at`
    /// (RFC 3339) when it was asked for. The drawer section is laid out so that its
    /// amounts, as printed, add up to the expected cash.
    pub fn shift_report(
        store: &StoreProfile,
        summary: &ShiftSummary,
        number: &str,
        cashier: &str,
        at: &str,
    ) -> Result<ReceiptDocument, ReceiptError> {
        let shift = &summary.shift;
        let mut details = vec![Detail {
            label: labels::OPENED.to_owned(),
            value: wall_clock(&shift.opened_at, &store.zone)?,
        }];
        if let Some(closed_at) = &shift.closed_at {
            details.push(Detail {
                label: labels::CLOSED.to_owned(),
                value: wall_clock(closed_at, &store.zone)?,
            });
        }
        Ok(ReceiptDocument {
            kind: if shift.closed_at.is_some() {
                DocumentKind::ZReport
            } else {
                DocumentKind::XReport
            },
            header: store.header.clone(),
            number: number.to_owned(),
            issued_at: wall_clock(at, &store.zone)?,
            cashier: cashier.to_owned(),
            details,
            lines: Vec::new(),
            totals: totals(summary)?,
            taxes: summary
                .taxes_by_rate
                .iter()
                .enumerate()
                .map(|(i, (rate, tax))| TaxRow {
                    letter: letter(i),
                    rate: *rate,
                    net: None,
                    tax: *tax,
                })
                .collect(),
            tenders: summary
                .tenders
                .iter()
                .map(|(method, amount)| TenderRow {
                    label: labels::payment(*method).to_owned(),
                    reference: None,
                    amount: *amount,
                })
                .collect(),
            change: Money::ZERO,
            drawer: drawer(summary),
            customer: None,
            footer: Vec::new(),
            barcode: None,
        })
    }
}

fn row(label: impl Into<String>, amount: Money) -> AmountRow {
    AmountRow {
        label: label.into(),
        amount,
        grand: false,
    }
}

fn totals(s: &ShiftSummary) -> Result<Vec<AmountRow>, ReceiptError> {
    let net = s.sales_total.checked_add(s.refunds_total)?;
    Ok(vec![
        row(
            format!("{} ({})", labels::SALES, s.sales_count),
            s.sales_total,
        ),
        row(
            format!("{} ({})", labels::REFUNDS, s.refunds_count),
            s.refunds_total,
        ),
        AmountRow {
            grand: true,
            ..row(labels::NET, net)
        },
        row(labels::DISCOUNTS, s.discount_total),
        row(labels::TAX_ADDED, s.tax_total),
        row(labels::TAX_INCLUDED, s.tax_included),
    ])
}

/// Change and cash taken out are printed negative, so the column adds up to the
/// expected cash the way the drawer does.
fn drawer(s: &ShiftSummary) -> Vec<AmountRow> {
    let mut rows = vec![
        row(labels::OPENING_FLOAT, s.opening_float),
        row(labels::CASH_PAYMENTS, s.cash_payments),
        row(labels::CHANGE_GIVEN, -s.change_given),
        row(labels::CASH_IN, s.cash_in),
        row(labels::CASH_OUT, -s.cash_out),
        row(labels::EXPECTED_CASH, s.expected_cash),
    ];
    if let Some(counted) = s.counted_cash {
        rows.push(row(labels::COUNTED_CASH, counted));
    }
    if let Some(over_short) = s.over_short {
        rows.push(row(labels::OVER_SHORT, over_short));
    }
    rows
}
