use std::collections::HashSet;

use hq::items_import::{ImportError, ImportProgress, ImportReport, import_items};
use tokio_postgres::Client;

use crate::support::TestDb;

const HEADER: &str = "sku,barcode,name,price,tax_rate,tax_included";
const HEADER_STOCK: &str = "sku,barcode,name,price,tax_rate,tax_included,stock";

async fn try_import(client: &mut Client, csv: &str) -> Result<ImportReport, ImportError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("items.csv");
    std::fs::write(&path, csv).unwrap();
    import_items(client, "default", &path, &mut |_| {}).await
}

async fn import(client: &mut Client, csv: &str) -> ImportReport {
    try_import(client, csv).await.expect("the import runs")
}

/// The item's price, tax code, tax rate (as text: exact), inclusive flag and version.
async fn item(client: &Client, sku: &str) -> (String, String, String, bool, i64) {
    let row = client
        .query_one(
            "SELECT i.price::text, r.code, r.rate::text, i.price_includes_tax, i.sync_version \
             FROM inv.items i JOIN pos.tax_rates r ON r.id = i.tax_rate_id WHERE i.sku = $1",
            &[&sku],
        )
        .await
        .unwrap();
    (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4))
}

async fn count(client: &Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).await.unwrap().get(0)
}

#[tokio::test]
async fn import_creates_items_with_exact_prices_and_reuses_or_creates_tax_rates() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let csv = format!(
        "{HEADER}\nTEA,0001,Green tea,3.50,8.875,false\nCOF,0002,Coffee,12,5,true\n\
         MUG,,Mug,0.1,5%,FALSE\n"
    );
    let report = import(&mut client, &csv).await;
    assert_eq!(
        report,
        ImportReport {
            imported: 3,
            created: 3,
            tax_rates_created: 1,
            ..ImportReport::default()
        }
    );

    let exact: bool = client
        .query_one("SELECT price = 3.50 FROM inv.items WHERE sku = 'TEA'", &[])
        .await
        .unwrap()
        .get(0);
    assert!(exact);
    let (price, code, rate, included, version) = item(&client, "TEA").await;
    assert_eq!((price.as_str(), code.as_str()), ("3.50", "STD"));
    assert_eq!(rate, "0.088750");
    assert!(!included);
    assert!(version > 0);
    let (price, code, rate, included, coffee_version) = item(&client, "COF").await;
    assert_eq!((price.as_str(), code.as_str()), ("12.00", "R5"));
    assert_eq!(rate, "0.050000");
    assert!(included);
    assert_eq!(coffee_version, version, "one batch, one version");
    assert_eq!(item(&client, "MUG").await.0, "0.10");
    assert_eq!(item(&client, "MUG").await.1, "R5");

    let rate = client
        .query_one(
            "SELECT name, sync_version, count(*) OVER () FROM pos.tax_rates WHERE rate = 0.05",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(rate.get::<_, String>(0), "Tax 5%");
    assert_eq!(
        rate.get::<_, i64>(1),
        version,
        "the new rate carries the batch's version"
    );
    assert_eq!(rate.get::<_, i64>(2), 1, "one 5% rate for both rows");
    let barcode: Option<String> = client
        .query_one("SELECT barcode FROM inv.items WHERE sku = 'MUG'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(barcode, None);
}

#[tokio::test]
async fn reimport_updates_by_sku_and_bumps_the_version_of_changed_items_only() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let first = format!(
        "{HEADER}\nTEA,0001,Green tea,3.50,8.875,false\nCOF,0002,Coffee,12,5,true\n\
         OLD,0003,Old stock,1,0,false\n"
    );
    import(&mut client, &first).await;
    let (_, _, _, _, tea_before) = item(&client, "TEA").await;
    let (_, _, _, _, coffee_before) = item(&client, "COF").await;
    client
        .execute(
            "UPDATE inv.items SET deleted_at = now() WHERE sku = 'OLD'",
            &[],
        )
        .await
        .unwrap();

    let second = format!(
        "{HEADER}\nTEA,0001,Green tea,3.75,8.875,false\nCOF,0002,Coffee,12,5,true\n\
         OLD,0003,Old stock,1,0,false\n"
    );
    let report = import(&mut client, &second).await;
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (0, 2, 1)
    );
    assert_eq!((report.imported, report.tax_rates_created), (3, 0));

    let (price, _, _, _, tea_after) = item(&client, "TEA").await;
    assert_eq!(price, "3.75");
    assert!(tea_after > tea_before, "{tea_after} > {tea_before}");
    let (_, _, _, _, coffee_after) = item(&client, "COF").await;
    assert_eq!(
        coffee_after, coffee_before,
        "an unchanged item keeps its version"
    );
    assert_eq!(
        count(
            &client,
            "SELECT count(*) FROM inv.items WHERE deleted_at IS NULL"
        )
        .await,
        3,
        "the deleted item is back"
    );
    assert_eq!(item(&client, "OLD").await.4, tea_after);
}

