//! `POST /api/v1/admin/users` with an e-mail address that already has an account: the same
//! refusal whether the account is in this organization or another, nothing about the other
//! organization's user in it, and a limit on how many a user may collect.

use serde_json::{Value, json};

use crate::http::{http, json, request, second_organization, signed_in, start_serve};
use crate::support::TestDb;

async fn add_user(addr: &str, token: &str, email: &str) -> (u16, Value) {
    let body = json!({ "email": email, "name": "Mallory", "role": "cashier", "pin": "2468" });
    let (status, answer) = http(
        addr,
        request(
            "POST",
            "/api/v1/admin/users",
            Some(token),
            Some(&body.to_string()),
        ),
    )
    .await;
    (status, json(&answer))
}

#[tokio::test]
async fn an_address_of_another_organization_is_refused_exactly_like_one_of_ours() {
    let db = TestDb::migrated().await;
    let (_server, addr) = start_serve(&db).await;
    second_organization(&db).await;
    signed_in(&db, &addr, "default", "cy.default@example.com", "manager").await;
    let boss = signed_in(&db, &addr, "acme", "boss@acme.example", "admin").await;
    let client = db.client().await;
    let before = client
        .query_one(
            "SELECT to_jsonb(u) FROM core.users u WHERE email = 'cy.default@example.com'",
            &[],
        )
        .await
        .unwrap()
        .get::<_, Value>(0);

    let elsewhere = add_user(&addr, &boss, "CY.Default@example.com").await;
    let here = add_user(&addr, &boss, "BOSS@acme.example").await;
    assert_eq!(elsewhere.0, 409, "{elsewhere:?}");
    assert_eq!(elsewhere.1["code"], "email_unavailable", "{elsewhere:?}");
    assert_eq!(
        elsewhere, here,
        "the answer does not tell where the address is in use"
    );
    let message = elsewhere.1["message"].as_str().unwrap().to_lowercase();
    for telling in ["cy.default", "default", "organization", "exists"] {
        assert!(!message.contains(telling), "{message}");
    }

    let after = client
        .query_one(
            "SELECT to_jsonb(u) FROM core.users u WHERE email = 'cy.default@example.com'",
            &[],
        )
        .await
        .unwrap()
        .get::<_, Value>(0);
    assert_eq!(before, after, "the other organization's user is untouched");
    let acme_users: Vec<String> = client
        .query(
            "SELECT u.email::text FROM core.user_org_roles r \
             JOIN core.users u ON u.id = r.user_id \
             JOIN core.organizations o ON o.id = r.organization_id WHERE o.slug = 'acme'",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(acme_users, ["boss@acme.example"], "nobody joined acme");
    let refusals: Vec<(String, String)> = client
        .query(
            "SELECT o.slug, a.detail FROM core.audit_log a \
             JOIN core.organizations o ON o.id = a.organization_id \
             WHERE a.action = 'user_add_refused' ORDER BY a.occurred_at, a.id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(refusals.len(), 2, "{refusals:?}");
    assert!(
        refusals.iter().all(|(org, _)| org == "acme"),
        "{refusals:?}"
    );
}

#[tokio::test]
async fn a_user_refused_too_many_addresses_waits() {
    let db = TestDb::migrated().await;
    let (_server, addr) = start_serve(&db).await;
    second_organization(&db).await;
    let ada = signed_in(&db, &addr, "default", "ada@example.com", "admin").await;
    let boss = signed_in(&db, &addr, "acme", "boss@acme.example", "admin").await;
    for _ in 0..hq::api::EMAIL_REFUSALS {
        let (status, answer) = add_user(&addr, &boss, "ada@example.com").await;
        assert_eq!(status, 409, "{answer}");
    }
    // Now even a free address waits, and nothing is created.
    let (status, answer) = add_user(&addr, &boss, "new@acme.example").await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (429, Some("too_many_attempts")),
        "{answer}"
    );
    let created: i64 = db
        .client()
        .await
        .query_one(
            "SELECT count(*) FROM core.users WHERE email = 'new@acme.example'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(created, 0);
    // The limit is the refused user's alone.
    let (status, answer) = add_user(&addr, &ada, "new@example.com").await;
    assert_eq!(status, 201, "{answer}");
}
