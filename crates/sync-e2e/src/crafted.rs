//! Records a tampered till could push: a real till's outbox payloads edited as JSON (new
//! ids, other lines, payments or movements), with every amount a till derives re-derived
//! by `pos-domain`, so that only the edit under test is wrong. And a second organization
//! with a paired till of its own, for records that name another organization's ids.

use pos_domain::{LineInput, Money, Quantity, TaxRate, price_sale};
use pos_terminal::Terminal;
use serde_json::{Value, json};
use tokio_postgres::Client;
use uuid::Uuid;

use crate::hq_fixture::Hq;
use crate::till::{Till, money};

/// One line as a till rings it up (no discount).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSpec {
    pub item_id: Uuid,
    pub name: String,
    pub unit_price_minor: i64,
    pub quantity_milli: i64,
    pub tax_ppm: u32,
    pub inclusive: bool,
}

impl LineSpec {
    /// The same line at another unit price.
    pub fn at_price(mut self, minor: i64) -> Self {
        self.unit_price_minor = minor;
        self
    }

    /// The same line with another quantity.
    pub fn times(mut self, milli: i64) -> Self {
        self.quantity_milli = milli;
        self
    }

    /// The same line taxed otherwise.
    pub fn taxed(mut self, ppm: u32, inclusive: bool) -> Self {
        self.tax_ppm = ppm;
        self.inclusive = inclusive;
        self
    }
}

/// `quantity_milli` of `item` as HQ's catalog sells it now.
pub async fn catalog_line(db: &Client, item: Uuid, quantity_milli: i64) -> LineSpec {
    let row = db
        .query_one(
            "SELECT i.name, (i.price * 100)::int8, i.price_includes_tax, \
               (r.rate * 1000000)::int8 \
             FROM inv.items i JOIN pos.tax_rates r ON r.id = i.tax_rate_id WHERE i.id = $1",
            &[&item],
        )
        .await
        .expect("the item at HQ");
    LineSpec {
        item_id: item,
        name: row.get(0),
        unit_price_minor: row.get(1),
        quantity_milli,
        tax_ppm: u32::try_from(row.get::<_, i64>(3)).expect("a rate"),
        inclusive: row.get(2),
    }
}

/// HQ's current catalog version of the organization `slug`.
pub async fn catalog_version(db: &Client, slug: &str) -> i64 {
    db.query_one(
        "SELECT v.version FROM core.catalog_versions v \
         JOIN core.organizations o ON o.id = v.organization_id WHERE o.slug = $1",
        &[&slug],
    )
    .await
    .expect("the catalog version")
    .get(0)
}

/// An amount as the wire writes it: `"1.09"`, `"-0.44"`.
pub fn amount(minor: i64) -> String {
    Money::from_minor(minor).expect("an amount").to_string()
}

/// A quantity as the wire writes it: `"1"`, `"0.001"`.
pub fn quantity(milli: i64) -> String {
    Quantity::from_milli(milli).expect("a quantity").to_string()
}

fn minor(value: &Value) -> i64 {
    Money::parse(value.as_str().expect("an amount string"))
        .expect("an amount")
        .minor()
}

fn milli(value: &Value) -> i64 {
    Quantity::parse(value.as_str().expect("a quantity string"))
        .expect("a quantity")
        .milli()
}

/// Sale lines priced exactly as a till prices them, with new ids.
pub fn priced_lines(lines: &[LineSpec]) -> Vec<Value> {
    let inputs: Vec<LineInput> = lines
        .iter()
        .map(|l| LineInput {
            unit_price: Money::from_minor(l.unit_price_minor).expect("a price"),
            quantity: Quantity::from_milli(l.quantity_milli).expect("a quantity"),
            tax_rate: TaxRate::from_ppm(l.tax_ppm).expect("a rate"),
            price_includes_tax: l.inclusive,
            discount: None,
        })
        .collect();
    let priced = price_sale(&inputs, None).expect("pos-domain prices it");
    lines
        .iter()
        .zip(&inputs)
        .zip(&priced.lines)
        .map(|((spec, input), totals)| {
            json!({
                "id": Uuid::now_v7(), "item_id": spec.item_id, "name": spec.name,
                "unit_price": input.unit_price, "quantity": input.quantity,
                "tax_rate": input.tax_rate, "price_includes_tax": spec.inclusive,
                "gross": totals.gross, "line_discount": totals.line_discount,
                "cart_discount_share": totals.cart_discount_share, "tax": totals.tax,
                "total": totals.total, "refund_of_line": null
            })
        })
        .collect()
}

/// Re-prices a refund's `line` as `quantity_milli` units at `unit_price_minor` (its own
/// tax rate and inclusiveness): the amounts a sale of that would come to, negated.
pub fn reprice_refund_line(line: &mut Value, unit_price_minor: i64, quantity_milli: i64) {
    let rate = TaxRate::parse(line["tax_rate"].as_str().expect("a rate")).expect("a rate");
    let spec = LineSpec {
        item_id: Uuid::nil(),
        name: String::new(),
        unit_price_minor,
        quantity_milli,
        tax_ppm: rate.ppm(),
        inclusive: line["price_includes_tax"] == true,
    };
    let priced = &priced_lines(&[spec])[0];
    line["unit_price"] = json!(amount(unit_price_minor));
    line["quantity"] = json!(quantity(quantity_milli));
    for field in [
        "gross",
        "line_discount",
        "cart_discount_share",
        "tax",
        "total",
    ] {
        line[field] = json!(amount(-minor(&priced[field])));
    }
}

