//! End-to-end sync tests: a real HQ, real terminals, and the faults between them.

pub mod crafted;
pub mod fault_proxy;
pub mod hq_fixture;
pub mod processes;
pub mod till;

/// A size a test reads from the environment (longer soak runs), or `default`.
pub fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
