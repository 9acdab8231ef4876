//! The demo store: a few hundred realistic items with valid EAN-13 barcodes, two tax rates
//! (one charged on top of the price, one included in it) and stock, so the app and `pos`
//! can be tried with no HQ.

use pos_domain::{Money, Quantity, TaxRate};
use pos_store::{HqStockLevel, ItemRow, TaxRateRow};
use uuid::Uuid;

use crate::TerminalError;

/// A product name and its base price in cents.
type Product = (&'static str, i64);

/// (department code, tax: true = the included café rate, products)
const DEPARTMENTS: &[(&str, bool, &[Product])] = &[
    (
        "GRO",
        false,
        &[
            ("Basmati Rice 1kg", 349),
            ("Spaghetti 500g", 189),
            ("Penne Rigate 500g", 189),
            ("Extra Virgin Olive Oil 750ml", 1099),
            ("Sunflower Oil 1L", 429),
            ("Plain Flour 1kg", 249),
            ("Granulated Sugar 1kg", 279),
            ("Sea Salt 250g", 199),
            ("Black Peppercorns 50g", 389),
            ("Tomato Passata 700g", 229),
            ("Chopped Tomatoes 400g", 119),
            ("Red Kidney Beans 400g", 109),
            ("Chickpeas 400g", 109),
            ("Peanut Butter Crunchy 340g", 399),
            ("Strawberry Jam 340g", 319),
            ("Clear Honey 340g", 549),
            ("Rolled Oats 1kg", 289),
            ("Cornflakes 500g", 379),
            ("Muesli Fruit & Nut 750g", 469),
            ("Instant Coffee 200g", 799),
            ("Ground Coffee 250g", 649),
            ("English Breakfast Tea 80 bags", 459),
            ("Green Tea 40 bags", 329),
            ("Drinking Chocolate 500g", 419),
        ],
    ),
    (
        "DRK",
        false,
        &[
            ("Sparkling Water 1.5L", 99),
            ("Still Water 6x500ml", 349),
            ("Cola 2L", 249),
            ("Diet Cola 2L", 249),
            ("Orange Juice 1L", 299),
            ("Apple Juice 1L", 279),
            ("Lemonade 2L", 199),
            ("Ginger Beer 330ml", 129),
            ("Iced Tea Peach 500ml", 179),
            ("Energy Drink 250ml", 189),
            ("Tonic Water 1L", 159),
            ("Crème de Cassis Cordial 500ml", 449),
        ],
    ),
    (
        "DAI",
        false,
        &[
            ("Whole Milk 2L", 249),
            ("Semi-Skimmed Milk 2L", 239),
            ("Oat Drink 1L", 219),
            ("Salted Butter 250g", 329),
            ("Greek Yogurt 500g", 289),
            ("Mature Cheddar 400g", 499),
            ("Mozzarella 125g", 139),
            ("Brie de Meaux 200g", 459),
            ("Free Range Eggs x12", 429),
            ("Double Cream 300ml", 199),
            ("Crème Fraîche 200ml", 179),
            ("Feta 200g", 269),
        ],
    ),
    (
        "HOU",
        false,
        &[
            ("Washing Up Liquid 500ml", 149),
            ("Laundry Detergent 1.5L", 899),
            ("Fabric Softener 1L", 349),
            ("Kitchen Roll x2", 299),
            ("Toilet Tissue x9", 649),
            ("Bin Bags x20", 279),
            ("Multi-Surface Spray 750ml", 229),
            ("Sponges x4", 159),
            ("Aluminium Foil 10m", 249),
            ("Cling Film 30m", 199),
            ("AA Batteries x4", 599),
            ("LED Bulb E27 9W", 449),
        ],
    ),
    (
        "PER",
        false,
        &[
            ("Toothpaste 100ml", 249),
            ("Toothbrush Medium", 199),
            ("Shampoo 400ml", 399),
            ("Conditioner 400ml", 399),
            ("Shower Gel 250ml", 249),
            ("Hand Soap 300ml", 179),
            ("Deodorant Spray 150ml", 329),
            ("Cotton Pads x100", 149),
            ("Sun Cream SPF30 200ml", 899),
            ("Lip Balm", 229),
            ("Plasters x40", 319),
            ("Paracetamol 500mg x16", 99),
        ],
    ),
    (
        "CAF",
        true,
        &[
            ("Espresso", 220),
            ("Americano", 260),
            ("Flat White", 320),
            ("Cappuccino", 310),
            ("Café Latte", 320),
            ("Hot Chocolate", 300),
            ("Croissant", 195),
            ("Pain au Chocolat", 215),
            ("Blueberry Muffin", 245),
            ("Ham & Cheese Toastie", 495),
            ("Tuna Melt Panini", 545),
            ("Soup of the Day", 425),
        ],
    ),
];

/// Size variants multiply the departments' products into a catalog of a few hundred items.
const VARIANTS: &[(&str, i64)] = &[
    ("", 100),
    (" Value Pack", 280),
    (" Organic", 135),
    (" Twin Pack", 190),
];

pub struct DemoCatalog {
    pub tax_rates: Vec<TaxRateRow>,
    pub items: Vec<ItemRow>,
    pub stock: Vec<HqStockLevel>,
}

/// The EAN-13 check digit of 12 digits.
pub fn ean13_check_digit(digits12: &str) -> u32 {
    let sum: u32 = digits12
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d } else { d * 3 })
        .sum();
    (10 - sum % 10) % 10
}

