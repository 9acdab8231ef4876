//! Zero trust in the till (issue 22): HQ checks every pushed record against what it knows,
//! and nothing a till sends can block it. Each test pushes records a tampered till could
//! send through the real API with a real paired terminal's token (raw HTTP: a real till
//! refuses to build them), made by editing that till's own outbox records, and asserts the
//! refusal's code, that nothing of the refused record was written, and that the honest
//! record behind it in the same push was applied.
//!
//! Records go without journal links (`chain: None`), which HQ accepts while it holds no
//! link of that terminal's: these terminals never sync on their own.

use std::cell::Cell;

use pos_sync::token;
use pos_terminal::{Cart, Quantity, RefundRequest, RefundTo, StockChange, Tender};
use serde_json::{Value, json};
use sync_e2e::crafted::{
    LineSpec, OTHER_BARCODE, amount, catalog_line, catalog_version, ensure_catalog_version,
    fresh_copy, fresh_id, new_sale, payment, quantity, reprice_refund_line, second_organization,
    set_payments, settle, without_ids,
};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, money, seed_staff};
use sync_protocol::api::{PROTOCOL_HEADER, PushRecord};
use tokio_postgres::Client;
use uuid::Uuid;

/// PostgreSQL's own wording, which no refusal may carry.
const PG_WORDING: [&str; 4] = [
    "violates",
    "constraint",
    "numeric field overflow",
    "duplicate key",
];

fn record(seq: i64, kind: &str, payload: &Value) -> PushRecord {
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
struct Pusher {
    url: String,
    token: String,
    next: i64,
}

impl Pusher {
    fn new(hq: &Hq, terminal: Uuid) -> Pusher {
        Pusher {
            url: format!("{}/api/v1/push", hq.url()),
            token: token::load(terminal).expect("the terminal's token"),
            next: 1,
        }
    }

    /// One push as given: its status and body, or the transport's error (a dropped
    /// connection, as when the handler panics).
    async fn post(&self, records: &[PushRecord]) -> Result<(u16, Value), reqwest::Error> {
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
    async fn push(&mut self, records: &[(&str, &Value)]) -> Value {
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
fn check_messages(answer: &Value) {
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
fn codes(answer: &Value) -> Vec<String> {
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

fn message(answer: &Value, n: usize) -> String {
    answer["results"][n]["message"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

fn id(value: &Value) -> Uuid {
    serde_json::from_value(value.clone()).expect("a uuid")
}

fn ids(list: &Value) -> Vec<Uuid> {
    list.as_array()
        .map(|entries| entries.iter().map(|e| id(&e["id"])).collect())
        .unwrap_or_default()
}

async fn count(
    db: &Client,
    sql: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> i64 {
    db.query_one(sql, params).await.expect("a count").get(0)
}

/// How many of HQ's rows carry one of the record's ids: its sale, lines, payments, stock
/// movements and journal entry; its void; its shift; its movement.
async fn rows_of(db: &Client, kind: &str, payload: &Value) -> i64 {
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
async fn push_and_check(pusher: &mut Pusher, db: &Client, cases: &[(&str, &Value, &str)]) -> Value {
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
fn moved(payloads: &[&Value], item: Uuid) -> i64 {
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
fn applied<'a>(cases: &[(&str, &'a Value, &str)]) -> Vec<&'a Value> {
    cases
        .iter()
        .filter(|(_, _, code)| *code == "applied")
        .map(|(_, payload, _)| *payload)
        .collect()
}

async fn stock_level(db: &Client, item: Uuid, location: Uuid) -> i64 {
    db.query_opt(
        "SELECT (on_hand * 1000)::int8 FROM inv.stock_levels \
         WHERE item_id = $1 AND location_id = $2",
        &[&item, &location],
    )
    .await
    .expect("a level")
    .map_or(0, |r| r.get(0))
}

async fn dead_letters(db: &Client, terminal: Uuid) -> i64 {
    count(
        db,
        "SELECT count(*) FROM pos.dead_letters WHERE terminal_id = $1",
        &[&terminal],
    )
    .await
}

/// `hq ledger check` finds nothing: the books hold the applied records whole and nothing
/// of the refused ones.
async fn books_prove_out(hq: &Hq) {
    let mut db = hq.client().await;
    let violations = hq::ledger::check(&mut db).await.expect("the ledger check");
    assert!(violations.is_empty(), "{violations:#?}");
}

/// Drops the test's database when the test fails (a passing test drops it itself), so a
/// failing run leaves nothing behind on the shared PostgreSQL server.
struct DropOnFailure {
    server: String,
    name: String,
}

impl DropOnFailure {
    fn new(hq: &Hq) -> DropOnFailure {
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
struct Receipts(Cell<i64>);

impl Receipts {
    fn new() -> Receipts {
        Receipts(Cell::new(900_000))
    }

    fn next(&self) -> i64 {
        self.0.set(self.0.get() + 1);
        self.0.get()
    }
}

/// A till's queue as JSON payloads, every sale given `catalog_version` (the till's pull
/// cursor) if the till did not record one.
struct Queued(Vec<(String, Value)>);

impl Queued {
    fn read(till: &Till) -> Queued {
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

    fn first(&self, kind: &str) -> Value {
        self.0
            .iter()
            .find(|(k, _)| k == kind)
            .unwrap_or_else(|| panic!("a {kind} in the queue"))
            .1
            .clone()
    }

    fn sale(&self, receipt_no: &str) -> Value {
        self.0
            .iter()
            .find(|(k, p)| k == "sale" && p["receipt_no"] == receipt_no)
            .unwrap_or_else(|| panic!("receipt {receipt_no} in the queue"))
            .1
            .clone()
    }
}

/// Sells `lines` (barcode, thousandths) on `till`, paid exactly in cash.
fn sell(till: &mut Till, lines: &[(&str, i64)]) -> pos_terminal::Receipt {
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
fn refund_one(till: &mut Till, receipt_no: &str, barcode: &str) -> pos_terminal::Receipt {
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

/// A customer of the default organization with no store credit at all.
async fn customer_without_credit(db: &Client) -> Uuid {
    let id = Uuid::now_v7();
    db.execute(
        "WITH v AS (UPDATE core.catalog_versions SET version = version + 1 \
           WHERE organization_id = (SELECT id FROM core.organizations WHERE slug = 'default') \
           RETURNING organization_id, version) \
         INSERT INTO pos.customers (id, organization_id, name, sync_version) \
         SELECT $1, v.organization_id, 'Casey Creditless', v.version FROM v",
        &[&id],
    )
    .await
    .expect("a customer");
    id
}

async fn location_of(db: &Client, terminal: Uuid) -> Uuid {
    db.query_one(
        "SELECT location_id FROM pos.terminals WHERE id = $1",
        &[&terminal],
    )
    .await
    .expect("the terminal")
    .get(0)
}

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
    let customer = customer_without_credit(&db).await;
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

/// A paired till that sold one unit of item 0, voided an open sale of item 1 and received
/// one unit of item 0: its queue's shift opening, sale, void and stock movement, unpushed.
async fn till_with_one_of_each(hq: &Hq) -> (Till, [Value; 4]) {
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
