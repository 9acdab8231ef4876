//! The sales journal end to end: a randomized day on several terminals, one of them behind
//! a hostile network, reconciles with HQ to the cent; a sale altered by hand on a terminal
//! is caught by `pos verify` and by HQ; a sale deleted by hand at HQ is caught by
//! `hq reconcile` and `hq ledger check`.

use pos_terminal::{Cart, Quantity};
use serde_json::Value;
use sync_e2e::fault_proxy::{FaultPlan, FaultProxy};
use sync_e2e::hq_fixture::{Hq, SeededItem};
use sync_e2e::processes::{hq_ledger_check, hq_reconcile, pos_verify};
use sync_e2e::till::{Till, drain, money, seed_staff};

/// A small deterministic generator (xorshift64*), so a failing day can be replayed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % sides
    }
}

/// Voids an open sale of one to three lines.
fn void_one(till: &mut Till, n: usize, items: &[SeededItem]) {
    let mut cart = Cart::new();
    for k in 0..(1 + n % 3) {
        let item = till
            .till
            .item_by_code(&items[(n + k * 5) % items.len()].barcode)
            .expect("an item");
        cart.add(&item, Quantity::from_milli(1_000).expect("qty"))
            .expect("a line");
    }
    let (cashier, manager) = (till.cashier.clone(), till.manager.clone());
    till.till
        .void_sale(&cashier, &manager, &cart)
        .expect("a void");
}

/// Closes the open shift with the expected cash, so the count is exact.
fn close_shift(till: &mut Till) {
    let expected = till.till.x_report().expect("x report").expected_cash;
    let manager = till.manager.clone();
    till.till
        .close_shift(&manager, expected)
        .expect("close the shift");
}

/// The business day the terminal's last Z report closed, and HQ's verdict on it.
fn last_closed_day(till: &Till) -> (String, String) {
    let day = till
        .till
        .status()
        .expect("status")
        .last_closed_day
        .expect("a closed day");
    (day.business_date, day.status)
}

