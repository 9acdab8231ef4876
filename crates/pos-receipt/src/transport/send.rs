//! Sending a rendered receipt to wherever the printer is.

use std::time::Duration;

use super::{file, tcp};
use crate::{PrintError, PrinterAddress};

/// The shortest deadline [`send_with`] uses, whatever it is given: no printer answers
/// faster, and a zero would be refused by the socket.
const MIN_TIMEOUT: Duration = Duration::from_millis(100);

/// Deadlines for one print job. There is deliberately no deadline for the whole job: a
/// hundred-line receipt on a slow printer takes as long as it takes, as long as the
/// printer keeps taking data. Deadlines under 100 ms are raised to 100 ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendOptions {
    /// How long to wait for the printer to answer (TCP connect, device open, name lookup).
    pub connect_timeout: Duration,
    /// How long one write may wait for the printer to take data.
    pub write_timeout: Duration,
    /// Bytes per write: small enough for a printer's input buffer, large enough to be
    /// quick.
    pub chunk_size: usize,
}

impl Default for SendOptions {
    /// 3 s to connect, 10 s per write (a printer mid-cut or feeding pauses that long),
    /// 512-byte chunks.
    fn default() -> SendOptions {
        SendOptions {
            connect_timeout: Duration::from_secs(3),
            write_timeout: Duration::from_secs(10),
            chunk_size: 512,
        }
    }
}

/// What happened to the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The printer took every byte, in `chunks` writes.
    Sent {
        /// Bytes sent.
        bytes: usize,
        /// Writes it took.
        chunks: usize,
    },
    /// The address is `none`: nothing to send to.
    NoPrinter,
}

/// Sends `bytes` with the default deadlines; see [`send_with`].
pub fn send(address: &PrinterAddress, bytes: &[u8]) -> Result<Delivery, PrintError> {
    send_with(address, bytes, &SendOptions::default())
}

/// Sends `bytes` to the printer at `address`, in chunks, and returns once the printer (or
/// the operating system on its behalf) has taken them all.
///
/// Blocking, but never for long without progress: an unreachable printer fails within the
/// connect timeout and a stalled one within a write timeout. Call it off the thread that
/// completes sales. Nothing is read from the printer first, so a printer whose status
/// cannot be read still prints. A failure is reported, never retried here.
pub fn send_with(
    address: &PrinterAddress,
    bytes: &[u8],
    options: &SendOptions,
) -> Result<Delivery, PrintError> {
    let name = address.to_string();
    // Sockets refuse a zero deadline, and a zero chunk would never finish: both are slips.
    let options = &SendOptions {
        connect_timeout: options.connect_timeout.max(MIN_TIMEOUT),
        write_timeout: options.write_timeout.max(MIN_TIMEOUT),
        chunk_size: options.chunk_size.max(1),
    };
    let chunks = match address {
        PrinterAddress::None => return Ok(Delivery::NoPrinter),
        PrinterAddress::Tcp { host, port } => tcp::send(host, *port, bytes, options, &name)?,
        PrinterAddress::File(path) => file::send(path, bytes, options, &name)?,
    };
    Ok(Delivery::Sent {
        bytes: bytes.len(),
        chunks,
    })
}
