use crate::support::{TestDb, stderr, stdout};

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("status --json prints JSON")
}

#[tokio::test]
async fn status_at_head_exits_zero_and_names_the_newest_version() {
    let db = TestDb::migrated().await;
    let out = db.hq(&["db", "status", "--json"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let status = json(&out);
    assert_eq!(status["up_to_date"], true);
    assert_eq!(status["current"], status["newest"]);
    assert_eq!(status["newest"], hq::migrations::newest_version());
    assert_eq!(status["pending"].as_array().unwrap().len(), 0);
    assert_eq!(
        status["applied"].as_array().unwrap().len(),
        hq::migrations::known().len()
    );
}

#[tokio::test]
async fn status_of_an_empty_database_lists_everything_pending_and_fails() {
    let db = TestDb::new().await;
    let out = db.hq(&["db", "status"]).await;
    assert!(!out.status.success());
    assert!(
        stdout(&out).contains("pending  V1__init_schema"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("pending"), "{}", stderr(&out));
}

#[tokio::test]
async fn status_refuses_a_recorded_version_this_build_does_not_know() {
    let db = TestDb::migrated().await;
    db.client()
        .await
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) \
             VALUES (4242, 'from_the_future', '2026-11-26T00:00:00Z', '1')",
            &[],
        )
        .await
        .unwrap();
    let out = db.hq(&["db", "status", "--json"]).await;
    assert!(!out.status.success());
    assert_eq!(json(&out)["unknown"][0]["version"], 4242);
    assert!(
        stderr(&out).contains("V4242__from_the_future which this build does not know"),
        "{}",
        stderr(&out)
    );

    // migrate refuses to run over a history it does not understand
    let migrate = db.hq(&["db", "migrate"]).await;
    assert!(!migrate.status.success());
    assert!(
        stderr(&migrate).contains("refusing to migrate"),
        "{}",
        stderr(&migrate)
    );
}

#[tokio::test]
async fn status_refuses_an_edited_migration() {
    let db = TestDb::migrated().await;
    // What an edited file looks like from the database: the recorded checksum is not the file's.
    db.client()
        .await
        .execute(
            "UPDATE refinery_schema_history SET checksum = '12345' WHERE version = 1",
            &[],
        )
        .await
        .unwrap();
    let out = db.hq(&["db", "status"]).await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("migration V1__init_schema was edited after it was applied"),
        "{}",
        stderr(&out)
    );
    let migrate = db.hq(&["db", "migrate"]).await;
    assert!(!migrate.status.success());
}

#[tokio::test]
async fn status_behind_the_newest_version_fails_until_migrated() {
    let db = TestDb::migrated().await;
    db.client()
        .await
        .execute(
            "DELETE FROM refinery_schema_history WHERE version = (SELECT max(version) FROM refinery_schema_history)",
            &[],
        )
        .await
        .unwrap();
    let out = db.hq(&["db", "status", "--json"]).await;
    assert!(!out.status.success());
    assert_eq!(json(&out)["up_to_date"], false);
    assert_eq!(json(&out)["pending"].as_array().unwrap().len(), 1);
}
