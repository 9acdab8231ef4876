//! Wrong PINs lock the named user, and only that user.

use pos_terminal::{LOCK_AFTER, Role, TerminalError};

use crate::support::{Demo, pin_of, wrong_pin};

#[test]
fn five_wrong_pins_lock_the_user_even_against_the_right_pin_but_not_the_others() {
    let mut demo = Demo::without_shift();
    let user = demo.report.users[0].clone();
    let other = demo.report.users[1].clone();
    let wrong = wrong_pin(&user.pin);
    assert_eq!(LOCK_AFTER, 5);

    for attempt in 1..LOCK_AFTER {
        assert!(
            matches!(
                demo.till.sign_in_as(user.id, &wrong),
                Err(TerminalError::WrongPin)
            ),
            "attempt {attempt}"
        );
    }
    assert!(matches!(
        demo.till.sign_in_as(user.id, &wrong),
        Err(TerminalError::Locked { .. })
    ));
    assert!(matches!(
        demo.till.sign_in_as(user.id, &user.pin),
        Err(TerminalError::Locked { .. })
    ));
    // Signing in by PIN alone does not get round the lock.
    assert!(matches!(
        demo.till.sign_in(&user.pin),
        Err(TerminalError::Locked { .. })
    ));

    let staff = demo.till.sign_in_as(other.id, &other.pin).unwrap();
    assert_eq!(staff.id(), other.id);

    let failures = demo
        .till
        .audit_log(50)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "sign_in_failed" && e.user_id == Some(user.id))
        .count();
    assert_eq!(failures, LOCK_AFTER as usize);
    demo.assert_verified();
}

#[test]
fn a_right_pin_starts_the_count_again() {
    let mut demo = Demo::without_shift();
    let pin = pin_of(&demo.report, Role::Cashier);
    let id = demo.cashier.id();
    let wrong = wrong_pin(&pin);
    for _ in 1..LOCK_AFTER {
        assert!(matches!(
            demo.till.sign_in_as(id, &wrong),
            Err(TerminalError::WrongPin)
        ));
    }
    demo.till.sign_in_as(id, &pin).unwrap();
    // Four more typos are four, not eight.
    for _ in 1..LOCK_AFTER {
        assert!(matches!(
            demo.till.sign_in_as(id, &wrong),
            Err(TerminalError::WrongPin)
        ));
    }
    demo.till.sign_in_as(id, &pin).unwrap();
}

#[test]
fn ten_pins_that_match_nobody_lock_pin_only_sign_in_on_this_till() {
    let mut demo = Demo::without_shift();
    let cashier = pin_of(&demo.report, Role::Cashier);
    let taken: Vec<String> = demo.report.users.iter().map(|u| u.pin.clone()).collect();
    let strangers: Vec<String> = (0..20)
        .map(|n| format!("{:07}", 1_000_000 + n))
        .filter(|p| !taken.contains(p))
        .take(pos_terminal::TILL_LOCK_AFTER)
        .collect();
    for pin in &strangers {
        assert!(matches!(
            demo.till.sign_in(pin),
            Err(TerminalError::WrongPin)
        ));
    }
    // Now even the right PIN is refused by PIN alone, with a sentence that says why.
    let locked = demo.till.sign_in(&cashier).unwrap_err();
    assert!(
        matches!(locked, TerminalError::TillLocked { .. }),
        "{locked}"
    );
    assert!(locked.to_string().contains("wrong PINs"));
}

#[test]
fn debug_output_never_shows_a_pin_or_its_hash() {
    let demo = Demo::without_shift();
    let shown = format!("{:?}", demo.report);
    for user in &demo.report.users {
        assert!(!shown.contains(&user.pin), "{shown}");
    }
    assert!(!shown.contains("$argon2"));
}
