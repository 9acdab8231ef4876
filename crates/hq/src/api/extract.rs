//! What every request must carry: the protocol version, a terminal's token, a JSON body
//! within the size limit, and a query string and path parameters of the right types. Each
//! refusal is `{code, message}`, never axum's plain text: handlers use these instead of
//! axum's `Json`, `Query` and `Path` extractors (clippy refuses the last two in this crate).

use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
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

/// The query string, parsed into `T` (whose `IntoParams` the OpenAPI document shows).
#[derive(Debug)]
pub struct QueryString<T>(pub T);

// The one place axum's `Query` may be used: it is wrapped here (see crates/hq/clippy.toml).
#[allow(clippy::disallowed_types)]
impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryString<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(query)) => Ok(QueryString(query)),
            // The inner error names the parameter and what was wrong with it.
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => {
                let detail = std::error::Error::source(&e)
                    .map_or_else(|| e.body_text(), ToString::to_string);
                Err(ApiError::bad_request(format!(
                    "the query string is not valid: {detail}"
                )))
            }
            Err(other) => Err(ApiError::new(
                other.status(),
                "bad_request",
                other.body_text(),
            )),
        }
    }
}

/// The path's parameters, parsed into `T` (a `String` for one parameter).
#[derive(Debug)]
pub struct PathParams<T>(pub T);

// The one place axum's `Path` may be used: it is wrapped here (see crates/hq/clippy.toml).
#[allow(clippy::disallowed_types)]
impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PathParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(params)) => Ok(PathParams(params)),
            Err(PathRejection::FailedToDeserializePathParams(e))
                if e.status() == StatusCode::BAD_REQUEST =>
            {
                Err(ApiError::bad_request(format!(
                    "the path is not valid: {}",
                    e.kind()
                )))
            }
            // A route whose parameters do not fit its handler: our bug, not the caller's.
            Err(other) => {
                tracing::error!(error = %other.body_text(), path = %parts.uri.path(),
                    "a route's path parameters do not fit its handler");
                Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "HQ could not read this path; the error is in HQ's log",
                ))
            }
        }
    }
}
