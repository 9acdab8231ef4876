//! Golden files: the expected output, reviewed once and committed. `UPDATE_GOLDEN=1 cargo
//! test -p pos-receipt` rewrites them; otherwise any difference fails the test.

use std::fs;
use std::path::PathBuf;

pub fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        fs::write(&path, actual).unwrap();
        return;
    }
    let Ok(expected) = fs::read_to_string(&path) else {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test -p pos-receipt, then review it",
            path.display()
        );
    };
    if expected == actual {
        return;
    }
    let (mut golden, mut got) = (expected.lines(), actual.lines());
    for number in 1.. {
        let (g, a) = (golden.next(), got.next());
        if g != a {
            panic!(
                "{name} differs from its golden file at line {number}:\n  golden: {g:?}\n  actual: {a:?}\n\
                 If the change is intended, run UPDATE_GOLDEN=1 cargo test -p pos-receipt and review the diff."
            );
        }
        if g.is_none() {
            break;
        }
    }
    panic!("{name} differs from its golden file only in its line endings");
}
