//! `pos printer`, `pos receipt print`, `pos drawer open`, and printing what a command just
//! committed. The sale is saved before anything is sent: a printer that fails gets a
//! warning on stderr and keeps the receipt queued, and the command still succeeds.

use anyhow::Context;
use pos_terminal::{PrinterSetup, ReceiptFormat, Terminal};

use crate::cli::{DrawerCommand, PrinterCommand, ReceiptCommand};
use crate::commands::{Outcome, emit};
use crate::plain::{plain, plain_lines};
use crate::{Refused, print};

/// Sends what waits after a commit; a failure is a warning, never the command's result.
pub fn after_commit(terminal: &mut Terminal) {
    match terminal.print_waiting() {
        Ok(round) => {
            if let Some(error) = round.error {
                eprintln!(
                    "warning: {}; it waits in the print queue (`pos printer retry`)",
                    plain(&error)
                );
            }
        }
        Err(error) => eprintln!("warning: printing failed: {}", plain(&error.to_string())),
    }
}

pub fn printer(terminal: &mut Terminal, command: PrinterCommand) -> Outcome {
    match command {
        PrinterCommand::Set {
            address,
            paper,
            store_name,
            address_lines,
            tax_id,
            footer,
            json,
        } => {
            let current = terminal.printer()?.setup;
            let setup = PrinterSetup {
                address,
                paper_mm: paper.unwrap_or(current.paper_mm),
                store_name: store_name.unwrap_or(current.store_name),
                store_address: if address_lines.is_empty() {
                    current.store_address
                } else {
                    address_lines
                },
                tax_id: tax_id.unwrap_or(current.tax_id),
                footer: if footer.is_empty() {
                    current.footer
                } else {
                    footer
                },
            };
            let status = terminal.set_printer(&setup)?;
            emit(json, &status, print::printer)?;
        }
        PrinterCommand::Show { json } => {
            let status = terminal.printer()?;
            emit(json, &status, print::printer)?;
        }
        PrinterCommand::Retry { json } => {
            let round = terminal.print_waiting()?;
            emit(json, &round, print::print_round)?;
            if round.error.is_some() {
                return Ok(Err(Refused));
            }
        }
    }
    Ok(Ok(()))
}

pub fn receipt(terminal: &mut Terminal, command: ReceiptCommand) -> Outcome {
    let receipt = match command {
        ReceiptCommand::Print { receipt } => receipt,
        ReceiptCommand::Show { receipt, html } => {
            let format = if html {
                ReceiptFormat::Html
            } else {
                ReceiptFormat::Text
            };
            // Receipts clean their own text; this keeps that true for whatever they become.
            print!("{}", plain_lines(&terminal.receipt_as(&receipt, format)?));
            return Ok(Ok(()));
        }
    };
    if !terminal.queue_receipt(&receipt)? {
        anyhow::bail!("no printer is set: run `pos printer set tcp://HOST:PORT` first");
    }
    let round = terminal.print_waiting()?;
    match round.error {
        Some(error) => {
            eprintln!(
                "error: {}; it waits in the print queue (`pos printer retry`)",
                plain(&error)
            );
            Ok(Err(Refused))
        }
        None => {
            println!("Printed {}.", plain(&receipt));
            Ok(Ok(()))
        }
    }
}

pub fn drawer(terminal: &mut Terminal, command: DrawerCommand) -> anyhow::Result<()> {
    let DrawerCommand::Open { manager, reason } = command;
    let manager = terminal
        .manager_approval(&manager, "opening the drawer without a sale")
        .context("manager")?;
    terminal.open_drawer(&manager, &manager, &reason)?;
    println!("The drawer is open (written to the audit log).");
    Ok(())
}
