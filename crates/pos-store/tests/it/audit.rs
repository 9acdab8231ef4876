use pos_store::{AuditEntry, Store};
use uuid::Uuid;

use crate::common::{manager, rows, sale, set_up};

fn entry(user: Uuid, approver: Option<Uuid>, at: &str, action: &str) -> AuditEntry {
    AuditEntry {
        id: Uuid::now_v7(),
        at: at.into(),
        user_id: Some(user),
        approved_by: approver,
        action: action.into(),
        detail: format!("{action} detail"),
    }
}

#[test]
fn the_log_lists_newest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let a = entry(fx.cashier, None, "2026-01-02T10:00:00Z", "sign_in");
    let b = entry(fx.cashier, None, "2026-01-02T11:00:00Z", "no_sale");
    let c = entry(fx.cashier, None, "2026-01-02T11:00:00Z", "sign_out");
    for e in [&a, &c, &b] {
        store.append_audit(e).unwrap();
    }
    // Same time: the one written last comes first.
    assert_eq!(store.audit_log(10).unwrap(), [b.clone(), c, a]);
    assert_eq!(store.audit_log(1).unwrap(), [b]);
}

#[test]
fn audit_entries_commit_with_the_sale_and_vanish_with_a_refused_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pos.db");
    let mut store = Store::open(&path).unwrap();
    let fx = set_up(&mut store);
    let boss = manager(&mut store);

    let approval = entry(
        fx.cashier,
        Some(boss),
        "2026-01-02T10:00:00Z",
        "price_override",
    );
    let new = sale(&fx, &[(&fx.items[0], 1000)]);
    store
        .complete_sale_audited(&new, std::slice::from_ref(&approval))
        .unwrap();
    assert_eq!(store.audit_log(10).unwrap(), [approval]);

    // A sale refused (its sums disagree) writes none of its audit entries...
    let mut bad = sale(&fx, &[(&fx.items[1], 1000)]);
    bad.total = crate::common::money("0.01");
    let lost = entry(fx.cashier, Some(boss), "2026-01-02T10:01:00Z", "discount");
    assert!(
        store
            .complete_sale_audited(&bad, std::slice::from_ref(&lost))
            .is_err()
    );
    // ...nor does one whose audit entry itself fails (an unknown approver): no sale either.
    let good = sale(&fx, &[(&fx.items[1], 1000)]);
    let broken = entry(
        fx.cashier,
        Some(Uuid::now_v7()),
        "2026-01-02T10:02:00Z",
        "void",
    );
    assert!(store.complete_sale_audited(&good, &[lost, broken]).is_err());

    assert_eq!(rows(&path, "audit_log"), 1);
    assert_eq!(rows(&path, "sales"), 1);
    // The sale and its approval's audit entry wait for HQ; nothing of the refused ones.
    assert_eq!(store.outbox_len().unwrap(), 2);
    assert!(store.verify().unwrap().is_empty());
}
