//! The terminal's token in a desktop session's Secret Service: a real
//! `gnome-keyring-daemon` on a private D-Bus session bus, driven through the real `pos`
//! binary. `pos status` says where the token is, the token is not in keyutils, and it is
//! still there after the keyring and its bus restart (what a reboot does), so the till
//! syncs on without re-keying. Without a session bus the till falls back to keyutils and
//! says so.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use sync_e2e::hq_fixture::Hq;
use sync_e2e::processes::pos_binary;
use sync_e2e::till::seed_staff;

/// A private session bus with an unlocked login keyring, its files under `home`.
struct KeyringSession {
    home: PathBuf,
    bus: String,
    bus_pid: i32,
    keyring: Option<std::process::Child>,
}

const KEYRING_PASSWORD: &str = "tally-test";

impl KeyringSession {
    fn start(home: &Path) -> KeyringSession {
        let runtime = home.join("run");
        std::fs::create_dir_all(&runtime).expect("a runtime folder");
        let out = Command::new("dbus-daemon")
            .args(["--session", "--fork", "--print-address=1", "--print-pid=1"])
            .output()
            .expect("dbus-daemon (Debian's dbus) starts");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let printed = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = printed.lines();
        let bus = lines.next().expect("the bus address").to_owned();
        let bus_pid: i32 = lines
            .next()
            .and_then(|pid| pid.trim().parse().ok())
            .expect("the bus's pid");
        let mut session = KeyringSession {
            home: home.to_path_buf(),
            bus,
            bus_pid,
            keyring: None,
        };
        let mut keyring = session
            .command("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets", "--foreground"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon (Debian's gnome-keyring) starts");
        // The password on stdin, then end of input: it unlocks (or creates) the login keyring.
        keyring
            .stdin
            .take()
            .expect("its stdin")
            .write_all(KEYRING_PASSWORD.as_bytes())
            .expect("unlock the login keyring");
        session.keyring = Some(keyring);
        session
    }

    /// `program` in this session: its bus, its home and runtime folders.
    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env("XDG_RUNTIME_DIR", self.home.join("run"))
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus);
        command
    }

    /// Ends the keyring daemon (waiting until it has) and the bus.
    fn stop(&mut self) {
        if let Some(mut keyring) = self.keyring.take() {
            let _ = keyring.kill();
            let _ = keyring.wait();
        }
        let _ = Command::new("kill").arg(self.bus_pid.to_string()).status();
    }
}

impl Drop for KeyringSession {
    fn drop(&mut self) {
        self.stop();
    }
}

fn pos(session: Option<&KeyringSession>, dir: &Path, args: &[&str]) -> Output {
    let mut command = match session {
        Some(session) => session.command(pos_binary()),
        None => {
            let mut bare = Command::new(pos_binary());
            bare.env_remove("DBUS_SESSION_BUS_ADDRESS")
                .env("XDG_RUNTIME_DIR", dir.join("no-bus"));
            bare
        }
    };
    command
        .args(args)
        .env("POS_DATA_DIR", dir)
        .output()
        .expect("pos runs")
}

fn status(session: Option<&KeyringSession>, dir: &Path) -> Value {
    let out = pos(session, dir, &["status", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("status as JSON")
}

/// Waits (bounded) until the session's Secret Service answers, as a till would see it
/// (`probe` is any initialized data folder: where the token goes does not depend on it).
fn wait_for_secret_service(session: &KeyringSession, probe: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if status(Some(session), probe)["token_store"] == "secret-service" {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the Secret Service never answered on the private bus"
        );
        std::thread::yield_now();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_lives_in_the_secret_service_and_survives_its_restart() {
    let hq = Hq::start().await;
    hq.seed_items(3, 10_000).await;
    seed_staff(&hq).await;
    let code = hq.add_terminal("Till 1").await;
    let home = tempfile::tempdir().expect("a home");
    let till = tempfile::tempdir().expect("a data folder");
    let dir = till.path();
    let probe = home.path().join("probe");
    let out = pos(None, &probe, &["init", "--demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let session = KeyringSession::start(home.path());
    wait_for_secret_service(&session, &probe);
    let out = pos(
        Some(&session),
        dir,
        &["pair", "--hq", &hq.url(), "--code", &code],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = status(Some(&session), dir);
    assert_eq!(shown["paired"], true, "{shown}");
    let text = pos(Some(&session), dir, &["status"]);
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("Token kept in secret-service, across reboots"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );

    // Without the session, the till is on keyutils, which never held this token.
    assert_eq!(status(None, dir)["token_store"], "keyutils");
    let out = pos(None, dir, &["sync"]);
    assert!(!out.status.success(), "the token is not in keyutils");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no token for terminal"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The reboot: the bus and the keyring daemon end, and start again from their files.
    drop(session);
    let session = KeyringSession::start(home.path());
    wait_for_secret_service(&session, &probe);
    let out = pos(Some(&session), dir, &["sync", "--json"]);
    assert!(
        out.status.success(),
        "the token outlived the restart: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(session);
    hq.drop_database().await;
}
