//! A till that lost its token (its keyring wiped, as the kernel's keyutils does at every
//! reboot) or was revoked is re-keyed: `hq terminal rekey` prints a one-time code for that
//! terminal, `pos rekey` exchanges it for a new token of the same terminal, and everything
//! it queued meanwhile lands exactly once, its journal going on where it stopped.

use pos_sync::{HqClient, SyncError, token};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};
use uuid::Uuid;

async fn sales_at_hq(hq: &Hq, terminal: Uuid) -> i64 {
    hq.client()
        .await
        .query_one(
            "SELECT count(DISTINCT id) FROM pos.sales WHERE terminal_id = $1",
            &[&terminal],
        )
        .await
        .expect("count")
        .get(0)
}

async fn issue(hq: &Hq, which: &str) -> hq::terminals::RekeyCode {
    let mut db = hq.client().await;
    let operator = hq.operator(&db).await;
    hq::terminals::rekey::issue(&mut db, &operator, which)
        .await
        .expect("a re-keying code")
}

async fn assert_books_prove_out(hq: &Hq) {
    let mut db = hq.client().await;
    let violations = hq::ledger::check(&mut db).await.expect("the ledger check");
    assert!(violations.is_empty(), "{violations:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_till_whose_keyring_was_wiped_is_rekeyed_and_every_queued_sale_lands_once() {
    let hq = Hq::start().await;
    let items = hq.seed_items(6, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let other = Till::paired(&hq, &hq.url(), "Till 2").await;
    let identity = till.till.identity().clone();
    for n in 0..3 {
        till.sell(n, &items);
    }
    drain(till.path(), 3).await;
    let old_token = token::load(identity.terminal_id).expect("the token");

    // The reboot: the keyring forgets the token. Selling goes on; syncing cannot.
    token::forget(identity.terminal_id).expect("wipe the token");
    for n in 3..9 {
        till.sell(n, &items);
    }
    let err = pos_sync::sync_data_dir(till.path())
        .await
        .expect_err("no token");
    assert!(matches!(err, SyncError::Token(_)), "{err:?}");
    let queued = till.queue_length();
    assert!(queued >= 6, "the six sales wait: {queued}");

    // A code issued for another terminal never re-keys this one, and is not spent by it.
    let theirs = issue(&hq, &other.till.identity().code).await;
    let refused = pos_sync::rekey(till.path(), &hq.url(), &theirs.code)
        .await
        .expect_err("another terminal's code");
    assert!(
        matches!(refused, SyncError::Refused { status: 401, ref code, .. } if code == "rekey_code_invalid"),
        "{refused:?}"
    );

    let ours = issue(&hq, &identity.code).await;
    assert_eq!(ours.terminal_id, identity.terminal_id);
    let report = pos_sync::rekey(till.path(), &hq.url(), &ours.code)
        .await
        .expect("re-keyed");
    assert_eq!(
        (report.terminal_id, report.queued),
        (identity.terminal_id, queued)
    );
    // The code worked once.
    let again = pos_sync::rekey(till.path(), &hq.url(), &ours.code)
        .await
        .expect_err("a used code");
    assert!(
        matches!(again, SyncError::Refused { status: 401, .. }),
        "{again:?}"
    );

    let round = drain(till.path(), 3).await;
    assert_eq!(round.rejected, 0, "{round:?}");
    assert_eq!(till.queue_length(), 0);
    assert_eq!(sales_at_hq(&hq, identity.terminal_id).await, 9);
    assert_eq!(till.till.identity().terminal_id, identity.terminal_id);
    assert_eq!(
        till.till.verify().expect("verify"),
        Vec::new(),
        "the journal goes on"
    );

    // The token it lost no longer works: re-keying replaced it.
    let stale = HqClient::new(&hq.url(), Some(old_token)).expect("a client");
    let err = stale.push(Vec::new()).await.expect_err("the old token");
    assert!(
        matches!(err, SyncError::Refused { status: 401, .. }),
        "{err:?}"
    );
    // The other terminal's code is still good for it.
    let theirs_used = pos_sync::rekey(other.path(), &hq.url(), &theirs.code)
        .await
        .expect("the other terminal re-keys with its own code");
    assert_eq!(theirs_used.terminal_id, other.till.identity().terminal_id);
    assert_books_prove_out(&hq).await;
    hq.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_till_is_rekeyed_and_goes_on_where_it_stopped() {
    let hq = Hq::start().await;
    let items = hq.seed_items(4, 100_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let identity = till.till.identity().clone();
    till.sell(0, &items);
    drain(till.path(), 3).await;

    let mut db = hq.client().await;
    let operator = hq.operator(&db).await;
    hq::terminals::revoke_terminal(&mut db, &operator, &identity.code)
        .await
        .expect("revoke");
    till.sell(1, &items);
    till.sell(2, &items);
    let err = pos_sync::sync_data_dir(till.path())
        .await
        .expect_err("revoked");
    assert!(
        matches!(err, SyncError::Refused { status: 401, ref code, .. } if code == "revoked"),
        "{err:?}"
    );
    // A code issued before the revocation died with it.
    let revoked_code = issue(&hq, &identity.code).await;
    hq::terminals::revoke_terminal(&mut db, &operator, &identity.code)
        .await
        .expect("revoke again");
    assert!(
        pos_sync::rekey(till.path(), &hq.url(), &revoked_code.code)
            .await
            .is_err(),
        "revoking ends the codes issued before it"
    );

    let code = issue(&hq, &identity.terminal_id.to_string()).await;
    pos_sync::rekey(till.path(), &hq.url(), &code.code)
        .await
        .expect("a revoked terminal is re-keyed");
    let round = drain(till.path(), 3).await;
    assert_eq!(round.rejected, 0, "{round:?}");
    assert_eq!(sales_at_hq(&hq, identity.terminal_id).await, 3);
    let revoked: bool = db
        .query_one(
            "SELECT revoked_at IS NOT NULL FROM pos.terminals WHERE id = $1",
            &[&identity.terminal_id],
        )
        .await
        .expect("the terminal")
        .get(0);
    assert!(!revoked, "re-keying ends the revocation");
    let audited: i64 = db
        .query_one(
            "SELECT count(*) FROM core.audit_log WHERE terminal_id = $1 \
               AND action = 'terminal_rekeyed'",
            &[&identity.terminal_id],
        )
        .await
        .expect("the audit log")
        .get(0);
    assert_eq!(audited, 1);
    assert_books_prove_out(&hq).await;
    drop(db);
    hq.drop_database().await;
}

/// A terminal that never paired has nothing to re-key, and an unknown one is named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_paired_terminal_of_the_organization_gets_a_code() {
    let hq = Hq::start().await;
    let mut db = hq.client().await;
    let operator = hq.operator(&db).await;
    let waiting = hq::terminals::add_terminal(&mut db, &operator, "Till 9", None)
        .await
        .expect("a terminal not yet paired");
    for which in [waiting.terminal_code.as_str(), "T99", "nonsense"] {
        let err = hq::terminals::rekey::issue(&mut db, &operator, which)
            .await
            .expect_err("no paired terminal");
        assert!(
            matches!(err, hq::terminals::TerminalAdminError::NotPaired(_)),
            "{err:?}"
        );
    }
    drop(db);
    hq.drop_database().await;
}