fn terminal_day<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["terminals"]
        .as_array()
        .expect("terminals")
        .iter()
        .find(|t| t["terminal_code"] == code)
        .unwrap_or_else(|| panic!("{code} is not in {report:#}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_randomized_day_on_three_terminals_reconciles_to_the_cent() {
    let hq = Hq::start().await;
    let items = hq.seed_items(40, 10_000_000).await;
    seed_staff(&hq).await;
    let proxy = FaultProxy::start(hq.addr, FaultPlan::none())
        .await
        .expect("start the proxy");
    let mut tills = vec![
        Till::paired(&hq, &proxy.url(), "Till 1").await,
        Till::paired(&hq, &hq.url(), "Till 2").await,
        Till::paired(&hq, &hq.url(), "Till 3").await,
    ];
    proxy.set_plan(FaultPlan::hostile(11));
    let per_terminal = sync_e2e::env_or("JOURNAL_SALES_PER_TERMINAL", 800);
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let (mut sales, mut refunds, mut voids) = (0, 0, 0);
    for (t, till) in tills.iter_mut().enumerate() {
        let mut refundable = Vec::new();
        for n in 0..per_terminal {
            match dice.roll(20) {
                0 if !refundable.is_empty() => {
                    let pick = dice.roll(refundable.len() as u64) as usize;
                    let receipt_no: String = refundable.swap_remove(pick);
                    till.refund_all(&receipt_no);
                    refunds += 1;
                }
                1 => {
                    void_one(till, n, &items);
                    voids += 1;
                }
                _ => {
                    refundable.push(till.sell(n + t * 7, &items).receipt_no);
                    sales += 1;
                }
            }
            if n % 41 == 40 {
                // A round now and then; behind the hostile proxy, failing is harmless.
                let _ = pos_sync::sync_data_dir(till.path()).await;
            }
            if n == per_terminal / 2 && t == 0 {
                // A second shift on the same day: its Z report counts the whole day again.
                close_shift(till);
                let cashier = till.cashier.clone();
                till.till
                    .open_shift(&cashier, money(10_000))
                    .expect("a second shift");
            }
        }
        close_shift(till);
    }
    assert!(
        refunds > 10 && voids > 10,
        "{refunds} refunds, {voids} voids"
    );
    let stats = proxy.stats();
    assert!(
        stats.dropped_after_request + stats.cut_responses + stats.resets_after_request > 0,
        "the hostile network lost answers after HQ had them: {stats:?}"
    );

    // Before the last rounds, HQ has part of each day and no Z report: pending, never
    // mismatched.
    let (date, _) = last_closed_day(&tills[0]);
    let early = hq_reconcile(&hq.database_url(), &date);
    assert_eq!(early["mismatched"], 0, "{early:#}");
    assert!(early["pending"].as_u64() >= Some(1), "{early:#}");

    proxy.set_plan(FaultPlan::none());
    for till in &tills {
        let report = drain(till.path(), 20).await;
        assert_eq!(report.rejected, 0);
        assert_eq!(pos_verify(till.path())["ok"], true);
    }
    let (date, _) = last_closed_day(&tills[0]);
    let report = hq_reconcile(&hq.database_url(), &date);
    assert_eq!(
        (
            &report["matched"],
            &report["pending"],
            &report["mismatched"]
        ),
        (&Value::from(3), &Value::from(0), &Value::from(0)),
        "{report:#}"
    );
    let counted: u64 = report["terminals"]
        .as_array()
        .expect("terminals")
        .iter()
        .map(|t| t["hq"]["sales_count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(counted, sales as u64, "every sale counted once");
    for till in &tills {
        assert_eq!(last_closed_day(till), (date.clone(), "matched".to_owned()));
    }
    assert_eq!(hq_ledger_check(&hq.database_url())["ok"], true);
    hq.drop_database().await;
}

/// Opens the terminal's database by hand, as someone with the file would.
fn by_hand(till: &Till) -> rusqlite::Connection {
    rusqlite::Connection::open(till.path().join(pos_terminal::DB_FILE)).expect("open by hand")
}

/// Changes a sale's first line and first payment by `delta` minor units, and its totals
/// with them, so every rule that one row or one sale can check still holds: only the
/// journal can tell.
fn alter_sale(db: &rusqlite::Connection, receipt_no: &str, delta: i64) {
    db.execute_batch(&format!(
        "UPDATE sale_lines SET gross = gross + {delta}, total = total + {delta} \
           WHERE id = (SELECT l.id FROM sale_lines l JOIN sales s ON s.id = l.sale_id \
                       WHERE s.receipt_no = '{receipt_no}' ORDER BY l.line_no LIMIT 1); \
         UPDATE payments SET amount = amount + {delta} \
           WHERE id = (SELECT p.id FROM payments p JOIN sales s ON s.id = p.sale_id \
                       WHERE s.receipt_no = '{receipt_no}' ORDER BY p.rowid LIMIT 1); \
         UPDATE sales SET subtotal = subtotal + {delta}, total = total + {delta}, \
           paid_total = paid_total + {delta} WHERE receipt_no = '{receipt_no}';"
    ))
    .expect("alter the sale");
}

/// An amount as JSON carries it (`"12.34"`), in minor units.
fn amount(v: &Value) -> i64 {
    pos_terminal::Money::parse(v.as_str().expect("an amount"))
        .expect("an amount")
        .minor()
}

/// Takes 1.00 off an amount in a JSON record.
fn one_less(v: &mut Value) {
    *v = Value::from(money(amount(v) - 100).to_string());
}

fn violations(report: &Value) -> Vec<(String, String)> {
    report["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| {
            (
                v["rule"]
                    .as_str()
                    .or(v["check"].as_str())
                    .unwrap_or("")
                    .to_owned(),
                v["detail"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_altered_on_the_terminal_is_caught_by_pos_verify_and_by_hq() {
    let hq = Hq::start().await;
    let items = hq.seed_items(10, 1_000_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let synced: Vec<String> = (0..3).map(|n| till.sell(n, &items).receipt_no).collect();
    drain(till.path(), 3).await;
    let queued: Vec<String> = (3..5).map(|n| till.sell(n, &items).receipt_no).collect();
    assert_eq!(pos_verify(till.path())["ok"], true);

    // A sale HQ already has, made 1.00 cheaper by hand: pos verify names its link.
    let db = by_hand(&till);
    alter_sale(&db, &synced[1], -100);
    let report = pos_verify(till.path());
    assert_eq!(
        violations(&report),
        [(
            "journal_chain".to_owned(),
            format!(
                "link 2 (sale {}): what is stored now differs from what was recorded; it was \
                 altered after it was committed",
                synced[1]
            )
        )],
        "{report:#}"
    );

    // A queued sale altered the same way, its outbox record rewritten to match (with a
    // transport hash that fits): HQ refuses it as altered and keeps it aside.
    alter_sale(&db, &queued[0], -100);
    let sale_id: String = db
        .query_row(
            "SELECT id FROM sales WHERE receipt_no = ?1",
            [&queued[0]],
            |r| r.get(0),
        )
        .expect("the queued sale");
    let payload: String = db
        .query_row(
            "SELECT payload FROM outbox WHERE record_id = ?1",
            [&sale_id],
            |r| r.get(0),
        )
        .expect("its outbox record");
    let mut record: Value = serde_json::from_str(&payload).expect("json");
    for field in ["subtotal", "total", "paid_total"] {
        one_less(&mut record["sale"][field]);
    }
    for field in ["gross", "total"] {
        one_less(&mut record["sale"]["lines"][0][field]);
    }
    one_less(&mut record["sale"]["payments"][0]["amount"]);
    let forged = record.to_string();
    db.execute(
        "UPDATE outbox SET payload = ?1, content_hash = ?2 WHERE record_id = ?3",
        [
            &forged,
            &pos_store::content_hash(forged.as_bytes()),
            &sale_id,
        ],
    )
    .expect("rewrite the outbox record");
    let report = drain(till.path(), 3).await;
    assert_eq!(report.rejected, 1, "the altered sale, and only it");
    let status = till.till.status().expect("status");
    let dead = &status.recent_dead_letters[0];
    assert_eq!(
        (dead.code.as_str(), dead.record_id.as_str()),
        ("chain_altered", sale_id.as_str())
    );
    let ledger = hq_ledger_check(&hq.database_url());
    assert_eq!(
        violations(&ledger)
            .iter()
            .filter(|(check, _)| check == "journal_break")
            .count(),
        1,
        "{ledger:#}"
    );
    let hq_db = hq.client().await;
    let kept: i64 = hq_db
        .query_one(
            "SELECT count(*) FROM pos.sales WHERE receipt_no = $1",
            &[&queued[0]],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(kept, 0, "the altered sale is not in HQ's books");

    // The Z report counts the day from the altered tables: HQ counts differently, says so
    // in its answer, and hq reconcile shows the exact difference.
    close_shift(&mut till);
    drain(till.path(), 3).await;
    let (date, verdict) = last_closed_day(&till);
    assert_eq!(verdict, "mismatched");
    let report = hq_reconcile(&hq.database_url(), &date);
    let day = terminal_day(&report, "T01");
    assert_eq!(day["status"], "mismatched", "{report:#}");
    let differences: Vec<String> = day["differences"]
        .as_array()
        .expect("differences")
        .iter()
        .map(|d| format!("{}: {} / {}", d["figure"], d["terminal"], d["hq"]))
        .collect();
    let hq_total = amount(&day["hq"]["sales_total"]);
    let terminal_total = amount(&day["terminal"]["sales_total"]);
    // The terminal counts 5 sales, two of them 1.00 short; HQ holds 4 at their real price.
    assert_eq!(day["terminal"]["sales_count"], 5);
    assert_eq!(day["hq"]["sales_count"], 4);
    let refused_total = amount(&record["sale"]["total"]);
    assert_eq!(
        terminal_total - hq_total,
        refused_total - 100,
        "{differences:?}"
    );
    hq.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_deleted_at_hq_is_caught_by_reconcile_and_the_ledger_check() {
    let hq = Hq::start().await;
    let items = hq.seed_items(10, 1_000_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let receipts: Vec<_> = (0..6).map(|n| till.sell(n, &items)).collect();
    void_one(&mut till, 1, &items);
    close_shift(&mut till);
    drain(till.path(), 3).await;
    let (date, verdict) = last_closed_day(&till);
    assert_eq!(verdict, "matched");
    let report = hq_reconcile(&hq.database_url(), &date);
    assert_eq!(
        terminal_day(&report, "T01")["status"],
        "matched",
        "{report:#}"
    );
    assert_eq!(terminal_day(&report, "T01")["hq"]["voids_count"], 1);

    // Someone "fixes" HQ's books by hand: the sale and everything that refers to it go.
    let gone = &receipts[2];
    hq.client()
        .await
        .batch_execute(&format!(
            "SET session_replication_role = replica; \
             DELETE FROM acct.journal_entries WHERE source_id = \
               (SELECT id FROM pos.sales WHERE receipt_no = '{0}'); \
             DELETE FROM inv.stock_movements WHERE sale_id = \
               (SELECT id FROM pos.sales WHERE receipt_no = '{0}'); \
             DELETE FROM pos.sales WHERE receipt_no = '{0}'; \
             SET session_replication_role = DEFAULT;",
            gone.receipt_no
        ))
        .await
        .expect("delete the sale by hand");

    let report = hq_reconcile(&hq.database_url(), &date);
    let day = terminal_day(&report, "T01");
    assert_eq!(day["status"], "mismatched", "{report:#}");
    let detail = day["detail"].as_str().expect("detail");
    assert!(detail.contains("sales: terminal 6, HQ 5"), "{detail}");
    let all: i64 = receipts.iter().map(|r| r.total.minor()).sum();
    let expected = format!(
        "sales total: terminal {}, HQ {}",
        money(all),
        money(all - gone.total.minor())
    );
    assert!(detail.contains(&expected), "{detail} lacks {expected}");
    let ledger = hq_ledger_check(&hq.database_url());
    assert!(
        violations(&ledger)
            .iter()
            .any(|(check, detail)| check == "journal_record"
                && detail.contains("pos.sales does not")),
        "{ledger:#}"
    );
    assert_eq!(ledger["ok"], false);
    hq.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forked_journal_is_refused_and_flagged_and_the_records_behind_it_go_on() {
    use sync_protocol::chain::link_hash;
    let hq = Hq::start().await;
    let items = hq.seed_items(10, 1_000_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let receipts: Vec<String> = (0..3).map(|n| till.sell(n, &items).receipt_no).collect();

    // Link 2 is rewritten to follow another history, and link 3 re-chained onto it, as a
    // journal spliced from another database would be.
    let db = by_hand(&till);
    let links: Vec<(i64, String, String, String, String)> = db
        .prepare("SELECT position, kind, business_date, content_hash, hash FROM journal_chain ORDER BY position")
        .expect("links")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .expect("links")
        .collect::<Result<_, _>>()
        .expect("links");
    assert_eq!(links.len(), 3);
    let other_history = "f".repeat(64);
    let (_, kind, date, content, _) = &links[1];
    let forked = link_hash(2, kind, date, &other_history, content);
    let (_, kind3, date3, content3, _) = &links[2];
    let rechained = link_hash(3, kind3, date3, &forked, content3);
    db.execute_batch(&format!(
        "UPDATE journal_chain SET prev_hash = '{other_history}', hash = '{forked}' WHERE position = 2; \
         UPDATE journal_chain SET prev_hash = '{forked}', hash = '{rechained}' WHERE position = 3;"
    ))
    .expect("fork the journal");
    let report = pos_verify(till.path());
    let found = violations(&report);
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(
        found[0]
            .1
            .starts_with("link 2 does not follow the link before it"),
        "{report:#}"
    );

    let pushed = drain(till.path(), 3).await;
    assert_eq!(pushed.rejected, 1, "the forked link only");
    let status = till.till.status().expect("status");
    assert_eq!(status.recent_dead_letters[0].code, "chain_fork");
    let hq_db = hq.client().await;
    let at_hq: Vec<String> = hq_db
        .query(
            "SELECT receipt_no FROM pos.sales WHERE receipt_no = ANY($1) ORDER BY receipt_no",
            &[&receipts],
        )
        .await
        .expect("sales")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(at_hq, [receipts[0].clone(), receipts[2].clone()]);
    let ledger = hq_ledger_check(&hq.database_url());
    let breaks: Vec<_> = violations(&ledger)
        .into_iter()
        .filter(|(check, _)| check == "journal_break")
        .collect();
    assert_eq!(breaks.len(), 1, "{ledger:#}");
    assert!(
        breaks[0].1.starts_with("refused as chain_fork"),
        "{breaks:?}"
    );
    hq.drop_database().await;
}