async fn level_and_movements(client: &Client, sku: &str) -> (String, String, i64) {
    let row = client
        .query_one(
            "SELECT l.on_hand::text, \
               (SELECT sum(m.quantity)::text FROM inv.stock_movements m \
                 WHERE m.item_id = l.item_id AND m.location_id = l.location_id), \
               (SELECT count(*) FROM inv.stock_movements m WHERE m.item_id = l.item_id) \
             FROM inv.stock_levels l JOIN inv.items i ON i.id = l.item_id \
             JOIN inv.locations loc ON loc.id = l.location_id \
             WHERE i.sku = $1 AND loc.code = 'MAIN'",
            &[&sku],
        )
        .await
        .unwrap();
    (row.get(0), row.get(1), row.get(2))
}

#[tokio::test]
async fn stock_is_set_with_count_movements_that_sum_to_the_level() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let first = format!(
        "{HEADER_STOCK}\nTEA,0001,Green tea,3.50,8.875,false,10\n\
         COF,0002,Coffee,12,5,true,2.5\nMUG,,Mug,4,5,false,\n"
    );
    import(&mut client, &first).await;
    assert_eq!(
        level_and_movements(&client, "TEA").await,
        ("10.000".to_owned(), "10.000".to_owned(), 1)
    );
    assert_eq!(
        level_and_movements(&client, "COF").await,
        ("2.500".to_owned(), "2.500".to_owned(), 1)
    );
    assert_eq!(
        count(
            &client,
            "SELECT count(*) FROM inv.stock_levels l JOIN inv.items i ON i.id = l.item_id \
             WHERE i.sku = 'MUG'"
        )
        .await,
        0,
        "an empty stock field leaves stock alone"
    );
    let movement = client
        .query_one(
            "SELECT m.id, m.reason, m.note, m.terminal_id IS NULL, l.sync_version, \
                    l.counted_at IS NOT NULL \
             FROM inv.stock_movements m JOIN inv.items i ON i.id = m.item_id \
             JOIN inv.stock_levels l ON l.item_id = m.item_id AND l.location_id = m.location_id \
             WHERE i.sku = 'TEA'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(movement.get::<_, uuid::Uuid>(0).get_version_num(), 7);
    assert_eq!(movement.get::<_, String>(1), "count");
    assert_eq!(movement.get::<_, String>(2), "import");
    assert!(movement.get::<_, bool>(3));
    let level_version: i64 = movement.get(4);
    assert!(level_version > 0);
    assert!(movement.get::<_, bool>(5));

    let second = format!(
        "{HEADER_STOCK}\nTEA,0001,Green tea,3.50,8.875,false,7\n\
         COF,0002,Coffee,12,5,true,2.500\n"
    );
    let report = import(&mut client, &second).await;
    assert_eq!(report.unchanged, 2, "{report:?}");
    assert_eq!(
        level_and_movements(&client, "TEA").await,
        ("7.000".to_owned(), "7.000".to_owned(), 2)
    );
    let difference: String = client
        .query_one(
            "SELECT m.quantity::text FROM inv.stock_movements m JOIN inv.items i \
             ON i.id = m.item_id WHERE i.sku = 'TEA' ORDER BY m.recorded_at DESC, m.id DESC \
             LIMIT 1",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(difference, "-3.000");
    assert_eq!(
        level_and_movements(&client, "COF").await,
        ("2.500".to_owned(), "2.500".to_owned(), 1),
        "an unchanged count writes no movement"
    );
    let tea_level_version: i64 = client
        .query_one(
            "SELECT l.sync_version FROM inv.stock_levels l JOIN inv.items i \
             ON i.id = l.item_id WHERE i.sku = 'TEA'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(tea_level_version > level_version);
}

#[tokio::test]
async fn bad_rows_are_reported_by_line_and_good_rows_land() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let csv = [
        HEADER_STOCK,
        "GOOD1,1001,Fine,1.00,8.875,false,1",      // 2
        "SHORT,1002,Too few,1.00,8.875",           // 3
        ",1003,No sku,1.00,8.875,false,",          // 4
        "BADPRICE,1004,Price,1.005,8.875,false,",  // 5
        "NEG,1005,Negative,-2.00,8.875,false,",    // 6
        "RATE,1006,Rate,1,eight,false,",           // 7
        "BOOL,1007,Bool,1,5,yes,",                 // 8
        "STOCK,1008,Stock,1,5,false,1.2345",       // 9
        "BARCODE,12 34,Barcode,1,5,false,",        // 10
        "\"A SKU\",1010,Spaced sku,1,5,false,",    // 11
        "NONAME,1011,  ,1,5,false,",               // 12
        "GOOD2,,\"Fine, with a comma\",2,5,true,", // 13
        "GOOD1,1013,Same sku again,1,5,false,",    // 14
    ]
    .join("\n");
    let report = import(&mut client, &csv).await;
    let lines: Vec<u64> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14], "{report:#?}");
    let expect = [
        "expected 7 fields",
        "sku is empty",
        "2 decimal places",
        "negative",
        "tax_rate",
        "tax_included",
        "stock",
        "barcode",
        "without spaces",
        "name is empty",
        "repeated (first on line 2)",
    ];
    for (rejected, words) in report.rejected.iter().zip(expect) {
        assert!(
            rejected.reason.contains(words),
            "{rejected:?} should say {words:?}"
        );
    }
    assert_eq!((report.imported, report.created), (2, 2));
    let names: HashSet<String> = client
        .query("SELECT name FROM inv.items", &[])
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(
        names,
        HashSet::from(["Fine".to_owned(), "Fine, with a comma".to_owned()])
    );
}

