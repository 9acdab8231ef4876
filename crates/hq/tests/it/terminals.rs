//! `hq terminal add | list | revoke | rekey` and `hq serve`, through the real binary.

use std::time::Duration;

use crate::http::{get, http, json, post, start_serve};
use crate::support::{TestDb, stderr, stdout};

#[tokio::test]
async fn terminals_are_added_with_a_code_listed_and_revoked() {
    let db = TestDb::migrated().await;
    let out = db
        .hq(&["terminal", "add", "--name", "Till 1", "--json"])
        .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let added = json(&stdout(&out));
    assert!(added["terminal_id"].is_string());
    assert_eq!(added["terminal_code"], "T01");
    assert_eq!(added["location"], "Main Store");
    let code = added["code"].as_str().unwrap();
    assert_eq!(code.len(), 14, "{code}");
    assert!(added["expires_at"].as_str().unwrap().ends_with('Z'));
    // The code is kept only as a hash.
    let stored: Option<String> = db
        .client()
        .await
        .query_one("SELECT pairing_code_hash FROM pos.terminals", &[])
        .await
        .unwrap()
        .get(0);
    assert!(stored.is_some_and(|h| h.len() == 64 && !h.contains(code)));

    let second = json(&stdout(
        &db.hq(&[
            "terminal",
            "add",
            "--name",
            "Till 2",
            "--location",
            "MAIN",
            "--json",
        ])
        .await,
    ));
    assert_eq!(second["terminal_code"], "T02");
    let nowhere = db
        .hq(&["terminal", "add", "--name", "Till 3", "--location", "Mars"])
        .await;
    assert!(!nowhere.status.success());
    assert!(
        stderr(&nowhere).contains("no location \"Mars\""),
        "{}",
        stderr(&nowhere)
    );

    let revoke = db.hq(&["terminal", "revoke", "T01"]).await;
    assert!(revoke.status.success(), "{}", stderr(&revoke));
    let list = json(&stdout(&db.hq(&["terminal", "list", "--json"]).await));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0]["revoked"].as_bool(), rows[1]["revoked"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(rows[1]["paired"], false);
    let unknown = db.hq(&["terminal", "revoke", "T99"]).await;
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("no terminal \"T99\""),
        "{}",
        stderr(&unknown)
    );
}

#[tokio::test]
async fn guessing_pairing_codes_is_throttled_per_address() {
    let db = TestDb::migrated().await;
    let added = json(&stdout(
        &db.hq(&["terminal", "add", "--name", "Till 1", "--json"])
            .await,
    ));
    let code = added["code"].as_str().unwrap().to_owned();
    let (_server, addr) = start_serve(&db).await;
    for guess in 0..hq::api::PAIRING_ATTEMPTS {
        let (status, body) = http(
            &addr,
            post(
                "/api/v1/pair",
                &format!("{{\"code\":\"AAAA-AAAA-{guess:04}\"}}"),
            ),
        )
        .await;
        assert_eq!(
            (status, json(&body)["code"].as_str()),
            (401, Some("pairing_code_invalid")),
            "guess {guess}"
        );
    }
    // Now even the right code is refused from this address, and nothing is paired.
    let (status, body) = http(
        &addr,
        post("/api/v1/pair", &format!("{{\"code\":\"{code}\"}}")),
    )
    .await;
    let body = json(&body);
    assert_eq!(
        (status, body["code"].as_str()),
        (429, Some("too_many_attempts"))
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("try again in 15 minute")
    );
    let paired: bool = db
        .client()
        .await
        .query_one("SELECT token_hash IS NOT NULL FROM pos.terminals", &[])
        .await
        .unwrap()
        .get(0);
    assert!(!paired, "the throttled request paired nothing");
}

#[tokio::test]
async fn serve_answers_health_openapi_and_pairing_then_stops_on_sigterm() {
    let db = TestDb::migrated().await;
    let added = json(&stdout(
        &db.hq(&["terminal", "add", "--name", "Till 1", "--json"])
            .await,
    ));
    let code = added["code"].as_str().unwrap().to_owned();
    let (mut server, addr) = start_serve(&db).await;

    assert_eq!(http(&addr, get("/healthz")).await, (200, "ok".to_owned()));
    assert_eq!(http(&addr, get("/readyz")).await.0, 200);
    let (status, doc) = http(&addr, get("/api/v1/openapi.json")).await;
    assert_eq!(status, 200);
    let doc = json(&doc);
    for path in [
        "/api/v1/pair",
        "/api/v1/push",
        "/api/v1/catalog",
        "/api/v1/stock",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    let (status, body) = http(&addr, get("/nowhere")).await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (404, Some("not_found"))
    );

    let (status, body) = http(
        &addr,
        post(
            "/api/v1/pair",
            &format!("{{\"code\":\"{}\"}}", code.to_lowercase()),
        ),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let paired = json(&body);
    assert!(paired["token"].as_str().unwrap().starts_with("tly1_"));
    assert_eq!(paired["terminal_code"], "T01");
    let (status, body) = http(
        &addr,
        post("/api/v1/pair", &format!("{{\"code\":\"{code}\"}}")),
    )
    .await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (401, Some("pairing_code_invalid"))
    );
    // Only the token's hash is stored.
    let stored: String = db
        .client()
        .await
        .query_one("SELECT token_hash FROM pos.terminals", &[])
        .await
        .unwrap()
        .get(0);
    assert_ne!(stored, paired["token"].as_str().unwrap());

    let pid = server.id().expect("running") as i32;
    let term = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let status = tokio::time::timeout(Duration::from_secs(20), server.wait())
        .await
        .expect("hq serve stops on SIGTERM")
        .unwrap();
    assert!(status.success(), "{status:?}");
}

/// `hq terminal rekey`: a paired terminal gets a one-time code kept only as a hash; one
/// that never paired is told to pair instead.
#[tokio::test]
async fn a_paired_terminal_gets_a_rekey_code_through_the_binary() {
    let db = TestDb::migrated().await;
    let added = json(&stdout(
        &db.hq(&["terminal", "add", "--name", "Till 1", "--json"])
            .await,
    ));
    let waiting = db.hq(&["terminal", "rekey", "T01"]).await;
    assert!(!waiting.status.success());
    assert!(
        stderr(&waiting).contains("no paired terminal \"T01\""),
        "{}",
        stderr(&waiting)
    );
    let mut client = db.client().await;
    hq::terminals::pair(&mut client, added["code"].as_str().unwrap())
        .await
        .expect("pair");
    let out = db.hq(&["terminal", "rekey", "T01", "--json"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let issued = json(&stdout(&out));
    assert_eq!(issued["terminal_id"], added["terminal_id"]);
    let code = issued["code"].as_str().unwrap();
    assert_eq!(code.len(), 14, "{code}");
    assert!(issued["expires_at"].as_str().unwrap().ends_with('Z'));
    let stored: Option<String> = client
        .query_one("SELECT rekey_code_hash FROM pos.terminals", &[])
        .await
        .unwrap()
        .get(0);
    assert!(stored.is_some_and(|h| h.len() == 64 && !h.contains(code)));
    let text = db.hq(&["terminal", "rekey", "T01"]).await;
    assert!(
        stdout(&text).contains("pos rekey --hq URL --code"),
        "{}",
        stdout(&text)
    );
}
