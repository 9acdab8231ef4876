//! The `pos` tool end to end: each test makes its own data folder and runs the real binary.

mod crash;
mod data_folder;
mod hostile_text;
mod printing;
mod refunds;
mod selling;
mod shifts_and_stock;
mod support;
mod sync;
