//! `hq user add | list | disable | set-pin`, `hq items set-price` and `hq audit`, through
//! the real binary: secrets come from standard input, hashes never leave HQ, every change
//! is in the audit log, and bad input is one clear sentence with exit status 1.

use serde_json::Value;

use crate::support::{TestDb, stderr, stdout};

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[tokio::test]
async fn an_admin_is_added_with_a_password_from_stdin_and_listed_without_hashes() {
    let db = TestDb::migrated().await;
    let out = db
        .hq_with_stdin(
            &[
                "user",
                "add",
                "--email",
                "Ada@Example.com",
                "--role",
                "admin",
                "--json",
            ],
            "correct horse battery\n",
        )
        .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["role"], "admin");
    let hash: String = db
        .client()
        .await
        .query_one("SELECT password_hash FROM core.users", &[])
        .await
        .unwrap()
        .get(0);
    assert!(hq::password::verify(&hash, "correct horse battery"));

    // Without a password an admin is refused, and nothing is stored.
    let out = db
        .hq_with_stdin(
            &[
                "user",
                "add",
                "--email",
                "bo@example.com",
                "--role",
                "owner",
            ],
            "",
        )
        .await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no password on standard input"),
        "{}",
        stderr(&out)
    );
    // A cashier needs a PIN.
    let out = db
        .hq(&[
            "user",
            "add",
            "--email",
            "cy@example.com",
            "--role",
            "cashier",
        ])
        .await;
    assert!(!out.status.success());
    assert!(stderr(&out).contains("needs a PIN"), "{}", stderr(&out));
    let out = db
        .hq(&[
            "user",
            "add",
            "--email",
            "cy@example.com",
            "--role",
            "cashier",
            "--pin",
            "2468",
        ])
        .await;
    assert!(out.status.success(), "{}", stderr(&out));

    let out = db.hq(&["user", "list", "--json"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains("argon2"), "no hash is listed: {text}");
    let rows = json(&out);
    let summary: Vec<(String, String, bool, bool)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["email"].as_str().unwrap().to_owned(),
                r["role"].as_str().unwrap().to_owned(),
                r["has_password"].as_bool().unwrap(),
                r["has_pin"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Ada@Example.com".to_owned(),
                "admin".to_owned(),
                true,
                false
            ),
            (
                "cy@example.com".to_owned(),
                "cashier".to_owned(),
                false,
                true
            ),
        ]
    );
}

#[tokio::test]
async fn disable_and_set_pin_publish_to_terminals_and_are_audited() {
    let db = TestDb::migrated().await;
    let add = |email: &'static str, pin: &'static str| {
        let db = &db;
        async move {
            let out = db
                .hq(&[
                    "user", "add", "--email", email, "--role", "cashier", "--pin", pin,
                ])
                .await;
            assert!(out.status.success(), "{}", stderr(&out));
        }
    };
    add("cy@example.com", "1357").await;
    add("di@example.com", "2468").await;
    let client = db.client().await;
    let version_of = |email: &'static str| {
        let client = &client;
        async move {
            client
                .query_one(
                    "SELECT r.sync_version FROM core.user_org_roles r \
                     JOIN core.users u ON u.id = r.user_id WHERE u.email = $1",
                    &[&email],
                )
                .await
                .unwrap()
                .get::<_, i64>(0)
        }
    };
    let before = version_of("cy@example.com").await;

    let out = db
        .hq_with_stdin(&["user", "set-pin", "CY@example.com"], "97531\n")
        .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let after_pin = version_of("cy@example.com").await;
    assert!(after_pin > before, "terminals pull the new PIN");
    let hash: String = client
        .query_one(
            "SELECT pin_hash FROM core.users WHERE email = 'cy@example.com'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(hq::password::verify(&hash, "97531"));
    let out = db
        .hq_with_stdin(&["user", "set-pin", "cy@example.com"], "12\n")
        .await;
    assert!(!out.status.success());
    assert!(stderr(&out).contains("4 to 8 digits"), "{}", stderr(&out));

    let out = db.hq(&["user", "disable", "cy@example.com"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(version_of("cy@example.com").await > after_pin);
    let active: bool = client
        .query_one(
            "SELECT is_active FROM core.users WHERE email = 'cy@example.com'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(!active);
    let out = db.hq(&["user", "disable", "nobody@example.com"]).await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no user \"nobody@example.com\""),
        "{}",
        stderr(&out)
    );

    let out = db.hq(&["audit", "--json"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.contains("97531") && !text.contains("1357"),
        "no PIN in the log"
    );
    let actions: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["source"], "cli");
            e["action"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        actions,
        ["user_disabled", "pin_set", "user_added", "user_added"],
        "newest first"
    );
}

#[tokio::test]
async fn set_price_changes_one_item_and_refuses_bad_prices() {
    let db = TestDb::migrated().await;
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        "sku,barcode,name,price,tax_rate,tax_included,stock\nA-1,4006381333931,Apple,1.00,8.875,false,5\n",
    )
    .unwrap();
    let out = db
        .hq(&["items", "import", file.path().to_str().unwrap()])
        .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let out = db.hq(&["items", "set-price", "A-1", "2.50"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("1.00 -> 2.50"), "{}", stdout(&out));
    for bad in ["2.505", "two", "1e3", ""] {
        let out = db.hq(&["items", "set-price", "A-1", bad]).await;
        assert!(!out.status.success(), "{bad}");
        assert!(stderr(&out).contains("is not a price"), "{}", stderr(&out));
    }
    let out = db.hq(&["items", "set-price", "NOPE", "1.00"]).await;
    assert!(
        stderr(&out).contains("no item with SKU \"NOPE\""),
        "{}",
        stderr(&out)
    );
    let price: String = db
        .client()
        .await
        .query_one("SELECT price::text FROM inv.items WHERE sku = 'A-1'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(price, "2.50");
}
