//! pos-store's integration tests: one binary, one module per subject.

mod audit;
mod catalog;
mod common;
mod not_ours;
mod open;
mod parked;
mod refund;
mod refund_fixture;
mod sale;
mod shift;
mod stock;
mod stock_movement;
mod store_credit;
mod users;
mod verify;
