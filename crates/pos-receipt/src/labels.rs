//! Every word a receipt prints that is not the store's own text. One place, so that
//! translating receipts later is one file.

pub(crate) const SUBTOTAL: &str = "Subtotal";
pub(crate) const DISCOUNTS: &str = "Discounts";
pub(crate) const TAX: &str = "Tax";
pub(crate) const TOTAL: &str = "TOTAL";
pub(crate) const TAX_INCLUDED: &str = "Incl. tax";
pub(crate) const REFUND_OF: &str = "Refund of";
pub(crate) const CASH: &str = "Cash";
pub(crate) const CARD: &str = "Card";
pub(crate) const STORE_CREDIT: &str = "Store credit";

pub(crate) const OPENED: &str = "Opened";
pub(crate) const CLOSED: &str = "Closed";
pub(crate) const SALES: &str = "Sales";
pub(crate) const REFUNDS: &str = "Refunds";
pub(crate) const NET: &str = "Net";
pub(crate) const TAX_ADDED: &str = "Tax added";
pub(crate) const OPENING_FLOAT: &str = "Opening float";
pub(crate) const CASH_PAYMENTS: &str = "Cash payments";
pub(crate) const CHANGE_GIVEN: &str = "Change given";
pub(crate) const CASH_IN: &str = "Cash in";
pub(crate) const CASH_OUT: &str = "Cash out";
pub(crate) const EXPECTED_CASH: &str = "Expected cash";
pub(crate) const COUNTED_CASH: &str = "Counted cash";
pub(crate) const OVER_SHORT: &str = "Over/short";

/// How a payment method reads on paper.
pub(crate) fn payment(method: sync_protocol::PaymentMethod) -> &'static str {
    match method {
        sync_protocol::PaymentMethod::Cash => CASH,
        sync_protocol::PaymentMethod::Card => CARD,
        sync_protocol::PaymentMethod::StoreCredit => STORE_CREDIT,
    }
}

// Captions the layout prints around the document's own values.
pub(crate) const CASHIER: &str = "Cashier";
pub(crate) const TAX_ID: &str = "Tax ID";
pub(crate) const DISCOUNT: &str = "Discount";
pub(crate) const RATE: &str = "Rate";
pub(crate) const CHANGE: &str = "Change";
pub(crate) const CUSTOMER: &str = "Customer";
pub(crate) const CREDIT_BALANCE: &str = "Store credit balance";
