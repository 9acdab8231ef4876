//! Receipts on paper: the printer's settings, the print queue and sending it. A committed
//! sale, refund or Z report queues its receipt (rendered there and then); sending happens
//! after, from the queue, so a printer that is off or unreachable changes nothing but the
//! queue. Jobs go out in order and a failure stops the round: the next ones would fail too.

mod document;
mod worker;

pub use document::ReceiptFormat;
pub use worker::PrintWorker;

use pos_receipt::{Delivery, DrawerPin, PrinterAddress, check_printer, open_drawer};
use pos_store::PrinterSettings;
use serde::{Deserialize, Serialize};

use crate::staff::Staff;
use crate::{Terminal, TerminalError, clock};

/// The printer and receipt settings, as shown and as changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrinterSetup {
    /// `none`, `tcp://HOST:PORT` or `file:///dev/usb/lp0`.
    pub address: String,
    /// 58 or 80.
    pub paper_mm: u8,
    pub store_name: String,
    pub store_address: Vec<String>,
    pub tax_id: String,
    pub footer: Vec<String>,
}

/// The printer's settings with the state of its queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrinterStatus {
    pub setup: PrinterSetup,
    /// Receipts not printed yet.
    pub waiting: i64,
    /// Why the oldest of them did not print.
    pub last_error: Option<String>,
}

/// What one round of sending did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintRound {
    pub printed: u32,
    pub waiting: i64,
    /// The failure that stopped the round, if one did.
    pub error: Option<String>,
}

fn printer_error(error: &pos_receipt::PrintError) -> TerminalError {
    TerminalError::Printer(error.to_string())
}

impl Terminal {
    pub fn printer(&self) -> Result<PrinterStatus, TerminalError> {
        let settings = self.store.printer_settings()?;
        let queue = self.store.print_queue()?;
        Ok(PrinterStatus {
            setup: PrinterSetup {
                address: settings.address,
                paper_mm: settings.paper_mm,
                store_name: settings.store_name,
                store_address: settings.store_address,
                tax_id: settings.tax_id,
                footer: settings.footer,
            },
            waiting: queue.waiting,
            last_error: queue.last_error,
        })
    }

    /// Changes the printer and receipt settings; the address and paper are checked first.
    /// A `file://` printer must be a character device now (sending checks it again, since
    /// the path can change after it was set).
    pub fn set_printer(&mut self, setup: &PrinterSetup) -> Result<PrinterStatus, TerminalError> {
        let address = PrinterAddress::parse(setup.address.trim())
            .and_then(|address| check_printer(&address).map(|()| address))
            .map_err(|e| TerminalError::InvalidInput(e.to_string()))?;
        if !matches!(setup.paper_mm, 58 | 80) {
            return Err(TerminalError::InvalidInput(format!(
                "paper is 58 or 80 mm, not {}",
                setup.paper_mm
            )));
        }
        let tidy = |lines: &[String]| -> Vec<String> {
            lines
                .iter()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect()
        };
        self.store.set_printer_settings(&PrinterSettings {
            address: address.to_string(),
            paper_mm: setup.paper_mm,
            store_name: setup.store_name.trim().to_owned(),
            store_address: tidy(&setup.store_address),
            tax_id: setup.tax_id.trim().to_owned(),
            footer: tidy(&setup.footer),
        })?;
        self.printer()
    }

    /// Queues the receipt of the sale or refund `receipt_no` (a reprint, or right after
    /// commit). Nothing is queued when no printer is set.
    pub fn queue_receipt(&mut self, receipt_no: &str) -> Result<bool, TerminalError> {
        let settings = self.store.printer_settings()?;
        if address(&settings)? == PrinterAddress::None {
            return Ok(false);
        }
        let bytes = self.receipt_bytes(receipt_no, &settings)?;
        self.store
            .queue_print_job(receipt_no, &bytes, &clock::now_utc())?;
        Ok(true)
    }

    /// Sends waiting jobs in order until one fails. Never fails because the printer did:
    /// that is in the answer (and on the job, for the next round).
    pub fn print_waiting(&mut self) -> Result<PrintRound, TerminalError> {
        let settings = self.store.printer_settings()?;
        let target = address(&settings)?;
        let mut printed = 0;
        let mut error = None;
        if target != PrinterAddress::None {
            for job in self.store.waiting_print_jobs(100)? {
                match pos_receipt::send(&target, &job.bytes) {
                    Ok(Delivery::Sent { .. }) => {
                        self.store.mark_printed(job.id, &clock::now_utc())?;
                        printed += 1;
                    }
                    Ok(Delivery::NoPrinter) => break,
                    Err(failure) => {
                        let why = format!("{} did not print: {failure}", job.document);
                        self.store.mark_print_failed(job.id, &why)?;
                        error = Some(why);
                        break;
                    }
                }
            }
        }
        Ok(PrintRound {
            printed,
            waiting: self.store.print_queue()?.waiting,
            error,
        })
    }

    /// Opens the cash drawer without a sale: a manager approves, the audit log keeps it,
    /// and the pulse goes through the printer at once (it is not queued: a drawer that
    /// opens an hour later helps nobody).
    pub fn open_drawer(
        &mut self,
        by: &Staff,
        manager: &Staff,
        reason: &str,
    ) -> Result<(), TerminalError> {
        if reason.trim().is_empty() {
            return Err(TerminalError::InvalidInput(
                "say why the drawer is opened".to_owned(),
            ));
        }
        let target = address(&self.store.printer_settings()?)?;
        if target == PrinterAddress::None {
            return Err(TerminalError::Printer(
                "no printer is set, and the drawer opens through it".to_owned(),
            ));
        }
        self.no_sale(by, manager, reason)?;
        pos_receipt::send(&target, &open_drawer(DrawerPin::Pin2)).map_err(|e| printer_error(&e))?;
        Ok(())
    }
}

fn address(settings: &PrinterSettings) -> Result<PrinterAddress, TerminalError> {
    PrinterAddress::parse(&settings.address).map_err(|e| printer_error(&e))
}
