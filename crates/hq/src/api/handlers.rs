//! The handlers: each validates, calls the core, and maps the error.

use axum::Json;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use sync_protocol::api::{
    CatalogPage, CatalogQuery, ErrorBody, PairRequest, PairResponse, PushRequest, PushResponse,
    RekeyRequest, RekeyResponse, StockPage, StockQuery, check_page_size,
};

use super::AppState;
use super::error::ApiError;
use super::extract::{JsonBody, Protocol, QueryString, Terminal};
use crate::{migrations, sync, terminals};

/// The process is up.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "HQ is running")))]
pub async fn healthz() -> &'static str {
    "ok"
}

/// The database answers and is at the schema this build expects.
#[utoipa::path(get, path = "/readyz", responses(
    (status = 200, description = "Ready to serve"),
    (status = 503, description = "Database down or not migrated", body = ErrorBody)))]
pub async fn readyz(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    let client = state.pool.get().await?;
    let status = migrations::status(&client).await?;
    if !status.is_at_newest() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not_migrated",
            "HQ's database is not at the newest schema version; run `hq db migrate`",
        ));
    }
    Ok("ready")
}

pub async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        super::openapi_json(),
    )
}

pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "there is no such API path",
    )
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this API path does not take this method (the Allow header lists those it takes)",
    )
}

/// Exchanges a one-time pairing code for the terminal's identity and token.
#[utoipa::path(post, path = "/api/v1/pair", request_body = PairRequest,
    params(("tally-protocol" = u32, Header, description = "Sync protocol version")),
    responses(
        (status = 200, body = PairResponse),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 426, body = ErrorBody), (status = 429, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn pair(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    _: Protocol,
    JsonBody(request): JsonBody<PairRequest>,
) -> Result<Json<PairResponse>, ApiError> {
    if let Err(wait) = state.pairing.check(peer.ip()) {
        tracing::warn!(address = %peer.ip(), "pairing refused: too many wrong codes");
        return Err(ApiError::too_many_attempts(
            "wrong pairing codes from this address",
            wait,
        ));
    }
    let mut client = state.pool.get().await?;
    match terminals::pair(&mut client, &request.code).await {
        Ok(paired) => Ok(Json(paired)),
        Err(error) => {
            if matches!(error, terminals::PairError::InvalidCode) {
                state.pairing.failed(peer.ip());
            }
            Err(error.into())
        }
    }
}

/// Exchanges a one-time re-keying code for a new token of the same terminal (one that
/// lost its token, or was revoked and is being replaced by its restored copy). Wrong codes
/// count against the same per-address throttle as pairing.
#[utoipa::path(post, path = "/api/v1/rekey", request_body = RekeyRequest,
    params(("tally-protocol" = u32, Header, description = "Sync protocol version")),
    responses(
        (status = 200, body = RekeyResponse),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 426, body = ErrorBody), (status = 429, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn rekey(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    _: Protocol,
    JsonBody(request): JsonBody<RekeyRequest>,
) -> Result<Json<RekeyResponse>, ApiError> {
    if let Err(wait) = state.pairing.check(peer.ip()) {
        tracing::warn!(address = %peer.ip(), "re-keying refused: too many wrong codes");
        return Err(ApiError::too_many_attempts(
            "wrong pairing or re-keying codes from this address",
            wait,
        ));
    }
    let mut client = state.pool.get().await?;
    match terminals::rekey::rekey(&mut client, request.terminal_id, &request.code).await {
        Ok(rekeyed) => Ok(Json(rekeyed)),
        Err(error) => {
            if matches!(error, terminals::RekeyError::InvalidCode) {
                state.pairing.failed(peer.ip());
            }
            Err(error.into())
        }
    }
}

/// Applies outbox records in sequence order, exactly once.
#[utoipa::path(post, path = "/api/v1/push", request_body = PushRequest,
    params(("tally-protocol" = u32, Header, description = "Sync protocol version")),
    security(("terminal_token" = [])),
    responses(
        (status = 200, body = PushResponse),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 426, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn push(
    State(state): State<AppState>,
    Terminal(terminal): Terminal,
    JsonBody(request): JsonBody<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    let mut client = state.pool.get().await?;
    Ok(Json(
        sync::apply_push(&mut client, terminal, &request.records).await?,
    ))
}

/// Catalog changes (tax rates, items, customers, till users) after a cursor.
#[utoipa::path(get, path = "/api/v1/catalog", params(CatalogQuery,
        ("tally-protocol" = u32, Header, description = "Sync protocol version")),
    security(("terminal_token" = [])),
    responses((status = 200, body = CatalogPage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 426, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn catalog(
    State(state): State<AppState>,
    Terminal(terminal): Terminal,
    QueryString(query): QueryString<CatalogQuery>,
) -> Result<Json<CatalogPage>, ApiError> {
    check_page_size(query.limit).map_err(ApiError::bad_request)?;
    let mut client = state.pool.get().await?;
    Ok(Json(
        sync::pull::catalog_page(&mut client, terminal, &query).await?,
    ))
}

/// Stock levels at the terminal's location after a cursor.
#[utoipa::path(get, path = "/api/v1/stock", params(StockQuery,
        ("tally-protocol" = u32, Header, description = "Sync protocol version")),
    security(("terminal_token" = [])),
    responses((status = 200, body = StockPage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 426, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn stock(
    State(state): State<AppState>,
    Terminal(terminal): Terminal,
    QueryString(query): QueryString<StockQuery>,
) -> Result<Json<StockPage>, ApiError> {
    check_page_size(query.limit).map_err(ApiError::bad_request)?;
    let mut client = state.pool.get().await?;
    Ok(Json(
        sync::pull::stock_page(&mut client, terminal, &query).await?,
    ))
}
