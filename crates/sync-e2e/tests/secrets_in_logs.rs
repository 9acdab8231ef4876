//! Nothing secret reaches HQ's log: a terminal pairs, signs its staff in, sells and syncs,
//! a wrong token, a reused pairing code and a revoked terminal are refused, all against
//! `hq serve` logging at its most talkative level; the refusals are logged, and the log
//! holds none of the pairing code, the terminal's token or the PINs used.

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
    hq::terminals::revoke_terminal(&hq.client().await, "default", &paired.terminal_code)
        .await
        .expect("revoke");
    let revoked = pos_sync::HqClient::new(&server.url(), Some(token.clone())).expect("a client");
    assert!(revoked.push(Vec::new()).await.is_err());
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
    ] {
        assert!(log.contains(said), "the log lacks \"{said}\":\n{log}");
    }
    for (what, secret) in [
        ("the pairing code", code.as_str()),
        ("the terminal's token", token.as_str()),
        ("the cashier's PIN", CASHIER_PIN),
        ("the manager's PIN", MANAGER_PIN),
    ] {
        assert!(!log.contains(secret), "{what} is in HQ's log");
    }
    hq.drop_database().await;
}
