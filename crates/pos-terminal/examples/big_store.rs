//! A demo store with a big catalog, for timing the app's cold start (`tests/ui/cold-start.mjs`).
//!
//! `cargo run --release -p pos-terminal --example big_store -- DATA_DIR ITEMS`
//!
//! `DATA_DIR` becomes what `pos init --demo` makes (its staff, its demo items), plus `ITEMS`
//! generated items ("Crème Honey 412g", barcodes `29` and 11 digits) at one tax rate.

use std::path::PathBuf;

use pos_domain::{Money, Quantity, TaxRate};
use pos_store::{ItemRow, Store, TaxRateRow};
use pos_terminal::{DB_FILE, Terminal};
use uuid::Uuid;

const WORDS: &[&str] = &[
    "Organic", "Classic", "Fresh", "Smoked", "Crème", "Spicy", "Sweet", "Golden", "Coffee", "Tea",
    "Cheddar", "Yogurt", "Pasta", "Rice", "Cookies", "Honey", "Granola", "Butter", "Olives",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(items)) = (args.next(), args.next()) else {
        return Err("usage: big_store DATA_DIR ITEMS".into());
    };
    let dir = PathBuf::from(dir);
    let items: u64 = items.parse()?;
    std::fs::create_dir_all(&dir)?;
    let (terminal, _) = Terminal::init(&dir, true)?;
    drop(terminal);

    let mut store = Store::open(dir.join(DB_FILE))?;
    let tax = Uuid::now_v7();
    store.upsert_tax_rates(&[TaxRateRow {
        id: tax,
        name: "Bench rate".into(),
        rate: TaxRate::from_ppm(88_750)?,
        deleted: false,
    }])?;
    let mut seed: u64 = 7;
    let mut pick = |below: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    };
    let chunk = 100_000;
    for start in (0..items).step_by(chunk as usize) {
        let rows: Vec<ItemRow> = (start..(start + chunk).min(items))
            .map(|n| ItemRow {
                id: Uuid::now_v7(),
                sku: format!("BIG{n:07}"),
                barcode: Some(format!("29{n:011}")),
                name: format!(
                    "{} {} {}g",
                    WORDS[pick(WORDS.len() as u64) as usize],
                    WORDS[pick(WORDS.len() as u64) as usize],
                    50 + pick(950)
                ),
                price: Money::from_minor(50 + pick(5_000) as i64).unwrap_or(Money::ZERO),
                price_includes_tax: false,
                tax_rate_id: tax,
                reorder_level: Quantity::from_milli(5_000).ok(),
                is_active: true,
                deleted: false,
            })
            .collect();
        store.upsert_items(&rows)?;
    }
    println!("{}: the demo store and {items} more items", dir.display());
    Ok(())
}
