//! Every refusal of the HTTP API is `{code, message}` JSON: a query string or a path that
//! does not parse, a method a path does not take.

use serde_json::Value;

use crate::http::{http, json, paired_terminal, request, signed_in, start_serve};
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
