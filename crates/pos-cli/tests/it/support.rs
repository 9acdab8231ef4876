//! A terminal in a temporary folder, and the `pos` binary run against it.

use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

pub struct Till {
    pub dir: TempDir,
    pub cashier_pin: String,
    pub manager_pin: String,
}

impl Till {
    /// A demo terminal with an open shift (float 100.00).
    pub fn demo() -> Self {
        let till = Self::demo_without_shift();
        let opened = till.pos(&[
            "shift",
            "open",
            "--pin",
            &till.cashier_pin,
            "--float",
            "100.00",
        ]);
        assert!(opened.status.success(), "{}", stderr(&opened));
        till
    }

    pub fn demo_without_shift() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let out = pos_in(&dir, &["init", "--demo", "--json"]);
        assert!(out.status.success(), "init failed: {}", stderr(&out));
        let report = json(&out);
        let pin = |role: &str| {
            report["users"]
                .as_array()
                .expect("users")
                .iter()
                .find(|u| u["role"] == role)
                .and_then(|u| u["pin"].as_str())
                .expect("a PIN per role")
                .to_owned()
        };
        Self {
            cashier_pin: pin("cashier"),
            manager_pin: pin("manager"),
            dir,
        }
    }

    pub fn pos(&self, args: &[&str]) -> Output {
        pos_in(&self.dir, args)
    }

    /// Runs `pos ARGS --json`, asserts success and parses the answer.
    pub fn ok_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.pos(&all);
        assert!(
            out.status.success(),
            "pos {args:?} failed: {}",
            stderr(&out)
        );
        json(&out)
    }

    /// `pos sale --cashier CASHIER ARGS --json`, which must succeed.
    pub fn sell(&self, args: &[&str]) -> Value {
        let mut all = vec!["sale", "--cashier", &self.cashier_pin];
        all.extend_from_slice(args);
        self.ok_json(&all)
    }

    /// `pos sale --cashier CASHIER ARGS`, whatever its outcome.
    pub fn try_sell(&self, args: &[&str]) -> Output {
        let mut all = vec!["sale", "--cashier", &self.cashier_pin];
        all.extend_from_slice(args);
        self.pos(&all)
    }

    /// A demo item's barcode by its SKU.
    pub fn barcode(&self, sku: &str) -> String {
        let found = self.ok_json(&["items", "search", sku]);
        found[0]["barcode"].as_str().expect("a barcode").to_owned()
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.dir.path().join("terminal.db")).expect("open the store")
    }
}

pub fn pos_command(dir: &TempDir, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pos"));
    command
        .args(args)
        .env("POS_DATA_DIR", dir.path())
        .env_remove("RUST_BACKTRACE");
    command
}

pub fn pos_in(dir: &TempDir, args: &[&str]) -> Output {
    pos_command(dir, args).output().expect("run pos")
}

pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A decimal string as cents.
pub fn cents(value: &Value) -> i64 {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not an amount: {value}"));
    let negative = text.starts_with('-');
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let (whole, frac) = match text.split_once('.') {
        Some((_, f)) => (
            digits[..digits.len() - f.len()].to_owned(),
            format!("{f:0<2}"),
        ),
        None => (digits.clone(), "00".to_owned()),
    };
    let magnitude = whole.parse::<i64>().unwrap_or(0) * 100 + frac.parse::<i64>().unwrap();
    if negative { -magnitude } else { magnitude }
}
