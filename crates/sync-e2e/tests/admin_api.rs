//! The admin API against a real HQ: each role against each endpoint (a table), another
//! organization's admin against this one's records, expired and ended sessions, and a
//! brute-forced login. Every refusal is checked by status and code, and every change
//! an endpoint allowed is checked in the database and in the audit log.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sync_e2e::hq_fixture::Hq;
use uuid::Uuid;

const PASSWORD: &str = "correct horse battery";

/// A user of `org` with a password (and a PIN for the till roles).
async fn user_with_password(hq: &Hq, org: &str, email: &str, role: &str) -> Uuid {
    let mut db = hq.client().await;
    let scope = hq::audit::Scope::cli(&db, org)
        .await
        .expect("the organization");
    let new = hq::users::NewUser {
        email: email.to_owned(),
        name: email.to_owned(),
        role: role.parse().expect("a role"),
        pin: Some(format!("{}", 1000 + rand_digits(email))),
        password: Some(hq::password::Password::parse(PASSWORD.to_owned()).expect("a password")),
    };
    hq::users::add_user(&mut db, &scope, &new)
        .await
        .expect("add the user")
        .id
}

/// A stable 4-digit number per e-mail address (PINs need not be unique here).
fn rand_digits(seed: &str) -> u32 {
    seed.bytes().map(u32::from).sum::<u32>() % 9000
}

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn new(hq: &Hq) -> Api {
        Api {
            http: reqwest::Client::new(),
            base: hq.url(),
        }
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("HQ answers");
        let status = response.status();
        let text = response.text().await.expect("a body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn login(&self, email: &str, password: &str) -> (StatusCode, Value) {
        let body = json!({ "email": email, "password": password });
        self.call(Method::POST, "/api/v1/admin/login", None, Some(&body))
            .await
    }

    async fn token(&self, email: &str) -> String {
        let (status, body) = self.login(email, PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "{email} signs in: {body}");
        let token = body["token"].as_str().expect("a token").to_owned();
        assert!(token.starts_with("tlys_"), "{token}");
        token
    }
}

/// One admin endpoint as the table names it: what it needs, and a request that would
/// succeed for a role allowed to make it (`n` keeps each allowed call's records apart).
struct Endpoint {
    name: &'static str,
    needs_change_rights: bool,
    request: fn(n: usize, fixture: &Fixture) -> (Method, String, Option<Value>),
}

