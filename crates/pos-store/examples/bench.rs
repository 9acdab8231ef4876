//! The terminal store measured against the physical limit of SQLite on this machine.
//!
//! `cargo run --release -p pos-store --example bench -- [ITEMS] [SALES] [LOOKUPS]`
//! (defaults 1000000 2000 20000). Each figure is printed next to a baseline measured in the
//! same run, on the same database file: a bare prepared rusqlite statement (lookups, search)
//! or a bare rusqlite transaction inserting the same rows with the same durability (sale
//! commit). Ours and the baseline alternate in small blocks so machine noise hits both.
//! Method and results: BENCHMARKS.md.

use std::time::{Duration, Instant};

use pos_domain::{LineInput, Money, Quantity, TaxRate, Tender, price_sale, settle};
use pos_store::{
    ItemRow, LocationRow, NewPayment, NewSale, NewSaleLine, PaymentMethod, Role, SaleKind, Store,
    TaxRateRow, TerminalIdentity, UserRow,
};
use rusqlite::{Connection, params};
use uuid::Uuid;

const ADJECTIVES: &[&str] = &[
    "Organic", "Classic", "Fresh", "Smoked", "Crème", "Spicy", "Sweet", "Salted", "Golden", "Wild",
    "Roasted", "Creamy", "Crunchy", "Mild", "Zesty", "Rustic",
];
const NOUNS: &[&str] = &[
    "Coffee",
    "Tea",
    "Cheddar",
    "Yogurt",
    "Pasta",
    "Rice",
    "Cookies",
    "Chips",
    "Salsa",
    "Honey",
    "Granola",
    "Butter",
    "Bread",
    "Olives",
    "Tuna",
    "Soup",
    "Juice",
    "Water",
    "Cola",
    "Chocolate",
];

/// A small deterministic generator, so every run measures the same catalog and lookups.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

fn barcode(n: u64) -> String {
    format!("29{n:011}")
}

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (
        at(0.5),
        at(0.99),
        samples.iter().sum::<Duration>() / samples.len() as u32,
    )
}

