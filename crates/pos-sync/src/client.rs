//! HTTP to HQ: every request names the protocol version and (once paired) the token.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sync_protocol::api::{
    CatalogCursor, CatalogPage, ErrorBody, PROTOCOL_HEADER, PROTOCOL_VERSION, PairRequest,
    PairResponse, PushRecord, PushRequest, PushResponse, RekeyRequest, RekeyResponse, StockCursor,
    StockPage,
};
use uuid::Uuid;

use crate::SyncError;

/// A connection to one HQ.
#[derive(Clone)]
pub struct HqClient {
    base: String,
    token: Option<String>,
    http: reqwest::Client,
}

impl std::fmt::Debug for HqClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HqClient")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// The environment variable that allows plain HTTP to an HQ on another machine (a closed
/// network, a test rig): `1` allows it.
pub const ALLOW_PLAIN_HTTP: &str = "TALLY_ALLOW_PLAIN_HTTP";

/// HQ's address must be `https://`, or `http://` to this machine (127.0.0.0/8, `::1`,
/// `localhost`): over plain HTTP on a network, the terminal's token and every sale would
/// cross it readable by anyone on the way. `allow_plain` lifts the rule explicitly.
pub fn check_address(base: &str, allow_plain: bool) -> Result<(), SyncError> {
    let url = reqwest::Url::parse(base).map_err(|e| {
        SyncError::BadAddress(format!(
            "HQ's address \"{base}\" is not a URL ({e}); write it like https://hq.example.com"
        ))
    })?;
    let local = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if local || allow_plain => Ok(()),
        "http" => Err(SyncError::BadAddress(format!(
            "HQ at {base} is on another machine: use https:// so that the terminal's token and \
             its sales are encrypted on the way (or set {ALLOW_PLAIN_HTTP}=1 on a closed network)"
        ))),
        other => Err(SyncError::BadAddress(format!(
            "HQ's address must start with https:// (or http:// on this machine), not {other}://"
        ))),
    }
}

impl HqClient {
    /// A client for HQ at `base` (`https://hq.example.com`), with `token` once paired.
    /// Plain `http://` is refused unless HQ is on this machine or `ALLOW_PLAIN_HTTP` is set
    /// to `1` (see [`check_address`]).
    pub fn new(base: &str, token: Option<String>) -> Result<Self, SyncError> {
        let allow_plain = std::env::var(ALLOW_PLAIN_HTTP).is_ok_and(|v| v == "1");
        check_address(base, allow_plain)?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| SyncError::Unreachable {
                url: base.to_owned(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            base: base.trim_end_matches('/').to_owned(),
            token,
            http,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub async fn pair(&self, code: &str) -> Result<PairResponse, SyncError> {
        self.send(self.http.post(self.url("/api/v1/pair")).json(&PairRequest {
            code: code.to_owned(),
        }))
        .await
    }

    pub async fn rekey(&self, terminal_id: Uuid, code: &str) -> Result<RekeyResponse, SyncError> {
        self.send(
            self.http
                .post(self.url("/api/v1/rekey"))
                .json(&RekeyRequest {
                    terminal_id,
                    code: code.to_owned(),
                }),
        )
        .await
    }

    pub async fn push(&self, records: Vec<PushRecord>) -> Result<PushResponse, SyncError> {
        self.send(
            self.authed(self.http.post(self.url("/api/v1/push")))?
                .json(&PushRequest { records }),
        )
        .await
    }

    pub async fn catalog(
        &self,
        after: CatalogCursor,
        limit: u32,
    ) -> Result<CatalogPage, SyncError> {
        #[derive(Serialize)]
        struct Q {
            after_version: i64,
            after_kind: u8,
            after_id: uuid::Uuid,
            limit: u32,
        }
        let query = Q {
            after_version: after.version,
            after_kind: after.kind,
            after_id: after.id,
            limit,
        };
        self.send(
            self.authed(self.http.get(self.url("/api/v1/catalog")))?
                .query(&query),
        )
        .await
    }

    pub async fn stock(&self, after: StockCursor, limit: u32) -> Result<StockPage, SyncError> {
        let query = [
            ("after_version", after.version.to_string()),
            ("after_id", after.id.to_string()),
            ("limit", limit.to_string()),
        ];
        self.send(
            self.authed(self.http.get(self.url("/api/v1/stock")))?
                .query(&query),
        )
        .await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authed(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, SyncError> {
        let token = self.token.as_deref().ok_or(SyncError::NotPaired)?;
        Ok(request.bearer_auth(token))
    }

    async fn send<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, SyncError> {
        let unreachable = |e: reqwest::Error| SyncError::Unreachable {
            url: self.base.clone(),
            reason: plain(&e),
        };
        let response = request
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .send()
            .await
            .map_err(unreachable)?;
        let status = response.status();
        let body = response.bytes().await.map_err(unreachable)?;
        if status.is_success() {
            return serde_json::from_slice(&body).map_err(|e| SyncError::BadAnswer(e.to_string()));
        }
        let error: ErrorBody = serde_json::from_slice(&body).unwrap_or_else(|_| ErrorBody {
            code: "http".to_owned(),
            message: format!("HQ answered {status}"),
        });
        Err(SyncError::Refused {
            status: status.as_u16(),
            code: error.code,
            message: error.message,
        })
    }
}

/// reqwest's error with its causes, in one line.
fn plain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::check_address;

    #[test]
    fn https_anywhere_and_plain_http_only_on_this_machine() {
        for ok in [
            "https://hq.example.com",
            "https://10.0.0.5:8443",
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://localhost:8080",
            "http://[::1]:8080",
        ] {
            assert!(check_address(ok, false).is_ok(), "{ok}");
        }
        for refused in [
            "http://10.0.0.5:8080",
            "http://hq.example.com",
            "ftp://hq.example.com",
            "hq.example.com",
            "",
        ] {
            let error = check_address(refused, false).expect_err(refused);
            assert!(error.to_string().contains("https://"), "{refused}: {error}");
        }
        assert!(check_address("http://10.0.0.5:8080", true).is_ok());
        assert!(check_address("ftp://10.0.0.5", true).is_err());
    }
}
