//! A terminal sees and writes only its own organization's data: a second organization's
//! till pulls none of the first one's catalog, staff or stock, and each record it pushes
//! that names one of the first one's items, cashiers, shifts or sales is refused with that
//! reason, while the same record with its own data is taken.

use serde_json::{Value, json};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{CASHIER_PIN, Till, seed_staff};
use sync_protocol::api::PushRecord;

/// A second organization, "acme", with a store and a tax rate; its till's pairing code.
async fn second_organization(hq: &Hq) -> String {
    let mut db = hq.client().await;
    sync_e2e::crafted::create_other_organization(&db).await;
    let acme = hq::audit::Scope::cli(&db, "acme").await.expect("acme");
    hq::terminals::add_terminal(&mut db, &acme, "Acme Till", None)
        .await
        .expect("a till of acme")
        .code
}

/// One item and one cashier of acme's own.
async fn acme_item_and_cashier(hq: &Hq) -> (uuid::Uuid, uuid::Uuid) {
    let mut db = hq.client().await;
    let item: uuid::Uuid = db
        .query_one(
            "WITH v AS (UPDATE core.catalog_versions SET version = version + 1 \
               WHERE organization_id = (SELECT id FROM core.organizations WHERE slug = 'acme') \
               RETURNING organization_id, version) \
             INSERT INTO inv.items (organization_id, sku, barcode, name, price, tax_rate_id, \
               sync_version) \
             SELECT v.organization_id, 'ACME-1', '2999999999990', 'Acme widget', 1.00, t.id, \
               v.version \
             FROM v JOIN pos.tax_rates t ON t.organization_id = v.organization_id \
             RETURNING id",
            &[],
        )
        .await
        .expect("an acme item")
        .get(0);
    let acme = hq::audit::Scope::cli(&db, "acme").await.expect("acme");
    let cashier = hq::users::add_user(
        &mut db,
        &acme,
        &hq::users::NewUser {
            email: "ada@acme.example".to_owned(),
            name: "Ada Acme".to_owned(),
            role: "cashier".parse().expect("a role"),
            pin: Some("975310".to_owned()),
            password: None,
        },
    )
    .await
    .expect("an acme cashier")
    .id;
    (item, cashier)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_reads_and_writes_only_its_own_organization() {
    let hq = Hq::start().await;
    let items = hq.seed_items(8, 1_000_000).await;
    seed_staff(&hq).await;
    let mut ours = Till::paired(&hq, &hq.url(), "Till 1").await;
    let sold = ours.sell(0, &items);
    pos_sync::sync_data_dir(ours.path()).await.expect("sync");

    let code = second_organization(&hq).await;
    let dir = tempfile::tempdir().expect("a folder");
    let acme = pos_sync::pair(dir.path(), &hq.url(), &code)
        .await
        .expect("pair acme's till");
    pos_sync::sync_data_dir(dir.path())
        .await
        .expect("acme's first sync");
    let mut till = pos_terminal::Terminal::open(dir.path()).expect("open acme's till");
    // Nothing of the first organization came down: no item, no stock, no staff.
    assert!(till.item_by_code(&items[0].barcode).is_err());
    assert_eq!(till.stock(None, false, 100).expect("stock").len(), 0);
    assert!(
        till.sign_in(CASHIER_PIN).is_err(),
        "the other org's cashier"
    );

    // Records naming the first organization's item, sale or shift are refused.
    let token = pos_sync::token::load(acme.terminal_id).expect("acme's token");
    let db = hq.client().await;
    let row = db
        .query_one(
            "SELECT s.id, s.shift_id, l.item_id, s.cashier_id, l.id FROM pos.sales s \
             JOIN pos.sale_lines l ON l.sale_id = s.id WHERE s.receipt_no = $1 LIMIT 1",
            &[&sold.receipt_no],
        )
        .await
        .expect("our sale at HQ");
    let (sale_id, shift_id, their_item, their_cashier): (
        uuid::Uuid,
        uuid::Uuid,
        uuid::Uuid,
        uuid::Uuid,
    ) = (row.get(0), row.get(1), row.get(2), row.get(3));
    let their_line: uuid::Uuid = row.get(4);
    let (item, cashier) = acme_item_and_cashier(&hq).await;
    // Priced at acme's catalog as it is now, as a till that pulled it would.
    let version: i64 = db
        .query_one(
            "SELECT c.version FROM core.catalog_versions c \
             JOIN core.organizations o ON o.id = c.organization_id WHERE o.slug = 'acme'",
            &[],
        )
        .await
        .expect("acme's catalog version")
        .get(0);
    let location = till.identity().location_id;
    let sale = |item: uuid::Uuid,
                cashier: uuid::Uuid,
                shift: Option<uuid::Uuid>,
                refund_of: Option<uuid::Uuid>|
     -> Value {
        let sign = if refund_of.is_some() { "-" } else { "" };
        // A refund gives back a sold line; a sale's movement takes the unit out.
        let (refund_of_line, moved, reason) = match refund_of {
            Some(_) => (Some(their_line), 1000, "refund"),
            None => (None, -1000, "sale"),
        };
        json!({
            "terminal_id": acme.terminal_id, "location_id": location,
            "receipt_no": "ACME-000001", "receipt_seq": 1,
            "sale": {
                "id": uuid::Uuid::now_v7(),
                "kind": if refund_of.is_some() { "refund" } else { "sale" },
                "refund_of": refund_of, "customer_id": null, "cashier_id": cashier,
                "shift_id": shift,
                "lines": [{
                    "id": uuid::Uuid::now_v7(), "item_id": item, "name": "Widget",
                    "unit_price": "1.00", "quantity": "1", "tax_rate": "5%",
                    "price_includes_tax": false, "gross": format!("{sign}1.00"),
                    "line_discount": "0.00", "cart_discount_share": "0.00",
                    "tax": format!("{sign}0.05"), "total": format!("{sign}1.05"),
                    "refund_of_line": refund_of_line
                }],
                "payments": [{"id": uuid::Uuid::now_v7(), "method": "cash",
                              "amount": format!("{sign}1.05"), "reference": null}],
                "subtotal": format!("{sign}1.00"), "discount_total": "0.00",
                "tax_total": format!("{sign}0.05"), "tax_included": "0.00",
                "total": format!("{sign}1.05"), "paid_total": format!("{sign}1.05"),
                "change_given": "0.00", "occurred_at": "2026-11-27T10:00:00Z",
                "business_date": "2026-11-27", "catalog_version": version
            },
            "movements": [{"id": uuid::Uuid::now_v7(), "item_id": item,
                           "quantity_milli": moved, "reason": reason}]
        })
    };
    // Each names one thing of the first organization's, and only that.
    let cases = [
        (sale(their_item, cashier, None, None), "unknown_item"),
        (sale(item, their_cashier, None, None), "unknown_user"),
        (sale(item, cashier, Some(shift_id), None), "unknown_shift"),
        (sale(item, cashier, None, Some(sale_id)), "unknown_sale"),
    ];
    let records: Vec<PushRecord> = cases
        .iter()
        .enumerate()
        .map(|(n, (payload, _))| {
            let payload = payload.to_string();
            PushRecord {
                seq: n as i64 + 1,
                kind: "sale".to_owned(),
                record_id: "forged".to_owned(),
                content_hash: pos_store::content_hash(payload.as_bytes()),
                payload,
                chain: None,
            }
        })
        .collect();
    let client = pos_sync::HqClient::new(&hq.url(), Some(token)).expect("a client");
    let answer = client.push(records).await.expect("an answer");
    let codes: Vec<&str> = answer
        .results
        .iter()
        .map(|r| r.code.as_deref().unwrap_or("applied"))
        .collect();
    let expected: Vec<&str> = cases.iter().map(|(_, code)| *code).collect();
    assert_eq!(codes, expected);
    // The same sale with acme's own item and cashier is taken: the refusals were about
    // the other organization's data, not the forged shape.
    let own = sale(item, cashier, None, None).to_string();
    let accepted = client
        .push(vec![PushRecord {
            seq: 5,
            kind: "sale".to_owned(),
            record_id: "own".to_owned(),
            content_hash: pos_store::content_hash(own.as_bytes()),
            payload: own,
            chain: None,
        }])
        .await
        .expect("an answer");
    assert_eq!(accepted.results[0].code, None, "{accepted:?}");
    let acme_sales: i64 = db
        .query_one(
            "SELECT count(*) FROM pos.sales WHERE terminal_id = $1",
            &[&acme.terminal_id],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(acme_sales, 1, "only acme's own sale was written");
    hq.drop_database().await;
}
