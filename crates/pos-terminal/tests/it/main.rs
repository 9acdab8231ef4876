//! The terminal API driven the way the app drives it: a demo terminal in a temporary
//! folder, staff signed in with the PINs `init` reported.

mod cart;
mod init;
mod lockout;
mod manager_rules;
mod parking;
mod refund_tenders;
mod shifts;
mod store_credit;
mod support;
mod till;