fn row(what: &str, ours: Vec<Duration>, base: Vec<Duration>) {
    let (o50, o99, omean) = percentiles(ours);
    let (b50, b99, bmean) = percentiles(base);
    println!(
        "| {what} | {:.1} | {:.1} | {:.1} | {:.1} | {:.2}× | {:.2}× |",
        o50.as_secs_f64() * 1e6,
        o99.as_secs_f64() * 1e6,
        b50.as_secs_f64() * 1e6,
        b99.as_secs_f64() * 1e6,
        o50.as_secs_f64() / b50.as_secs_f64(),
        omean.as_secs_f64() / bmean.as_secs_f64(),
    );
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

struct Setup {
    cashier: Uuid,
    rate: TaxRate,
}

fn set_up(store: &mut Store, items: u64) -> Result<Setup, Box<dyn std::error::Error>> {
    let location = Uuid::now_v7();
    let tax = Uuid::now_v7();
    let cashier = Uuid::now_v7();
    let rate = TaxRate::parse("8.875%")?;
    store.upsert_locations(&[LocationRow {
        id: location,
        name: "Main".into(),
        deleted: false,
    }])?;
    store.upsert_tax_rates(&[TaxRateRow {
        id: tax,
        name: "NYC".into(),
        rate,
        deleted: false,
    }])?;
    store.upsert_users(&[UserRow {
        id: cashier,
        name: "Bench".into(),
        role: Role::Cashier,
        pin_hash: "$argon2id$bench".into(),
        deleted: false,
    }])?;
    store.init_terminal(&TerminalIdentity {
        terminal_id: Uuid::now_v7(),
        code: "T01".into(),
        organization_id: Uuid::now_v7(),
        location_id: location,
        hq_url: None,
        created_at: "2026-11-26T00:00:00Z".into(),
    })?;
    let mut dice = Lcg(7);
    let catalog: Vec<ItemRow> = (0..items)
        .map(|n| ItemRow {
            id: Uuid::now_v7(),
            sku: format!("SKU{n:07}"),
            barcode: Some(barcode(n)),
            name: format!(
                "{} {} {}g",
                ADJECTIVES[dice.next(ADJECTIVES.len() as u64) as usize],
                NOUNS[dice.next(NOUNS.len() as u64) as usize],
                50 + dice.next(950)
            ),
            price: Money::from_minor(50 + dice.next(5_000) as i64).unwrap_or(Money::ZERO),
            price_includes_tax: false,
            tax_rate_id: tax,
            reorder_level: Quantity::from_milli(5_000).ok(),
            is_active: true,
            deleted: false,
        })
        .collect();
    let (loaded, took) = timed(|| store.upsert_items(&catalog));
    loaded?;
    println!(
        "catalog: {items} items upserted in {:.1} s (one transaction)",
        took.as_secs_f64()
    );
    Ok(Setup { cashier, rate })
}

/// A priced 5-line sale of random items, as the till would hand it to the store.
fn five_line_sale(
    store: &Store,
    setup: &Setup,
    items: u64,
    dice: &mut Lcg,
) -> Result<NewSale, Box<dyn std::error::Error>> {
    let mut lines = Vec::new();
    let mut inputs = Vec::new();
    for _ in 0..5 {
        let item = store
            .item_by_code(&barcode(dice.next(items)))?
            .ok_or("missing item")?;
        inputs.push(LineInput {
            unit_price: item.row.price,
            quantity: Quantity::ONE,
            tax_rate: setup.rate,
            price_includes_tax: false,
            discount: None,
        });
        lines.push(item);
    }
    let totals = price_sale(&inputs, None)?;
    let cash = Money::from_minor((totals.total.minor() / 100 + 1) * 100)?;
    let settled = settle(totals.total, &[Tender::cash(cash)?])?;
    Ok(NewSale {
        id: Uuid::now_v7(),
        kind: SaleKind::Sale,
        refund_of: None,
        customer_id: None,
        cashier_id: setup.cashier,
        shift_id: None,
        lines: lines
            .iter()
            .zip(&inputs)
            .zip(&totals.lines)
            .map(|((item, input), t)| NewSaleLine {
                id: Uuid::now_v7(),
                item_id: item.row.id,
                name: item.row.name.clone(),
                unit_price: input.unit_price,
                quantity: input.quantity,
                tax_rate: input.tax_rate,
                price_includes_tax: false,
                gross: t.gross,
                line_discount: t.line_discount,
                cart_discount_share: t.cart_discount_share,
                tax: t.tax,
                total: t.total,
                refund_of_line: None,
            })
            .collect(),
        payments: vec![NewPayment {
            id: Uuid::now_v7(),
            method: PaymentMethod::Cash,
            amount: cash,
            reference: None,
        }],
        subtotal: totals.subtotal,
        discount_total: totals.discount_total,
        tax_total: totals.tax_total,
        tax_included: totals.tax_included,
        total: totals.total,
        paid_total: settled.paid,
        change_given: settled.change,
        occurred_at: "2026-11-26T12:00:00Z".into(),
        business_date: "2026-11-26".into(),
        catalog_version: None,
        approval: None,
    })
}

/// The baseline: the same rows a completed sale writes (sale, lines, payment, one movement
/// per line, one outbox record, its journal link, both counters), by hand, in one durable
/// transaction (the payload and the hashes computed before).
fn bare_sale(
    conn: &mut Connection,
    sale: &NewSale,
    seq: i64,
    location: &str,
    payload: &str,
) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute("UPDATE receipt_counter SET next_seq = next_seq + 1", [])?;
    tx.execute("UPDATE outbox_counter SET next_seq = next_seq + 1", [])?;
    let id = sale.id.to_string();
    tx.prepare_cached(
        "INSERT INTO sales (id, receipt_no, receipt_seq, kind, status, cashier_id, location_id, subtotal, \
         discount_total, tax_total, tax_included, total, paid_total, change_given, occurred_at, business_date) \
         VALUES (?1, ?2, ?3, 'sale', 'completed', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        id, format!("B01-{seq:06}"), seq + 1_000_000, sale.cashier_id.to_string(), location,
        sale.subtotal.minor(), sale.discount_total.minor(), sale.tax_total.minor(), sale.tax_included.minor(),
        sale.total.minor(), sale.paid_total.minor(), sale.change_given.minor(), sale.occurred_at, sale.business_date
    ])?;
    for (n, line) in sale.lines.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO sale_lines (id, sale_id, line_no, item_id, name, unit_price, quantity, tax_rate_ppm, \
             price_includes_tax, gross, line_discount, cart_discount_share, tax, total) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            line.id.to_string(), id, n as i64 + 1, line.item_id.to_string(), line.name, line.unit_price.minor(),
            line.quantity.milli(), line.tax_rate.ppm(), line.gross.minor(), line.line_discount.minor(),
            line.cart_discount_share.minor(), line.tax.minor(), line.total.minor()
        ])?;
        tx.prepare_cached(
            "INSERT INTO stock_movements (id, item_id, location_id, quantity, reason, sale_id, occurred_at, outbox_seq) \
             VALUES (?1, ?2, ?3, ?4, 'sale', ?5, ?6, ?7)",
        )?
        .execute(params![Uuid::now_v7().to_string(), line.item_id.to_string(), location, -line.quantity.milli(), id, sale.occurred_at, seq])?;
    }
    for payment in &sale.payments {
        tx.prepare_cached(
            "INSERT INTO payments (id, sale_id, method, amount) VALUES (?1, ?2, 'cash', ?3)",
        )?
        .execute(params![payment.id.to_string(), id, payment.amount.minor()])?;
    }
    tx.prepare_cached(
        "INSERT INTO outbox (seq, kind, record_id, payload, content_hash, created_at) VALUES (?1, 'sale', ?2, ?3, 'x', ?4)",
    )?
    .execute(params![seq + 1_000_000, id, payload, sale.occurred_at])?;
    tx.prepare_cached(
        "INSERT INTO journal_chain_bare (position, kind, record_id, business_date, outbox_seq, \
         prev_hash, content_hash, hash) VALUES (?1, 'sale', ?2, ?3, ?1, ?4, ?4, ?2)",
    )?
    .execute(params![seq, id, sale.business_date, "0".repeat(64)])?;
    tx.commit()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if let Some(path) = std::env::args().skip_while(|a| a != "--resident").nth(1) {
        return resident(&path);
    }
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let items = args.first().copied().unwrap_or(1_000_000);
    let sales = args.get(1).copied().unwrap_or(2_000);
    let lookups = args.get(2).copied().unwrap_or(20_000);
    // An optional word after the numbers picks phases, e.g. `lookup` or `search,sale`.
    let phases = std::env::args()
        .skip(1)
        .find(|a| a.parse::<u64>().is_err())
        .unwrap_or_else(|| "lookup,search,sale,stock".to_owned());
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("terminal.db");

    let mut store = Store::open(&path)?;
    let setup = set_up(&mut store, items)?;
    let db_bytes = std::fs::metadata(&path)?.len()
        + std::fs::metadata(dir.path().join("terminal.db-wal")).map_or(0, |m| m.len());
    println!("database on disk: {:.0} MiB", db_bytes as f64 / 1_048_576.0);

    // A fresh process-like view for memory: drop and reopen, then do the till's reads.
    drop(store);
    let mut store = Store::open(&path)?;
    let mut bare = Connection::open(&path)?;
    bare.pragma_update(None, "journal_mode", "WAL")?;
    bare.pragma_update(None, "synchronous", "FULL")?;
    bare.pragma_update(None, "foreign_keys", true)?;

    println!(
        "\n| operation | ours p50 µs | ours p99 µs | baseline p50 µs | baseline p99 µs | ratio p50 | ratio mean |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut dice = Lcg(42);
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    let lookup_rounds = if phases.contains("lookup") {
        lookups / 100
    } else {
        0
    };
    for _ in 0..lookup_rounds {
        for _ in 0..100 {
            let code = barcode(dice.next(items));
            let (found, took) = timed(|| store.item_by_code(&code));
            found?.ok_or("lookup missed")?;
            ours.push(took);
        }
        let mut stmt = bare.prepare_cached(
            "SELECT id, sku, name, price, tax_rate_id FROM items WHERE barcode = ?1",
        )?;
        for _ in 0..100 {
            let code = barcode(dice.next(items));
            let (found, took) = timed(|| stmt.query_row([&code], |r| r.get::<_, String>(0)));
            found?;
            base.push(took);
        }
    }
    if lookup_rounds > 0 {
        row("barcode lookup", ours, base);
    }
    if phases.contains("stock") {
        let (low, took) = timed(|| store.stock_list(None, true, 50));
        println!(
            "low-stock list (first 50 of {} items): {:.0} ms",
            items,
            took.as_secs_f64() * 1e3
        );
        low?;
        let (all, took) = timed(|| store.stock_list(None, false, 200));
        println!(
            "stock list (first 200 by SKU of {} items): {:.1} ms",
            items,
            took.as_secs_f64() * 1e3
        );
        all?;
        let (found, took) = timed(|| store.stock_list(Some("honey"), false, 50));
        println!(
            "stock list filtered by name (\"honey\", 50 of {} items): {:.1} ms",
            items,
            took.as_secs_f64() * 1e3
        );
        found?;
    }

    let (mut ours, mut base) = (Vec::new(), Vec::new());
    let search_rounds = if phases.contains("search") {
        lookups / 20
    } else {
        0
    };
    for round in 0..search_rounds {
        let word = if round % 2 == 0 {
            NOUNS[dice.next(NOUNS.len() as u64) as usize]
        } else {
            ADJECTIVES[dice.next(ADJECTIVES.len() as u64) as usize]
        };
        let prefix: String = word.chars().take(1 + (round as usize % 4)).collect();
        let (found, took) = timed(|| store.search_items(&prefix, 20));
        found?;
        ours.push(took);
        let mut stmt = bare.prepare_cached(
            "SELECT i.id, i.sku, i.name, i.price FROM items_fts f JOIN items i ON i.item_no = f.rowid \
             WHERE items_fts MATCH ?1 LIMIT 20",
        )?;
        let query = format!("\"{}\"*", prefix.replace('"', ""));
        let (found, took) = timed(|| {
            stmt.query_map([&query], |r| r.get::<_, String>(0))
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        });
        found?;
        base.push(took);
    }
    if search_rounds > 0 {
        row(
            "name search as you type, 1–4 letters, 20 results (baseline: bare FTS, unsorted)",
            ours,
            base,
        );
    }

    let (mut ours, mut base) = (Vec::new(), Vec::new());
    let location: String = bare.query_row("SELECT location_id FROM terminal", [], |r| r.get(0))?;
    // The baseline writes its journal links to a twin of the journal's table (same columns,
    // keys and checks), so its positions never collide with the store's own chain.
    let chain_sql: String = bare.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'journal_chain'",
        [],
        |r| r.get(0),
    )?;
    bare.execute_batch(&format!(
        "DROP TABLE IF EXISTS journal_chain_bare; {};",
        chain_sql.replacen("journal_chain", "journal_chain_bare", 1)
    ))?;
    let sales = if phases.contains("sale") { sales } else { 0 };
    for n in 0..sales {
        let sale = five_line_sale(&store, &setup, items, &mut dice)?;
        let (done, took) = timed(|| store.complete_sale(&sale));
        done?;
        ours.push(took);
        let twin = five_line_sale(&store, &setup, items, &mut dice)?;
        let payload = serde_json::to_string(&twin)?;
        let (done, took) = timed(|| bare_sale(&mut bare, &twin, n as i64 + 1, &location, &payload));
        done?;
        base.push(took);
    }
    if sales > 0 {
        let per_second = sales as f64 / ours.iter().sum::<Duration>().as_secs_f64();
        row(
            "5-line sale commit (durable: WAL + synchronous=FULL)",
            ours,
            base,
        );
        println!("\nsales per second (ours, one at a time, each durable): {per_second:.0}");
    }
    drop(store);
    drop(bare);
    // Memory in a fresh process, so the catalog built above does not count.
    let child = std::process::Command::new(std::env::current_exe()?)
        .arg("--resident")
        .arg(&path)
        .output()?;
    print!("{}", String::from_utf8_lossy(&child.stdout));
    Ok(())
}

