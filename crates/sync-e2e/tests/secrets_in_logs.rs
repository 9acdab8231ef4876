//! Nothing secret reaches HQ's log: a terminal pairs, signs its staff in, sells and syncs,
//! a wrong token, a reused pairing code and a revoked terminal are refused, all against
//! `hq serve` logging at its most talkative level; an admin signs in with a wrong and a
//! right password, sets a PIN and signs out. The refusals are logged, and the log holds
//! none of the pairing code, the terminal's token, the PINs, the passwords or the session
//! token used.

use pos_sync::token;
use sync_e2e::hq_fixture::Hq;
use sync_e2e::processes::HqProcess;
use sync_e2e::till::{CASHIER_PIN, MANAGER_PIN, drain, seed_staff};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hq_logs_no_code_token_or_pin() {
    let hq = Hq::start().await;
    let items = hq.seed_items(5, 1_000_000).await;
    seed_staff(&hq).await;
    let dir = tempfile::tempdir().expect("a folder");
    let log_path = dir.path().join("hq.log");
    let log = std::fs::File::create(&log_path).expect("the log file");
    let server = HqProcess::start_logging(&hq.database_url(), 0, log, "trace").await;

    let code = hq.add_terminal("Till 1").await;
    let till_dir = dir.path().join("till");
    std::fs::create_dir(&till_dir).expect("the till's folder");
    let paired = pos_sync::pair(&till_dir, &server.url(), &code)
        .await
        .expect("pair");
    drain(&till_dir, 3).await;
    let mut till = pos_terminal::Terminal::open(&till_dir).expect("open");
    let cashier = till.sign_in(CASHIER_PIN).expect("the cashier signs in");
    till.sign_in(MANAGER_PIN).expect("the manager signs in");
    assert!(till.sign_in("000000").is_err(), "a wrong PIN is refused");
    till.open_shift(&cashier, sync_e2e::till::money(5_000))
        .expect("a shift");
    let item = till.item_by_code(&items[0].barcode).expect("an item");
    let mut cart = pos_terminal::Cart::new();
    cart.add(
        &item,
        pos_terminal::Quantity::from_milli(1_000).expect("qty"),
    )
    .expect("a line");
    let total = cart.totals().expect("priced").total;
    till.complete_sale(
        &cashier,
        &cart,
        &[pos_terminal::Tender::cash(total).expect("cash")],
        None,
    )
    .expect("a sale");
    drain(&till_dir, 3).await;
    // A wrong token and a spent code are refused (and logged as refusals).
    let wrong =
        pos_sync::HqClient::new(&server.url(), Some("not-the-token".to_owned())).expect("a client");
    assert!(wrong.push(Vec::new()).await.is_err());
    assert!(
        pos_sync::pair(&dir.path().join("again"), &server.url(), &code)
            .await
            .is_err()
    );
    let token = token::load(paired.terminal_id).expect("the token");
    // A revoked terminal is refused from then on, and that is logged.
    let mut db = hq.client().await;
    let operator = hq.operator(&db).await;
    hq::terminals::revoke_terminal(&mut db, &operator, &paired.terminal_code)
        .await
        .expect("revoke");
    let revoked = pos_sync::HqClient::new(&server.url(), Some(token.clone())).expect("a client");
    assert!(revoked.push(Vec::new()).await.is_err());

    // An admin signs in, sets a PIN and signs out; a wrong password and the ended session
    // are refused. None of the password, the session token or the new PIN is logged.
    let admin_password = "staple battery horse correct";
    let new_pin = "86420975";
    let scope = hq.operator(&db).await;
    hq::users::add_user(
        &mut db,
        &scope,
        &hq::users::NewUser {
            email: "ada@example.com".to_owned(),
            name: "Ada".to_owned(),
            role: hq::roles::Role::Admin,
            pin: None,
            password: Some(
                hq::password::Password::parse(admin_password.to_owned()).expect("a password"),
            ),
        },
    )
    .await
    .expect("an admin");
    let http = reqwest::Client::new();
    let login = |password: &'static str| {
        http.post(format!("{}/api/v1/admin/login", server.url()))
            .json(&serde_json::json!({ "email": "ada@example.com", "password": password }))
            .send()
    };
    assert_eq!(
        login("not the password")
            .await
            .expect("HQ answers")
            .status(),
        401
    );
    let session: serde_json::Value = login(admin_password)
        .await
        .expect("HQ answers")
        .json()
        .await
        .expect("a session");
    let session_token = session["token"].as_str().expect("a token").to_owned();
    let set_pin = http
        .put(format!(
            "{}/api/v1/admin/users/ada@example.com/pin",
            server.url()
        ))
        .bearer_auth(&session_token)
        .json(&serde_json::json!({ "pin": new_pin }))
        .send()
        .await
        .expect("HQ answers");
    assert_eq!(set_pin.status(), 200);
    let logout = http
        .post(format!("{}/api/v1/admin/logout", server.url()))
        .bearer_auth(&session_token)
        .send()
        .await
        .expect("HQ answers");
    assert_eq!(logout.status(), 204);
    let after = http
        .get(format!("{}/api/v1/admin/users", server.url()))
        .bearer_auth(&session_token)
        .send()
        .await
        .expect("HQ answers");
    assert_eq!(after.status(), 401);
    server.kill().await;

    let log = std::fs::read_to_string(&log_path).expect("read the log");
    assert!(
        log.lines().count() > 10,
        "the log says what happened at trace level:\n{log}"
    );
    // The refusals are in it, naming the terminal and never the secret.
    for said in [
        "refused a request with a token HQ does not know",
        "refused a pairing with a code that is unknown, used or expired",
        &format!(
            "refused a request from a revoked terminal terminal={}",
            paired.terminal_id
        ),
        "sign-in refused: wrong password",
        "refused a request on an ended session",
    ] {
        assert!(log.contains(said), "the log lacks \"{said}\":\n{log}");
    }
    for (what, secret) in [
        ("the pairing code", code.as_str()),
        ("the terminal's token", token.as_str()),
        ("the cashier's PIN", CASHIER_PIN),
        ("the manager's PIN", MANAGER_PIN),
        ("the admin's password", admin_password),
        ("the wrong password", "not the password"),
        ("the session token", session_token.as_str()),
        ("the PIN set through the API", new_pin),
    ] {
        assert!(!log.contains(secret), "{what} is in HQ's log");
    }
    hq.drop_database().await;
}
