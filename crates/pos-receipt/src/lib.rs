#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
//! Receipts: what a completed sale, refund or shift report prints, and how it reaches a
//! thermal printer.
//!
//! 1. **The document.** [`ReceiptDocument`] is plain data: the store's header, the receipt
//!    number, the store's wall-clock time, the cashier, the lines, totals, tax by rate,
//!    tenders, change, the customer, the footer and the Code 128 payload a refund scans.
//!    [`ReceiptDocument::for_sale`] builds one from a sale as recorded (a sale or a refund)
//!    and [`ReceiptDocument::shift_report`] from a shift's X or Z report. Every amount is a
//!    [`pos_domain::Money`] copied from the record: this crate never prices anything, it
//!    only groups the lines' tax by rate.
//! 2. **Renderers**, all pure functions of the document: [`text`] (the screen and logs),
//!    [`escpos`] (bytes for a 58 mm or 80 mm printer) and [`html`] (e-mail and reprint).
//!    Text and ESC/POS share one layout, so the paper says what the screen said.
//! 3. **Transports.** [`PrinterAddress`] (`tcp://HOST:PORT`, `file:///dev/usb/lp0`,
//!    `none`), [`check_printer`] (a `file://` printer must be a character device, never a
//!    regular file) and [`send`], which writes in chunks with a connect timeout and a
//!    timeout per write but none overall, so a hundred-line receipt on a slow printer
//!    prints whole while a printer that is off fails fast with a clear [`PrintError`].
//!
//! # Why our own ESC/POS encoder
//!
//! The best-kept Rust crate, `escpos` (escpos-rs, 0.20.1 when this was written), was
//! read and not taken:
//! - its barcodes are the function-A set only (UPC, EAN, Code 39, ITF, Codabar), so it
//!   cannot print the Code 128 (`GS k 73`) a receipt number needs;
//! - a character missing from the code page table goes out in its encoder's encoding
//!   (UTF-8 unless told otherwise: garbage on paper) instead of being transliterated, and
//!   control characters in text go to the printer as they are, so an item name could
//!   carry a command (open the drawer, cut);
//! - its network driver needs an IP address once given a timeout and writes a job in one
//!   `write_all`, where we want host names and a deadline per chunk.
//!
//! What a receipt needs is a dozen fixed commands (`ESC @`, `ESC R`, `ESC t`, `ESC M`,
//! `ESC E`, `GS !`, `ESC a`, `GS h/w/H/f/k`, `GS V`, `ESC p`), written out in
//! `render/escpos/commands.rs` with the reason for each and checked byte for byte by the
//! golden tests. The one new dependency is `deunicode` (transliteration); `jiff` (time
//! zones) is the one the terminal already uses.
//!
//! # Never in the way of a sale
//!
//! Nothing here is called before a sale commits, and [`send`] reports a failure as an
//! error and does nothing more: it never retries, never reads the printer's status first (a printer whose status cannot
//! be read still prints) and never waits without a bound. The print queue that retries a
//! failed print lives with the caller.

mod build;
mod code128;
mod code_page;
mod document;
mod error;
mod labels;
mod layout;
mod local_time;
mod render;
mod transport;

pub use build::{LineParts, SaleParts, StoreProfile};
pub use code_page::CodePage;
pub use code128::Code128;
pub use document::{
    AmountRow, CustomerInfo, Detail, DocumentKind, ReceiptDocument, ReceiptLine, StoreHeader,
    TaxRow, TenderRow,
};
pub use error::{PrintError, ReceiptError};
pub use jiff::tz::TimeZone;
pub use layout::Columns;
pub use local_time::wall_clock;
pub use render::escpos::{DrawerPin, EscPosOptions, Paper, escpos, open_drawer};
pub use render::html::html;
pub use render::text::text;
pub use transport::address::PrinterAddress;
pub use transport::device::check_printer;
pub use transport::send::{Delivery, SendOptions, send, send_with};
