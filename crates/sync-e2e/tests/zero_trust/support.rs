//! What the zero-trust tests share: pushing crafted records, and counting what was written.

use std::cell::Cell;

use pos_sync::token;
use pos_terminal::{Cart, Quantity, RefundRequest, RefundTo, StockChange, Tender};
use serde_json::{Value, json};
use sync_e2e::crafted::ensure_catalog_version;
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, seed_staff};
use sync_protocol::api::{PROTOCOL_HEADER, PushRecord};
use tokio_postgres::Client;
use uuid::Uuid;

/// PostgreSQL's own wording, which no refusal may carry.
pub const PG_WORDING: [&str; 4] = [
    "violates",
    "constraint",
    "numeric field overflow",
    "duplicate key",
];

pub fn record(seq: i64, kind: &str, payload: &Value) -> PushRecord {
    let payload = payload.to_string();
    PushRecord {
        seq,
        kind: kind.to_owned(),
        record_id: "crafted".to_owned(),
        content_hash: pos_store::content_hash(payload.as_bytes()),
        payload,
        chain: None,
    }
}

/// Pushes raw records under one terminal's token, numbering them itself.
pub struct Pusher {
    url: String,
    token: String,
    next: i64,
}

impl Pusher {
    pub fn new(hq: &Hq, terminal: Uuid) -> Pusher {
        Pusher {
            url: format!("{}/api/v1/push", hq.url()),
            token: token::load(terminal).expect("the terminal's token"),
            next: 1,
        }
    }

    /// One push as given: its status and body, or the transport's error (a dropped
    /// connection, as when the handler panics).
    pub async fn post(&self, records: &[PushRecord]) -> Result<(u16, Value), reqwest::Error> {
        let response = reqwest::Client::new()
            .post(&self.url)
            .header(PROTOCOL_HEADER, "1")
            .bearer_auth(&self.token)
            .json(&json!({ "records": records }))
            .send()
            .await?;
        let status = response.status().as_u16();
        Ok((status, response.json().await.unwrap_or(Value::Null)))
    }

    /// Pushes `records` as the next sequence numbers. HQ must answer 200 with one result
    /// per record.
    pub async fn push(&mut self, records: &[(&str, &Value)]) -> Value {
        let numbered: Vec<PushRecord> = records
            .iter()
            .zip(self.next..)
            .map(|((kind, payload), seq)| record(seq, kind, payload))
            .collect();
        let (status, body) = self.post(&numbered).await.expect("HQ answers");
        assert_eq!(status, 200, "the push is answered, not failed: {body}");
        let results = body["results"].as_array().expect("results");
        assert_eq!(results.len(), records.len(), "{body}");
        self.next = body["last_applied"].as_i64().expect("last_applied") + 1;
        body
    }
}

/// Every refusal in `answer` says why, in HQ's words, not PostgreSQL's.
pub fn check_messages(answer: &Value) {
    let results = answer["results"].as_array().expect("results");
    for result in results.iter().filter(|r| r["outcome"] == "rejected") {
        let message = result["message"].as_str().unwrap_or("");
        assert!(message.len() > 10, "a refusal says why: {result}");
        for words in PG_WORDING {
            assert!(
                !message.contains(words),
                "a refusal in PostgreSQL's words ({words}): {result}"
            );
        }
    }
}

/// Each record's answer: `applied`, or its refusal code.
pub fn codes(answer: &Value) -> Vec<String> {
    answer["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| match r["outcome"].as_str() {
            Some("applied") => "applied".to_owned(),
            _ => r["code"].as_str().unwrap_or("(no code)").to_owned(),
        })
        .collect()
}

