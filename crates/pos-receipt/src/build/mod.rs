//! Building a [`crate::ReceiptDocument`] from what the terminal has when a sale, refund or
//! shift report completes.

mod sale;
mod shift_report;
mod store;
mod tax_letters;

pub use sale::{LineParts, SaleParts};
pub use store::StoreProfile;