/// `bench --resident DB`: open the store, do the till's reads, report resident memory.
fn resident(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let before = rss_kib();
    // Cold start, in this fresh process: opening the store (pragmas, the migration check)
    // until the first barcode is answered, against a bare connection doing the same lookup.
    let started = Instant::now();
    let store = Store::open(path)?;
    store.item_by_code(&barcode(1))?;
    let ours = started.elapsed();
    let started = Instant::now();
    let bare = Connection::open(path)?;
    bare.query_row(
        "SELECT id, name, price FROM items WHERE barcode = ?1",
        [barcode(2)],
        |r| r.get::<_, String>(0),
    )?;
    let baseline = started.elapsed();
    println!(
        "cold start to the first barcode answered: {:.1} ms (bare connection: {:.1} ms, {:.1}x)",
        ours.as_secs_f64() * 1e3,
        baseline.as_secs_f64() * 1e3,
        ours.as_secs_f64() / baseline.as_secs_f64()
    );
    let items: i64 = bare.query_row("SELECT count(*) FROM items", [], |r| r.get(0))?;
    let mut dice = Lcg(9);
    for _ in 0..10_000 {
        store.item_by_code(&barcode(dice.next(items as u64)))?;
    }
    for word in NOUNS.iter().chain(ADJECTIVES) {
        for len in 1..=4 {
            store.search_items(&word.chars().take(len).collect::<String>(), 20)?;
        }
    }
    println!(
        "resident memory of the store with {items} items open, after 10000 lookups and {} searches: {} KiB (process start: {before} KiB)",
        (NOUNS.len() + ADJECTIVES.len()) * 4,
        rss_kib()
    );
    Ok(())
}
