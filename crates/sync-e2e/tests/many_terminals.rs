//! Twenty terminals at one store sell and push at once for a while (a minute by default;
//! SYNC_LOAD_SECONDS sets it): HQ ends up with every sale once, and its stock is the sum
//! of everyone's movements even where the store sold more than it had.

use std::time::{Duration, Instant};

use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};

const TERMINALS: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_terminals_pushing_at_once_each_land_every_sale_once() {
    let hq = Hq::start().await;
    // Five of each on hand: twenty tills sell well past that (never refused for stock).
    let items = hq.seed_items(30, 5_000).await;
    seed_staff(&hq).await;
    let mut tills = Vec::with_capacity(TERMINALS);
    for n in 0..TERMINALS {
        tills.push(Till::paired(&hq, &hq.url(), &format!("Till {n}")).await);
    }
    let deadline =
        Instant::now() + Duration::from_secs(sync_e2e::env_or("SYNC_LOAD_SECONDS", 60) as u64);
    let mut tasks = Vec::new();
    for (t, mut till) in tills.into_iter().enumerate() {
        let items = items.clone();
        tasks.push(tokio::spawn(async move {
            let mut sold = 0i64;
            let mut n = t;
            while Instant::now() < deadline {
                for _ in 0..5 {
                    let receipt = till.sell(n, &items);
                    sold += receipt.total.minor();
                    n += TERMINALS;
                }
                // Failures (HQ busy) are retried by the next round.
                let _ = pos_sync::sync_data_dir(till.path()).await;
            }
            drain(till.path(), 10).await;
            (till, sold, (n - t) / TERMINALS)
        }));
    }
    let mut expected_total = 0i64;
    let mut expected_count = 0i64;
    let mut finished = Vec::new();
    for task in tasks {
        let (till, sold, count) = task.await.expect("a till's task");
        expected_total += sold;
        expected_count += count as i64;
        finished.push(till);
    }
    assert!(expected_count >= (TERMINALS * 5) as i64);

    let db = hq.client().await;
    let row = db
        .query_one(
            "SELECT count(*), count(DISTINCT id), COALESCE((sum(total) * 100)::int8, 0) \
             FROM pos.sales",
            &[],
        )
        .await
        .expect("HQ's sales");
    assert_eq!(row.get::<_, i64>(0), expected_count, "every sale once");
    assert_eq!(row.get::<_, i64>(1), expected_count);
    assert_eq!(row.get::<_, i64>(2), expected_total, "to the cent");
    for till in &finished {
        let status = till.till.status().expect("status");
        assert_eq!((status.queue_length, status.dead_letters), (0, 0));
    }
    // Each level is the sum of its movements: the opening count and every terminal's.
    let wrong: i64 = db
        .query_one(
            "SELECT count(*) FROM inv.stock_levels l WHERE l.on_hand <> COALESCE( \
               (SELECT sum(m.quantity) FROM inv.stock_movements m \
                 WHERE m.item_id = l.item_id AND m.location_id = l.location_id), 0)",
            &[],
        )
        .await
        .expect("levels")
        .get(0);
    assert_eq!(wrong, 0);
    let negative: i64 = db
        .query_one(
            "SELECT count(*) FROM inv.stock_levels WHERE on_hand < 0",
            &[],
        )
        .await
        .expect("negative levels")
        .get(0);
    assert!(
        negative > 0,
        "the store sold past its stock and HQ recorded it"
    );

    drop(db);
    drop(finished);
    let ledger = sync_e2e::processes::hq_ledger_check(&hq.database_url());
    assert_eq!(
        ledger["ok"], true,
        "the books prove out after twenty terminals at once: {ledger:#}"
    );
    hq.drop_database().await;
}
