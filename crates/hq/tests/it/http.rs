//! `hq serve` on a free port over a test database, and plain HTTP/1.1 requests to it.

use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::support::TestDb;

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Sends `request` (whole, with `Connection: close`) and returns the status and the body.
pub async fn http(addr: &str, request: String) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect to hq serve");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

pub fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: hq\r\nConnection: close\r\n\r\n")
}

pub fn post(path: &str, body: &str) -> String {
    request("POST", path, None, Some(body))
}

/// A request with the protocol header, a bearer `token` and a JSON `body` when given.
pub fn request(method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> String {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: hq\r\nConnection: close\r\ntally-protocol: 1\r\n"
    );
    if let Some(token) = token {
        head.push_str(&format!("authorization: Bearer {token}\r\n"));
    }
    let body = body.unwrap_or_default();
    format!(
        "{head}content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// `hq serve` on a free port over `db`, and the address it printed.
pub async fn start_serve(db: &TestDb) -> (tokio::process::Child, String) {
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_hq"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", db.url())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start hq serve");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let first = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("hq serve prints its address")
        .unwrap()
        .unwrap();
    let addr = first
        .strip_prefix("hq listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    (server, addr)
}

/// Stops `server` and returns what it logged.
pub async fn stop_and_read_log(mut server: tokio::process::Child) -> String {
    server.start_kill().expect("stop hq serve");
    let out = server.wait_with_output().await.expect("hq serve stops");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A user of organization `org` with `role` and a password, signed in through the API:
/// their session token.
pub async fn signed_in(db: &TestDb, addr: &str, org: &str, email: &str, role: &str) -> String {
    const PASSWORD: &str = "correct horse battery";
    let mut client = db.client().await;
    let scope = hq::audit::Scope::cli(&client, org).await.unwrap();
    let new = hq::users::NewUser {
        email: email.to_owned(),
        name: email.to_owned(),
        role: role.parse().unwrap(),
        pin: Some("4321".to_owned()),
        password: Some(hq::password::Password::parse(PASSWORD.to_owned()).unwrap()),
    };
    hq::users::add_user(&mut client, &scope, &new)
        .await
        .unwrap();
    let body = serde_json::json!({ "email": email, "password": PASSWORD, "organization": org });
    let (status, answer) = http(addr, post("/api/v1/admin/login", &body.to_string())).await;
    assert_eq!(status, 200, "{email} signs in: {answer}");
    json(&answer)["token"].as_str().unwrap().to_owned()
}

/// A second organization, `acme`, with a store.
pub async fn second_organization(db: &TestDb) {
    db.client()
        .await
        .batch_execute(
            "INSERT INTO core.organizations (slug, name) VALUES ('acme', 'Acme Stores'); \
             INSERT INTO core.catalog_versions (organization_id) \
               SELECT id FROM core.organizations WHERE slug = 'acme'; \
             INSERT INTO inv.locations (organization_id, code, name, kind) \
               SELECT id, 'ACME1', 'Acme One', 'store' FROM core.organizations \
               WHERE slug = 'acme';",
        )
        .await
        .unwrap();
}

/// A terminal of the default organization, added and paired: its token.
pub async fn paired_terminal(db: &TestDb, addr: &str) -> String {
    let out = db
        .hq(&["terminal", "add", "--name", "Till 1", "--json"])
        .await;
    let added = json(&String::from_utf8_lossy(&out.stdout));
    let code = added["code"].as_str().unwrap();
    let (status, body) = http(
        addr,
        post("/api/v1/pair", &format!("{{\"code\":\"{code}\"}}")),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    json(&body)["token"].as_str().unwrap().to_owned()
}
