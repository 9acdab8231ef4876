//! Fixtures: a store with a terminal, a location, a tax rate, a cashier and a few items,
//! and sales priced with pos-domain exactly as the till will price them.

use pos_domain::{LineInput, Money, Quantity, TaxRate, Tender, price_sale, settle};
use pos_store::{
    ItemRow, LocationRow, NewPayment, NewSale, NewSaleLine, PaymentMethod, Role, SaleKind, Store,
    TaxRateRow, TerminalIdentity, UserRow,
};
use uuid::Uuid;

pub struct Fixture {
    pub location: Uuid,
    pub tax_rate: Uuid,
    pub cashier: Uuid,
    pub items: Vec<ItemRow>,
}

pub fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}

pub fn item(sku: &str, barcode: Option<&str>, name: &str, price: &str, tax: Uuid) -> ItemRow {
    ItemRow {
        id: Uuid::now_v7(),
        sku: sku.to_owned(),
        barcode: barcode.map(str::to_owned),
        name: name.to_owned(),
        price: money(price),
        price_includes_tax: false,
        tax_rate_id: tax,
        reorder_level: Some(Quantity::from_milli(2000).unwrap()),
        is_active: true,
        deleted: false,
    }
}

/// Sets up `store` as terminal T01 with a small catalog.
pub fn set_up(store: &mut Store) -> Fixture {
    let location = Uuid::now_v7();
    let tax_rate = Uuid::now_v7();
    let cashier = Uuid::now_v7();
    store
        .upsert_locations(&[LocationRow {
            id: location,
            name: "Main".into(),
            deleted: false,
        }])
        .unwrap();
    store
        .upsert_tax_rates(&[TaxRateRow {
            id: tax_rate,
            name: "NYC".into(),
            rate: TaxRate::from_ppm(88_750).unwrap(),
            deleted: false,
        }])
        .unwrap();
    store
        .upsert_users(&[UserRow {
            id: cashier,
            name: "Ann".into(),
            role: Role::Cashier,
            pin_hash: "hash".into(),
            deleted: false,
        }])
        .unwrap();
    store
        .init_terminal(&TerminalIdentity {
            terminal_id: Uuid::now_v7(),
            code: "T01".into(),
            organization_id: Uuid::now_v7(),
            location_id: location,
            hq_url: None,
            created_at: "2026-01-01T00:00:00Z".into(),
        })
        .unwrap();
    let items = vec![
        item(
            "COKE-330",
            Some("5449000000996"),
            "Coca-Cola 330ml",
            "1.25",
            tax_rate,
        ),
        item("CREME-1", None, "Crème brûlée", "4.50", tax_rate),
        item("COCO-1", Some("123"), "Coconut water", "2.99", tax_rate),
    ];
    store.upsert_items(&items).unwrap();
    Fixture {
        location,
        tax_rate,
        cashier,
        items,
    }
}

/// A sale of `(item, quantity in thousandths)` lines, priced with pos-domain and paid in
/// cash rounded up to the next whole unit.
pub fn sale(fixture: &Fixture, lines: &[(&ItemRow, i64)]) -> NewSale {
    let rate = TaxRate::from_ppm(88_750).unwrap();
    let inputs: Vec<LineInput> = lines
        .iter()
        .map(|(item, milli)| LineInput {
            unit_price: item.price,
            quantity: Quantity::from_milli(*milli).unwrap(),
            tax_rate: rate,
            price_includes_tax: item.price_includes_tax,
            discount: None,
        })
        .collect();
    let totals = price_sale(&inputs, None).unwrap();
    let cash = Money::from_minor((totals.total.minor() / 100 + 1) * 100).unwrap();
    let settlement = settle(totals.total, &[Tender::cash(cash).unwrap()]).unwrap();
    NewSale {
        id: Uuid::now_v7(),
        kind: SaleKind::Sale,
        refund_of: None,
        customer_id: None,
        cashier_id: fixture.cashier,
        shift_id: None,
        lines: lines
            .iter()
            .zip(&inputs)
            .zip(&totals.lines)
            .map(|(((item, _), input), t)| NewSaleLine {
                id: Uuid::now_v7(),
                item_id: item.id,
                name: item.name.clone(),
                unit_price: input.unit_price,
                quantity: input.quantity,
                tax_rate: input.tax_rate,
                price_includes_tax: input.price_includes_tax,
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
            amount: settlement.paid,
            reference: None,
        }],
        subtotal: totals.subtotal,
        discount_total: totals.discount_total,
        tax_total: totals.tax_total,
        tax_included: totals.tax_included,
        total: totals.total,
        paid_total: settlement.paid,
        change_given: settlement.change,
        occurred_at: "2026-01-02T10:00:00Z".into(),
        business_date: "2026-01-02".into(),
        catalog_version: None,
        approval: None,
    }
}

/// A manager user, added to the store.
pub fn manager(store: &mut Store) -> Uuid {
    let id = Uuid::now_v7();
    store
        .upsert_users(&[UserRow {
            id,
            name: "Max".into(),
            role: Role::Manager,
            pin_hash: "hash".into(),
            deleted: false,
        }])
        .unwrap();
    id
}

/// Completes `new` and reads it back by its receipt number.
pub fn complete(store: &mut Store, new: &NewSale) -> pos_store::StoredSale {
    let done = store.complete_sale(new).unwrap();
    store
        .sale_by_receipt(&done.record.receipt_no)
        .unwrap()
        .unwrap()
}

/// Rows in `table` of the database at `path`, read over a separate connection.
pub fn rows(path: &std::path::Path, table: &str) -> i64 {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}
