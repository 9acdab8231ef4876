//! Setting a terminal up is all or nothing.

use pos_terminal::{Terminal, TerminalError};

#[test]
fn an_interrupted_init_leaves_nothing_in_the_way_of_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    // What a killed `pos init` leaves behind: a half-written side file.
    std::fs::write(dir.path().join("terminal.db.partial"), b"half a database").unwrap();
    assert!(matches!(
        Terminal::open(dir.path()),
        Err(TerminalError::NotInitialized)
    ));
    let (terminal, report) = Terminal::init(dir.path(), true).unwrap();
    assert!(report.items > 200);
    assert_eq!(terminal.status().unwrap().queue_length, 0);
    assert!(!dir.path().join("terminal.db.partial").exists());
    drop(terminal);
    let reopened = Terminal::open(dir.path()).unwrap();
    assert_eq!(reopened.identity().terminal_id, report.terminal_id);
    assert!(matches!(
        Terminal::init(dir.path(), true),
        Err(TerminalError::AlreadyInitialized)
    ));
}

#[test]
fn a_demo_store_keeps_its_staff_pins_for_the_sign_in_screen_and_a_plain_one_does_not() {
    let demo_dir = tempfile::tempdir().unwrap();
    let (mut demo, report) = Terminal::init(demo_dir.path(), true).unwrap();
    let hint = demo.demo_staff(demo_dir.path());
    assert_eq!(hint.len(), report.users.len());
    for user in &report.users {
        let shown = hint.iter().find(|h| h.name == user.name).unwrap();
        assert_eq!(shown.role, user.role);
        // The hint is only useful if the PIN it shows really signs in.
        assert_eq!(demo.sign_in(&shown.pin).unwrap().id(), user.id);
    }

    let plain_dir = tempfile::tempdir().unwrap();
    let (plain, _) = Terminal::init(plain_dir.path(), false).unwrap();
    assert!(plain.demo_staff(plain_dir.path()).is_empty());
}
