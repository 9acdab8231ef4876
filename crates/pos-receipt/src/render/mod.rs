//! Renderers: pure functions from a [`crate::ReceiptDocument`] to what shows it.

pub(crate) mod escpos;
pub(crate) mod html;
pub(crate) mod text;
