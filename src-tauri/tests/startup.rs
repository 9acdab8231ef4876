//! The app started where no window can open says so in one sentence and exits 1, instead
//! of GTK's panic and backtrace.

use std::process::Command;

fn start(display: Option<&str>) -> std::process::Output {
    let data = tempfile::tempdir().expect("a data folder");
    let mut command = Command::new(env!("CARGO_BIN_EXE_tally"));
    command
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DISPLAY")
        .env("POS_DATA_DIR", data.path())
        .env("RUST_BACKTRACE", "1");
    if let Some(display) = display {
        command.env("DISPLAY", display);
    }
    command.output().expect("the app runs")
}

#[test]
fn without_a_display_the_app_says_so_in_one_sentence() {
    // No display named at all, then one named where no X server listens.
    for (display, says) in [
        (None, "neither DISPLAY nor WAYLAND_DISPLAY"),
        (Some(":77"), "\":77\""),
    ] {
        let out = start(display);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "one sentence: {stderr}");
        assert!(lines[0].starts_with("error: the Tally window"), "{stderr}");
        assert!(lines[0].contains(says), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
