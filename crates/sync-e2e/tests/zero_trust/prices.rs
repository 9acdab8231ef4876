//! Class 2: lines are priced from HQ's catalog at the version the till priced them with,
//! refunds give back their sold lines, and a sale's movements follow its lines.

use super::support::*;

use serde_json::{Value, json};
use sync_e2e::crafted::{
    LineSpec, amount, catalog_line, catalog_version, fresh_copy, new_sale, quantity,
    reprice_refund_line, second_organization, settle, without_ids,
};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, seed_staff};
use uuid::Uuid;

/// Class 2: a line is priced as HQ's catalog priced it at the version the till priced it
/// with, unless a manager of the organization approved otherwise; a refund line gives back
/// what its original line sold; a sale's movements follow from its lines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_must_be_priced_from_hqs_catalog_and_movements_follow_them() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let items = hq.seed_items(4, 100_000).await;
    seed_staff(&hq).await;
    let stranger_org = second_organization(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let terminal = till.till.identity().terminal_id;
    let db = hq.client().await;
    let location = location_of(&db, terminal).await;
    let one = sell(&mut till, &[(&items[0].barcode, 1_000)]);
    let mixed = sell(
        &mut till,
        &[(&items[0].barcode, 10_000), (&items[2].barcode, 10_000)],
    );
    let back = refund_one(&mut till, &mixed.receipt_no, &items[0].barcode);
    let queued = Queued::read(&till);
    let (shift_open, sale, sold_mixed, refund) = (
        queued.first("shift_open"),
        queued.sale(&one.receipt_no),
        queued.sale(&mixed.receipt_no),
        queued.sale(&back.receipt_no),
    );
    let version = catalog_version(&db, "default").await;
    let mut pusher = Pusher::new(&hq, terminal);
    let honest = [
        ("shift_open", &shift_open, "applied"),
        ("sale", &sale, "applied"),
        ("sale", &sold_mixed, "applied"),
    ];
    push_and_check(&mut pusher, &db, &honest).await;

    let receipts = Receipts::new();
    // Item 0: 1.00, 8.875% added on top. Each crafted sale re-derives every amount, so
    // only the line's price, rate or inclusiveness is off the catalog.
    let item = catalog_line(&db, items[0].id, 1_000).await;
    assert_eq!(
        (item.unit_price_minor, item.tax_ppm, item.inclusive),
        (100, 88_750, false)
    );
    let sale_of = |line: LineSpec| new_sale(&sale, &[line], receipts.next());
    let cheap = sale_of(item.clone().at_price(1));
    let untaxed = sale_of(item.clone().taxed(0, false));
    let inclusive = sale_of(item.clone().taxed(88_750, true));
    let approved = |by: Uuid| {
        let mut crafted = sale_of(item.clone().at_price(50));
        crafted["sale"]["approval"] = json!({"approved_by": by, "reasons": ["damaged box"]});
        crafted
    };
    let by_manager = approved(till.manager.id());
    let by_cashier = approved(till.cashier.id());
    let by_other_org = approved(stranger_org.manager.id());
    let by_nobody = approved(Uuid::now_v7());
    let mut from_the_future = fresh_copy(&sale, receipts.next());
    from_the_future["sale"]["catalog_version"] = json!(version + 5);
    let mut unversioned = fresh_copy(&sale, receipts.next());
    unversioned["sale"]
        .as_object_mut()
        .expect("a sale")
        .remove("catalog_version");
    // Movements that do not follow from the one line (one unit of item 0 sold).
    let moved_as = |edit: &dyn Fn(&mut Value)| {
        let mut crafted = fresh_copy(&sale, receipts.next());
        edit(&mut crafted["movements"]);
        crafted
    };
    let thousand_in = moved_as(&|m| m[0]["quantity_milli"] = json!(1_000_000));
    let unmoved = moved_as(&|m| *m = json!([]));
    let other_item = moved_as(&|m| m[0]["item_id"] = json!(items[2].id));
    let as_receipt = moved_as(&|m| m[0]["reason"] = json!("receipt"));
    let twice = moved_as(&|m| {
        let mut again = m[0].clone();
        again["id"] = json!(Uuid::now_v7());
        m.as_array_mut().expect("movements").push(again);
    });
    let followers: Vec<Value> = (0..12)
        .map(|_| fresh_copy(&sale, receipts.next()))
        .collect();

    // Refunds of the mixed sale (10 of item 0 at 1.00, 10 of item 2 at 1.50).
    let lines = sold_mixed["sale"]["lines"].as_array().expect("lines");
    let line_of = |item: Uuid| {
        lines
            .iter()
            .find(|l| l["item_id"] == json!(item))
            .expect("the line")["id"]
            .clone()
    };
    assert_eq!(
        refund["sale"]["lines"][0]["refund_of_line"],
        line_of(items[0].id)
    );
    let refund_as = |edit: &dyn Fn(&mut Value)| {
        let mut crafted = fresh_copy(&refund, receipts.next());
        edit(&mut crafted["sale"]["lines"][0]);
        settle(&mut crafted);
        crafted
    };
    // 0.001 units for 5.00 (tax 8.875% of it: 0.44).
    let tiny = refund_as(&|line| {
        line["quantity"] = json!(quantity(1));
        line["gross"] = json!(amount(-500));
        line["tax"] = json!(amount(-44));
        line["total"] = json!(amount(-544));
    });
    let crossed = refund_as(&|line| line["refund_of_line"] = line_of(items[2].id));
    let underpriced = refund_as(&|line| reprice_refund_line(line, 50, 1_000));
    let beyond = refund_as(&|line| reprice_refund_line(line, 100, 11_000));
    let refunds: Vec<Value> = (0..4)
        .map(|_| fresh_copy(&refund, receipts.next()))
        .collect();

    let cases = [
        ("sale", &cheap, "price_mismatch"),
        ("sale", &followers[0], "applied"),
        ("sale", &untaxed, "price_mismatch"),
        ("sale", &followers[1], "applied"),
        ("sale", &inclusive, "price_mismatch"),
        ("sale", &followers[2], "applied"),
        ("sale", &by_manager, "applied"),
        ("sale", &by_cashier, "not_a_manager"),
        ("sale", &followers[3], "applied"),
        ("sale", &by_other_org, "unknown_user"),
        ("sale", &followers[4], "applied"),
        ("sale", &by_nobody, "unknown_user"),
        ("sale", &followers[5], "applied"),
        ("sale", &from_the_future, "unknown_catalog_version"),
        ("sale", &followers[6], "applied"),
        ("sale", &unversioned, "bad_record"),
        ("sale", &followers[7], "applied"),
        ("sale", &thousand_in, "bad_movement"),
        ("sale", &followers[8], "applied"),
        ("sale", &unmoved, "bad_movement"),
        ("sale", &followers[9], "applied"),
        ("sale", &other_item, "bad_movement"),
        ("sale", &followers[10], "applied"),
        ("sale", &as_receipt, "bad_movement"),
        ("sale", &followers[11], "applied"),
        ("sale", &twice, "bad_movement"),
        ("sale", &refund, "applied"),
        ("sale", &tiny, "refund_mismatch"),
        ("sale", &refunds[0], "applied"),
        ("sale", &crossed, "refund_mismatch"),
        ("sale", &refunds[1], "applied"),
        ("sale", &underpriced, "refund_mismatch"),
        ("sale", &refunds[2], "applied"),
        ("sale", &beyond, "refund_exceeds_sale"),
        ("sale", &refunds[3], "applied"),
    ];
    let answer = push_and_check(&mut pusher, &db, &cases).await;
    // The user of another organization is refused as if it existed nowhere.
    assert_eq!(
        without_ids(&message(&answer, 9)),
        without_ids(&message(&answer, 11)),
        "{answer:#}"
    );

    let mut everything = applied(&honest);
    everything.extend(applied(&cases));
    for item in [items[0].id, items[2].id] {
        assert_eq!(
            stock_level(&db, item, location).await,
            100_000 + moved(&everything, item),
            "stock moved by the applied records only"
        );
    }
    let refused = cases.iter().filter(|c| c.2 != "applied").count() as i64;
    assert_eq!(dead_letters(&db, terminal).await, refused);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}

