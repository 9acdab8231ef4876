//! What can go wrong at the till, each with a stable code the UI and scripts can act on.

use pos_domain::{PricingError, RefundError, TenderError, ValueError};
use pos_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum TerminalError {
    #[error("this terminal is not set up yet: run `pos init` (or `pos init --demo`)")]
    NotInitialized,
    #[error("this data folder already holds a terminal; it is never overwritten")]
    AlreadyInitialized,
    #[error("no item has the barcode or SKU \"{0}\"")]
    UnknownItem(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("that PIN is not right")]
    WrongPin,
    #[error("{name} is locked after too many wrong PINs until {until}")]
    Locked { name: String, until: String },
    #[error(
        "this till takes no PIN for {minutes} minutes after {failures} wrong PINs in a row; ask a manager"
    )]
    TillLocked { failures: usize, minutes: i64 },
    #[error("this needs a manager's approval: {0}")]
    NeedsManager(String),
    #[error("no shift is open: open one with a float first")]
    NoOpenShift,
    #[error("the sale has no lines")]
    EmptySale,
    #[error("there is no line {0} in the sale")]
    NoSuchLine(usize),
    #[error("no sale has the receipt number {0}")]
    UnknownReceipt(String),
    #[error("nobody is signed in at this till: sign in with your PIN")]
    NotSignedIn,
    #[error("this sale changed or was already finished; check the screen and try again")]
    StaleSale,
    #[error("the printer: {0}")]
    Printer(String),
    #[error(transparent)]
    Value(#[from] ValueError),
    #[error(transparent)]
    Pricing(#[from] PricingError),
    #[error(transparent)]
    Tender(#[from] TenderError),
    #[error(transparent)]
    Refund(#[from] RefundError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl TerminalError {
    /// A stable machine-readable code (`{ code, message }` at the UI boundary).
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotInitialized => "not_initialized",
            Self::AlreadyInitialized => "already_initialized",
            Self::UnknownItem(_) => "unknown_item",
            Self::InvalidInput(_) | Self::Value(_) => "invalid_input",
            Self::WrongPin => "wrong_pin",
            Self::Locked { .. } | Self::TillLocked { .. } => "locked",
            Self::NeedsManager(_) => "needs_manager",
            Self::NoOpenShift => "no_open_shift",
            Self::EmptySale => "empty_sale",
            Self::NoSuchLine(_) => "no_such_line",
            Self::UnknownReceipt(_) => "unknown_receipt",
            Self::NotSignedIn => "not_signed_in",
            Self::Printer(_) => "printer",
            Self::StaleSale => "stale_sale",
            Self::Pricing(_) => "pricing",
            Self::Tender(_) => "payment",
            Self::Refund(_) => "refund",
            Self::Store(_) => "store",
        }
    }
}
