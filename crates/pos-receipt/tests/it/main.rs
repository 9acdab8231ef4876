//! The receipts crate from the outside: documents built from priced sales, their golden
//! renderings, the ESC/POS stream's shape, and printing to a loopback TCP printer and to
//! a device.

mod documents;
mod escpos_checks;
mod escpos_stream;
mod fixtures;
mod golden;
mod goldens;
mod html;
mod printing;
#[cfg(unix)]
mod test_device;
mod test_printer;