pub fn catalog(location_id: Uuid) -> Result<DemoCatalog, TerminalError> {
    let standard = TaxRateRow {
        id: Uuid::now_v7(),
        name: "Sales tax 8.875%".to_owned(),
        rate: TaxRate::parse("8.875%")?,
        deleted: false,
    };
    let cafe = TaxRateRow {
        id: Uuid::now_v7(),
        name: "Café 5% (included)".to_owned(),
        rate: TaxRate::parse("5%")?,
        deleted: false,
    };
    let mut items = Vec::new();
    let mut stock = Vec::new();
    let mut number: u32 = 0;
    for (department, included, products) in DEPARTMENTS {
        let variants = if *included { &VARIANTS[..1] } else { VARIANTS };
        for (product, base_cents) in *products {
            for (suffix, percent) in variants {
                number += 1;
                let digits12 = format!("200{number:09}");
                let barcode = format!("{digits12}{}", ean13_check_digit(&digits12));
                let id = Uuid::now_v7();
                items.push(ItemRow {
                    id,
                    sku: format!("{department}-{number:04}"),
                    barcode: Some(barcode),
                    name: format!("{product}{suffix}"),
                    price: Money::from_minor(base_cents * percent / 100 / 5 * 5 + 4)?,
                    price_includes_tax: *included,
                    tax_rate_id: if *included { cafe.id } else { standard.id },
                    reorder_level: Some(Quantity::from_milli(5_000)?),
                    is_active: true,
                    deleted: false,
                });
                // A spread of levels so the low-stock view has something to show.
                stock.push(HqStockLevel {
                    item_id: id,
                    location_id,
                    on_hand_milli: i64::from((number * 7) % 40) * 1_000,
                });
            }
        }
    }
    Ok(DemoCatalog {
        tax_rates: vec![standard, cafe],
        items,
        stock,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_are_right() {
        // 4006381333931 is a well-known valid EAN-13.
        assert_eq!(ean13_check_digit("400638133393"), 1);
        assert_eq!(ean13_check_digit("200000000001"), 5);
    }

    #[test]
    fn the_demo_catalog_has_a_few_hundred_unique_items_on_both_tax_rules() {
        let demo = catalog(Uuid::now_v7()).unwrap();
        assert!(
            (200..=400).contains(&demo.items.len()),
            "{}",
            demo.items.len()
        );
        let mut barcodes: Vec<_> = demo
            .items
            .iter()
            .filter_map(|i| i.barcode.clone())
            .collect();
        barcodes.sort();
        barcodes.dedup();
        assert_eq!(barcodes.len(), demo.items.len());
        assert!(demo.items.iter().any(|i| i.price_includes_tax));
        assert!(demo.items.iter().any(|i| !i.price_includes_tax));
    }
}
