//! Class 3: ids of another organization are refused exactly as ids that exist nowhere.

use super::support::*;

use pos_terminal::{Cart, Quantity, StockChange};
use serde_json::{Value, json};
use sync_e2e::crafted::{OTHER_BARCODE, fresh_copy, fresh_id, second_organization, without_ids};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};
use uuid::Uuid;

/// Class 3: every id a record names belongs to the terminal's organization; another
/// organization's id is refused exactly as an id that exists nowhere (same code, same
/// message but for the id), so the refusal tells nothing about the other organization.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_of_another_organization_are_refused_as_unknown() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let items = hq.seed_items(3, 100_000).await;
    seed_staff(&hq).await;
    let mut ours = Till::paired(&hq, &hq.url(), "Till 1").await;
    ours.sell(0, &items);
    drain(ours.path(), 5).await;
    let db = hq.client().await;
    let our_terminal = ours.till.identity().terminal_id;
    let our_location = location_of(&db, our_terminal).await;
    let (our_item, our_cashier, our_manager) = (items[0].id, ours.cashier.id(), ours.manager.id());
    let our_shift: Uuid = db
        .query_one(
            "SELECT id FROM pos.shifts WHERE terminal_id = $1",
            &[&our_terminal],
        )
        .await
        .expect("our shift at HQ")
        .get(0);
    let our_level = stock_level(&db, our_item, our_location).await;

    // The other organization's till makes its own records: a void, a stock receipt, a sale.
    let mut acme = second_organization(&hq).await;
    let acme_terminal = acme.till.identity().terminal_id;
    let acme_location = location_of(&db, acme_terminal).await;
    let widget = acme.till.item_by_code(OTHER_BARCODE).expect("acme's item");
    let mut cart = Cart::new();
    cart.add(&widget, Quantity::ONE).expect("a line");
    let (cashier, manager) = (acme.cashier.clone(), acme.manager.clone());
    acme.till
        .void_sale(&cashier, &manager, &cart)
        .expect("a void");
    acme.till
        .change_stock(
            &manager,
            OTHER_BARCODE,
            StockChange::Receive(Quantity::from_milli(5_000).expect("qty")),
            "delivery",
        )
        .expect("a stock receipt");
    let acme_sale = sell(&mut acme, &[(OTHER_BARCODE, 1_000)]);
    let queued = Queued::read(&acme);
    let (shift_open, void, movement, sale) = (
        queued.first("shift_open"),
        queued.first("void"),
        queued.first("stock_movement"),
        queued.sale(&acme_sale.receipt_no),
    );
    let mut pusher = Pusher::new(&hq, acme_terminal);
    push_and_check(&mut pusher, &db, &[("shift_open", &shift_open, "applied")]).await;

    let receipts = Receipts::new();
    let nowhere = Uuid::now_v7();
    // (kind, the record, where the id goes, the first organization's id, the code).
    let cases: [(&str, &Value, &str, Uuid, &str); 7] = [
        (
            "stock_movement",
            &movement,
            "/item_id",
            our_item,
            "unknown_item",
        ),
        ("void", &void, "/shift_id", our_shift, "unknown_shift"),
        ("void", &void, "/cashier_id", our_cashier, "unknown_user"),
        ("void", &void, "/approved_by", our_manager, "unknown_user"),
        (
            "shift_open",
            &shift_open,
            "/opened_by",
            our_cashier,
            "unknown_user",
        ),
        (
            "stock_movement",
            &movement,
            "/user_id",
            our_manager,
            "unknown_user",
        ),
        // A sale of acme's item whose movement takes the first organization's item.
        (
            "sale",
            &sale,
            "/movements/0/item_id",
            our_item,
            "bad_movement",
        ),
    ];
    for (kind, template, at, theirs, code) in cases {
        // One record, naming the other organization's id or an id that exists nowhere.
        let base = if kind == "sale" {
            fresh_copy(template, receipts.next())
        } else {
            fresh_id(template)
        };
        let naming = |id: Uuid| {
            let mut crafted = base.clone();
            *crafted.pointer_mut(at).expect("the field") = json!(id);
            crafted
        };
        let (other_org, unknown) = (naming(theirs), naming(nowhere));
        // An honest record of the same kind (a void after a shift opening) behind each.
        let (follower_kind, follower_template) = if kind == "shift_open" {
            ("void", &void)
        } else {
            (kind, template)
        };
        let follow = || {
            if follower_kind == "sale" {
                fresh_copy(follower_template, receipts.next())
            } else {
                fresh_id(follower_template)
            }
        };
        let (first, second) = (follow(), follow());
        let records = [
            (kind, &other_org),
            (follower_kind, &first),
            (kind, &unknown),
            (follower_kind, &second),
        ];
        let answer = pusher.push(&records).await;
        let got = codes(&answer);
        let expected = if kind == "sale" {
            // A movement that does not follow from its line, or an unknown item: either
            // names the problem, as long as both records get the same answer.
            assert!(
                ["bad_movement", "unknown_item"].contains(&got[0].as_str()),
                "{kind} {at}: {answer:#}"
            );
            got[0].clone()
        } else {
            code.to_owned()
        };
        let want = [expected.as_str(), "applied", expected.as_str(), "applied"];
        assert_eq!(got, want, "{kind} {at}: {answer:#}");
        check_messages(&answer);
        assert_eq!(
            without_ids(&message(&answer, 0)),
            without_ids(&message(&answer, 2)),
            "{kind} {at}: the refusal does not tell that the id exists elsewhere"
        );
        for (n, (kind, payload)) in records.iter().enumerate() {
            let rows = rows_of(&db, kind, payload).await;
            if n % 2 == 0 {
                assert_eq!(rows, 0, "refused {kind} {at} yet written");
            } else {
                assert!(rows > 0, "the honest {kind} after {at} was not applied");
            }
        }
    }

    // Nothing reached the first organization's books.
    assert_eq!(stock_level(&db, our_item, our_location).await, our_level);
    assert_eq!(stock_level(&db, our_item, acme_location).await, 0);
    let touching = count(
        &db,
        "SELECT (SELECT count(*) FROM pos.voids WHERE terminal_id = $1 AND \
           (shift_id = $2 OR cashier_id = ANY($3) OR approved_by = ANY($3))) \
         + (SELECT count(*) FROM pos.shifts WHERE terminal_id = $1 AND opened_by = ANY($3)) \
         + (SELECT count(*) FROM inv.stock_movements WHERE terminal_id = $1 AND \
           (item_id = $4 OR user_id = ANY($3)))",
        &[
            &acme_terminal,
            &our_shift,
            &vec![our_cashier, our_manager],
            &our_item,
        ],
    )
    .await;
    assert_eq!(
        touching, 0,
        "no row of acme's names the first organization's ids"
    );
    assert_eq!(dead_letters(&db, acme_terminal).await, 14);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}
