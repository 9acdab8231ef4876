//! Which faults to inject, and the seeded draw that decides each request's fate.
//!
//! Every request gets its own generator, derived from the plan's seed and the request's
//! index, so a run that sends requests in the same order meets exactly the same faults: a
//! failing seed can be replayed.

use std::time::Duration;

/// Which faults the proxy injects, each as a percentage of requests (values above 100 act as
/// 100).
///
/// Each kind has its own independent draw. A request can only meet one connection-ending
/// fault, so when several are drawn together the earliest one wins, in this order:
/// drop before request, reset, drop after request, cut response. A delay combines with any
/// of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaultPlan {
    /// Seed of every draw: same seed and same request order, same faults.
    pub seed: u64,
    /// Read the request, then close the client connection without forwarding it: HQ never
    /// sees it.
    pub drop_before_request_pct: u8,
    /// Forward the request, read HQ's whole response, discard it and close the client
    /// connection: HQ committed, the terminal never hears so.
    pub drop_after_request_pct: u8,
    /// Forward the request, send the client the first half of HQ's response, then close.
    pub cut_response_pct: u8,
    /// Sleep a random `0..=max_delay_ms` before forwarding the request, and again before
    /// forwarding the response.
    pub delay_pct: u8,
    /// Longest single delay, in milliseconds.
    pub max_delay_ms: u64,
    /// Reset the client connection (RST, not FIN), before or after the request reached HQ
    /// (a coin flip). After the request, HQ's whole response is read first, so HQ committed.
    pub reset_pct: u8,
}

impl FaultPlan {
    /// A faithful proxy: every request and response is forwarded untouched.
    pub fn none() -> Self {
        FaultPlan {
            seed: 0,
            drop_before_request_pct: 0,
            drop_after_request_pct: 0,
            cut_response_pct: 0,
            delay_pct: 0,
            max_delay_ms: 0,
            reset_pct: 0,
        }
    }

    /// A bad network: 10% of requests meet each fault, delays reach 200 ms.
    pub fn hostile(seed: u64) -> Self {
        FaultPlan {
            seed,
            drop_before_request_pct: 10,
            drop_after_request_pct: 10,
            cut_response_pct: 10,
            delay_pct: 10,
            max_delay_ms: 200,
            reset_pct: 10,
        }
    }

    /// The fate of the request with this index (0 for the first request the proxy handles).
    pub(crate) fn fate(&self, request_index: u64) -> Fate {
        let mut rng = SplitMix64::new(self.seed, request_index);
        // Every draw is taken whatever the earlier ones gave, so changing one percentage
        // never shifts the draws of another kind.
        let drop_before = rng.chance(self.drop_before_request_pct);
        let reset = rng.chance(self.reset_pct);
        let reset_after = rng.next() & 1 == 1;
        let drop_after = rng.chance(self.drop_after_request_pct);
        let cut = rng.chance(self.cut_response_pct);
        let delayed = rng.chance(self.delay_pct);
        let before_request = rng.delay(self.max_delay_ms);
        let before_response = rng.delay(self.max_delay_ms);

        let outcome = if drop_before {
            Outcome::DropBeforeRequest
        } else if reset && reset_after {
            Outcome::ResetAfterRequest
        } else if reset {
            Outcome::ResetBeforeRequest
        } else if drop_after {
            Outcome::DropAfterRequest
        } else if cut {
            Outcome::CutResponse
        } else {
            Outcome::Forward
        };
        let delay = delayed.then_some(Delay {
            before_request,
            before_response,
        });
        Fate { outcome, delay }
    }
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fate {
    pub(crate) outcome: Outcome,
    pub(crate) delay: Option<Delay>,
}

/// How the exchange ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Forward,
    DropBeforeRequest,
    ResetBeforeRequest,
    DropAfterRequest,
    ResetAfterRequest,
    CutResponse,
}

/// The two sleeps of a delayed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Delay {
    pub(crate) before_request: Duration,
    pub(crate) before_response: Duration,
}

/// SplitMix64: tiny, fast, and good enough to make fault draws look independent; no
/// dependency, and the same numbers on every platform.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64, stream: u64) -> Self {
        // Mixing the index before combining keeps neighbouring requests uncorrelated.
        SplitMix64(seed ^ mix(stream.wrapping_add(0x9E37_79B9_7F4A_7C15)))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    fn chance(&mut self, pct: u8) -> bool {
        self.next() % 100 < u64::from(pct.min(100))
    }

    fn delay(&mut self, max_ms: u64) -> Duration {
        let draw = self.next();
        Duration::from_millis(max_ms.checked_add(1).map_or(draw, |span| draw % span))
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_index_give_the_same_fate() {
        let plan = FaultPlan::hostile(7);
        for index in 0..200 {
            assert_eq!(plan.fate(index), plan.fate(index));
        }
        let other = FaultPlan::hostile(8);
        assert!((0..200).any(|i| plan.fate(i) != other.fate(i)));
    }

    #[test]
    fn no_faults_means_every_request_is_forwarded_at_once() {
        let plan = FaultPlan::none();
        for index in 0..1_000 {
            let fate = plan.fate(index);
            assert_eq!(fate.outcome, Outcome::Forward);
            assert_eq!(fate.delay, None);
        }
    }

    #[test]
    fn a_hundred_percent_always_happens_and_respects_precedence() {
        let plan = FaultPlan {
            cut_response_pct: 100,
            ..FaultPlan::none()
        };
        assert!((0..100).all(|i| plan.fate(i).outcome == Outcome::CutResponse));
        let both = FaultPlan {
            drop_before_request_pct: 100,
            ..plan
        };
        assert!((0..100).all(|i| both.fate(i).outcome == Outcome::DropBeforeRequest));
    }

    #[test]
    fn hostile_rates_and_delays_are_roughly_as_asked() {
        let plan = FaultPlan::hostile(42);
        let fates: Vec<Fate> = (0..10_000).map(|i| plan.fate(i)).collect();
        let count = |o: Outcome| fates.iter().filter(|f| f.outcome == o).count();
        // Drop-before is first in precedence, so it sees its raw 10%.
        assert!((850..1_150).contains(&count(Outcome::DropBeforeRequest)));
        let resets = count(Outcome::ResetBeforeRequest) + count(Outcome::ResetAfterRequest);
        assert!((750..1_050).contains(&resets), "resets: {resets}");
        assert!(
            count(Outcome::ResetBeforeRequest) > 300 && count(Outcome::ResetAfterRequest) > 300
        );
        let delays: Vec<Delay> = fates.iter().filter_map(|f| f.delay).collect();
        assert!((850..1_150).contains(&delays.len()));
        let limit = Duration::from_millis(200);
        assert!(
            delays
                .iter()
                .all(|d| d.before_request <= limit && d.before_response <= limit)
        );
        assert!(
            delays
                .iter()
                .any(|d| d.before_request > Duration::from_millis(100))
        );
    }
}