struct Fixture {
    sku: String,
    targets: Vec<Uuid>,
    cashier_email: String,
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "list terminals",
        needs_change_rights: false,
        request: |_, _| (Method::GET, "/api/v1/admin/terminals".into(), None),
    },
    Endpoint {
        name: "add a terminal",
        needs_change_rights: true,
        request: |n, _| {
            let body = json!({ "name": format!("Till {n}") });
            (Method::POST, "/api/v1/admin/terminals".into(), Some(body))
        },
    },
    Endpoint {
        name: "revoke a terminal",
        needs_change_rights: true,
        request: |_, _| {
            (
                Method::POST,
                "/api/v1/admin/terminals/T01/revoke".into(),
                None,
            )
        },
    },
    Endpoint {
        name: "list users",
        needs_change_rights: false,
        request: |_, _| (Method::GET, "/api/v1/admin/users".into(), None),
    },
    Endpoint {
        name: "add a user",
        needs_change_rights: true,
        request: |n, _| {
            let body = json!({ "email": format!("new{n}@example.com"), "role": "cashier",
                               "pin": "424242" });
            (Method::POST, "/api/v1/admin/users".into(), Some(body))
        },
    },
    Endpoint {
        name: "disable a user",
        needs_change_rights: true,
        request: |n, f| {
            let path = format!("/api/v1/admin/users/{}/disable", f.targets[n]);
            (Method::POST, path, None)
        },
    },
    Endpoint {
        name: "set a PIN",
        needs_change_rights: true,
        request: |_, f| {
            let path = format!("/api/v1/admin/users/{}/pin", f.cashier_email);
            (Method::PUT, path, Some(json!({ "pin": "31415926" })))
        },
    },
    Endpoint {
        name: "change a price",
        needs_change_rights: true,
        request: |n, f| {
            let path = format!("/api/v1/admin/items/{}/price", f.sku);
            (
                Method::PUT,
                path,
                Some(json!({ "price": format!("{}.25", 3 + n) })),
            )
        },
    },
    Endpoint {
        name: "read the audit log",
        needs_change_rights: false,
        request: |_, _| (Method::GET, "/api/v1/admin/audit?limit=5".into(), None),
    },
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_against_each_admin_endpoint() {
    let hq = Hq::start().await;
    let items = hq.seed_items(2, 1_000).await;
    hq.add_terminal("Till 1").await;
    let roles = ["owner", "admin", "manager", "cashier"];
    for role in roles {
        user_with_password(&hq, "default", &format!("{role}@example.com"), role).await;
    }
    let mut targets = Vec::new();
    for n in 0..roles.len() {
        targets.push(
            user_with_password(&hq, "default", &format!("target{n}@example.com"), "cashier").await,
        );
    }
    let fixture = Fixture {
        sku: items[0].sku.clone(),
        targets,
        cashier_email: "cashier@example.com".into(),
    };
    let api = Api::new(&hq);

    // Without a token every endpoint answers 401, and nothing changes.
    for endpoint in ENDPOINTS {
        let (method, path, body) = (endpoint.request)(0, &fixture);
        let (status, answer) = api.call(method, &path, None, body.as_ref()).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{}: {answer}",
            endpoint.name
        );
        assert_eq!(answer["code"], "unauthorized", "{}", endpoint.name);
    }
    let (status, _) = api
        .call(
            Method::GET,
            "/api/v1/admin/users",
            Some("tlys_forged"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let mut allowed_calls = 0;
    for (n, role) in roles.iter().enumerate() {
        let token = api.token(&format!("{role}@example.com")).await;
        for endpoint in ENDPOINTS {
            let may = match *role {
                "owner" | "admin" => true,
                "manager" => !endpoint.needs_change_rights,
                _ => false,
            };
            let (method, path, body) = (endpoint.request)(n, &fixture);
            let (status, answer) = api.call(method, &path, Some(&token), body.as_ref()).await;
            if may {
                assert!(
                    status.is_success(),
                    "a {role} may {}: {status} {answer}",
                    endpoint.name
                );
                allowed_calls += 1;
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "a {role} may not {}: {answer}",
                    endpoint.name
                );
                assert_eq!(answer["code"], "forbidden");
            }
        }
    }
    assert_eq!(allowed_calls, 2 * ENDPOINTS.len() + 3);

    // What the owner and the admin did is in the books and in the audit log, by name.
    let db = hq.client().await;
    let count = |sql: &'static str| {
        let db = &db;
        async move {
            db.query_one(sql, &[])
                .await
                .expect("count")
                .get::<_, i64>(0)
        }
    };
    assert_eq!(count("SELECT count(*) FROM pos.terminals").await, 3);
    assert_eq!(
        count("SELECT count(*) FROM core.users WHERE email LIKE 'new%'").await,
        2
    );
    assert_eq!(
        count("SELECT count(*) FROM core.users WHERE NOT is_active").await,
        2,
        "the owner and the admin each disabled one user; the others could not"
    );
    let price: String = db
        .query_one(
            "SELECT price::text FROM inv.items WHERE sku = $1",
            &[&fixture.sku],
        )
        .await
        .expect("the price")
        .get(0);
    assert_eq!(price, "4.25", "the admin's change came last");
    for (action, times) in [
        ("terminal_added", 2),
        ("terminal_revoked", 2),
        ("user_added", 2),
        ("user_disabled", 2),
        ("pin_set", 2),
        ("price_changed", 2),
        ("signed_in", 4),
    ] {
        let rows: i64 = db
            .query_one(
                "SELECT count(*) FROM core.audit_log WHERE action = $1 AND source = 'api' \
                   AND user_id IN (SELECT id FROM core.users \
                     WHERE email IN ('owner@example.com', 'admin@example.com', \
                       'manager@example.com', 'cashier@example.com'))",
                &[&action],
            )
            .await
            .expect("audit")
            .get(0);
        assert_eq!(rows, times, "{action}");
    }
    let refused =
        count("SELECT count(*) FROM core.audit_log WHERE action = 'access_refused'").await;
    let manager_refusals = ENDPOINTS.iter().filter(|e| e.needs_change_rights).count();
    assert_eq!(refused as usize, manager_refusals + ENDPOINTS.len());
    // No secret in the log: details name records, never PINs or passwords.
    let leaked = db
        .query_one(
            "SELECT count(*) FROM core.audit_log \
             WHERE detail LIKE '%31415926%' OR detail LIKE '%424242%' OR detail LIKE '%horse%'",
            &[],
        )
        .await
        .expect("audit")
        .get::<_, i64>(0);
    assert_eq!(leaked, 0);
}