#[tokio::test]
async fn a_wrong_header_imports_nothing() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    for csv in [
        "sku,name,price\nTEA,Tea,1\n",
        "sku,barcode,name,price,tax,tax_included\nTEA,,Tea,1,5,false\n",
        "",
    ] {
        let error = try_import(&mut client, csv).await.unwrap_err();
        assert!(matches!(error, ImportError::Header { .. }), "{error:?}");
        assert!(
            error.to_string().contains("nothing was imported"),
            "{error}"
        );
    }
    assert_eq!(count(&client, "SELECT count(*) FROM inv.items").await, 0);
    assert_eq!(
        count(&client, "SELECT count(*) FROM pos.tax_rates").await,
        2
    );
}

#[tokio::test]
async fn a_barcode_used_by_another_sku_or_repeated_in_the_file_is_reported() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    import(&mut client, &format!("{HEADER}\nTEA,111,Tea,1,5,false\n")).await;
    let csv = format!(
        "{HEADER}\nOTHER,111,Thief,1,5,false\nCOF,222,Coffee,2,5,false\n\
         CUP,222,Cup,3,5,false\n"
    );
    let report = import(&mut client, &csv).await;
    assert_eq!(report.rejected.len(), 2, "{report:#?}");
    assert_eq!(report.rejected[0].line, 2);
    assert!(
        report.rejected[0]
            .reason
            .contains("already belongs to sku \"TEA\""),
        "{:?}",
        report.rejected[0]
    );
    assert_eq!(report.rejected[1].line, 4);
    assert!(
        report.rejected[1]
            .reason
            .contains("\"222\" is repeated (first on line 3)"),
        "{:?}",
        report.rejected[1]
    );
    assert_eq!((report.created, report.updated), (1, 0));
    let skus: HashSet<String> = client
        .query("SELECT sku FROM inv.items", &[])
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(skus, HashSet::from(["TEA".to_owned(), "COF".to_owned()]));
}

#[tokio::test]
async fn a_large_file_is_written_in_batches_with_one_version_each() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let mut csv = String::from(HEADER_STOCK);
    for n in 0..2_500 {
        csv.push_str(&format!("\nSKU{n},{n},Item {n},{n}.99,8.875,false,{n}"));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("items.csv");
    std::fs::write(&path, csv).unwrap();
    let mut seen: Vec<ImportProgress> = Vec::new();
    let report = import_items(&mut client, "default", &path, &mut |p| seen.push(p))
        .await
        .unwrap();
    assert_eq!((report.created, report.rejected.len()), (2_500, 0));
    let done: Vec<u64> = seen.iter().map(|p| p.done).collect();
    assert_eq!(done, [0, 1_000, 2_000, 2_500]);
    assert!(seen.iter().all(|p| p.total == 2_500));
    assert_eq!(
        count(
            &client,
            "SELECT count(DISTINCT sync_version) FROM inv.items"
        )
        .await,
        3
    );
    assert_eq!(
        count(
            &client,
            "SELECT count(DISTINCT sync_version) FROM inv.stock_levels"
        )
        .await,
        3
    );
    let total: String = client
        .query_one(
            "SELECT sum(price)::text || ' ' || (SELECT sum(on_hand)::text FROM inv.stock_levels) \
             FROM inv.items",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    // sum(n + 0.99) and sum(n) for n below 2,500.
    assert_eq!(total, "3126225.00 3123750.000");
}

#[tokio::test]
async fn an_unknown_organization_imports_nothing() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("items.csv");
    std::fs::write(&path, format!("{HEADER}\nTEA,,Tea,1,5,false\n")).unwrap();
    let error = import_items(&mut client, "nowhere", &path, &mut |_| {})
        .await
        .unwrap_err();
    assert!(matches!(error, ImportError::NoOrganization(_)), "{error:?}");
    assert_eq!(count(&client, "SELECT count(*) FROM inv.items").await, 0);
}
