//! What every request must carry: the protocol version, a terminal's token, and a JSON
//! body within the size limit. Each refusal is `{code, message}`, never axum's plain text.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use sync_protocol::api::{PROTOCOL_HEADER, PROTOCOL_VERSION};

use super::AppState;
use super::error::ApiError;
use crate::terminals::{AuthedTerminal, authenticate};

/// The request speaks this HQ's protocol.
#[derive(Debug, Clone, Copy)]
pub struct Protocol;

impl<S: Send + Sync> FromRequestParts<S> for Protocol {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let Some(raw) = parts.headers.get(PROTOCOL_HEADER) else {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "protocol_missing",
                format!(
                    "the request does not name its protocol version (header {PROTOCOL_HEADER})"
                ),
            ));
        };
        let version: u32 = raw
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "protocol_missing",
                    format!("the {PROTOCOL_HEADER} header is not a version number"),
                )
            })?;
        match version.cmp(&PROTOCOL_VERSION) {
            std::cmp::Ordering::Equal => Ok(Protocol),
            std::cmp::Ordering::Less => Err(ApiError::new(
                StatusCode::UPGRADE_REQUIRED,
                "terminal_too_old",
                format!(
                    "this terminal speaks sync protocol {version} and HQ speaks {PROTOCOL_VERSION}: update the terminal; nothing was applied"
                ),
            )),
            std::cmp::Ordering::Greater => Err(ApiError::new(
                StatusCode::UPGRADE_REQUIRED,
                "terminal_too_new",
                format!(
                    "this terminal speaks sync protocol {version} and HQ only {PROTOCOL_VERSION}: update HQ; nothing was applied"
                ),
            )),
        }
    }
}

/// The terminal whose bearer token came with the request (protocol checked first).
#[derive(Debug, Clone, Copy)]
pub struct Terminal(pub AuthedTerminal);

impl FromRequestParts<AppState> for Terminal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Protocol::from_request_parts(parts, state).await?;
        let token = super::session::bearer(parts, "terminal token")?;
        let client = state.pool.get().await?;
        Ok(Terminal(authenticate(&**client, token).await?))
    }
}

/// A JSON body, parsed with serde's own sentence on failure.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                let status = rejection.status();
                if status == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        status,
                        "too_large",
                        "the request body is larger than HQ accepts",
                    )
                } else {
                    ApiError::new(status, "bad_request", rejection.body_text())
                }
            })?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::bad_request(format!("the request body is not valid: {e}")))
    }
}
