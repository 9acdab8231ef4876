//! Bad input gets a clear 4xx (or, inside a valid push, a refusal with a reason), nothing
//! is written, and the server keeps serving.

use pos_sync::token;
use serde_json::{Value, json};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, seed_staff};
use sync_protocol::api::{PROTOCOL_HEADER, PushRecord};

async fn post(url: &str, token: Option<&str>, body: String) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(url)
        .header(PROTOCOL_HEADER, "1")
        .header("content-type", "application/json")
        .body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("HQ answers");
    let status = response.status().as_u16();
    let body = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

fn record(seq: i64, kind: &str, payload: &Value) -> PushRecord {
    let payload = payload.to_string();
    PushRecord {
        seq,
        kind: kind.to_owned(),
        record_id: "x".to_owned(),
        content_hash: pos_store::content_hash(payload.as_bytes()),
        payload,
        chain: None,
    }
}

async fn sales_at_hq(hq: &Hq) -> i64 {
    hq.client()
        .await
        .query_one("SELECT count(*) FROM pos.sales", &[])
        .await
        .expect("count")
        .get(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_are_refused_clearly_and_write_nothing() {
    let hq = Hq::start().await;
    let items = hq.seed_items(5, 10_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let other = Till::paired(&hq, &hq.url(), "Till 2").await;
    let token = token::load(till.till.identity().terminal_id).expect("token");
    let push = format!("{}/api/v1/push", hq.url());

    // Malformed JSON and wrong types.
    let (status, body) = post(&push, Some(&token), "{not json".to_owned()).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("bad_request")));
    let (status, body) = post(
        &push,
        Some(&token),
        json!({"records": [{"seq": "one"}]}).to_string(),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap_or("")
            .contains("invalid type"),
        "{body}"
    );

    // No token, an unknown token, no protocol version, a version from the future.
    let empty = json!({"records": []}).to_string();
    assert_eq!(post(&push, None, empty.clone()).await.0, 401);
    let (status, body) = post(&push, Some("tly1_forged"), empty.clone()).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    let response = reqwest::Client::new()
        .post(&push)
        .bearer_auth(&token)
        .header(PROTOCOL_HEADER, "2")
        .body(empty.clone())
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 426);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["code"], "terminal_too_new");

    // Oversized body.
    let huge = "x".repeat(hq::api::MAX_BODY_BYTES + 1);
    let (status, body) = post(&push, Some(&token), huge).await;
    assert_eq!((status, body["code"].as_str()), (413, Some("too_large")));

    // A content hash that does not match its payload.
    let mut tampered = record(1, "sale", &json!({"a": 1}));
    tampered.payload = "{\"a\": 2}".to_owned();
    let (status, _) = post(
        &push,
        Some(&token),
        json!({"records": [tampered]}).to_string(),
    )
    .await;
    assert_eq!(status, 400);

    // A real sale, then edited copies of it: negative quantity, unknown item, and the
    // other terminal's identity (403 for the whole push).
    let receipt = till.sell(1, &items);
    let queued = pos_store::Store::open(till.path().join(pos_terminal::DB_FILE))
        .expect("open")
        .outbox_batch(10)
        .expect("queue");
    let sale = queued
        .iter()
        .find(|r| r.kind == "sale")
        .expect("the sale record");
    let mut payload: Value = serde_json::from_str(&sale.payload).expect("json");
    assert_eq!(payload["receipt_no"], receipt.receipt_no);

    let mut stranger = payload.clone();
    stranger["terminal_id"] = json!(other.till.identity().terminal_id);
    let open = &queued[0];
    let open_record = PushRecord {
        seq: open.seq,
        kind: open.kind.clone(),
        record_id: open.record_id.clone(),
        content_hash: open.content_hash.clone(),
        payload: open.payload.clone(),
        chain: None,
    };
    let (status, body) = post(
        &push,
        Some(&token),
        json!({"records": [open_record.clone(), record(sale.seq, "sale", &stranger)]}).to_string(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("forbidden")),
        "{body}"
    );
    let last: i64 = hq
        .client()
        .await
        .query_one(
            "SELECT last_applied FROM pos.terminals WHERE id = $1",
            &[&till.till.identity().terminal_id],
        )
        .await
        .expect("last_applied")
        .get(0);
    assert_eq!(
        last, 0,
        "a forbidden push applies nothing, not even the records before it"
    );

    payload["sale"]["lines"][0]["quantity"] = json!(-1000);
    let mut unknown = serde_json::from_str::<Value>(&sale.payload).expect("json");
    let stranger_item = json!(uuid::Uuid::now_v7());
    unknown["sale"]["lines"][0]["item_id"] = stranger_item.clone();
    unknown["movements"][0]["item_id"] = stranger_item;
    let (status, body) = post(
        &push,
        Some(&token),
        json!({"records": [open_record, record(sale.seq, "sale", &payload), record(sale.seq + 1, "sale", &unknown)]})
            .to_string(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let results = body["results"].as_array().expect("results");
    assert_eq!(results[0]["outcome"], "applied");
    assert_eq!(results[1]["outcome"], "rejected");
    assert_eq!(results[2]["outcome"], "rejected");
    assert_eq!(results[2]["code"], "unknown_item");
    assert!(
        results[1]["message"].as_str().unwrap_or("").len() > 10,
        "{body}"
    );
    assert_eq!(sales_at_hq(&hq).await, 0, "refused sales write nothing");
    let dead: i64 = hq
        .client()
        .await
        .query_one("SELECT count(*) FROM pos.dead_letters", &[])
        .await
        .expect("dead letters")
        .get(0);
    assert_eq!(dead, 2, "HQ keeps its own copy of what it refused");

    // A revoked terminal is refused from then on.
    let mut db = hq.client().await;
    let operator = hq.operator(&db).await;
    hq::terminals::revoke_terminal(&mut db, &operator, &other.till.identity().code)
        .await
        .expect("revoke");
    let err = pos_sync::sync_data_dir(other.path())
        .await
        .expect_err("revoked");
    assert!(
        matches!(err, pos_sync::SyncError::Refused { status: 401, ref code, .. } if code == "revoked"),
        "{err:?}"
    );

    // And the server still serves.
    let health = reqwest::get(format!("{}/readyz", hq.url()))
        .await
        .expect("readyz");
    assert_eq!(health.status().as_u16(), 200);
    let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", hq.url()))
        .await
        .expect("openapi")
        .json()
        .await
        .expect("json");
    assert!(doc["paths"]["/api/v1/push"]["post"].is_object());
    assert!(doc["openapi"].as_str().unwrap_or("").starts_with("3."));

    drop(db);
    hq.drop_database().await;
}

/// Each record's outcome and refusal code, in order, from a push's answer.
fn outcomes(answer: &Value) -> Vec<(&str, Option<&str>)> {
    answer["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| (r["outcome"].as_str().unwrap_or(""), r["code"].as_str()))
        .collect()
}

/// Independent sales are taken together (`hq/src/sync/run.rs`); one refused among them is
/// the only one refused, the others are applied, and a replay repeats the same answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_sale_amid_independent_sales_is_the_only_one_refused() {
    let hq = Hq::start().await;
    let items = hq.seed_items(5, 10_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let token = token::load(till.till.identity().terminal_id).expect("token");
    let push = format!("{}/api/v1/push", hq.url());
    for n in 0..4 {
        till.sell(n, &items);
    }
    let queued = pos_store::Store::open(till.path().join(pos_terminal::DB_FILE))
        .expect("open")
        .outbox_batch(10)
        .expect("queue");
    assert_eq!(
        queued.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
        ["shift_open", "sale", "sale", "sale", "sale"]
    );
    // Sent without journal links (HQ holds none of this terminal's yet, so none is
    // required), the third sale naming an item HQ does not have.
    let records: Vec<PushRecord> = queued
        .iter()
        .map(|r| {
            let mut payload: Value = serde_json::from_str(&r.payload).expect("json");
            if r.seq == queued[3].seq {
                // Its movement names the same item: a record consistent in itself.
                let stranger_item = json!(uuid::Uuid::now_v7());
                payload["sale"]["lines"][0]["item_id"] = stranger_item.clone();
                payload["movements"][0]["item_id"] = stranger_item;
            }
            record(r.seq, &r.kind, &payload)
        })
        .collect();
    let body = json!({ "records": records }).to_string();
    let (status, first) = post(&push, Some(&token), body.clone()).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(
        outcomes(&first),
        [
            ("applied", None),
            ("applied", None),
            ("applied", None),
            ("rejected", Some("unknown_item")),
            ("applied", None),
        ]
    );
    assert_eq!(sales_at_hq(&hq).await, 3);
    let (status, again) = post(&push, Some(&token), body).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(
        outcomes(&again),
        [
            ("already_applied", None),
            ("already_applied", None),
            ("already_applied", None),
            ("already_applied", Some("unknown_item")),
            ("already_applied", None),
        ]
    );
    assert_eq!(sales_at_hq(&hq).await, 3, "a replay writes nothing");
}
