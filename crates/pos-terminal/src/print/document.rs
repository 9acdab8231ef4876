//! The bytes of a receipt or a Z report, rendered from what the store recorded and the
//! printer's settings.

use pos_receipt::{
    CustomerInfo, DrawerPin, EscPosOptions, LineParts, Paper, ReceiptDocument, SaleParts,
    StoreHeader, StoreProfile, TimeZone, escpos,
};
use pos_store::{PaymentMethod, PrinterSettings, ShiftSummary, StoredSale};

use crate::{Terminal, TerminalError, clock};

/// How a receipt is shown off paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptFormat {
    Text,
    Html,
}

fn render_error(error: &pos_receipt::ReceiptError) -> TerminalError {
    TerminalError::Printer(format!("the receipt cannot be laid out: {error}"))
}

fn options(settings: &PrinterSettings, drawer: bool) -> EscPosOptions {
    let mut options = EscPosOptions::new(if settings.paper_mm == 58 {
        Paper::Mm58
    } else {
        Paper::Mm80
    });
    options.drawer = drawer.then_some(DrawerPin::Pin2);
    options
}

impl Terminal {
    fn store_profile(&self, settings: &PrinterSettings) -> Result<StoreProfile, TerminalError> {
        let location = self
            .store
            .location_name(self.identity.location_id)?
            .unwrap_or_default();
        Ok(StoreProfile {
            header: StoreHeader {
                organization: if settings.store_name.is_empty() {
                    location.clone()
                } else {
                    settings.store_name.clone()
                },
                location: if settings.store_name.is_empty() {
                    String::new()
                } else {
                    location
                },
                address: settings.store_address.clone(),
                tax_id: Some(settings.tax_id.clone()).filter(|id| !id.is_empty()),
            },
            zone: TimeZone::system(),
            footer: settings.footer.clone(),
        })
    }

    /// ESC/POS for the sale or refund `receipt_no`, as recorded. A sale paid partly in cash
    /// opens the drawer as it prints.
    pub(crate) fn receipt_bytes(
        &self,
        receipt_no: &str,
        settings: &PrinterSettings,
    ) -> Result<Vec<u8>, TerminalError> {
        let (document, cash) = self.receipt_document(receipt_no, settings)?;
        Ok(escpos(&document, &options(settings, cash)))
    }

    /// The receipt of `receipt_no` as plain text as wide as the paper (a screen, a log) or
    /// as a self-contained HTML page (e-mail, a reprint on an office printer).
    pub fn receipt_as(
        &self,
        receipt_no: &str,
        format: ReceiptFormat,
    ) -> Result<String, TerminalError> {
        let settings = self.store.printer_settings()?;
        let (document, _) = self.receipt_document(receipt_no, &settings)?;
        Ok(match format {
            ReceiptFormat::Text => {
                pos_receipt::text(&document, options(&settings, false).columns())
            }
            ReceiptFormat::Html => pos_receipt::html(&document),
        })
    }

    /// The document, and whether cash was paid (the drawer opens for it).
    fn receipt_document(
        &self,
        receipt_no: &str,
        settings: &PrinterSettings,
    ) -> Result<(ReceiptDocument, bool), TerminalError> {
        let sale = self
            .store
            .sale_by_receipt(receipt_no.trim())?
            .ok_or_else(|| TerminalError::UnknownReceipt(receipt_no.to_owned()))?;
        let parts = self.sale_parts(&sale)?;
        let document = ReceiptDocument::for_sale(&self.store_profile(settings)?, &parts)
            .map_err(|e| render_error(&e))?;
        let cash = sale
            .payments
            .iter()
            .any(|p| p.method == PaymentMethod::Cash);
        Ok((document, cash))
    }

    fn sale_parts(&self, sale: &StoredSale) -> Result<SaleParts, TerminalError> {
        let cashier = self
            .store
            .user_by_id(sale.cashier_id)?
            .map_or_else(|| sale.cashier_id.to_string(), |user| user.name);
        let refund_of = match sale.refund_of {
            Some(id) => self
                .store
                .sale_by_id(id)?
                .map(|original| original.receipt_no),
            None => None,
        };
        let customer = match sale.customer_id {
            Some(id) => self.store.customer_by_id(id)?.map(|c| CustomerInfo {
                name: c.name,
                store_credit_balance: Some(c.store_credit),
            }),
            None => None,
        };
        Ok(SaleParts {
            kind: sale.kind,
            receipt_no: sale.receipt_no.clone(),
            refund_of,
            occurred_at: sale.occurred_at.clone(),
            cashier,
            lines: sale
                .lines
                .iter()
                .map(|line| LineParts {
                    name: line.name.clone(),
                    quantity: line.quantity,
                    unit_price: line.unit_price,
                    tax_rate: line.tax_rate,
                    gross: line.gross,
                    discount: line
                        .line_discount
                        .checked_add(line.cart_discount_share)
                        .unwrap_or(line.line_discount),
                    tax: line.tax,
                    total: line.total,
                })
                .collect(),
            payments: sale.payments.clone(),
            subtotal: sale.subtotal,
            discount_total: sale.discount_total,
            tax_total: sale.tax_total,
            tax_included: sale.tax_included,
            total: sale.total,
            change_given: sale.change_given,
            customer,
        })
    }

    /// Queues the Z report of a closed shift (nothing when no printer is set).
    pub(crate) fn queue_z_report(
        &mut self,
        summary: &ShiftSummary,
        closed_by: &str,
    ) -> Result<(), TerminalError> {
        let settings = self.store.printer_settings()?;
        if settings.address.trim() == "none" {
            return Ok(());
        }
        let number = format!("Z-{}", summary.shift.id.simple());
        let at = summary
            .shift
            .closed_at
            .clone()
            .unwrap_or_else(clock::now_utc);
        let document = ReceiptDocument::shift_report(
            &self.store_profile(&settings)?,
            summary,
            &number,
            closed_by,
            &at,
        )
        .map_err(|e| render_error(&e))?;
        let bytes = escpos(&document, &options(&settings, false));
        self.store
            .queue_print_job(&format!("Z report {number}"), &bytes, &clock::now_utc())?;
        Ok(())
    }
}
