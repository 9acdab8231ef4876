//! What happens when a terminal or HQ is not what it was: a record that always fails, a
//! terminal restored from a copy, HQ restored from an older backup, two sync loops at
//! once, and two HQ replicas taking turns.

use pos_store::{ItemRow, Store};
use pos_sync::{HqClient, SyncError, SyncLock, client_for, sync_round, token};
use pos_terminal::{Cart, Quantity, Tender};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};

fn store_of(till: &Till) -> Store {
    Store::open(till.path().join(pos_terminal::DB_FILE)).expect("open the store")
}

async fn sales_of(hq: &Hq, till: &Till) -> i64 {
    hq.client()
        .await
        .query_one(
            "SELECT count(*) FROM pos.sales WHERE terminal_id = $1",
            &[&till.till.identity().terminal_id],
        )
        .await
        .expect("count")
        .get(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_hq_refuses_becomes_a_dead_letter_and_the_queue_goes_on() {
    let hq = Hq::start().await;
    let items = hq.seed_items(5, 10_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    // An item only this till knows (HQ never had it): its sale can never be applied.
    let tax_rate_id = till
        .till
        .item_by_code(&items[0].sku)
        .expect("item")
        .row
        .tax_rate_id;
    store_of(&till)
        .upsert_items(&[ItemRow {
            id: uuid::Uuid::now_v7(),
            sku: "LOCAL-1".to_owned(),
            barcode: None,
            name: "Local only".to_owned(),
            price: pos_terminal::Money::from_minor(500).expect("price"),
            price_includes_tax: false,
            tax_rate_id,
            reorder_level: None,
            is_active: true,
            deleted: false,
        }])
        .expect("a local item");
    till.sell(0, &items);
    let mut cart = Cart::new();
    let local = till.till.item_by_code("LOCAL-1").expect("the local item");
    cart.add(&local, Quantity::from_milli(1_000).expect("qty"))
        .expect("add");
    let total = cart.totals().expect("priced").total;
    let cashier = till.cashier.clone();
    let doomed = till
        .till
        .complete_sale(&cashier, &cart, &[Tender::cash(total).expect("cash")], None)
        .expect("sold offline");
    for n in 1..5 {
        till.sell(n, &items);
    }
    let report = drain(till.path(), 3).await;
    assert_eq!(report.rejected, 1);
    assert_eq!(
        sales_of(&hq, &till).await,
        5,
        "the records behind it went on"
    );
    let status = till.till.status().expect("status");
    assert_eq!((status.queue_length, status.dead_letters), (0, 1));
    let dead = &status.recent_dead_letters[0];
    assert_eq!(dead.code, "unknown_item");
    assert!(dead.reason.contains(&doomed.receipt_no), "{}", dead.reason);
    assert_eq!(till.till.verify().expect("verify"), Vec::new());
    hq.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_restored_from_a_copy_is_stopped_not_silently_skipped() {
    let hq = Hq::start().await;
    let items = hq.seed_items(5, 10_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    drain(till.path(), 2).await;
    // A backup of the data folder, taken now.
    let backup = tempfile::tempdir().expect("a folder");
    {
        let store = store_of(&till);
        store
            .copy_to(backup.path().join(pos_terminal::DB_FILE))
            .expect("backup");
    }
    for n in 0..3 {
        till.sell(n, &items);
    }
    drain(till.path(), 2).await;
    // The till dies; the backup comes back and sells other sales under the same numbers.
    let mut restored = pos_terminal::Terminal::open(backup.path()).expect("open the copy");
    let cashier = restored
        .sign_in(sync_e2e::till::CASHIER_PIN)
        .expect("sign in");
    let mut cart = Cart::new();
    let item = restored.item_by_code(&items[4].sku).expect("item");
    cart.add(&item, Quantity::from_milli(4_000).expect("qty"))
        .expect("add");
    let total = cart.totals().expect("priced").total;
    restored
        .complete_sale(&cashier, &cart, &[Tender::cash(total).expect("cash")], None)
        .expect("a sale on the copy");
    let err = pos_sync::sync_data_dir(backup.path())
        .await
        .expect_err("refused");
    assert!(
        matches!(err, SyncError::Refused { status: 409, ref code, .. } if code == "sequence_reused"),
        "{err:?}"
    );
    assert!(err.to_string().contains("pair it again"), "{err}");
    assert_eq!(
        sales_of(&hq, &till).await,
        3,
        "nothing of the copy was applied"
    );
    assert_eq!(
        restored.status().expect("status").queue_length,
        1,
        "and nothing was lost"
    );
    hq.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hq_restored_from_an_older_backup_is_noticed_and_nothing_is_deleted() {
    let hq = Hq::start().await;
    let items = hq.seed_items(5, 10_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    for n in 0..4 {
        till.sell(n, &items);
    }
    drain(till.path(), 2).await;
    // HQ loses its last two records, as a restore of an older backup would.
    let db = hq.client().await;
    let id = till.till.identity().terminal_id;
    db.batch_execute(&format!(
        "DELETE FROM acct.journal_lines WHERE journal_entry_id IN (SELECT e.id FROM \
           acct.journal_entries e JOIN pos.sales s ON s.id = e.source_id WHERE s.receipt_no \
           IN ('T01-000003', 'T01-000004')); \
         DELETE FROM acct.journal_entries WHERE source_id IN (SELECT id FROM pos.sales \
           WHERE receipt_no IN ('T01-000003', 'T01-000004')); \
         ALTER TABLE inv.stock_movements DISABLE TRIGGER stock_movements_append_only; \
         DELETE FROM inv.stock_movements WHERE sale_id IN (SELECT id FROM pos.sales \
           WHERE receipt_no IN ('T01-000003', 'T01-000004')); \
         ALTER TABLE inv.stock_movements ENABLE TRIGGER stock_movements_append_only; \
         DELETE FROM pos.sales WHERE receipt_no IN ('T01-000003', 'T01-000004'); \
         DELETE FROM pos.journal_links WHERE terminal_id = '{id}' AND seq > 3; \
         DELETE FROM pos.push_log WHERE terminal_id = '{id}' AND seq > 3; \
         UPDATE pos.terminals SET last_applied = 3, chain_position = 2, chain_head = \
           (SELECT hash FROM pos.journal_links WHERE terminal_id = '{id}' AND position = 2) \
         WHERE id = '{id}';"
    ))
    .await
    .expect("roll HQ back");
    till.sell(4, &items);
    let err = pos_sync::sync_data_dir(till.path())
        .await
        .expect_err("noticed");
    assert!(
        err.to_string().contains("backup") || err.to_string().contains("backwards"),
        "{err}"
    );
    let status = till.till.status().expect("status");
    assert_eq!(status.queue_length, 1, "the queued sale is kept");
    assert!(!status.online);
    assert!(status.last_error.is_some());
    hq.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_sync_loops_and_two_hq_replicas_still_apply_everything_once() {
    let mut hq = Hq::start().await;
    let items = hq.seed_items(10, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    // A second replica over the same database.
    let first = hq.addr;
    hq.serve_on(0).await;
    let second = hq.addr;
    let terminal_id = till.till.identity().terminal_id;
    let token = token::load(terminal_id).expect("token");
    let replica_a = HqClient::new(&format!("http://{first}"), Some(token.clone())).expect("a");
    let replica_b = HqClient::new(&format!("http://{second}"), Some(token)).expect("b");
    for round in 0..6 {
        for n in 0..25 {
            till.sell(round * 25 + n, &items);
        }
        // Two loops at once, each on its own connection, on alternating replicas; the
        // terminal's sync lock makes them take turns locally.
        let dir = till.path().to_path_buf();
        let (d1, d2) = (dir.clone(), dir.clone());
        let (a, b) = if round % 2 == 0 {
            (replica_a.clone(), replica_b.clone())
        } else {
            (replica_b.clone(), replica_a.clone())
        };
        let one = tokio::spawn(async move {
            let _lock = SyncLock::acquire(&d1).await.expect("lock");
            let mut store = Store::open(d1.join(pos_terminal::DB_FILE)).expect("open");
            sync_round(&mut store, &a).await.map(|_| ())
        });
        let two = tokio::spawn(async move {
            let _lock = SyncLock::acquire(&d2).await.expect("lock");
            let mut store = Store::open(d2.join(pos_terminal::DB_FILE)).expect("open");
            sync_round(&mut store, &b).await.map(|_| ())
        });
        let (one, two) = (one.await.expect("join"), two.await.expect("join"));
        assert!(one.is_ok() && two.is_ok(), "{one:?} {two:?}");
    }
    let mut store = store_of(&till);
    let client = client_for(&store).expect("client");
    sync_round(&mut store, &client).await.expect("a last round");
    assert_eq!(store.outbox_len().expect("queue"), 0);
    assert_eq!(sales_of(&hq, &till).await, 150);
    assert_eq!(store.dead_letter_count().expect("dead"), 0);
    hq.drop_database().await;
}