pub fn message(answer: &Value, n: usize) -> String {
    answer["results"][n]["message"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

pub fn id(value: &Value) -> Uuid {
    serde_json::from_value(value.clone()).expect("a uuid")
}

pub fn ids(list: &Value) -> Vec<Uuid> {
    list.as_array()
        .map(|entries| entries.iter().map(|e| id(&e["id"])).collect())
        .unwrap_or_default()
}

pub async fn count(
    db: &Client,
    sql: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> i64 {
    db.query_one(sql, params).await.expect("a count").get(0)
}

/// How many of HQ's rows carry one of the record's ids: its sale, lines, payments, stock
/// movements and journal entry; its void; its shift; its movement.
pub async fn rows_of(db: &Client, kind: &str, payload: &Value) -> i64 {
    match kind {
        "sale" => {
            let sale = &payload["sale"];
            let sale_id = id(&sale["id"]);
            count(
                db,
                "SELECT count(*) FROM pos.sales WHERE id = $1",
                &[&sale_id],
            )
            .await
                + count(
                    db,
                    "SELECT count(*) FROM pos.sale_lines WHERE id = ANY($1)",
                    &[&ids(&sale["lines"])],
                )
                .await
                + count(
                    db,
                    "SELECT count(*) FROM pos.payments WHERE id = ANY($1)",
                    &[&ids(&sale["payments"])],
                )
                .await
                + count(
                    db,
                    "SELECT count(*) FROM inv.stock_movements WHERE id = ANY($1)",
                    &[&ids(&payload["movements"])],
                )
                .await
                + count(
                    db,
                    "SELECT count(*) FROM acct.journal_entries WHERE source_id = $1",
                    &[&sale_id],
                )
                .await
        }
        "void" => {
            count(
                db,
                "SELECT count(*) FROM pos.voids WHERE id = $1",
                &[&id(&payload["id"])],
            )
            .await
        }
        "shift_open" => {
            count(
                db,
                "SELECT count(*) FROM pos.shifts WHERE id = $1",
                &[&id(&payload["id"])],
            )
            .await
        }
        "stock_movement" => {
            count(
                db,
                "SELECT count(*) FROM inv.stock_movements WHERE id = $1",
                &[&id(&payload["id"])],
            )
            .await
        }
        other => panic!("no rows known for kind {other}"),
    }
}

/// Pushes `cases` (kind, payload, expected answer) in one push and checks every answer,
/// that nothing of a refused record was written and that every applied one was. Answers
/// HQ's body.
pub async fn push_and_check(
    pusher: &mut Pusher,
    db: &Client,
    cases: &[(&str, &Value, &str)],
) -> Value {
    let records: Vec<(&str, &Value)> = cases.iter().map(|(k, p, _)| (*k, *p)).collect();
    let answer = pusher.push(&records).await;
    let expected: Vec<&str> = cases.iter().map(|(_, _, code)| *code).collect();
    assert_eq!(codes(&answer), expected, "{answer:#}");
    check_messages(&answer);
    for (n, (kind, payload, code)) in cases.iter().enumerate() {
        let rows = rows_of(db, kind, payload).await;
        if *code == "applied" {
            assert!(
                rows > 0,
                "record {n} ({kind}) was applied but HQ holds none of it"
            );
        } else {
            assert_eq!(
                rows, 0,
                "record {n} ({kind}) was refused ({code}) yet written"
            );
        }
    }
    answer
}

/// Σ of `payloads`' stock movements of `item` (sales' movements and manual ones).
pub fn moved(payloads: &[&Value], item: Uuid) -> i64 {
    payloads
        .iter()
        .flat_map(|p| match p["movements"].as_array() {
            Some(list) => list.clone(),
            None => vec![(*p).clone()],
        })
        .filter(|m| m["item_id"] == json!(item))
        .map(|m| m["quantity_milli"].as_i64().expect("a quantity"))
        .sum()
}

/// Applied payloads among `cases`.
pub fn applied<'a>(cases: &[(&str, &'a Value, &str)]) -> Vec<&'a Value> {
    cases
        .iter()
        .filter(|(_, _, code)| *code == "applied")
        .map(|(_, payload, _)| *payload)
        .collect()
}

pub async fn stock_level(db: &Client, item: Uuid, location: Uuid) -> i64 {
    db.query_opt(
        "SELECT (on_hand * 1000)::int8 FROM inv.stock_levels \
         WHERE item_id = $1 AND location_id = $2",
        &[&item, &location],
    )
    .await
    .expect("a level")
    .map_or(0, |r| r.get(0))
}

pub async fn dead_letters(db: &Client, terminal: Uuid) -> i64 {
    count(
        db,
        "SELECT count(*) FROM pos.dead_letters WHERE terminal_id = $1",
        &[&terminal],
    )
    .await
}

/// `hq ledger check` finds nothing: the books hold the applied records whole and nothing
/// of the refused ones.
pub async fn books_prove_out(hq: &Hq) {
    let mut db = hq.client().await;
    let violations = hq::ledger::check(&mut db).await.expect("the ledger check");
    assert!(violations.is_empty(), "{violations:#?}");
}

/// Drops the test's database when the test fails (a passing test drops it itself), so a
/// failing run leaves nothing behind on the shared PostgreSQL server.
pub struct DropOnFailure {
    server: String,
    name: String,
}

impl DropOnFailure {
    pub fn new(hq: &Hq) -> DropOnFailure {
        let url = hq.database_url();
        let (prefix, _) = url.rsplit_once('/').expect("a URL naming a database");
        DropOnFailure {
            server: format!("{prefix}/postgres"),
            name: hq.db_name.clone(),
        }
    }
}

