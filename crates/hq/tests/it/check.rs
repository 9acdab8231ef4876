use crate::support::{TestDb, stderr, stdout};

async fn drift_after(sql: &str) -> (bool, Vec<String>, TestDb) {
    let db = TestDb::migrated().await;
    db.client().await.batch_execute(sql).await.unwrap();
    let out = db.hq(&["db", "check"]).await;
    let lines = stdout(&out).lines().map(str::to_owned).collect();
    (out.status.success(), lines, db)
}

#[tokio::test]
async fn check_is_clean_after_migrate_and_leaves_no_scratch_database() {
    let db = TestDb::migrated().await;
    let out = db.hq(&["db", "check", "--json"]).await;
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["drift"], false);
    assert_eq!(report["differences"].as_array().unwrap().len(), 0);
    assert!(db.leftover_databases().await.is_empty());
}

#[tokio::test]
async fn check_reports_an_added_column() {
    let (ok, lines, db) = drift_after("ALTER TABLE pos.sales ADD COLUMN note text").await;
    assert!(!ok);
    assert_eq!(lines, ["extra column pos.sales.note"]);
    assert!(db.leftover_databases().await.is_empty());
}

#[tokio::test]
async fn check_reports_a_changed_type() {
    let (ok, lines, _db) =
        drift_after("ALTER TABLE pos.customers ALTER COLUMN phone TYPE varchar(40)").await;
    assert!(!ok);
    assert_eq!(
        lines,
        [
            "changed column pos.customers.phone: type is character varying(40), the migrations build text"
        ]
    );
}

#[tokio::test]
async fn check_reports_changed_nullability_and_default() {
    let (ok, lines, _db) = drift_after(
        "ALTER TABLE pos.customers ALTER COLUMN phone SET NOT NULL; \
         ALTER TABLE inv.items ALTER COLUMN unit SET DEFAULT 'piece'",
    )
    .await;
    assert!(!ok);
    assert!(
        lines.contains(
            &"changed column pos.customers.phone: nullable is NOT NULL, the migrations build NULL"
                .to_owned()
        ),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("changed column inv.items.unit: default is 'piece'")),
        "{lines:?}"
    );
}

#[tokio::test]
async fn check_reports_a_dropped_index() {
    let (ok, lines, _db) = drift_after("DROP INDEX pos.payments_sale_idx").await;
    assert!(!ok);
    assert_eq!(lines, ["missing index pos.payments_sale_idx"]);
}

#[tokio::test]
async fn check_reports_a_dropped_constraint() {
    let (ok, lines, _db) =
        drift_after("ALTER TABLE pos.tax_rates DROP CONSTRAINT tax_rates_rate_check").await;
    assert!(!ok);
    assert_eq!(
        lines,
        ["missing constraint pos.tax_rates.tax_rates_rate_check"]
    );
}

#[tokio::test]
async fn check_reports_a_dropped_extension() {
    let (ok, lines, _db) = drift_after("DROP EXTENSION pgcrypto").await;
    assert!(!ok);
    assert_eq!(lines, ["missing extension pgcrypto"]);
}

#[tokio::test]
async fn check_reports_an_extra_table_and_a_missing_schema_object() {
    let (ok, lines, _db) = drift_after(
        "CREATE TABLE pos.scratchpad (id int); DROP TRIGGER stock_movements_append_only ON inv.stock_movements",
    )
    .await;
    assert!(!ok);
    assert!(
        lines.contains(&"extra table pos.scratchpad".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"extra column pos.scratchpad.id".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.contains(
            &"missing trigger inv.stock_movements.stock_movements_append_only".to_owned()
        ),
        "{lines:?}"
    );
}

#[tokio::test]
async fn check_reports_a_disabled_trigger() {
    let (ok, lines, _db) =
        drift_after("ALTER TABLE acct.journal_lines DISABLE TRIGGER journal_entry_balances").await;
    assert!(!ok);
    assert_eq!(
        lines,
        [
            "changed trigger acct.journal_lines.journal_entry_balances: enabled is disabled, the migrations build enabled"
        ]
    );
}

#[tokio::test]
async fn a_search_path_set_on_the_database_is_no_phantom_difference() {
    let db = TestDb::migrated().await;
    db.client()
        .await
        .batch_execute(&format!(
            "ALTER DATABASE {} SET search_path = pos, core, public",
            hq::db::quote_ident(&db.name)
        ))
        .await
        .unwrap();
    let out = db.hq(&["db", "check"]).await;
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
}

#[tokio::test]
async fn check_reports_types_row_security_and_collations() {
    let (ok, lines, _db) = drift_after(
        "CREATE TYPE pos.mood AS ENUM ('happy', 'sad'); \
         CREATE DOMAIN pos.cents AS bigint CHECK (VALUE >= 0); \
         ALTER TABLE pos.sales ENABLE ROW LEVEL SECURITY; \
         CREATE POLICY own_org ON pos.sales USING (true); \
         ALTER TABLE pos.customers ALTER COLUMN phone TYPE text COLLATE \"C\"",
    )
    .await;
    assert!(!ok);
    for expected in [
        "extra type pos.mood",
        "extra type pos.cents",
        "changed table pos.sales: row_security is on, the migrations build off",
        "extra policy pos.sales.own_org",
        "changed column pos.customers.phone: collation is C, the migrations build (none)",
    ] {
        assert!(
            lines.contains(&expected.to_owned()),
            "{expected} not in {lines:?}"
        );
    }
}
