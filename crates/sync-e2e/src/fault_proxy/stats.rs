//! What the proxy has done so far, so a test can check its faults actually happened.

use std::sync::atomic::{AtomicU64, Ordering};

/// Counts since the proxy started.
///
/// Every entry in `requests` ends in exactly one of `forwarded`, `dropped_before_request`,
/// `dropped_after_request`, `cut_responses`, `resets_before_request`, `resets_after_request`
/// or `upstream_failures`; `delayed` counts requests that also slept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FaultStats {
    /// Client connections accepted, refused ones included.
    pub connections: u64,
    /// Complete requests read from clients and handed to the plan.
    pub requests: u64,
    /// Exchanges the proxy left alone (HQ's response was passed on whole).
    pub forwarded: u64,
    pub dropped_before_request: u64,
    pub dropped_after_request: u64,
    pub cut_responses: u64,
    pub delayed: u64,
    pub resets_before_request: u64,
    pub resets_after_request: u64,
    /// Connections closed because the proxy was offline: new ones at once, open ones when
    /// it went offline.
    pub refused_offline: u64,
    /// Requests whose exchange with HQ failed (HQ down, or it broke off its answer); the
    /// client connection was closed.
    pub upstream_failures: u64,
}

/// One counter of [`FaultStats`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Counter {
    Connections,
    Requests,
    Forwarded,
    DroppedBeforeRequest,
    DroppedAfterRequest,
    CutResponses,
    Delayed,
    ResetsBeforeRequest,
    ResetsAfterRequest,
    RefusedOffline,
    UpstreamFailures,
}

const COUNTERS: usize = Counter::UpstreamFailures as usize + 1;

/// The live counters, shared by every connection task.
#[derive(Debug, Default)]
pub(crate) struct Counters([AtomicU64; COUNTERS]);

impl Counters {
    pub(crate) fn bump(&self, counter: Counter) {
        // Relaxed is enough: each counter is read on its own, never as a consistent set.
        self.0[counter as usize].fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> FaultStats {
        let get = |counter: Counter| self.0[counter as usize].load(Ordering::Relaxed);
        FaultStats {
            connections: get(Counter::Connections),
            requests: get(Counter::Requests),
            forwarded: get(Counter::Forwarded),
            dropped_before_request: get(Counter::DroppedBeforeRequest),
            dropped_after_request: get(Counter::DroppedAfterRequest),
            cut_responses: get(Counter::CutResponses),
            delayed: get(Counter::Delayed),
            resets_before_request: get(Counter::ResetsBeforeRequest),
            resets_after_request: get(Counter::ResetsAfterRequest),
            refused_offline: get(Counter::RefusedOffline),
            upstream_failures: get(Counter::UpstreamFailures),
        }
    }
}
