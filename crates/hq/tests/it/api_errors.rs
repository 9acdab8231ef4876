//! Every refusal of the HTTP API is `{code, message}` JSON in HQ's own words: a query
//! string or a path that does not parse, a method a path does not take, and a value the
//! database refuses (whose wording goes to the server's log only).

use serde_json::Value;

use crate::http::{
    http, json, paired_terminal, request, signed_in, start_serve, stop_and_read_log,
};
use crate::support::TestDb;

/// The answer is JSON with `code` and a `message` that contains `mentions`.
fn assert_json_refusal(what: &str, (status, body): (u16, String), code: &str, mentions: &str) {
    let parsed: Value = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {status} {body}"));
    assert_eq!(
        (status, parsed["code"].as_str()),
        (400, Some(code)),
        "{what}: {body}"
    );
    let message = parsed["message"].as_str().unwrap_or_default();
    assert!(message.contains(mentions), "{what}: {message}");
}

#[tokio::test]
async fn query_strings_paths_and_methods_that_do_not_fit_answer_json() {
    let db = TestDb::migrated().await;
    let (_server, addr) = start_serve(&db).await;
    let till = paired_terminal(&db, &addr).await;
    let admin = signed_in(&db, &addr, "default", "ada@example.com", "admin").await;

    let queries = [
        ("/api/v1/catalog?limit=abc", &till, "limit"),
        ("/api/v1/catalog?after_version=1.5", &till, "after_version"),
        ("/api/v1/stock?after_id=not-a-uuid", &till, "after_id"),
        ("/api/v1/stock?limit=-1", &till, "limit"),
        ("/api/v1/admin/audit?limit=abc", &admin, "limit"),
        (
            "/api/v1/admin/audit?limit=99999999999999999999",
            &admin,
            "limit",
        ),
    ];
    for (path, token, parameter) in queries {
        let answer = http(&addr, request("GET", path, Some(token), None)).await;
        assert_json_refusal(path, answer, "bad_request", parameter);
    }

    // A path that exists, with a method it does not take.
    let (status, body) = http(
        &addr,
        request("DELETE", "/api/v1/catalog", Some(&till), None),
    )
    .await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (405, Some("method_not_allowed")),
        "{body}"
    );

    // A path parameter that is not UTF-8 once percent-decoded.
    let paths = [
        ("POST", "/api/v1/admin/terminals/%FF/revoke", None),
        ("POST", "/api/v1/admin/users/%C3%28/disable", None),
        (
            "PUT",
            "/api/v1/admin/users/%FF/pin",
            Some(r#"{"pin":"1234"}"#),
        ),
        (
            "PUT",
            "/api/v1/admin/items/%FF/price",
            Some(r#"{"price":"1.00"}"#),
        ),
    ];
    for (method, path, body) in paths {
        let answer = http(&addr, request(method, path, Some(&admin), body)).await;
        assert_json_refusal(path, answer, "bad_request", "the path is not valid");
    }
}

/// Words of PostgreSQL's that must never reach a caller.
const DATABASE_WORDING: [&str; 6] = [
    "invalid byte sequence",
    "UTF8",
    "0x00",
    "violates",
    "constraint",
    "relation",
];

#[tokio::test]
async fn a_value_the_database_refuses_is_answered_in_our_words_and_logged() {
    let db = TestDb::migrated().await;
    let (server, addr) = start_serve(&db).await;
    let admin = signed_in(&db, &addr, "default", "ada@example.com", "admin").await;

    let attempts = [
        (
            "POST",
            "/api/v1/admin/terminals",
            Some(&admin),
            Some(r#"{"name":"Till\u00001"}"#),
        ),
        (
            "POST",
            "/api/v1/admin/users",
            Some(&admin),
            Some(r#"{"email":"cy@example.com","name":"C\u0000y","role":"cashier","pin":"1234"}"#),
        ),
        (
            "POST",
            "/api/v1/admin/users/cy%00/disable",
            Some(&admin),
            None,
        ),
        (
            "PUT",
            "/api/v1/admin/items/T%00/price",
            Some(&admin),
            Some(r#"{"price":"1.00"}"#),
        ),
    ];
    for (method, path, token, body) in attempts {
        let (status, answer) = http(
            &addr,
            request(method, path, token.map(String::as_str), body),
        )
        .await;
        let parsed = json(&answer);
        assert_eq!(
            (status, parsed["code"].as_str()),
            (400, Some("bad_request")),
            "{method} {path}: {answer}"
        );
        let message = parsed["message"].as_str().unwrap();
        assert!(message.contains("nothing was changed"), "{path}: {message}");
        for words in DATABASE_WORDING {
            assert!(
                !message.contains(words),
                "{path} answered the database's words: {message}"
            );
        }
    }
    let nothing_written: bool = db
        .client()
        .await
        .query_one(
            "SELECT NOT EXISTS (SELECT 1 FROM pos.terminals) \
               AND NOT EXISTS (SELECT 1 FROM core.users WHERE email = 'cy@example.com')",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert!(nothing_written);

    let log = stop_and_read_log(server).await;
    assert!(
        log.contains("the database refused a value of a request"),
        "{log}"
    );
    assert!(
        log.contains("invalid byte sequence"),
        "the details are in HQ's log: {log}"
    );
}

#[tokio::test]
async fn a_sign_in_naming_an_impossible_organization_tells_nothing_about_the_account() {
    let db = TestDb::migrated().await;
    let (_server, addr) = start_serve(&db).await;
    signed_in(&db, &addr, "default", "ada@example.com", "admin").await;
    let mut answers = Vec::new();
    for email in ["ada@example.com", "nobody@example.com"] {
        for organization in [r"def\u0000ault", "DEFAULT", "nowhere"] {
            let body = format!(
                r#"{{"email":"{email}","password":"wrong","organization":"{organization}"}}"#
            );
            let (status, answer) = http(
                &addr,
                request("POST", "/api/v1/admin/login", None, Some(&body)),
            )
            .await;
            answers.push((status, json(&answer)));
        }
    }
    let first = answers[0].clone();
    assert_eq!(
        (first.0, first.1["code"].as_str()),
        (401, Some("invalid_login")),
        "{first:?}"
    );
    assert!(answers.iter().all(|a| *a == first), "{answers:#?}");
}