/// Class 2, the price history: a till offline when a price changed sold at the price it
/// knew, which is right at the catalog version it priced with, and wrong at any other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_till_offline_when_a_price_changed_sells_at_the_old_price_and_no_other() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let items = hq.seed_items(2, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let terminal = till.till.identity().terminal_id;
    let db = hq.client().await;
    let old_version = pos_store::Store::open(till.path().join(pos_terminal::DB_FILE))
        .expect("the store")
        .sync_state()
        .expect("sync state")
        .pull_cursor;
    assert_eq!(old_version, catalog_version(&db, "default").await);

    // HQ doubles the price; the till, offline, still sells at 1.00.
    let mut admin = hq.client().await;
    let operator = hq.operator(&admin).await;
    hq::item_price::set_price(&mut admin, &operator, &items[0].sku, "2.00")
        .await
        .expect("a new price");
    let new_version = catalog_version(&db, "default").await;
    assert!(new_version > old_version);
    let offline = sell(&mut till, &[(&items[0].barcode, 1_000)]);
    let queued = Queued::read(&till);
    let (shift_open, sale) = (queued.first("shift_open"), queued.sale(&offline.receipt_no));
    assert_eq!(sale["sale"]["lines"][0]["unit_price"], "1.00");
    assert_eq!(sale["sale"]["catalog_version"], json!(old_version));
    let mut pusher = Pusher::new(&hq, terminal);

    let receipts = Receipts::new();
    let now_priced = catalog_line(&db, items[0].id, 1_000).await;
    assert_eq!(now_priced.unit_price_minor, 200);
    let mut stale = fresh_copy(&sale, receipts.next());
    stale["sale"]["catalog_version"] = json!(new_version);
    let mut premature = new_sale(&sale, std::slice::from_ref(&now_priced), receipts.next());
    premature["sale"]["catalog_version"] = json!(old_version);
    let mut current = new_sale(&sale, &[now_priced], receipts.next());
    current["sale"]["catalog_version"] = json!(new_version);
    let again = fresh_copy(&sale, receipts.next());
    let cases = [
        ("shift_open", &shift_open, "applied"),
        ("sale", &sale, "applied"),
        ("sale", &stale, "price_mismatch"),
        ("sale", &current, "applied"),
        ("sale", &premature, "price_mismatch"),
        ("sale", &again, "applied"),
    ];
    push_and_check(&mut pusher, &db, &cases).await;
    assert_eq!(dead_letters(&db, terminal).await, 2);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}
