//! The admin API under `/api/v1/admin`: sign in, then manage terminals, users and prices
//! and read the audit log. Each handler states its permission (`Allowed<can::...>`) and
//! acts only in the session's organization (`who.scope()`).

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sync_protocol::api::ErrorBody;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::AppState;
use super::error::ApiError;
use super::extract::{JsonBody, PathParams, QueryString};
use super::session::{Allowed, Session, can};
use crate::audit::{self, AuditRow};
use crate::item_price::{self, PriceChange};
use crate::password::Password;
use crate::roles::Role;
use crate::sessions::{self, LoginError, Opened};
use crate::terminals::{self, AddedTerminal, TerminalRow};
use crate::users::{self, NewUser, User, UserError, UserRow};

/// An e-mail address and a password (and the organization, for a user of several).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The organization's slug; needed only when the user belongs to several.
    pub organization: Option<String>,
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTerminalRequest {
    /// The terminal's name ("Till 1").
    pub name: String,
    /// Its location, by name or code (default: the organization's store).
    pub location: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    pub email: String,
    /// Defaults to the e-mail address.
    pub name: Option<String>,
    pub role: Role,
    /// A till PIN, 4 to 8 digits.
    pub pin: Option<String>,
    /// A password to sign in at HQ (owners and admins need one).
    pub password: Option<String>,
}

impl std::fmt::Debug for NewUserRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUserRequest")
            .field("email", &self.email)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinRequest {
    /// 4 to 8 digits.
    pub pin: String,
}

impl std::fmt::Debug for PinRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinRequest(<redacted>)")
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceRequest {
    /// Decimal text with at most two decimals, e.g. "12.50".
    pub price: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// How many entries, newest first (1 to 1000; default 100).
    pub limit: Option<i64>,
}

/// The record an action changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct Changed {
    pub id: Uuid,
}

