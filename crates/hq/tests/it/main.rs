//! HQ's integration tests, in one binary so the suite links once. Every test gets its own
//! database on the real PostgreSQL server (TEST_DATABASE_URL, default
//! postgres://postgres@127.0.0.1:5432/postgres) and drops it afterwards.

mod admin_users;
mod api_errors;
mod check;
mod constraints;
mod http;
mod init;
mod items_import;
mod items_import_limits;
mod migrate;
mod status;
mod support;
mod terminals;
mod user_commands;
mod users;
