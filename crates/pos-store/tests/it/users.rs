use pos_store::{Role, Store, StoreError, UserRow};
use uuid::Uuid;

use crate::common::set_up;

#[test]
fn users_are_listed_with_their_lockout_state() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let gone = Uuid::now_v7();
    store
        .upsert_users(&[UserRow {
            id: gone,
            name: "Zed".into(),
            role: Role::Manager,
            pin_hash: "h2".into(),
            deleted: true,
        }])
        .unwrap();
    let users = store.users().unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!((users[0].name.as_str(), users[0].is_active), ("Ann", true));
    assert_eq!((users[1].role, users[1].is_active), (Role::Manager, false));
    let ann = store.user_by_id(fx.cashier).unwrap().unwrap();
    assert_eq!((ann.failed_attempts, ann.locked_until), (0, None));
    assert_eq!(ann.pin_hash, "hash");
    assert!(store.user_by_id(Uuid::now_v7()).unwrap().is_none());
}

#[test]
fn the_user_is_locked_after_n_failures_and_reset_clears_it() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let now = "2026-01-02T10:00:00Z";
    let until = "2026-01-02T10:05:00Z";
    for expected in 1..=2 {
        let n = store.record_failed_pin(fx.cashier, now, 3, until).unwrap();
        assert_eq!(n, expected);
        assert!(
            store
                .user_by_id(fx.cashier)
                .unwrap()
                .unwrap()
                .locked_until
                .is_none()
        );
    }
    assert_eq!(
        store.record_failed_pin(fx.cashier, now, 3, until).unwrap(),
        3
    );
    let ann = store.user_by_id(fx.cashier).unwrap().unwrap();
    assert_eq!(ann.failed_attempts, 3);
    assert_eq!(ann.locked_until.as_deref(), Some(until));

    // HQ's upserts never unlock anyone.
    store
        .upsert_users(&[UserRow {
            id: fx.cashier,
            name: "Ann".into(),
            role: Role::Cashier,
            pin_hash: "new".into(),
            deleted: false,
        }])
        .unwrap();
    assert_eq!(
        store
            .user_by_id(fx.cashier)
            .unwrap()
            .unwrap()
            .failed_attempts,
        3
    );

    store.reset_failed_pins(fx.cashier).unwrap();
    let ann = store.user_by_id(fx.cashier).unwrap().unwrap();
    assert_eq!((ann.failed_attempts, ann.locked_until), (0, None));
}

#[test]
fn an_expired_lockout_starts_counting_again() {
    let mut store = Store::open_in_memory().unwrap();
    let fx = set_up(&mut store);
    let until = "2026-01-02T10:05:00Z";
    for _ in 0..2 {
        store
            .record_failed_pin(fx.cashier, "2026-01-02T10:00:00Z", 2, until)
            .unwrap();
    }
    let later = "2026-01-02T10:05:00.500Z";
    let n = store
        .record_failed_pin(fx.cashier, later, 2, "2026-01-02T10:10:00Z")
        .unwrap();
    assert_eq!(n, 1);
    assert!(
        store
            .user_by_id(fx.cashier)
            .unwrap()
            .unwrap()
            .locked_until
            .is_none()
    );
}

#[test]
fn unknown_users_are_reported() {
    let mut store = Store::open_in_memory().unwrap();
    set_up(&mut store);
    let nobody = Uuid::now_v7();
    assert!(matches!(
        store.record_failed_pin(nobody, "2026-01-02T10:00:00Z", 3, "x"),
        Err(StoreError::NotFound { what: "user", .. })
    ));
    assert!(matches!(
        store.reset_failed_pins(nobody),
        Err(StoreError::NotFound { what: "user", .. })
    ));
}
