//! HQ killed (SIGKILL, no shutdown) and PostgreSQL restarted the hard way while batches
//! are being applied: nothing half-applied survives, and every sale lands exactly once.

use std::path::PathBuf;
use std::time::Duration;

use sync_e2e::hq_fixture::Hq;
use sync_e2e::processes::{HqProcess, PgCluster};
use sync_e2e::till::{Till, drain, seed_staff};

async fn count_sales(hq: &Hq) -> (i64, i64, i64) {
    let row = hq
        .client()
        .await
        .query_one(
            "SELECT count(*), count(DISTINCT receipt_no), \
               (SELECT count(*) FROM acct.journal_entries) FROM pos.sales",
            &[],
        )
        .await
        .expect("count");
    (row.get(0), row.get(1), row.get(2))
}

/// Sync rounds, back to back, until one ends with an empty queue; how many failed.
async fn sync_until_drained(path: PathBuf) -> u32 {
    let mut failures = 0;
    for _ in 0..400 {
        match pos_sync::sync_data_dir(&path).await {
            Ok(_) => {
                let left = pos_store::Store::open(path.join(pos_terminal::DB_FILE))
                    .and_then(|s| s.outbox_len())
                    .unwrap_or(1);
                if left == 0 {
                    return failures;
                }
            }
            Err(_) => {
                failures += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hq_killed_mid_batch_and_restarted_applies_everything_once() {
    let hq = Hq::start().await;
    let items = hq.seed_items(20, 1_000_000).await;
    seed_staff(&hq).await;
    let mut server = HqProcess::start(&hq.database_url(), 0).await;
    let port = server.addr.port();
    let mut till = Till::paired(&hq, &server.url(), "Till 1").await;
    let sales = 1_500;
    for n in 0..sales {
        till.sell(n, &items);
    }
    let syncing = tokio::spawn(sync_until_drained(till.path().to_path_buf()));
    for kill in 0..5u64 {
        tokio::time::sleep(Duration::from_millis(150 + 70 * kill)).await;
        server.kill().await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        server = HqProcess::start(&hq.database_url(), port).await;
    }
    let failures = syncing.await.expect("the sync loop");
    assert!(failures > 0, "the kills interrupted some rounds");
    drain(till.path(), 5).await;
    let (count, distinct, entries) = count_sales(&hq).await;
    assert_eq!(
        (count, distinct, entries),
        (sales as i64, sales as i64, sales as i64)
    );
    server.kill().await;
    hq.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_restarted_mid_batch_loses_and_doubles_nothing() {
    let cluster = PgCluster::start();
    let hq = Hq::start_on(&cluster.url()).await;
    let items = hq.seed_items(20, 1_000_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let sales = 1_500;
    for n in 0..sales {
        till.sell(n, &items);
    }
    let syncing = tokio::spawn(sync_until_drained(till.path().to_path_buf()));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let restart = tokio::task::spawn_blocking(move || {
        cluster.restart_immediately();
        cluster
    });
    let cluster = restart.await.expect("restart");
    let failures = syncing.await.expect("the sync loop");
    assert!(failures > 0, "the restart interrupted some rounds");
    drain(till.path(), 5).await;
    let (count, distinct, entries) = count_sales(&hq).await;
    assert_eq!(
        (count, distinct, entries),
        (sales as i64, sales as i64, sales as i64)
    );
    hq.drop_database().await;
    drop(cluster);
}
