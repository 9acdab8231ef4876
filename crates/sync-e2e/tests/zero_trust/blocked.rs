//! A till whose records are all refused keeps selling and syncing the rest.

use super::support::*;

use pos_terminal::{Cart, Quantity};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, money, seed_staff};

/// A till whose records are all refused keeps selling and syncing: HQ lost the till's
/// shift (deleted at HQ), so every record rung in it is refused; the till syncs them into
/// its dead letters, opens a new shift, and what it sells then lands.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_till_whose_records_are_all_refused_keeps_selling_and_syncing() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let items = hq.seed_items(6, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    drain(till.path(), 5).await;
    let terminal = till.till.identity().terminal_id;
    let db = hq.client().await;
    let lost_shifts = db
        .execute(
            "DELETE FROM pos.shifts WHERE terminal_id = $1",
            &[&terminal],
        )
        .await
        .expect("HQ loses the shift");
    assert_eq!(lost_shifts, 1);

    let lost: Vec<String> = (0..3).map(|n| till.sell(n, &items).receipt_no).collect();
    let (cashier, manager) = (till.cashier.clone(), till.manager.clone());
    let mut cart = Cart::new();
    cart.add(
        &till.till.item_by_code(&items[0].barcode).expect("an item"),
        Quantity::ONE,
    )
    .expect("a line");
    till.till
        .void_sale(&cashier, &manager, &cart)
        .expect("a void");
    till.till
        .close_shift(&manager, money(10_000))
        .expect("the Z report");
    drain(till.path(), 5).await;
    let status = till.till.status().expect("status");
    assert_eq!(status.queue_length, 0, "refused records leave the queue");
    let mut dead: Vec<(String, String)> = status
        .recent_dead_letters
        .iter()
        .map(|d| (d.kind.clone(), d.code.clone()))
        .collect();
    dead.sort();
    for letter in &status.recent_dead_letters {
        for words in PG_WORDING {
            assert!(!letter.reason.contains(words), "{letter:?}");
        }
    }
    let shift = "unknown_shift".to_owned();
    assert_eq!(
        dead,
        [
            ("sale".to_owned(), shift.clone()),
            ("sale".to_owned(), shift.clone()),
            ("sale".to_owned(), shift.clone()),
            ("shift_close".to_owned(), shift.clone()),
            ("void".to_owned(), shift.clone()),
        ],
        "every record of the lost shift is a dead letter, with the reason"
    );

    // The till goes on: a new shift, more sales, synced and applied.
    till.till
        .open_shift(&cashier, money(10_000))
        .expect("a new shift");
    let kept: Vec<String> = (3..7).map(|n| till.sell(n, &items).receipt_no).collect();
    drain(till.path(), 5).await;
    let status = till.till.status().expect("status");
    assert_eq!((status.queue_length, status.dead_letters), (0, 5));
    let at_hq = "SELECT count(*) FROM pos.sales WHERE terminal_id = $1 AND receipt_no = ANY($2)";
    assert_eq!(
        count(&db, at_hq, &[&terminal, &kept]).await,
        4,
        "the later sales landed"
    );
    assert_eq!(
        count(&db, at_hq, &[&terminal, &lost]).await,
        0,
        "the refused ones wrote nothing"
    );
    assert_eq!(dead_letters(&db, terminal).await, 5);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}