impl Drop for DropOnFailure {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            return;
        }
        let (server, name) = (self.server.clone(), self.name.clone());
        // Its own thread and runtime: the test's runtime is unwinding.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async move {
                let (client, connection) = tokio_postgres::connect(&server, tokio_postgres::NoTls)
                    .await
                    .ok()?;
                tokio::spawn(connection);
                let sql = format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    hq::db::quote_ident(&name)
                );
                client.batch_execute(&sql).await.ok()
            })
        })
        .join();
    }
}

/// Receipt numbers for crafted sales, far beyond the till's own.
pub struct Receipts(pub Cell<i64>);

impl Receipts {
    pub fn new() -> Receipts {
        Receipts(Cell::new(900_000))
    }

    pub fn next(&self) -> i64 {
        self.0.set(self.0.get() + 1);
        self.0.get()
    }
}

/// A till's queue as JSON payloads, every sale given `catalog_version` (the till's pull
/// cursor) if the till did not record one.
pub struct Queued(pub Vec<(String, Value)>);

impl Queued {
    pub fn read(till: &Till) -> Queued {
        let store = pos_store::Store::open(till.path().join(pos_terminal::DB_FILE))
            .expect("open the till's store");
        let cursor = store.sync_state().expect("sync state").pull_cursor;
        let records = store
            .outbox_batch(10_000)
            .expect("the queue")
            .into_iter()
            .map(|r| {
                let mut payload: Value = serde_json::from_str(&r.payload).expect("json");
                if r.kind == "sale" {
                    ensure_catalog_version(&mut payload, cursor);
                }
                (r.kind, payload)
            })
            .collect();
        Queued(records)
    }

    pub fn first(&self, kind: &str) -> Value {
        self.0
            .iter()
            .find(|(k, _)| k == kind)
            .unwrap_or_else(|| panic!("a {kind} in the queue"))
            .1
            .clone()
    }

    pub fn sale(&self, receipt_no: &str) -> Value {
        self.0
            .iter()
            .find(|(k, p)| k == "sale" && p["receipt_no"] == receipt_no)
            .unwrap_or_else(|| panic!("receipt {receipt_no} in the queue"))
            .1
            .clone()
    }
}

/// Sells `lines` (barcode, thousandths) on `till`, paid exactly in cash.
pub fn sell(till: &mut Till, lines: &[(&str, i64)]) -> pos_terminal::Receipt {
    let mut cart = Cart::new();
    for (barcode, milli) in lines {
        let item = till.till.item_by_code(barcode).expect("a pulled item");
        cart.add(&item, Quantity::from_milli(*milli).expect("qty"))
            .expect("a line");
    }
    let total = cart.totals().expect("priced").total;
    let cashier = till.cashier.clone();
    till.till
        .complete_sale(&cashier, &cart, &[Tender::cash(total).expect("cash")], None)
        .expect("a sale")
}

/// Refunds one unit of `barcode` from `receipt_no`, to the original tender.
pub fn refund_one(till: &mut Till, receipt_no: &str, barcode: &str) -> pos_terminal::Receipt {
    let (cashier, manager) = (till.cashier.clone(), till.manager.clone());
    till.till
        .refund(
            &cashier,
            &manager,
            &RefundRequest {
                receipt_no: receipt_no.to_owned(),
                lines: vec![(barcode.to_owned(), Quantity::ONE)],
                to: RefundTo::OriginalTender,
            },
        )
        .expect("a refund")
}

pub async fn location_of(db: &Client, terminal: Uuid) -> Uuid {
    db.query_one(
        "SELECT location_id FROM pos.terminals WHERE id = $1",
        &[&terminal],
    )
    .await
    .expect("the terminal")
    .get(0)
}

/// A paired till that sold one unit of item 0, voided an open sale of item 1 and received
/// one unit of item 0: its queue's shift opening, sale, void and stock movement, unpushed.
pub async fn till_with_one_of_each(hq: &Hq) -> (Till, [Value; 4]) {
    let items = hq.seed_items(2, 100_000).await;
    seed_staff(hq).await;
    let mut till = Till::paired(hq, &hq.url(), "Till 1").await;
    let one = sell(&mut till, &[(&items[0].barcode, 1_000)]);
    let (cashier, manager) = (till.cashier.clone(), till.manager.clone());
    let mut cart = Cart::new();
    cart.add(
        &till.till.item_by_code(&items[1].barcode).expect("an item"),
        Quantity::ONE,
    )
    .expect("a line");
    till.till
        .void_sale(&cashier, &manager, &cart)
        .expect("a void");
    till.till
        .change_stock(
            &manager,
            &items[0].barcode,
            StockChange::Receive(Quantity::ONE),
            "delivery",
        )
        .expect("a stock receipt");
    let queued = Queued::read(&till);
    let records = [
        queued.first("shift_open"),
        queued.sale(&one.receipt_no),
        queued.first("void"),
        queued.first("stock_movement"),
    ];
    (till, records)
}