/// Signs in; the token authorizes the other admin endpoints until it expires.
#[utoipa::path(post, path = "/api/v1/admin/login", request_body = LoginRequest,
    responses((status = 200, body = Opened), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 429, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Json<Opened>, ApiError> {
    if let Err(wait) = state.logins.check(peer.ip()) {
        tracing::warn!(address = %peer.ip(), "sign-in refused: too many wrong passwords from this address");
        return Err(ApiError::too_many_attempts(
            "wrong passwords from this address",
            wait,
        ));
    }
    let mut client = state.pool.get().await?;
    let outcome = sessions::login(
        &mut client,
        &request.email,
        &request.password,
        request.organization.as_deref(),
    )
    .await;
    if matches!(
        outcome,
        Err(LoginError::Invalid | LoginError::Locked { .. })
    ) {
        state.logins.failed(peer.ip());
    }
    Ok(Json(outcome?))
}

/// Ends the session.
#[utoipa::path(post, path = "/api/v1/admin/logout", security(("session_token" = [])),
    responses((status = 204, description = "Signed out"), (status = 401, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn logout(
    State(state): State<AppState>,
    Session(who): Session,
) -> Result<StatusCode, ApiError> {
    let client = state.pool.get().await?;
    sessions::logout(&**client, &who).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organization's terminals.
#[utoipa::path(get, path = "/api/v1/admin/terminals", security(("session_token" = [])),
    responses((status = 200, body = [TerminalRow]), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn list_terminals(
    State(state): State<AppState>,
    allowed: Allowed<can::ViewTerminals>,
) -> Result<Json<Vec<TerminalRow>>, ApiError> {
    let client = state.pool.get().await?;
    Ok(Json(
        terminals::list_terminals(&**client, allowed.who.organization_id).await?,
    ))
}

/// Adds a terminal; the answer holds its one-time pairing code.
#[utoipa::path(post, path = "/api/v1/admin/terminals", request_body = NewTerminalRequest,
    security(("session_token" = [])),
    responses((status = 201, body = AddedTerminal), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn add_terminal(
    State(state): State<AppState>,
    allowed: Allowed<can::ManageTerminals>,
    JsonBody(request): JsonBody<NewTerminalRequest>,
) -> Result<(StatusCode, Json<AddedTerminal>), ApiError> {
    let mut client = state.pool.get().await?;
    let added = terminals::add_terminal(
        &mut client,
        &allowed.who.scope(),
        &request.name,
        request.location.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Revokes a terminal (by id or code): its token stops working at once.
#[utoipa::path(post, path = "/api/v1/admin/terminals/{terminal}/revoke",
    params(("terminal" = String, Path, description = "The terminal's id or code")),
    security(("session_token" = [])),
    responses((status = 200, body = Changed), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn revoke_terminal(
    State(state): State<AppState>,
    allowed: Allowed<can::ManageTerminals>,
    PathParams(terminal): PathParams<String>,
) -> Result<Json<Changed>, ApiError> {
    let mut client = state.pool.get().await?;
    let id = terminals::revoke_terminal(&mut client, &allowed.who.scope(), &terminal).await?;
    Ok(Json(Changed { id }))
}

/// The organization's users (no hashes).
#[utoipa::path(get, path = "/api/v1/admin/users", security(("session_token" = [])),
    responses((status = 200, body = [UserRow]), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    allowed: Allowed<can::ViewUsers>,
) -> Result<Json<Vec<UserRow>>, ApiError> {
    let client = state.pool.get().await?;
    Ok(Json(
        users::list_users(&**client, allowed.who.organization_id).await?,
    ))
}

/// Adds a user with a role in the organization. An e-mail address that already has an
/// account, here or in another organization, is refused (409 `email_unavailable`, the same
/// answer either way); a user refused too many addresses waits (429).
#[utoipa::path(post, path = "/api/v1/admin/users", request_body = NewUserRequest,
    security(("session_token" = [])),
    responses((status = 201, body = User), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 429, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn add_user(
    State(state): State<AppState>,
    allowed: Allowed<can::ManageUsers>,
    JsonBody(request): JsonBody<NewUserRequest>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    let password = request
        .password
        .map(Password::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let new = NewUser {
        name: request
            .name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| request.email.trim().to_owned()),
        email: request.email,
        role: request.role,
        pin: request.pin,
        password,
    };
    let who = allowed.who.user_id;
    if let Err(wait) = state.email_refusals.check(who) {
        tracing::warn!(user = %who, "user add refused: too many e-mail addresses already in use");
        return Err(ApiError::too_many_attempts(
            "refused e-mail addresses",
            wait,
        ));
    }
    let mut client = state.pool.get().await?;
    let outcome = users::add_user(&mut client, &allowed.who.scope(), &new).await;
    if matches!(outcome, Err(UserError::EmailUnavailable)) {
        state.email_refusals.failed(who);
    }
    Ok((StatusCode::CREATED, Json(outcome?)))
}

/// Disables a user (by e-mail address or id).
#[utoipa::path(post, path = "/api/v1/admin/users/{user}/disable",
    params(("user" = String, Path, description = "The user's e-mail address or id")),
    security(("session_token" = [])),
    responses((status = 200, body = Changed), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn disable_user(
    State(state): State<AppState>,
    allowed: Allowed<can::ManageUsers>,
    PathParams(user): PathParams<String>,
) -> Result<Json<Changed>, ApiError> {
    let mut client = state.pool.get().await?;
    let id = users::disable_user(&mut client, &allowed.who.scope(), &user).await?;
    Ok(Json(Changed { id }))
}

/// Sets a user's till PIN.
#[utoipa::path(put, path = "/api/v1/admin/users/{user}/pin", request_body = PinRequest,
    params(("user" = String, Path, description = "The user's e-mail address or id")),
    security(("session_token" = [])),
    responses((status = 200, body = Changed), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn set_pin(
    State(state): State<AppState>,
    allowed: Allowed<can::ManageUsers>,
    PathParams(user): PathParams<String>,
    JsonBody(request): JsonBody<PinRequest>,
) -> Result<Json<Changed>, ApiError> {
    let mut client = state.pool.get().await?;
    let id = users::set_pin(&mut client, &allowed.who.scope(), &user, &request.pin).await?;
    Ok(Json(Changed { id }))
}

/// Changes an item's price.
#[utoipa::path(put, path = "/api/v1/admin/items/{sku}/price", request_body = PriceRequest,
    params(("sku" = String, Path, description = "The item's SKU")),
    security(("session_token" = [])),
    responses((status = 200, body = PriceChange), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn set_price(
    State(state): State<AppState>,
    allowed: Allowed<can::EditCatalog>,
    PathParams(sku): PathParams<String>,
    JsonBody(request): JsonBody<PriceRequest>,
) -> Result<Json<PriceChange>, ApiError> {
    let mut client = state.pool.get().await?;
    Ok(Json(
        item_price::set_price(&mut client, &allowed.who.scope(), &sku, &request.price).await?,
    ))
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/api/v1/admin/audit", params(AuditQuery),
    security(("session_token" = [])),
    responses((status = 200, body = [AuditRow]), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn audit_log(
    State(state): State<AppState>,
    allowed: Allowed<can::ViewAudit>,
    QueryString(query): QueryString<AuditQuery>,
) -> Result<Json<Vec<AuditRow>>, ApiError> {
    let limit = query.limit.unwrap_or(100);
    if !(1..=audit::MAX_LISTED).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be 1 to {}",
            audit::MAX_LISTED
        )));
    }
    let client = state.pool.get().await?;
    Ok(Json(
        audit::list(&**client, allowed.who.organization_id, limit).await?,
    ))
}
