//! The pull: a catalog transaction that commits late is not skipped by the cursor, and a
//! pull cut halfway leaves the till's catalog as it was (never half of an HQ change).

use std::time::Duration;

use pos_store::Store;
use sync_e2e::fault_proxy::{FaultPlan, FaultProxy};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};
use uuid::Uuid;

fn catalog_size(till: &Till) -> i64 {
    Store::open(till.path().join(pos_terminal::DB_FILE))
        .expect("open")
        .catalog_size()
        .expect("count")
}

async fn insert_item(tx: &tokio_postgres::Transaction<'_>, org: Uuid, version: i64, sku: &str) {
    tx.execute(
        "INSERT INTO inv.items (organization_id, sku, name, price, tax_rate_id, sync_version) \
         SELECT $1, $2, $2, 1.00, id, $3 FROM pos.tax_rates WHERE code = 'STD'",
        &[&org, &sku, &version],
    )
    .await
    .expect("insert an item");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_catalog_change_that_commits_late_is_still_pulled() {
    let hq = Hq::start().await;
    hq.seed_items(3, 1_000).await;
    seed_staff(&hq).await;
    let till = Till::paired(&hq, &hq.url(), "Till 1").await;
    assert_eq!(catalog_size(&till), 3);
    let org: Uuid = hq
        .client()
        .await
        .query_one("SELECT id FROM core.organizations", &[])
        .await
        .expect("org")
        .get(0);

    // A takes its version and dawdles before committing.
    let mut slow = hq.client().await;
    let a = slow.transaction().await.expect("begin A");
    let version_a = hq::versions::next_catalog_version(&a, org)
        .await
        .expect("A's version");
    insert_item(&a, org, version_a, "LATE-A").await;

    // B, started later, cannot take a version until A ends: it waits.
    let db = hq.database_url();
    let b = tokio::spawn(async move {
        let target = hq::db::DbTarget::parse(&db).expect("url");
        let mut fast = target.connect().await.expect("connect B");
        let tx = fast.transaction().await.expect("begin B");
        let version = hq::versions::next_catalog_version(&tx, org)
            .await
            .expect("B's version");
        insert_item(&tx, org, version, "LATE-B").await;
        tx.commit().await.expect("commit B");
        version
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!b.is_finished(), "B must wait for A's version lock");
    drain(till.path(), 2).await;
    assert_eq!(catalog_size(&till), 3, "nothing uncommitted is pulled");

    a.commit().await.expect("commit A");
    let version_b = b.await.expect("B");
    assert!(version_b > version_a, "B's version follows A's");
    drain(till.path(), 2).await;
    assert_eq!(
        catalog_size(&till),
        5,
        "A, which committed late, is not skipped"
    );
    hq.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_cut_halfway_changes_nothing_and_the_next_one_completes() {
    let hq = Hq::start().await;
    hq.seed_items(2, 1_000).await;
    seed_staff(&hq).await;
    let proxy = FaultProxy::start(hq.addr, FaultPlan::none())
        .await
        .expect("proxy");
    let till = Till::paired(&hq, &proxy.url(), "Till 1").await;
    assert_eq!(catalog_size(&till), 2);
    // 5,000 more items in one HQ transaction.
    hq.seed_more_items(5_000).await;
    proxy.set_plan(FaultPlan {
        cut_response_pct: 40,
        ..FaultPlan::none()
    });
    let mut failed = 0;
    for _ in 0..30 {
        let outcome = pos_sync::sync_data_dir(till.path()).await;
        let size = catalog_size(&till);
        assert!(
            size == 2 || size == 5_002,
            "a pull applied in part: {size} items"
        );
        match outcome {
            Ok(_) if size == 5_002 => break,
            Ok(_) => panic!("a round succeeded without the catalog"),
            Err(_) => failed += 1,
        }
    }
    assert!(failed > 0, "some pulls were cut");
    proxy.set_plan(FaultPlan::none());
    drain(till.path(), 2).await;
    assert_eq!(catalog_size(&till), 5_002);
    proxy.shutdown().await;
    hq.drop_database().await;
}
