//! HTTP to HQ: every request names the protocol version and (once paired) the token.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sync_protocol::api::{
    CatalogCursor, CatalogPage, ErrorBody, PROTOCOL_HEADER, PROTOCOL_VERSION, PairRequest,
    PairResponse, PushRecord, PushRequest, PushResponse, StockCursor, StockPage,
};

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

impl HqClient {
    /// A client for HQ at `base` (`https://hq.example.com`), with `token` once paired.
    pub fn new(base: &str, token: Option<String>) -> Result<Self, SyncError> {
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
