//! Pair, pull, sell offline, push: HQ's sales, journal and stock match the terminal's to
//! the cent, and pushing the same records again changes nothing.

use std::collections::HashMap;

use pos_store::Store;
use pos_sync::{HqClient, token};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, money, seed_staff};
use sync_protocol::api::{PushOutcome, PushRecord};
use uuid::Uuid;

const SALES: usize = 60;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_sales_reach_hq_once_and_agree_to_the_cent() {
    let hq = Hq::start().await;
    let items = hq.seed_items(40, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;

    // Offline: nothing talks to HQ while the sales are rung.
    let mut receipts = Vec::new();
    for n in 0..SALES {
        receipts.push(till.sell(n, &items));
    }
    let refund = till.refund_all(&receipts[0].receipt_no);
    let manager = till.manager.clone();
    let expected_cash = till.till.x_report().expect("x report").expected_cash;
    let z = till
        .till
        .close_shift(&manager, expected_cash)
        .expect("close the shift");
    assert_eq!(z.over_short, Some(money(0)));
    // shift open + sales + refund (with its approval's audit entry) + Z report + the day's
    // digest
    assert_eq!(till.queue_length(), (SALES + 5) as i64);

    // Keep a copy of what is pushed, to replay it afterwards.
    let queued = Store::open(till.path().join(pos_terminal::DB_FILE))
        .expect("open")
        .outbox_batch(1_000)
        .expect("the queue");
    let report = drain(till.path(), 3).await;
    assert_eq!(report.pushed, (SALES + 5) as u64);
    assert_eq!(report.rejected, 0);
    let status = till.till.status().expect("status");
    assert_eq!((status.queue_length, status.dead_letters), (0, 0));
    assert!(status.online);
    // HQ counted the day the same as the Z report did, and said so in its answer.
    let day = status.last_closed_day.expect("a closed day");
    assert_eq!((day.status.as_str(), day.detail), ("matched", None));

    let db = hq.client().await;
    let terminal_id = till.till.identity().terminal_id;
    let sold: i64 = receipts.iter().map(|r| r.total.minor()).sum::<i64>() + refund.total.minor();
    let row = db
        .query_one(
            "SELECT count(*), (sum(total) * 100)::int8, count(DISTINCT receipt_no), \
               count(*) FILTER (WHERE shift_id IS NULL) FROM pos.sales WHERE terminal_id = $1",
            &[&terminal_id],
        )
        .await
        .expect("HQ's sales");
    assert_eq!(
        row.get::<_, i64>(0),
        (SALES + 1) as i64,
        "each sale exactly once"
    );
    assert_eq!(
        row.get::<_, i64>(1),
        sold,
        "HQ's total equals the terminal's to the cent"
    );
    assert_eq!(row.get::<_, i64>(2), (SALES + 1) as i64);
    assert_eq!(row.get::<_, i64>(3), 0, "every sale landed in its shift");

    // Every entry balances, and cash + card clearing hold what the tills took.
    let unbalanced: i64 = db
        .query_one(
            "SELECT count(*) FROM (SELECT e.id FROM acct.journal_entries e \
               JOIN acct.journal_lines l ON l.journal_entry_id = e.id \
               GROUP BY e.id HAVING sum(l.debit) <> sum(l.credit)) AS u",
            &[],
        )
        .await
        .expect("journal")
        .get(0);
    assert_eq!(unbalanced, 0);
    let entries: i64 = db
        .query_one("SELECT count(*) FROM acct.journal_entries", &[])
        .await
        .expect("entries")
        .get(0);
    assert_eq!(entries, (SALES + 1) as i64, "one journal entry per sale");
    let taken: i64 = db
        .query_one(
            "SELECT (sum(l.debit - l.credit) * 100)::int8 FROM acct.journal_lines l \
             JOIN acct.chart_of_accounts a ON a.id = l.account_id WHERE a.code IN ('1000', '1010')",
            &[],
        )
        .await
        .expect("cash and card")
        .get(0);
    assert_eq!(taken, sold);

    // Stock: HQ's levels are the seeded 100 less the net sold; after a pull the terminal
    // shows exactly HQ's level (its own movements are acknowledged, not added twice).
    let mut net_sold: HashMap<Uuid, i64> = HashMap::new();
    for row in db
        .query(
            "SELECT item_id, (sum(quantity) * 1000)::int8 FROM inv.stock_movements \
             WHERE terminal_id = $1 GROUP BY item_id",
            &[&terminal_id],
        )
        .await
        .expect("movements")
    {
        net_sold.insert(row.get(0), row.get(1));
    }
    assert!(!net_sold.is_empty());
    drain(till.path(), 2).await;
    let store = Store::open(till.path().join(pos_terminal::DB_FILE)).expect("open");
    let location = till.till.identity().location_id;
    for item in &items {
        let hq_level: i64 = db
            .query_one(
                "SELECT (on_hand * 1000)::int8 FROM inv.stock_levels WHERE item_id = $1",
                &[&item.id],
            )
            .await
            .expect("a level")
            .get(0);
        let moved = net_sold.get(&item.id).copied().unwrap_or(0);
        assert_eq!(hq_level, 100_000 + moved, "HQ's level of {}", item.sku);
        assert_eq!(
            store
                .stock_level(item.id, location)
                .expect("the till's level"),
            hq_level,
            "the till shows HQ's level of {}",
            item.sku
        );
    }

    // HQ has the closed shift with its Z report.
    let closed: i64 = db
        .query_one(
            "SELECT count(*) FROM pos.shifts WHERE terminal_id = $1 AND closed_at IS NOT NULL \
               AND z_report IS NOT NULL",
            &[&terminal_id],
        )
        .await
        .expect("shifts")
        .get(0);
    assert_eq!(closed, 1);

    // Replaying the whole queue is acknowledged record by record and changes nothing.
    let client =
        HqClient::new(&hq.url(), Some(token::load(terminal_id).expect("token"))).expect("client");
    let records: Vec<PushRecord> = queued
        .iter()
        .map(|r| PushRecord {
            seq: r.seq,
            kind: r.kind.clone(),
            record_id: r.record_id.clone(),
            content_hash: r.content_hash.clone(),
            payload: r.payload.clone(),
            chain: r.chain.clone(),
        })
        .collect();
    let again = client
        .push(records.clone())
        .await
        .expect("a replay is fine");
    assert_eq!(again.last_applied, (SALES + 5) as i64);
    assert!(
        again
            .results
            .iter()
            .all(|r| r.outcome == PushOutcome::AlreadyApplied)
    );
    let count: i64 = db
        .query_one("SELECT count(*) FROM pos.sales", &[])
        .await
        .expect("count")
        .get(0);
    assert_eq!(count, (SALES + 1) as i64, "a replay writes nothing");

    // The same sequence number with other content is an error, never a silent skip.
    let mut forged = records[1].clone();
    forged.payload.push(' ');
    forged.content_hash = pos_store::content_hash(forged.payload.as_bytes());
    let refused = client
        .push(vec![forged])
        .await
        .expect_err("a reused sequence");
    assert!(
        matches!(refused, pos_sync::SyncError::Refused { status: 409, ref code, .. } if code == "sequence_reused"),
        "{refused:?}"
    );

    // A gap is refused too.
    let mut gap = records[0].clone();
    gap.seq = (SALES + 10) as i64;
    let refused = client.push(vec![gap]).await.expect_err("out of order");
    assert!(
        matches!(refused, pos_sync::SyncError::Refused { status: 409, ref code, .. } if code == "out_of_order"),
        "{refused:?}"
    );

    drop(db);
    hq.drop_database().await;
}
