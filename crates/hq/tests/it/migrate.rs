use crate::support::{TestDb, stderr, stdout};

#[tokio::test]
async fn migrate_from_empty_builds_every_table_and_the_seed() {
    let db = TestDb::new().await;
    let out = db.hq(&["db", "migrate"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.contains("applied V1__init_schema"), "{printed}");
    assert!(
        printed.contains("applied V2__seed_initial_data"),
        "{printed}"
    );
    assert!(printed.contains("applied V3__sync"), "{printed}");

    let client = db.client().await;
    let tables: Vec<String> = client
        .query(
            "SELECT schemaname || '.' || tablename FROM pg_tables \
             WHERE schemaname IN ('core', 'acct', 'inv', 'pos') ORDER BY 1",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(
        tables,
        [
            "acct.bank_accounts",
            "acct.chart_of_accounts",
            "acct.customer_balances",
            "acct.journal_entries",
            "acct.journal_lines",
            "core.audit_log",
            "core.catalog_versions",
            "core.organizations",
            "core.sessions",
            "core.user_org_roles",
            "core.users",
            "inv.item_prices",
            "inv.items",
            "inv.locations",
            "inv.stock_levels",
            "inv.stock_movements",
            "inv.stock_versions",
            "pos.customers",
            "pos.day_digests",
            "pos.dead_letters",
            "pos.journal_links",
            "pos.payments",
            "pos.push_log",
            "pos.sale_lines",
            "pos.sales",
            "pos.shifts",
            "pos.tax_rate_history",
            "pos.tax_rates",
            "pos.terminals",
            "pos.voids",
        ]
    );
    let extensions: Vec<String> = client
        .query(
            "SELECT extname FROM pg_extension WHERE extname IN ('pgcrypto', 'citext') ORDER BY 1",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(extensions, ["citext", "pgcrypto"]);

    let seeded = client
        .query_one(
            "SELECT (SELECT count(*) FROM core.organizations), \
                    (SELECT count(*) FROM inv.locations), \
                    (SELECT count(*) FROM pos.tax_rates), \
                    (SELECT count(*) FROM core.users), \
                    (SELECT rate::text FROM pos.tax_rates WHERE code = 'STD')",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(seeded.get::<_, i64>(0), 1);
    assert_eq!(seeded.get::<_, i64>(1), 1);
    assert_eq!(seeded.get::<_, i64>(2), 2);
    assert_eq!(
        seeded.get::<_, i64>(3),
        0,
        "no user may come from a migration"
    );
    assert_eq!(seeded.get::<_, String>(4), "0.088750");

    let accounts: Vec<String> = client
        .query("SELECT name FROM acct.chart_of_accounts ORDER BY code", &[])
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    for needed in [
        "Cash",
        "Card clearing",
        "Sales revenue",
        "Sales tax payable",
        "Store credit liability",
        "Inventory",
        "Cost of goods sold",
    ] {
        assert!(accounts.iter().any(|a| a == needed), "no account {needed}");
    }
}

#[tokio::test]
async fn migrate_twice_applies_nothing_the_second_time() {
    let db = TestDb::migrated().await;
    let out = db.hq(&["db", "migrate"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("already at the newest version"));
    let client = db.client().await;
    let organizations: i64 = client
        .query_one("SELECT count(*) FROM core.organizations", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(organizations, 1, "the seed ran once");
}

#[tokio::test]
async fn migrate_without_a_database_url_says_so() {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_hq"))
        .args(["db", "migrate"])
        .env_remove("DATABASE_URL")
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no database given"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn migrate_against_an_unreachable_server_is_one_clear_sentence() {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_hq"))
        .args(["db", "migrate"])
        .env("DATABASE_URL", "postgres://postgres@127.0.0.1:1/nowhere")
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.starts_with("error: cannot connect to the database \"nowhere\" on 127.0.0.1:1"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
}
