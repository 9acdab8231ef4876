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
