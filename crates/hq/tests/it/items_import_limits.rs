//! `hq items import` with values past the column limits: each such row is refused with its
//! line and column, and the rest of the file is imported.

use hq::items_import::limits::{NAME_MAX_CHARS, VALUE_MAX_CHARS};

use crate::support::{TestDb, stderr, stdout};

/// Letters no compressor shrinks much: PostgreSQL compresses a long repetitive value enough
/// to fit an index entry, which would hide the problem.
fn noise(len: usize) -> String {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(b'a' + (state % 26) as u8)
        })
        .collect()
}

#[tokio::test]
async fn a_row_with_a_value_too_long_is_refused_by_name_and_the_rest_is_imported() {
    let db = TestDb::migrated().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("items.csv");
    let csv = format!(
        "sku,barcode,name,price,tax_rate,tax_included\n\
         TEA,0001,Green tea,3.50,5,false\n\
         HUGE,0002,{},1.00,5,false\n\
         COF,0003,Coffee,2.00,5,false\n\
         LONGPRICE,0004,Mug,{},5,false\n\
         EDGE,0005,{},1.00,5,false\n",
        noise(20_000),
        "1".repeat(VALUE_MAX_CHARS + 1),
        noise(NAME_MAX_CHARS),
    );
    std::fs::write(&file, csv).unwrap();
    let out = db.hq(&["items", "import", file.to_str().unwrap()]).await;
    let (said, complained) = (stdout(&out), stderr(&out));
    assert!(
        !out.status.success(),
        "refused rows fail the command: {said}"
    );
    assert!(said.contains("Imported 3 item(s)"), "{said}\n{complained}");
    assert!(
        complained.contains("line 3: name is 20000 characters long; at most 200 are allowed"),
        "{complained}"
    );
    assert!(
        complained.contains(&format!(
            "line 5: price is {} characters long; at most {VALUE_MAX_CHARS}",
            VALUE_MAX_CHARS + 1
        )),
        "{complained}"
    );
    assert!(
        complained.len() < 1_000,
        "no value is quoted back whole: {complained}"
    );
    let skus: Vec<String> = db
        .client()
        .await
        .query("SELECT sku FROM inv.items ORDER BY sku", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(skus, ["COF", "EDGE", "TEA"]);
}
