//! End-to-end sync tests: a real HQ, real terminals, and the faults between them.

pub mod fault_proxy;
pub mod hq_fixture;
pub mod processes;
pub mod till;
