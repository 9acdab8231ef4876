//! Commands the UI invokes. Each is a few lines: parse what was typed, call the core (the
//! terminal or its till session), and let the error become `{ code, message }`.

pub mod app;
pub mod back_office;
pub mod printing;
pub mod sale;
pub mod session;
