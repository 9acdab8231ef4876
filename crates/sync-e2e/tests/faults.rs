//! The network between a terminal and HQ does everything wrong: connections dropped
//! before and after HQ got the request, answers cut halfway, delays, resets, and HQ
//! itself stopped and restarted mid-stream. Every sale still lands exactly once.

use sync_e2e::fault_proxy::{FaultPlan, FaultProxy};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sale_lands_exactly_once_through_a_hostile_network() {
    let mut hq = Hq::start().await;
    let items = hq.seed_items(25, 1_000_000).await;
    seed_staff(&hq).await;
    let proxy = FaultProxy::start(hq.addr, FaultPlan::none())
        .await
        .expect("start the proxy");
    let mut till = Till::paired(&hq, &proxy.url(), "Till 1").await;
    let total_sales = sync_e2e::env_or("SYNC_FAULT_SALES", 1_200);
    proxy.set_plan(FaultPlan::hostile(7));

    let mut receipts = Vec::with_capacity(total_sales);
    let mut failed_rounds = 0;
    for n in 0..total_sales {
        receipts.push(till.sell(n, &items).receipt_no);
        if n % 50 == 49 {
            // A round through the hostile network; failing is expected and harmless.
            if pos_sync::sync_data_dir(till.path()).await.is_err() {
                failed_rounds += 1;
            }
        }
        if n == total_sales / 2 {
            // HQ goes away mid-stream and comes back on the same port.
            let port = hq.addr.port();
            hq.stop().await;
            assert!(pos_sync::sync_data_dir(till.path()).await.is_err());
            hq.serve_on(port).await;
        }
    }
    let stats = proxy.stats();
    assert!(
        stats.dropped_after_request > 0,
        "answers were lost after HQ committed: {stats:?}"
    );
    assert!(
        stats.dropped_before_request
            + stats.cut_responses
            + stats.resets_before_request
            + stats.resets_after_request
            > 0
    );
    assert!(failed_rounds > 0, "the hostile plan made some rounds fail");

    // The network calms down; the queue drains completely.
    proxy.set_plan(FaultPlan::none());
    drain(till.path(), 20).await;

    let db = hq.client().await;
    let terminal_id = till.till.identity().terminal_id;
    let row = db
        .query_one(
            "SELECT count(*), count(DISTINCT id), count(DISTINCT receipt_no) FROM pos.sales \
             WHERE terminal_id = $1",
            &[&terminal_id],
        )
        .await
        .expect("HQ's sales");
    let n = receipts.len() as i64;
    assert_eq!(
        (
            row.get::<_, i64>(0),
            row.get::<_, i64>(1),
            row.get::<_, i64>(2)
        ),
        (n, n, n)
    );
    let receipts_at_hq: Vec<String> = db
        .query(
            "SELECT receipt_no FROM pos.sales WHERE terminal_id = $1 ORDER BY receipt_no",
            &[&terminal_id],
        )
        .await
        .expect("receipts")
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut ours = receipts.clone();
    ours.sort();
    assert_eq!(
        receipts_at_hq, ours,
        "HQ holds exactly the terminal's receipts"
    );
    let movements: i64 = db
        .query_one(
            "SELECT count(*) FROM inv.stock_movements WHERE terminal_id = $1",
            &[&terminal_id],
        )
        .await
        .expect("movements")
        .get(0);
    let lines: i64 = db
        .query_one(
            "SELECT count(*) FROM pos.sale_lines l JOIN pos.sales s ON s.id = l.sale_id \
             WHERE s.terminal_id = $1",
            &[&terminal_id],
        )
        .await
        .expect("lines")
        .get(0);
    assert_eq!(movements, lines, "one stock movement per line, none twice");
    assert_eq!(till.till.status().expect("status").dead_letters, 0);

    drop(db);
    proxy.shutdown().await;
    let ledger = sync_e2e::processes::hq_ledger_check(&hq.database_url());
    assert_eq!(
        ledger["ok"], true,
        "the books prove out after a hostile network: {ledger:#}"
    );
    hq.drop_database().await;
}
