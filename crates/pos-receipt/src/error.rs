//! What can go wrong building a receipt or printing one, each with a stable code for the
//! `{ code, message }` the UI receives. Messages are written for the person at the till.

use std::io;

use pos_domain::ValueError;

/// Why a receipt document could not be built. These are faults in what the caller handed
/// over (a record the store should never have accepted), not in the printer.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    /// The sale's time is not an RFC 3339 instant.
    #[error("the receipt's time {input:?} is not an RFC 3339 instant such as 2025-03-14T17:05:00Z")]
    Time {
        /// What was given.
        input: String,
    },
    /// The barcode payload cannot be printed as Code 128.
    #[error("the barcode {payload:?} cannot be printed: {reason}")]
    Barcode {
        /// What was given.
        payload: String,
        /// The rule it broke.
        reason: &'static str,
    },
    /// A paper width the layout cannot use.
    #[error("a receipt is {min} to {max} characters wide, not {given}")]
    Columns {
        /// What was given.
        given: usize,
        /// The narrowest layout.
        min: usize,
        /// The widest layout.
        max: usize,
    },
    /// Summing the lines' tax per rate left the range money can hold (only a corrupt
    /// record can do this: every line already fits).
    #[error("the receipt's tax by rate cannot be summed: {0}")]
    Amount(#[from] ValueError),
}

impl ReceiptError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Time { .. } => "receipt_time_invalid",
            Self::Barcode { .. } => "receipt_barcode_invalid",
            Self::Columns { .. } => "receipt_columns_invalid",
            Self::Amount(_) => "receipt_amount_out_of_range",
        }
    }
}

/// Why a receipt did not reach the printer. The sale it belongs to is already committed;
/// the caller reports this and may queue the bytes for another try.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The printer setting is not an address we understand.
    #[error("printer address {input:?} is not valid: {reason}")]
    Address {
        /// What was given.
        input: String,
        /// What is wrong and what would be right.
        reason: String,
    },
    /// Nothing answered at the address: the printer is off, unplugged, or elsewhere.
    #[error("the printer at {address} cannot be reached: {source}")]
    Unreachable {
        /// The address, as configured.
        address: String,
        /// The operating system's reason (refused, timed out, no such device).
        #[source]
        source: io::Error,
    },
    /// A `file://` printer whose path is not a character device (a regular file, a
    /// folder, a named pipe): nothing is written to it.
    #[error(
        "the printer at {address} is {found}, not a device: a file:// printer must be a \
         character device such as /dev/usb/lp0 (nothing was written to it)"
    )]
    NotADevice {
        /// The address, as configured.
        address: String,
        /// What is there instead ("a regular file").
        found: &'static str,
    },
    /// The printer took part of the receipt and then stopped taking it (out of paper,
    /// cover open, cable pulled). `written` bytes went out before it stopped.
    #[error("the printer at {address} stopped after {written} of {total} bytes: {source}")]
    Interrupted {
        /// The address, as configured.
        address: String,
        /// Bytes the printer accepted.
        written: usize,
        /// Bytes the receipt has.
        total: usize,
        /// The operating system's reason (timed out, connection reset).
        #[source]
        source: io::Error,
    },
}

impl PrintError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Address { .. } => "printer_address_invalid",
            Self::Unreachable { .. } => "printer_unreachable",
            Self::NotADevice { .. } => "printer_not_a_device",
            Self::Interrupted { .. } => "printer_interrupted",
        }
    }
}
