//! Class 1: payments follow the direction of the sale, and change comes only out of cash.

use super::support::*;

use serde_json::{Value, json};
use sync_e2e::crafted::{fresh_copy, payment, set_payments};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, seed_staff};

/// Class 1: every payment follows the sale's direction (positive in a sale, negative in a
/// refund), change comes only from cash, never beyond it, and never in a refund.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_must_follow_the_direction_of_the_sale() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let items = hq.seed_items(4, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let terminal = till.till.identity().terminal_id;
    let db = hq.client().await;
    let location = location_of(&db, terminal).await;
    let customer = hq.add_customer("Casey Creditless").await;
    let one = sell(&mut till, &[(&items[0].barcode, 1_000)]);
    let ten = sell(&mut till, &[(&items[0].barcode, 10_000)]);
    let back = refund_one(&mut till, &ten.receipt_no, &items[0].barcode);
    let queued = Queued::read(&till);
    let (shift_open, sale, sold_ten, refund) = (
        queued.first("shift_open"),
        queued.sale(&one.receipt_no),
        queued.sale(&ten.receipt_no),
        queued.sale(&back.receipt_no),
    );
    assert_eq!(
        sale["sale"]["total"], "1.09",
        "one unit at 1.00 plus 8.875%"
    );
    assert_eq!(refund["sale"]["total"], "-1.09");
    let mut pusher = Pusher::new(&hq, terminal);
    let honest = [
        ("shift_open", &shift_open, "applied"),
        ("sale", &sale, "applied"),
        ("sale", &sold_ten, "applied"),
    ];
    push_and_check(&mut pusher, &db, &honest).await;

    let receipts = Receipts::new();
    let paid = |template: &Value, payments: Vec<Value>, change: i64| {
        let mut crafted = fresh_copy(template, receipts.next());
        set_payments(&mut crafted, payments, change);
        crafted
    };
    // A sale of 1.09: 51.09 in cash and -50.00 of store credit for a customer who has none.
    let mut credit = paid(
        &sale,
        vec![
            payment("cash", 5_109, None),
            payment("store_credit", -5_000, None),
        ],
        0,
    );
    credit["sale"]["customer_id"] = json!(customer);
    let negative_card = paid(
        &sale,
        vec![
            payment("cash", 10_000, None),
            payment("card", -9_891, Some("AUTH-NEG")),
        ],
        0,
    );
    let zero_payment = paid(
        &sale,
        vec![
            payment("card", 0, Some("AUTH-ZERO")),
            payment("cash", 109, None),
        ],
        0,
    );
    let change_beyond_cash = paid(
        &sale,
        vec![
            payment("cash", 100, None),
            payment("card", 509, Some("AUTH-2")),
        ],
        500,
    );
    let change_without_cash = paid(&sale, vec![payment("card", 609, Some("AUTH-3"))], 500);
    // A refund of -1.09 that pays out 5.00 of change against 5.00 "paid" in cash.
    let refund_with_change = paid(
        &refund,
        vec![
            payment("cash", 500, None),
            payment("card", -109, Some("AUTH-R1")),
        ],
        500,
    );
    let refund_negative_cash_change = paid(&refund, vec![payment("cash", -9, None)], 100);
    let refund_positive_card = paid(
        &refund,
        vec![
            payment("card", 100, Some("AUTH-R2")),
            payment("cash", -209, None),
        ],
        0,
    );
    let followers: Vec<Value> = (0..5).map(|_| fresh_copy(&sale, receipts.next())).collect();
    let refunds: Vec<Value> = (0..2)
        .map(|_| fresh_copy(&refund, receipts.next()))
        .collect();
    let cases = [
        ("sale", &credit, "bad_payment"),
        ("sale", &followers[0], "applied"),
        ("sale", &negative_card, "bad_payment"),
        ("sale", &followers[1], "applied"),
        ("sale", &zero_payment, "bad_payment"),
        ("sale", &followers[2], "applied"),
        ("sale", &change_beyond_cash, "bad_payment"),
        ("sale", &followers[3], "applied"),
        ("sale", &change_without_cash, "bad_payment"),
        ("sale", &followers[4], "applied"),
        ("sale", &refund_with_change, "bad_payment"),
        ("sale", &refund, "applied"),
        ("sale", &refund_negative_cash_change, "bad_payment"),
        ("sale", &refunds[0], "applied"),
        ("sale", &refund_positive_card, "bad_payment"),
        ("sale", &refunds[1], "applied"),
    ];
    push_and_check(&mut pusher, &db, &cases).await;

    let balance = count(
        &db,
        "SELECT COALESCE(sum((balance * 100)::int8), 0)::int8 FROM acct.customer_balances \
         WHERE customer_id = $1",
        &[&customer],
    )
    .await;
    assert_eq!(balance, 0, "no store credit was conjured");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM pos.sales WHERE terminal_id = $1",
            &[&terminal]
        )
        .await,
        2 + 5 + 3,
        "the honest sales and refunds, nothing else"
    );
    let mut everything = applied(&honest);
    everything.extend(applied(&cases));
    assert_eq!(
        stock_level(&db, items[0].id, location).await,
        100_000 + moved(&everything, items[0].id),
        "stock moved by the applied records only"
    );
    assert_eq!(dead_letters(&db, terminal).await, 8);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}
