//! A terminal offline for a week: ten thousand queued sales (SYNC_BACKLOG_SALES sets how
//! many) drain completely when HQ is back, each once, with balanced journals and stock
//! that is the sum of the movements.

use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_week_of_queued_sales_drains_completely() {
    let hq = Hq::start().await;
    let items = hq.seed_items(200, 1_000_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let sales = sync_e2e::env_or("SYNC_BACKLOG_SALES", 10_000);
    let mut total = 0i64;
    for n in 0..sales {
        total += till.sell(n, &items).total.minor();
    }
    assert_eq!(
        till.queue_length(),
        sales as i64 + 1,
        "the sales and the shift opening wait"
    );

    let report = drain(till.path(), 3).await;
    assert_eq!(report.pushed, sales as u64 + 1);
    let db = hq.client().await;
    let row = db
        .query_one(
            "SELECT count(*), count(DISTINCT id), (sum(total) * 100)::int8 FROM pos.sales",
            &[],
        )
        .await
        .expect("sales");
    assert_eq!(row.get::<_, i64>(0), sales as i64);
    assert_eq!(row.get::<_, i64>(1), sales as i64);
    assert_eq!(row.get::<_, i64>(2), total);
    let unbalanced: i64 = db
        .query_one(
            "SELECT count(*) FROM (SELECT journal_entry_id FROM acct.journal_lines \
               GROUP BY journal_entry_id HAVING sum(debit) <> sum(credit)) AS u",
            &[],
        )
        .await
        .expect("journal")
        .get(0);
    assert_eq!(unbalanced, 0);
    let wrong_levels: i64 = db
        .query_one(
            "SELECT count(*) FROM inv.stock_levels l WHERE l.on_hand <> COALESCE( \
               (SELECT sum(m.quantity) FROM inv.stock_movements m \
                 WHERE m.item_id = l.item_id AND m.location_id = l.location_id), 0)",
            &[],
        )
        .await
        .expect("levels")
        .get(0);
    assert_eq!(wrong_levels, 0);
    let status = till.till.status().expect("status");
    assert_eq!((status.queue_length, status.dead_letters), (0, 0));
    assert_eq!(till.till.verify().expect("verify"), Vec::new());
    drop(db);
    hq.drop_database().await;
}
