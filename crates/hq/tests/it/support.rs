//! A throwaway database per test, and the `hq` binary run against it.

use std::process::{Output, Stdio};

use hq::db::{DbTarget, quote_ident};
use tokio::io::AsyncWriteExt;
use tokio_postgres::Client;

fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test. Dropping it drops the database (forcefully, so a
/// connection the test left open does not keep it alive).
pub struct TestDb {
    pub name: String,
    server: DbTarget,
}

impl TestDb {
    pub async fn new() -> Self {
        let server = DbTarget::parse(&server_url()).expect("TEST_DATABASE_URL is a valid URL");
        let name = format!("hq_test_{}", uuid::Uuid::new_v4().simple());
        let admin = server
            .connect()
            .await
            .expect("PostgreSQL must be running (see scripts/setup.sh)");
        admin
            .batch_execute(&format!("CREATE DATABASE {}", quote_ident(&name)))
            .await
            .expect("create the test database");
        Self { name, server }
    }

    /// A freshly migrated database.
    pub async fn migrated() -> Self {
        let db = Self::new().await;
        let out = db.hq(&["db", "migrate"]).await;
        assert!(out.status.success(), "migrate failed: {}", stderr(&out));
        db
    }

    pub fn target(&self) -> DbTarget {
        self.server.with_dbname(&self.name)
    }

    pub fn url(&self) -> String {
        let base = server_url();
        let (prefix, _) = base.rsplit_once('/').expect("the URL names a database");
        format!("{prefix}/{}", self.name)
    }

    pub async fn client(&self) -> Client {
        self.target()
            .connect()
            .await
            .expect("connect to the test database")
    }

    /// Runs `hq ARGS` against this database.
    pub async fn hq(&self, args: &[&str]) -> Output {
        self.hq_with_stdin(args, "").await
    }

    pub async fn hq_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hq"))
            .args(args)
            .env("DATABASE_URL", self.url())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start hq");
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(stdin.as_bytes()).await.expect("write stdin");
        drop(pipe);
        child.wait_with_output().await.expect("hq runs")
    }

    /// Names of databases on the server that start with this test database's name (scratch
    /// databases a check might leave behind).
    pub async fn leftover_databases(&self) -> Vec<String> {
        let admin = self.server.connect().await.expect("connect to the server");
        admin
            .query(
                "SELECT datname FROM pg_database WHERE datname LIKE $1 || '\\_\\_%'",
                &[&self.name],
            )
            .await
            .expect("list databases")
            .iter()
            .map(|row| row.get(0))
            .collect()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let server = self.server.clone();
        let name = self.name.clone();
        // Drop cannot await; a short-lived runtime on its own thread does the clean-up.
        let cleanup = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for clean-up");
            runtime.block_on(async move {
                if let Ok(admin) = server.connect().await {
                    let _ = admin
                        .batch_execute(&format!(
                            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                            quote_ident(&name)
                        ))
                        .await;
                }
            });
        });
        let _ = cleanup.join();
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
