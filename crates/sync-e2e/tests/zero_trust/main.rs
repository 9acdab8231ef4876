//! Zero trust in the till (issue 22): HQ checks every pushed record against what it knows,
//! and nothing a till sends can block it. Each test pushes records a tampered till could
//! send through the real API with a real paired terminal's token (raw HTTP: a real till
//! refuses to build them), made by editing that till's own outbox records, and asserts the
//! refusal's code, that nothing of the refused record was written, and that the honest
//! record behind it in the same push was applied.
//!
//! Records go without journal links (`chain: None`), which HQ accepts while it holds no
//! link of that terminal's: these terminals never sync on their own.

mod blocked;
mod bounds;
mod organizations;
mod payments;
mod prices;
mod requests;
mod support;