/// Gives `record` (a sale record) receipt number `seq` of its terminal.
pub fn set_receipt(record: &mut Value, seq: i64) {
    let number = record["receipt_no"].as_str().expect("a receipt number");
    let (code, _) = number.split_once('-').expect("CODE-NNNNNN");
    record["receipt_no"] = json!(format!("{code}-{seq:06}"));
    record["receipt_seq"] = json!(seq);
}

/// Sets the sale's `catalog_version` unless the till already recorded one.
pub fn ensure_catalog_version(record: &mut Value, version: i64) {
    if record["sale"].get("catalog_version").is_none() {
        record["sale"]["catalog_version"] = json!(version);
    }
}

/// One payment with a new id (`reference` required for cards).
pub fn payment(method: &str, minor: i64, reference: Option<&str>) -> Value {
    json!({"id": Uuid::now_v7(), "method": method, "amount": amount(minor),
           "reference": reference})
}

/// Replaces the payments, with `paid_total` their sum and `change_minor` of change.
pub fn set_payments(record: &mut Value, payments: Vec<Value>, change_minor: i64) {
    let paid: i64 = payments.iter().map(|p| minor(&p["amount"])).sum();
    let sale = &mut record["sale"];
    sale["payments"] = Value::Array(payments);
    sale["paid_total"] = json!(amount(paid));
    sale["change_given"] = json!(amount(change_minor));
}

/// One stock movement per line, as the till derives them: the line's item, its quantity
/// out for a sale (negative) or back for a refund (positive), reason `sale` or `refund`.
pub fn movements_from_lines(record: &mut Value) {
    let refund = record["sale"]["kind"] == "refund";
    let movements: Vec<Value> = record["sale"]["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|line| {
            let milli = milli(&line["quantity"]);
            json!({
                "id": Uuid::now_v7(), "item_id": line["item_id"],
                "quantity_milli": if refund { milli } else { -milli },
                "reason": if refund { "refund" } else { "sale" }
            })
        })
        .collect();
    record["movements"] = Value::Array(movements);
}

/// Re-adds the header from the lines (subtotal, discounts, tax added and contained, total),
/// pays the total in cash with no change, and derives the movements: everything but the
/// lines then agrees with the lines.
pub fn settle(record: &mut Value) {
    let lines = record["sale"]["lines"].as_array().expect("lines").clone();
    let sum = |pick: &dyn Fn(&Value) -> i64| -> i64 { lines.iter().map(pick).sum() };
    let subtotal = sum(&|l| minor(&l["gross"]));
    let discounts = sum(&|l| minor(&l["line_discount"]) + minor(&l["cart_discount_share"]));
    let added = sum(&|l| {
        if l["price_includes_tax"] == true {
            0
        } else {
            minor(&l["tax"])
        }
    });
    let contained = sum(&|l| {
        if l["price_includes_tax"] == true {
            minor(&l["tax"])
        } else {
            0
        }
    });
    let total = sum(&|l| minor(&l["total"]));
    {
        let sale = &mut record["sale"];
        sale["subtotal"] = json!(amount(subtotal));
        sale["discount_total"] = json!(amount(discounts));
        sale["tax_total"] = json!(amount(added));
        sale["tax_included"] = json!(amount(contained));
        sale["total"] = json!(amount(total));
    }
    set_payments(record, vec![payment("cash", total, None)], 0);
    movements_from_lines(record);
}

/// A new sale of `lines` made from `template` (a sale record from a till's outbox): the
/// same terminal, cashier, shift, times and catalog version, new ids, receipt `seq`, priced
/// by `pos-domain`, paid exactly in cash, its movements derived from its lines.
pub fn new_sale(template: &Value, lines: &[LineSpec], seq: i64) -> Value {
    let mut record = template.clone();
    set_receipt(&mut record, seq);
    {
        let sale = &mut record["sale"];
        sale["id"] = json!(Uuid::now_v7());
        sale["kind"] = json!("sale");
        sale["refund_of"] = Value::Null;
        sale["customer_id"] = Value::Null;
        sale["lines"] = Value::Array(priced_lines(lines));
        if let Some(object) = sale.as_object_mut() {
            object.remove("approval");
        }
    }
    settle(&mut record);
    record
}

/// The same sale or refund again under new ids (sale, lines, payments, movements) and
/// receipt `seq`: what an honest till would send for another identical sale.
pub fn fresh_copy(template: &Value, seq: i64) -> Value {
    let mut record = template.clone();
    set_receipt(&mut record, seq);
    record["sale"]["id"] = json!(Uuid::now_v7());
    for list in ["lines", "payments"] {
        for entry in record["sale"][list].as_array_mut().expect("a list") {
            entry["id"] = json!(Uuid::now_v7());
        }
    }
    for movement in record["movements"].as_array_mut().expect("movements") {
        movement["id"] = json!(Uuid::now_v7());
    }
    record
}

