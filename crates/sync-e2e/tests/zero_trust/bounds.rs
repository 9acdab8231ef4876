//! Class 4: records beyond the bounds are refused on their own and never block the till.

use super::support::*;

use pos_terminal::{Quantity, StockChange};
use serde_json::{Value, json};
use sync_e2e::crafted::{catalog_line, fresh_copy, fresh_id, new_sale, payment, set_payments};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, seed_staff};

/// Class 4: quantities and amounts have bounds (pos-domain `limits`); a record beyond them
/// is refused `out_of_range` inside a 200 answer, never a 503 that blocks the till's queue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_beyond_the_bounds_are_refused_and_never_block_the_till() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let items = hq.seed_items(2, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let terminal = till.till.identity().terminal_id;
    let db = hq.client().await;
    let location = location_of(&db, terminal).await;
    let one = sell(&mut till, &[(&items[0].barcode, 1_000)]);
    let manager = till.manager.clone();
    till.till
        .change_stock(
            &manager,
            &items[0].barcode,
            StockChange::Receive(Quantity::ONE),
            "delivery",
        )
        .expect("a stock receipt");
    let queued = Queued::read(&till);
    let (shift_open, sale, receipt) = (
        queued.first("shift_open"),
        queued.sale(&one.receipt_no),
        queued.first("stock_movement"),
    );
    assert_eq!(receipt["reason"], "receipt");
    let received = |milli: i64| {
        let mut crafted = fresh_id(&receipt);
        crafted["quantity_milli"] = json!(milli);
        crafted
    };
    let mut pusher = Pusher::new(&hq, terminal);

    // 99,999,999,999.999 units received: more than HQ's NUMERIC(14,3) level can hold.
    let huge = received(99_999_999_999_999);
    let next = fresh_id(&receipt);
    let first = [
        ("shift_open", &shift_open, "applied"),
        ("sale", &sale, "applied"),
        ("stock_movement", &huge, "out_of_range"),
        ("stock_movement", &next, "applied"),
    ];
    push_and_check(&mut pusher, &db, &first).await;
    let later = fresh_id(&receipt);
    let second = [("stock_movement", &later, "applied")];
    push_and_check(&mut pusher, &db, &second).await;

    // The bounds, at and beyond: 1,000,000 units a movement or a line, 10,000,000.00 a
    // unit price, 100,000,000.00 an amount, 500 lines and 50 payments a sale.
    let receipts = Receipts::new();
    let item = catalog_line(&db, items[0].id, 1_000).await;
    let approved = |mut crafted: Value| {
        crafted["sale"]["approval"] =
            json!({"approved_by": manager.id(), "reasons": ["a bulk order"]});
        crafted
    };
    let at_most = received(1_000_000_000);
    let too_many = received(1_000_000_001);
    let mut written_off = received(-1_000_000_001);
    written_off["reason"] = json!("adjustment");
    let many_units = new_sale(&sale, &[item.clone().times(1_000_001_000)], receipts.next());
    let dear = approved(new_sale(
        &sale,
        &[item.clone().at_price(1_000_000_001)],
        receipts.next(),
    ));
    let bulk = approved(new_sale(
        &sale,
        &[item.clone().at_price(10_000_001).times(1_000_000)],
        receipts.next(),
    ));
    let five_hundred = new_sale(&sale, &vec![item.clone(); 500], receipts.next());
    let five_hundred_one = new_sale(&sale, &vec![item.clone(); 501], receipts.next());
    // 51 units: 51.00 plus 4.53 of tax, paid in 50 or 51 payments.
    let split = |count: i64| {
        let mut crafted = new_sale(&sale, &[item.clone().times(51_000)], receipts.next());
        assert_eq!(crafted["sale"]["total"], "55.53");
        let mut payments: Vec<Value> = (1..count).map(|_| payment("cash", 100, None)).collect();
        payments.push(payment("cash", 5_553 - 100 * (count - 1), None));
        set_payments(&mut crafted, payments, 0);
        crafted
    };
    let (fifty, fifty_one) = (split(50), split(51));
    let mut big_note = fresh_copy(&sale, receipts.next());
    set_payments(
        &mut big_note,
        vec![payment("cash", 10_000_000_001, None)],
        10_000_000_001 - 109,
    );
    let followers: Vec<Value> = (0..8).map(|_| fresh_copy(&sale, receipts.next())).collect();
    let bounds = [
        ("stock_movement", &at_most, "applied"),
        ("stock_movement", &too_many, "out_of_range"),
        ("sale", &followers[0], "applied"),
        ("stock_movement", &written_off, "out_of_range"),
        ("sale", &followers[6], "applied"),
        ("sale", &many_units, "out_of_range"),
        ("sale", &followers[1], "applied"),
        ("sale", &dear, "out_of_range"),
        ("sale", &followers[2], "applied"),
        ("sale", &bulk, "out_of_range"),
        ("sale", &followers[3], "applied"),
        ("sale", &five_hundred, "applied"),
        ("sale", &five_hundred_one, "out_of_range"),
        ("sale", &followers[4], "applied"),
        ("sale", &fifty, "applied"),
        ("sale", &fifty_one, "out_of_range"),
        ("sale", &followers[7], "applied"),
        ("sale", &big_note, "out_of_range"),
        ("sale", &followers[5], "applied"),
    ];
    push_and_check(&mut pusher, &db, &bounds).await;

    let mut everything = applied(&first);
    everything.extend(applied(&second));
    everything.extend(applied(&bounds));
    assert_eq!(
        stock_level(&db, items[0].id, location).await,
        100_000 + moved(&everything, items[0].id)
    );
    let refused = bounds.iter().filter(|c| c.2 != "applied").count() as i64;
    assert_eq!(dead_letters(&db, terminal).await, 1 + refused);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}

