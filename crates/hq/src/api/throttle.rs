//! Guessing pairing codes: after `max` wrong codes from one address within `window`, that
//! address is refused (429) until the window ends, right code or not. A code is 60 random
//! bits and lives 15 minutes, so this is defence in depth against a scan, not the lock
//! itself. The same counting limits wrong passwords per address and refused e-mail
//! addresses per signed-in user. These are HQ's only in-memory state: with several `hq
//! serve` processes, each counts its own (a limit per process, which only makes a scan
//! slower by the count).

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

/// Wrong pairing codes an address may send per window.
pub const PAIRING_ATTEMPTS: u32 = 10;
/// How long an address's wrong codes are remembered.
pub const PAIRING_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Wrong passwords an address may send per window, across all accounts (each account is
/// also locked on its own after `sessions::LOGIN_ATTEMPTS`).
pub const LOGIN_ATTEMPTS_PER_ADDRESS: u32 = 20;
/// New users a signed-in user may have refused because their e-mail address already has
/// an account, per window: enough for typos, too few to probe which addresses exist at HQ
/// (see `users::add_user`).
pub const EMAIL_REFUSALS: u32 = 10;
/// Beyond this many keys, forgotten ones are swept before adding another.
const SWEEP_AT: usize = 10_000;

/// Failures counted per key: a client address, or a signed-in user.
#[derive(Debug)]
pub struct Throttle<K = IpAddr> {
    max: u32,
    window: Duration,
    /// Per key: when its window started and the failures since.
    failures: Mutex<HashMap<K, (Instant, u32)>>,
}

impl Throttle {
    pub fn pairing() -> Self {
        Self::new(PAIRING_ATTEMPTS, PAIRING_WINDOW)
    }

    pub fn logins() -> Self {
        Self::new(LOGIN_ATTEMPTS_PER_ADDRESS, PAIRING_WINDOW)
    }
}

impl Throttle<Uuid> {
    pub fn email_refusals() -> Self {
        Self::new(EMAIL_REFUSALS, PAIRING_WINDOW)
    }
}

impl<K: Hash + Eq> Throttle<K> {
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(wait)` while `key` has used up its attempts.
    pub fn check(&self, key: K) -> Result<(), Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        match failures.get(&key) {
            Some((since, count)) if *count >= self.max && since.elapsed() < self.window => {
                Err(self.window.saturating_sub(since.elapsed()))
            }
            _ => Ok(()),
        }
    }

    /// Counts a failure of `key`.
    pub fn failed(&self, key: K) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() >= SWEEP_AT {
            failures.retain(|_, (since, _)| since.elapsed() < self.window);
        }
        let entry = failures.entry(key).or_insert((Instant::now(), 0));
        if entry.0.elapsed() >= self.window {
            *entry = (Instant::now(), 0);
        }
        entry.1 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_refused_after_its_attempts_and_others_are_not() {
        let throttle = Throttle::new(3, Duration::from_secs(60));
        let guesser: IpAddr = "192.0.2.7".parse().unwrap();
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        for _ in 0..3 {
            assert!(throttle.check(guesser).is_ok());
            throttle.failed(guesser);
        }
        let wait = throttle.check(guesser).unwrap_err();
        assert!(wait > Duration::from_secs(50) && wait <= Duration::from_secs(60));
        assert!(throttle.check(other).is_ok());
    }

    #[test]
    fn the_window_ends() {
        let throttle = Throttle::new(1, Duration::from_millis(50));
        let guesser: IpAddr = "192.0.2.7".parse().unwrap();
        throttle.failed(guesser);
        assert!(throttle.check(guesser).is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert!(throttle.check(guesser).is_ok());
        throttle.failed(guesser);
        assert!(
            throttle.check(guesser).is_err(),
            "a new window counts afresh"
        );
    }
}
