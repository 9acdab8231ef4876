//! Class 5: crafted sequence numbers, dates and query strings get a clear answer and do
//! no harm.

use super::support::*;

use pos_sync::token;
use serde_json::{Value, json};
use sync_e2e::crafted::{fresh_copy, fresh_id};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, seed_staff};
use sync_protocol::api::{PROTOCOL_HEADER, PushRecord};

/// Class 5: a sequence number at `i64::MAX` is a bad request, not a panic, and the server
/// keeps serving; a sale's business day or time that is not a date (or not a four-digit
/// year) is refused `bad_date`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crafted_sequence_numbers_and_sale_dates_are_refused_without_harm() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let (till, [shift_open, sale, _, _]) = till_with_one_of_each(&hq).await;
    let terminal = till.till.identity().terminal_id;
    let db = hq.client().await;
    let mut pusher = Pusher::new(&hq, terminal);

    for seqs in [
        vec![i64::MAX],
        vec![i64::MAX, 1],
        vec![i64::MAX - 1, i64::MAX],
    ] {
        let records: Vec<PushRecord> = seqs
            .iter()
            .map(|seq| record(*seq, "shift_open", &shift_open))
            .collect();
        let (status, body) = pusher
            .post(&records)
            .await
            .unwrap_or_else(|e| panic!("HQ answers a push numbered {seqs:?}: {e}"));
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("bad_request")),
            "{seqs:?}: {body}"
        );
    }
    let ready = reqwest::get(format!("{}/readyz", hq.url()))
        .await
        .expect("HQ still serves");
    assert_eq!(ready.status().as_u16(), 200);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM pos.push_log WHERE terminal_id = $1",
            &[&terminal]
        )
        .await,
        0,
        "nothing of those pushes was taken"
    );

    let receipts = Receipts::new();
    let dated = |field: &str, value: &str| {
        let mut crafted = fresh_copy(&sale, receipts.next());
        crafted["sale"][field] = json!(value);
        crafted
    };
    let far_future = dated("business_date", "99999-01-01");
    let month_13 = dated("business_date", "2024-13-01");
    let february_30 = dated("business_date", "2024-02-30");
    let tomorrow = dated("occurred_at", "tomorrow");
    let no_offset = dated("occurred_at", "2026-11-27T10:00:00");
    let local = dated("occurred_at", "27/11/2026 10:00");
    let followers: Vec<Value> = (0..6).map(|_| fresh_copy(&sale, receipts.next())).collect();
    let cases = [
        ("shift_open", &shift_open, "applied"),
        ("sale", &sale, "applied"),
        ("sale", &far_future, "bad_date"),
        ("sale", &followers[0], "applied"),
        ("sale", &month_13, "bad_date"),
        ("sale", &followers[1], "applied"),
        ("sale", &february_30, "bad_date"),
        ("sale", &followers[2], "applied"),
        ("sale", &tomorrow, "bad_date"),
        ("sale", &followers[3], "applied"),
        ("sale", &no_offset, "bad_date"),
        ("sale", &followers[4], "applied"),
        ("sale", &local, "bad_date"),
        ("sale", &followers[5], "applied"),
    ];
    push_and_check(&mut pusher, &db, &cases).await;
    assert_eq!(dead_letters(&db, terminal).await, 6);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}

/// Class 5's siblings: the dates of a void, a stock movement and a shift's opening are
/// checked like a sale's (PostgreSQL would take `epoch`, `now`, `infinity` and the year
/// 99999 as dates).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dates_of_voids_movements_and_shifts_are_refused_too() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    let (till, [shift_open, _, void, movement]) = till_with_one_of_each(&hq).await;
    let terminal = till.till.identity().terminal_id;
    let db = hq.client().await;
    let mut pusher = Pusher::new(&hq, terminal);
    let dated = |template: &Value, field: &str, value: &str| {
        let mut crafted = fresh_id(template);
        crafted[field] = json!(value);
        crafted
    };
    let void_far = dated(&void, "business_date", "99999-01-01");
    let void_epoch = dated(&void, "occurred_at", "epoch");
    let movement_now = dated(&movement, "occurred_at", "now");
    let shift_infinity = dated(&shift_open, "opened_at", "infinity");
    let (void_after_far, void_after_epoch) = (fresh_id(&void), fresh_id(&void));
    let (movement_after, void_after_shift) = (fresh_id(&movement), fresh_id(&void));
    let cases = [
        ("shift_open", &shift_open, "applied"),
        ("void", &void_far, "bad_date"),
        ("void", &void_after_far, "applied"),
        ("void", &void_epoch, "bad_date"),
        ("void", &void_after_epoch, "applied"),
        ("stock_movement", &movement_now, "bad_date"),
        ("stock_movement", &movement_after, "applied"),
        ("shift_open", &shift_infinity, "bad_date"),
        ("void", &void_after_shift, "applied"),
    ];
    push_and_check(&mut pusher, &db, &cases).await;
    assert_eq!(dead_letters(&db, terminal).await, 4);
    books_prove_out(&hq).await;
    hq.drop_database().await;
}

/// Issue 22, class 5 (beyond the push): a query string HQ cannot read is answered with
/// its `{code, message}` like every other error, not plain text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_query_strings_answer_a_code_and_a_message() {
    let hq = Hq::start().await;
    let _cleanup = DropOnFailure::new(&hq);
    seed_staff(&hq).await;
    let till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let token = token::load(till.till.identity().terminal_id).expect("the token");
    for path in [
        "/api/v1/catalog?after_version=abc",
        "/api/v1/catalog?after_id=not-a-uuid",
        "/api/v1/stock?limit=-1",
    ] {
        let response = reqwest::Client::new()
            .get(format!("{}{path}", hq.url()))
            .header(PROTOCOL_HEADER, "1")
            .bearer_auth(&token)
            .send()
            .await
            .expect("HQ answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        let body: Value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: not JSON but {text:?}"));
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("bad_request")),
            "{path}: {body}"
        );
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{path}: {body}"
        );
    }
    hq.drop_database().await;
}