/// A second organization with a store, and its admin's session.
async fn acme_admin(hq: &Hq, api: &Api) -> String {
    let db = hq.client().await;
    db.batch_execute(
        "INSERT INTO core.organizations (slug, name) VALUES ('acme', 'Acme Stores'); \
         INSERT INTO core.catalog_versions (organization_id) \
           SELECT id FROM core.organizations WHERE slug = 'acme'; \
         INSERT INTO inv.locations (organization_id, code, name, kind) \
           SELECT id, 'ACME1', 'Acme One', 'store' FROM core.organizations WHERE slug = 'acme';",
    )
    .await
    .expect("a second organization");
    user_with_password(hq, "acme", "boss@acme.example", "admin").await;
    api.token("boss@acme.example").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_reaches_no_record_of_another_organization() {
    let hq = Hq::start().await;
    let items = hq.seed_items(1, 1_000).await;
    hq.add_terminal("Till 1").await;
    let ours = user_with_password(&hq, "default", "cy@example.com", "cashier").await;
    user_with_password(&hq, "default", "ada@example.com", "admin").await;
    let api = Api::new(&hq);
    let ada = api.token("ada@example.com").await;
    let boss = acme_admin(&hq, &api).await;
    let terminal: Uuid = hq
        .client()
        .await
        .query_one("SELECT id FROM pos.terminals", &[])
        .await
        .expect("our terminal")
        .get(0);

    // Reads show only acme's own records.
    let (_, terminals) = api
        .call(Method::GET, "/api/v1/admin/terminals", Some(&boss), None)
        .await;
    assert_eq!(terminals, json!([]));
    let (_, users) = api
        .call(Method::GET, "/api/v1/admin/users", Some(&boss), None)
        .await;
    let emails: Vec<&str> = users
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|u| u["email"].as_str())
        .collect();
    assert_eq!(emails, ["boss@acme.example"]);
    let (_, audit) = api
        .call(Method::GET, "/api/v1/admin/audit", Some(&boss), None)
        .await;
    let theirs: Vec<&str> = audit
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert!(!theirs.is_empty(), "acme's own sign-in is there");
    let ours_logged: Vec<String> = hq
        .client()
        .await
        .query(
            "SELECT a.id::text FROM core.audit_log a JOIN core.organizations o \
               ON o.id = a.organization_id WHERE o.slug = 'default'",
            &[],
        )
        .await
        .expect("our audit log")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(!ours_logged.is_empty());
    assert!(
        theirs.iter().all(|id| !ours_logged.iter().any(|o| o == id)),
        "acme reads none of our audit entries: {audit}"
    );

    // Writes to our records, by id or by name, find nothing.
    let attempts = [
        (
            Method::POST,
            format!("/api/v1/admin/terminals/{terminal}/revoke"),
            None,
            "no_terminal",
        ),
        (
            Method::POST,
            "/api/v1/admin/terminals/T01/revoke".to_owned(),
            None,
            "no_terminal",
        ),
        (
            Method::POST,
            format!("/api/v1/admin/users/{ours}/disable"),
            None,
            "no_user",
        ),
        (
            Method::POST,
            "/api/v1/admin/users/cy@example.com/disable".to_owned(),
            None,
            "no_user",
        ),
        (
            Method::PUT,
            format!("/api/v1/admin/users/{ours}/pin"),
            Some(json!({"pin": "0000"})),
            "no_user",
        ),
        (
            Method::PUT,
            format!("/api/v1/admin/items/{}/price", items[0].sku),
            Some(json!({"price": "0.01"})),
            "no_item",
        ),
    ];
    for (method, path, body, code) in attempts {
        let (status, answer) = api.call(method, &path, Some(&boss), body.as_ref()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {answer}");
        assert_eq!(answer["code"], code, "{path}");
    }
    let db = hq.client().await;
    let untouched: bool = db
        .query_one(
            "SELECT (SELECT revoked_at IS NULL FROM pos.terminals WHERE id = $1) \
               AND (SELECT is_active FROM core.users WHERE id = $2) \
               AND (SELECT price = 1.00 FROM inv.items WHERE sku = $3)",
            &[&terminal, &ours, &items[0].sku],
        )
        .await
        .expect("our records")
        .get(0);
    assert!(untouched, "acme's admin changed none of our records");

    // A user of both organizations: a wrong password gets the same answer as anyone's, the
    // right one asks which organization; neither admin may re-PIN them (their PIN reaches
    // both organizations' tills).
    let shared = user_with_password(&hq, "default", "sam@example.com", "manager").await;
    db.execute(
        "INSERT INTO core.user_org_roles (user_id, organization_id, role) \
         SELECT $1, id, 'manager' FROM core.organizations WHERE slug = 'acme'",
        &[&shared],
    )
    .await
    .expect("sam works for acme too");
    let (status, answer) = api.login("sam@example.com", "not sam's password").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
    assert_eq!(answer["code"], "invalid_login");
    let (status, answer) = api.login("sam@example.com", PASSWORD).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["code"], "name_organization");
    let body = json!({ "email": "sam@example.com", "password": PASSWORD, "organization": "acme" });
    let (status, answer) = api
        .call(Method::POST, "/api/v1/admin/login", None, Some(&body))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["organization"], "acme");
    for token in [&ada, &boss] {
        let (status, answer) = api
            .call(
                Method::PUT,
                "/api/v1/admin/users/sam@example.com/pin",
                Some(token),
                Some(&json!({ "pin": "2468" })),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    }

    // Our own admin can.
    let (status, _) = api
        .call(
            Method::POST,
            &format!("/api/v1/admin/users/{ours}/disable"),
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_ended_and_disabled_sessions_are_refused() {
    let hq = Hq::start().await;
    user_with_password(&hq, "default", "ada@example.com", "admin").await;
    let max = user_with_password(&hq, "default", "max@example.com", "admin").await;
    let api = Api::new(&hq);
    let db = hq.client().await;

    let ada = api.token("ada@example.com").await;
    let (status, _) = api
        .call(Method::GET, "/api/v1/admin/users", Some(&ada), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    db.execute(
        "UPDATE core.sessions SET created_at = now() - interval '9 hours', \
           expires_at = now() - interval '1 hour'",
        &[],
    )
    .await
    .expect("age the session");
    let (status, answer) = api
        .call(Method::GET, "/api/v1/admin/users", Some(&ada), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["code"], "session_expired");

    let ada = api.token("ada@example.com").await;
    let (status, _) = api
        .call(Method::POST, "/api/v1/admin/logout", Some(&ada), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, answer) = api
        .call(Method::GET, "/api/v1/admin/users", Some(&ada), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["code"], "session_ended");

    // Disabling an admin ends their sessions at once; one cannot disable oneself.
    let max_token = api.token("max@example.com").await;
    let ada = api.token("ada@example.com").await;
    let (status, answer) = api
        .call(
            Method::POST,
            "/api/v1/admin/users/ada@example.com/disable",
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    let (status, _) = api
        .call(
            Method::POST,
            &format!("/api/v1/admin/users/{max}/disable"),
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = api
        .call(Method::GET, "/api/v1/admin/users", Some(&max_token), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["code"], "session_ended");
    let (status, answer) = api.login("max@example.com", PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a disabled user cannot sign in: {answer}"
    );
    assert_eq!(answer["code"], "invalid_login");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_brute_forced_login_locks_the_account_and_is_logged() {
    let hq = Hq::start().await;
    let ada = user_with_password(&hq, "default", "ada@example.com", "admin").await;
    let api = Api::new(&hq);
    let db = hq.client().await;

    // An unknown address and a wrong password get the same answer.
    let (status, unknown) = api.login("nobody@example.com", PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let attempts = hq::sessions::LOGIN_ATTEMPTS;
    for n in 1..attempts {
        let (status, answer) = api.login("ada@example.com", &format!("guess {n:04}")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "guess {n}");
        assert_eq!(answer, unknown, "the same answer as an unknown address");
    }
    let (status, answer) = api.login("ada@example.com", "guess number last").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{answer}");
    assert_eq!(answer["code"], "account_locked");
    // Locked: the right password is refused too, until the lock ends.
    let (status, answer) = api.login("ada@example.com", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer["code"], "account_locked");
    let failures: i64 = db
        .query_one(
            "SELECT count(*) FROM core.audit_log WHERE action = 'login_failed' AND user_id = $1",
            &[&ada],
        )
        .await
        .expect("audit")
        .get(0);
    assert_eq!(failures, i64::from(attempts));
    db.execute(
        "UPDATE core.users SET locked_until = now() - interval '1 second'",
        &[],
    )
    .await
    .expect("let the lock end");
    let (status, _) = api.login("ada@example.com", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "the lock ends");

    // One address guessing across accounts is stopped too: it has failed 7 times so far
    // (an unknown address, the guesses, the locked attempt), and the right password does
    // not reset what the address did.
    let so_far = 2 + attempts as usize;
    let per_address = hq::api::LOGIN_ATTEMPTS_PER_ADDRESS as usize;
    for n in so_far..per_address {
        let (status, _) = api.login(&format!("guess{n}@example.com"), PASSWORD).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let (status, answer) = api.login("ada@example.com", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{answer}");
    assert_eq!(answer["code"], "too_many_attempts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_an_admin_changes_reach_the_till_on_its_next_sync() {
    let hq = Hq::start().await;
    hq.seed_items(2, 1_000).await;
    sync_e2e::till::seed_staff(&hq).await;
    user_with_password(&hq, "default", "ada@example.com", "admin").await;
    let till = sync_e2e::till::Till::paired(&hq, &hq.url(), "Till 1").await;
    let mut terminal = till.till;
    let api = Api::new(&hq);
    let ada = api.token("ada@example.com").await;

    // A new cashier, added through the API, signs in at the till after a sync.
    let body = json!({ "email": "dee@example.com", "name": "Dee", "role": "cashier",
                       "pin": "5551234" });
    let (status, added) = api
        .call(Method::POST, "/api/v1/admin/users", Some(&ada), Some(&body))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert!(terminal.sign_in("5551234").is_err(), "not before the sync");
    sync_e2e::till::drain(till.dir.path(), 5).await;
    let dee = terminal
        .sign_in("5551234")
        .expect("Dee signs in after the sync");
    assert_eq!(dee.name(), "Dee");

    // A new PIN replaces the old one.
    let (status, _) = api
        .call(
            Method::PUT,
            "/api/v1/admin/users/dee@example.com/pin",
            Some(&ada),
            Some(&json!({ "pin": "7778888" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    sync_e2e::till::drain(till.dir.path(), 5).await;
    assert!(
        terminal.sign_in("5551234").is_err(),
        "the old PIN no longer works"
    );
    assert_eq!(
        terminal.sign_in("7778888").expect("the new PIN").name(),
        "Dee"
    );

    // Disabled at HQ: refused at the till after the sync.
    let (status, _) = api
        .call(
            Method::POST,
            "/api/v1/admin/users/dee@example.com/disable",
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    sync_e2e::till::drain(till.dir.path(), 5).await;
    assert!(
        terminal.sign_in("7778888").is_err(),
        "a disabled user is refused"
    );
    assert!(
        terminal
            .staff_cards()
            .expect("the sign-in screen")
            .iter()
            .all(|card| card.name != "Dee"),
        "and gone from the sign-in screen"
    );
}
