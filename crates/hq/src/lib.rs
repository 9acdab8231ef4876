//! Tally HQ: the central PostgreSQL side of the point-of-sale system.
//!
//! This crate owns the HQ database: its migrations (embedded from `migrations/hq/`), the
//! status and drift checks that prove the live database is what the migrations build, and the
//! administrative actions of the `hq` command. No other crate issues SQL against PostgreSQL.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod admin;
pub mod api;
pub mod audit;
pub mod catalog;
pub mod db;
pub mod drift;
pub mod item_price;
pub mod items_import;
pub mod ledger;
pub mod migrations;
pub mod password;
pub mod reconcile;
pub mod roles;
pub mod scratch;
pub mod secret;
pub mod sessions;
pub mod sync;
pub mod terminals;
pub mod users;
pub mod versions;