/// A record that is not a sale (shift opening, void, stock movement) again under a new id.
pub fn fresh_id(template: &Value) -> Value {
    let mut record = template.clone();
    record["id"] = json!(Uuid::now_v7());
    record
}

/// `text` with every UUID replaced by `<id>`, to compare two messages' shapes.
pub fn without_ids(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if i + 36 <= chars.len() {
            let candidate: String = chars[i..i + 36].iter().collect();
            if Uuid::parse_str(&candidate).is_ok() && candidate.contains('-') {
                out.push_str("<id>");
                i += 36;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The second organization's slug.
pub const OTHER_ORG: &str = "acme";
/// Its cashier's and manager's PINs.
pub const OTHER_CASHIER_PIN: &str = "975310";
pub const OTHER_MANAGER_PIN: &str = "864200";
/// Its one item's barcode.
pub const OTHER_BARCODE: &str = "2999999999990";

/// The second organization itself ("acme": one store, a 5% tax rate, the default chart of
/// accounts, its version counters), nothing in it yet.
pub async fn create_other_organization(db: &Client) {
    db.batch_execute(
        "INSERT INTO core.organizations (slug, name, currency, timezone) \
           VALUES ('acme', 'Acme Stores', 'USD', 'UTC'); \
         INSERT INTO core.catalog_versions (organization_id) \
           SELECT id FROM core.organizations WHERE slug = 'acme'; \
         INSERT INTO inv.locations (organization_id, code, name, kind) \
           SELECT id, 'ACME1', 'Acme One', 'store' FROM core.organizations WHERE slug = 'acme'; \
         INSERT INTO inv.stock_versions (location_id) \
           SELECT l.id FROM inv.locations l JOIN core.organizations o \
             ON o.id = l.organization_id WHERE o.slug = 'acme'; \
         INSERT INTO pos.tax_rates (organization_id, code, name, rate) \
           SELECT id, 'STD', 'Sales tax', 0.05 FROM core.organizations WHERE slug = 'acme'; \
         INSERT INTO acct.chart_of_accounts (organization_id, code, name, account_type) \
           SELECT a.id, c.code, c.name, c.account_type FROM acct.chart_of_accounts c \
           JOIN core.organizations d ON d.id = c.organization_id AND d.slug = 'default' \
           CROSS JOIN core.organizations a WHERE a.slug = 'acme';",
    )
    .await
    .expect("a second organization");
}

/// A second organization ("acme", one store, a 5% tax rate, the default chart of
/// accounts), with one item (`OTHER_BARCODE`, 1.00), a cashier and a manager, and a till of
/// its own paired, synced, both signed in and a shift open.
pub async fn second_organization(hq: &Hq) -> Till {
    let mut db = hq.client().await;
    create_other_organization(&db).await;
    db.execute(
        "WITH v AS (UPDATE core.catalog_versions SET version = version + 1 \
           WHERE organization_id = (SELECT id FROM core.organizations WHERE slug = 'acme') \
           RETURNING organization_id, version) \
         INSERT INTO inv.items (organization_id, sku, barcode, name, price, tax_rate_id, \
           sync_version) \
         SELECT v.organization_id, 'ACME-1', $1, 'Acme widget', 1.00, t.id, v.version \
         FROM v JOIN pos.tax_rates t ON t.organization_id = v.organization_id",
        &[&OTHER_BARCODE],
    )
    .await
    .expect("an acme item");
    let acme = hq::audit::Scope::cli(&db, OTHER_ORG).await.expect("acme");
    for (name, role, pin) in [
        ("Ada Acme", "cashier", OTHER_CASHIER_PIN),
        ("Max Acme", "manager", OTHER_MANAGER_PIN),
    ] {
        hq::users::add_user(
            &mut db,
            &acme,
            &hq::users::NewUser {
                email: format!("{}@acme.example", Uuid::new_v4().simple()),
                name: name.to_owned(),
                role: role.parse().expect("a role"),
                pin: Some(pin.to_owned()),
                password: None,
            },
        )
        .await
        .expect("an acme user");
    }
    let code = hq::terminals::add_terminal(&mut db, &acme, "Acme Till", None)
        .await
        .expect("a till of acme")
        .code;
    let dir = tempfile::tempdir().expect("a folder");
    pos_sync::pair(dir.path(), &hq.url(), &code)
        .await
        .expect("pair acme's till");
    pos_sync::sync_data_dir(dir.path())
        .await
        .expect("acme's first sync");
    let mut till = Terminal::open(dir.path()).expect("open acme's till");
    let cashier = till.sign_in(OTHER_CASHIER_PIN).expect("acme's cashier");
    let manager = till.sign_in(OTHER_MANAGER_PIN).expect("acme's manager");
    till.open_shift(&cashier, money(5_000)).expect("a shift");
    Till {
        dir,
        till,
        cashier,
        manager,
    }
}
