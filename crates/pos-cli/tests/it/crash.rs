//! SIGKILL a `pos sale` at random moments, many times, then prove that no sale is partial
//! and that every sale that reported success is there. POS_CRASH_ITERATIONS sets how many
//! kills (default 200).

use std::collections::BTreeSet;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{Till, json, pos_command, stderr};

/// xorshift: enough randomness for kill timings without a dependency.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn sigkill_at_random_moments_never_leaves_a_partial_or_lost_sale() {
    let iterations: usize = std::env::var("POS_CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let till = Till::demo();
    let args = [
        "sale",
        "--cashier",
        &till.cashier_pin,
        "--line",
        "GRO-0001*2",
        "--line",
        "DAI-0145",
        "--pay",
        "cash:100",
        "--json",
    ];

    // How long an undisturbed sale takes, so kills land before, during and after its commit.
    let started = Instant::now();
    for _ in 0..3 {
        assert!(
            pos_command(&till.dir, &args)
                .output()
                .unwrap()
                .status
                .success()
        );
    }
    let typical = (started.elapsed() / 3).as_micros() as u64;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 | 1);
    let mut dice = Dice(seed);
    eprintln!("crash test: seed {seed}, a sale takes about {typical} µs");

    let mut reported = BTreeSet::new();
    let mut killed = 0;
    for _ in 0..iterations {
        let mut child = pos_command(&till.dir, &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Spread over the whole run and a little past it: before the store opens, while
        // the PIN is checked, inside the commit, after it, and not at all.
        let delay = dice.below(typical * 3 / 2);
        std::thread::sleep(Duration::from_micros(delay));
        if child.kill().is_ok() {
            killed += 1;
        }
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            reported.insert(json(&out)["receipt_no"].as_str().unwrap().to_owned());
        }
    }

    let verify = till.pos(&["verify", "--json"]);
    assert!(
        verify.status.success(),
        "after {iterations} kills: {}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let stored: BTreeSet<String> = till
        .db()
        .prepare("SELECT receipt_no FROM sales")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    eprintln!(
        "crash test: {killed} kills sent; {} sales reported success, {} stored (with 3 warm-ups)",
        reported.len(),
        stored.len()
    );
    let missing: Vec<_> = reported.difference(&stored).collect();
    assert!(missing.is_empty(), "reported but missing: {missing:?}");
    // Every sale has its outbox record: the queue holds the warm-up sales and every stored one.
    let status = till.ok_json(&["status"]);
    assert_eq!(
        status["queue_length"].as_u64().unwrap() as usize,
        stored.len() + 1,
        "every stored sale and the shift opening"
    );
    // And the till still sells after all that.
    let after = till.pos(&args);
    assert!(after.status.success(), "{}", stderr(&after));
}
