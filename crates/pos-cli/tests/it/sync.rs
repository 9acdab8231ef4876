//! `pos pair`, `pos sync`, `pos status` and `pos unpair` against a real HQ, through the
//! real binary; and `pos sync` killed at random moments, many times.

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{CASHIER_PIN, seed_staff};
use tempfile::TempDir;

use crate::support::{json, pos_command, stderr};

async fn pos(dir: &TempDir, args: &[&str]) -> Output {
    tokio::process::Command::from(pos_command(dir, args))
        .output()
        .await
        .expect("run pos")
}

async fn ok_json(dir: &TempDir, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = pos(dir, &all).await;
    assert!(out.status.success(), "pos {args:?}: {}", stderr(&out));
    json(&out)
}

async fn paired(hq: &Hq) -> TempDir {
    let code = hq.add_terminal("Till 1").await;
    let dir = tempfile::tempdir().expect("a folder");
    let report = ok_json(&dir, &["pair", "--hq", &hq.url(), "--code", &code]).await;
    assert_eq!(report["terminal_code"], "T01");
    assert!(
        report["first_sync"]["catalog_changes"]
            .as_u64()
            .unwrap_or(0)
            >= 12,
        "{report}"
    );
    let opened = pos(
        &dir,
        &["shift", "open", "--pin", CASHIER_PIN, "--float", "50"],
    )
    .await;
    assert!(opened.status.success(), "{}", stderr(&opened));
    dir
}

async fn sell(dir: &TempDir, n: usize) -> String {
    let line = format!("SKU-{:05}*{}", n % 10, 1 + n % 3);
    let sale = ok_json(
        dir,
        &[
            "sale",
            "--cashier",
            CASHIER_PIN,
            "--line",
            &line,
            "--pay",
            "cash:100",
        ],
    )
    .await;
    sale["receipt_no"]
        .as_str()
        .expect("a receipt number")
        .to_owned()
}

async fn sales_at_hq(hq: &Hq) -> i64 {
    hq.client()
        .await
        .query_one("SELECT count(*) FROM pos.sales", &[])
        .await
        .expect("count")
        .get(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pair_sell_sync_and_unpair_through_the_pos_tool() {
    let mut hq = Hq::start().await;
    hq.seed_items(10, 50_000).await;
    seed_staff(&hq).await;
    let dir = paired(&hq).await;
    let status = ok_json(&dir, &["status"]).await;
    assert_eq!(status["online"], true, "{status}");
    assert_eq!(status["paired"], true);
    assert_eq!(status["queue_length"], 1, "the shift opening waits for HQ");

    sell(&dir, 1).await;
    sell(&dir, 2).await;
    let refused = pos(&dir, &["unpair"]).await;
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("3 record(s) still wait for HQ"),
        "{}",
        stderr(&refused)
    );

    let round = ok_json(&dir, &["sync"]).await;
    assert_eq!(round["pushed"], 3, "{round}");
    let status = ok_json(&dir, &["status"]).await;
    assert_eq!(
        (
            status["queue_length"].as_i64(),
            status["dead_letters"].as_i64()
        ),
        (Some(0), Some(0))
    );
    assert!(status["last_sync"].is_string());
    assert_eq!(sales_at_hq(&hq).await, 2);

    // HQ away: one clear sentence and a non-zero exit; the status says offline.
    hq.stop().await;
    sell(&dir, 3).await;
    let away = pos(&dir, &["sync"]).await;
    assert!(!away.status.success());
    assert!(
        stderr(&away).contains("cannot be reached"),
        "{}",
        stderr(&away)
    );
    let status = ok_json(&dir, &["status"]).await;
    assert_eq!(status["online"], false);
    assert_eq!(status["queue_length"], 1);
    assert!(
        status["last_error"]
            .as_str()
            .unwrap_or("")
            .contains("cannot be reached")
    );

    let port = hq.addr.port();
    hq.serve_on(port).await;
    ok_json(&dir, &["sync"]).await;
    let unpaired = pos(&dir, &["unpair"]).await;
    assert!(unpaired.status.success(), "{}", stderr(&unpaired));
    let after = pos(&dir, &["sync"]).await;
    assert!(stderr(&after).contains("not paired"), "{}", stderr(&after));
    // Pairing never replaces a store.
    let again = pos(
        &dir,
        &["pair", "--hq", &hq.url(), "--code", "AAAA-BBBB-CCCC"],
    )
    .await;
    assert!(
        stderr(&again).contains("already holds terminal"),
        "{}",
        stderr(&again)
    );
    assert_eq!(sales_at_hq(&hq).await, 3);
    hq.drop_database().await;
}

#[tokio::test]
async fn plain_http_to_another_machine_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().expect("a folder");
    // 192.0.2.0/24 is reserved for documentation: nothing answers there, and nothing
    // must be tried.
    let refused = pos(
        &dir,
        &[
            "pair",
            "--hq",
            "http://192.0.2.10:8080",
            "--code",
            "AAAA-BBBB-CCCC",
        ],
    )
    .await;
    assert!(!refused.status.success());
    let said = stderr(&refused);
    assert!(said.contains("use https://"), "{said}");
    assert!(
        !said.contains("cannot be reached"),
        "it never tried: {said}"
    );
    assert!(
        std::fs::read_dir(dir.path())
            .expect("the folder")
            .next()
            .is_none(),
        "no store was created"
    );
}

