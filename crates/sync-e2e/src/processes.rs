//! Real processes for the tests that kill them: `hq serve` (SIGKILL mid-batch) and a
//! private PostgreSQL cluster (restarted mid-batch), so the shared server is never touched.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Child;

/// The `hq` binary cargo built beside this test (`target/<profile>/hq`).
pub fn hq_binary() -> PathBuf {
    sibling_binary("hq")
}

/// The `pos` binary cargo built beside this test.
pub fn pos_binary() -> PathBuf {
    sibling_binary("pos")
}

/// A binary cargo built beside this test (`target/<profile>/<name>`).
fn sibling_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("tests run from target/<profile>/deps");
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is missing: build it first (`cargo test --workspace` does)",
        path.display()
    );
    path
}

/// Runs `command` (a tool asked for `--json`) and returns the JSON it printed.
fn json_of(mut command: Command, what: &str) -> (serde_json::Value, bool) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("run {what}: {e}"));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{what} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (report, out.status.success())
}

/// `hq reconcile --date DATE --json` over `database_url`: its report, after checking that
/// the exit status is success exactly when no terminal-day is mismatched.
pub fn hq_reconcile(database_url: &str, date: &str) -> serde_json::Value {
    let mut command = Command::new(hq_binary());
    command
        .args(["reconcile", "--date", date, "--json"])
        .env("DATABASE_URL", database_url);
    let (report, success) = json_of(command, "hq reconcile");
    assert_eq!(
        report["mismatched"].as_u64() == Some(0),
        success,
        "the exit status says what the report says: {report}"
    );
    report
}

/// `pos verify --json` on the data folder `dir`: its report, after checking that the
/// exit status says the same as the report's `ok`.
pub fn pos_verify(dir: &Path) -> serde_json::Value {
    let mut command = Command::new(pos_binary());
    command.args(["verify", "--json"]).env("POS_DATA_DIR", dir);
    let (report, success) = json_of(command, "pos verify");
    assert_eq!(
        report["ok"].as_bool(),
        Some(success),
        "the exit status says what the report says"
    );
    report
}

/// `hq ledger check --json` over `database_url`: its report, after checking that the exit
/// status says the same as the report's `ok`.
pub fn hq_ledger_check(database_url: &str) -> serde_json::Value {
    let mut command = Command::new(hq_binary());
    command
        .args(["ledger", "check", "--json"])
        .env("DATABASE_URL", database_url);
    let (report, success) = json_of(command, "hq ledger check");
    assert_eq!(
        report["ok"].as_bool(),
        Some(success),
        "the exit status says what the report says"
    );
    report
}

/// `hq serve` as a child process.
#[derive(Debug)]
pub struct HqProcess {
    child: Child,
    pub addr: SocketAddr,
}

impl HqProcess {
    /// Starts `hq serve` on `port` (0: any) over `database_url` and waits for its address.
    pub async fn start(database_url: &str, port: u16) -> HqProcess {
        Self::spawn(database_url, port, Stdio::null(), "warn").await
    }

    /// Like [`HqProcess::start`], with its log at level `level` (a `RUST_LOG` filter)
    /// written to `log`.
    pub async fn start_logging(
        database_url: &str,
        port: u16,
        log: std::fs::File,
        level: &str,
    ) -> HqProcess {
        Self::spawn(database_url, port, Stdio::from(log), level).await
    }

    async fn spawn(database_url: &str, port: u16, stderr: Stdio, level: &str) -> HqProcess {
        let mut child = tokio::process::Command::new(hq_binary())
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", database_url)
            .env("RUST_LOG", level)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .kill_on_drop(true)
            .spawn()
            .expect("start hq serve");
        let stdout = child.stdout.take().expect("piped");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("hq serve starts within 20 s")
            .expect("read its output")
            .expect("it prints its address");
        let addr = line
            .strip_prefix("hq listening on http://")
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line from hq serve: {line}"));
        HqProcess { child, addr }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// SIGKILL: no shutdown, no flushing, transactions in flight die with it.
    pub async fn kill(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }
}

/// A PostgreSQL cluster of the test's own, on a free loopback port.
#[derive(Debug)]
pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
}

fn postgres_bin() -> PathBuf {
    let found = std::fs::read_dir("/usr/lib/postgresql")
        .ok()
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .max();
    found.expect("PostgreSQL's server binaries (initdb, pg_ctl) under /usr/lib/postgresql")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl PgCluster {
    /// `initdb` and start. As root, the server runs as the `postgres` user (PostgreSQL
    /// refuses to run as root).
    pub fn start() -> PgCluster {
        let dir = tempfile::tempdir().expect("a folder");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let cluster = PgCluster {
            dir,
            bin: postgres_bin(),
            port,
        };
        if is_root() {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(cluster.dir.path())
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "chown the cluster folder to postgres");
        }
        let data = cluster.data().display().to_string();
        cluster.run(
            "initdb",
            &["-D", &data, "-U", "postgres", "-A", "trust", "--no-sync"],
        );
        cluster.pg_ctl(&["start"]);
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let status = if is_root() {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .stdout(Stdio::null())
                .status()
        } else {
            Command::new(&program)
                .args(args)
                .stdout(Stdio::null())
                .status()
        };
        assert!(
            status.is_ok_and(|s| s.success()),
            "{} {args:?} failed",
            program.display()
        );
    }

    fn pg_ctl(&self, action: &[&str]) {
        let data = self.data().display().to_string();
        let socket_dir = self.dir.path().display().to_string();
        let options = format!(
            "-p {} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port
        );
        let log = self.dir.path().join("log").display().to_string();
        let mut args = vec![
            "-D",
            data.as_str(),
            "-o",
            options.as_str(),
            "-l",
            log.as_str(),
            "-w",
        ];
        args.extend_from_slice(action);
        self.run("pg_ctl", &args);
    }

    /// Stops the server the hard way (as a crash would) and starts it again.
    pub fn restart_immediately(&self) {
        self.pg_ctl(&["-m", "immediate", "restart"]);
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data().display().to_string();
        let program = self.bin.join("pg_ctl");
        let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
        let _ = if is_root() {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        } else {
            Command::new(&program)
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        };
    }
}