/// Class 4, the sums: every movement within its bound can still add up to more than HQ's
/// level can hold, so a level is kept within `limits::MAX_STOCK_LEVEL_MILLI` and the record
/// that would take it beyond is refused on its own, at either end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stock_level_is_kept_within_its_bound() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let (till, [shift_open, _, _, receipt]) = till_with_one_of_each(&hq).await;
    let terminal = till.till.identity().terminal_id;
    let db = hq.client().await;
    let location = location_of(&db, terminal).await;
    let item: uuid::Uuid = receipt["item_id"]
        .as_str()
        .expect("an item")
        .parse()
        .expect("a uuid");
    // A count at HQ puts the level 500 units below the bound.
    let bound = pos_domain::limits::MAX_STOCK_LEVEL_MILLI;
    count_to(&db, item, location, bound - 500_000).await;

    let moved_by = |milli: i64| {
        let mut crafted = fresh_id(&receipt);
        crafted["quantity_milli"] = json!(milli);
        if milli < 0 {
            crafted["reason"] = json!("adjustment");
        }
        crafted
    };
    let (past, to_the_bound, one_more, back) = (
        moved_by(500_001),
        moved_by(500_000),
        moved_by(1),
        moved_by(-1_000_000),
    );
    let mut pusher = Pusher::new(&hq, terminal);
    let cases = [
        ("shift_open", &shift_open, "applied"),
        ("stock_movement", &past, "out_of_range"),
        ("stock_movement", &to_the_bound, "applied"),
        ("stock_movement", &one_more, "out_of_range"),
        ("stock_movement", &back, "applied"),
    ];
    push_and_check(&mut pusher, &db, &cases).await;
    assert_eq!(stock_level(&db, item, location).await, bound - 1_000_000);
    // The other end: counted 500 units above minus the bound, a write-off past it is refused.
    count_to(&db, item, location, 500_000 - bound).await;
    let (past, to_the_bound) = (moved_by(-500_001), moved_by(-500_000));
    let cases = [
        ("stock_movement", &past, "out_of_range"),
        ("stock_movement", &to_the_bound, "applied"),
    ];
    push_and_check(&mut pusher, &db, &cases).await;
    assert_eq!(stock_level(&db, item, location).await, -bound);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}

/// A count at HQ that brings the item's level at `location` to `milli`: a movement and its
/// level, as the ledger wants them.
async fn count_to(db: &tokio_postgres::Client, item: uuid::Uuid, location: uuid::Uuid, milli: i64) {
    let by = milli - stock_level(db, item, location).await;
    db.execute(
        "WITH m AS (INSERT INTO inv.stock_movements (id, item_id, location_id, quantity, reason, \
           occurred_at) VALUES (gen_random_uuid(), $1, $2, $3::int8::numeric / 1000, 'count', \
           now()) RETURNING quantity) \
         UPDATE inv.stock_levels SET on_hand = on_hand + (SELECT quantity FROM m) \
         WHERE item_id = $1 AND location_id = $2",
        &[&item, &location, &by],
    )
    .await
    .expect("a count at HQ");
    assert_eq!(stock_level(db, item, location).await, milli);
}