/// xorshift, seeded from the clock and printed, for kill timings.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pos_sync_killed_at_random_moments_still_lands_every_sale_once() {
    let hq = Hq::start().await;
    hq.seed_items(10, 50_000).await;
    seed_staff(&hq).await;
    let dir = paired(&hq).await;
    let mut sold = 0;
    for n in 0..30 {
        sell(&dir, n).await;
        sold += 1;
    }
    let started = Instant::now();
    let probe = pos(&dir, &["sync"]).await;
    assert!(probe.status.success(), "{}", stderr(&probe));
    let typical = started.elapsed().as_micros() as u64;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 | 1);
    eprintln!("sync kill test: seed {seed}, a round takes about {typical} µs");
    let mut dice = Dice(seed);
    for round in 0..25 {
        for k in 0..6 {
            sell(&dir, round * 6 + k).await;
            sold += 1;
        }
        let mut child = tokio::process::Command::from(pos_command(&dir, &["sync"]))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn pos sync");
        // Before the request, during it, between HQ's answer and the local
        // acknowledgement, and after: anywhere in (a little more than) a round.
        tokio::time::sleep(Duration::from_micros(dice.below(typical * 2))).await;
        let _ = child.start_kill();
        let _ = child.wait().await;
    }
    let last = pos(&dir, &["sync"]).await;
    assert!(last.status.success(), "{}", stderr(&last));
    let status = ok_json(&dir, &["status"]).await;
    assert_eq!(status["queue_length"], 0, "{status}");
    assert_eq!(status["dead_letters"], 0);
    assert_eq!(sales_at_hq(&hq).await, sold, "every sale exactly once");
    let verify = pos(&dir, &["verify"]).await;
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    hq.drop_database().await;
}

/// `pos rekey` through the binary: a till whose token is gone (a reboot with keyutils)
/// cannot sync; with a code from `hq terminal rekey` it gets a new one and pushes what
/// waited, once. A folder with no terminal, or a code for HQ it is not paired with, is
/// refused with one sentence.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pos_rekey_gets_a_lost_token_back_and_pushes_what_waited() {
    let hq = Hq::start().await;
    hq.seed_items(10, 10_000).await;
    seed_staff(&hq).await;
    let dir = paired(&hq).await;
    let status = ok_json(&dir, &["status"]).await;
    let terminal: uuid::Uuid = status["terminal_id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .expect("the terminal's id");
    assert!(status["token_store"].is_string(), "{status}");
    pos_sync::token::forget(terminal).expect("the reboot wipes the token");
    let receipt = sell(&dir, 1).await;
    let out = pos(&dir, &["sync"]).await;
    assert!(!out.status.success());
    assert!(stderr(&out).contains("pos rekey"), "{}", stderr(&out));

    let mut db = hq.client().await;
    let operator = hq.operator(&db).await;
    let issued = hq::terminals::rekey::issue(&mut db, &operator, "T01")
        .await
        .expect("a code");
    let elsewhere = pos(
        &dir,
        &[
            "rekey",
            "--hq",
            "http://127.0.0.1:9",
            "--code",
            &issued.code,
        ],
    )
    .await;
    assert!(!elsewhere.status.success());
    assert!(
        stderr(&elsewhere).contains("re-key it with a code from that HQ"),
        "{}",
        stderr(&elsewhere)
    );
    let report = ok_json(&dir, &["rekey", "--hq", &hq.url(), "--code", &issued.code]).await;
    assert_eq!(report["terminal_code"], "T01");
    assert_eq!(report["first_sync"]["rejected"], 0, "{report}");
    assert_eq!(ok_json(&dir, &["status"]).await["queue_length"], 0);
    let landed: i64 = db
        .query_one(
            "SELECT count(*) FROM pos.sales WHERE receipt_no = $1",
            &[&receipt],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(landed, 1, "the sale rung without a token landed once");

    let empty = tempfile::tempdir().expect("a folder");
    let out = pos(
        &empty,
        &["rekey", "--hq", &hq.url(), "--code", &issued.code],
    )
    .await;
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim().lines().count(), 1, "{}", stderr(&out));
    drop(db);
    hq.drop_database().await;
}
