//! The one place admin endpoints are checked: each handler names the permission it needs
//! in its signature (`Allowed<can::ManageTerminals>`), and this extractor refuses the
//! request unless a live session's role allows it. A handler that forgets to ask cannot
//! reach the caller's organization at all: the scope comes only from here.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;

use super::AppState;
use super::error::ApiError;
use crate::roles::Permission;
use crate::sessions::{self, SignedIn};

/// The bearer token of the request, or 401.
pub(super) fn bearer<'a>(parts: &'a Parts, what: &str) -> Result<&'a str, ApiError> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                format!("the request carries no {what} (Authorization: Bearer ...)"),
            )
        })
}

/// A live session, whatever its role (signing out needs no permission).
#[derive(Debug, Clone, Copy)]
pub struct Session(pub SignedIn);

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(parts, "session token")?;
        let client = state.pool.get().await?;
        Ok(Session(sessions::authenticate(&**client, token).await?))
    }
}

/// A permission, named as a type so a handler's signature states it.
pub trait Needs: Send + Sync + 'static {
    const PERMISSION: Permission;
}

/// The permissions, one type each.
pub mod can {
    use super::{Needs, Permission};

    macro_rules! permissions {
        ($($name:ident),*) => {$(
            #[derive(Debug)]
            pub struct $name;
            impl Needs for $name {
                const PERMISSION: Permission = Permission::$name;
            }
        )*};
    }

    permissions!(
        ViewTerminals,
        ManageTerminals,
        ViewUsers,
        ManageUsers,
        EditCatalog,
        ViewAudit
    );
}

/// A live session whose role allows `P`.
#[derive(Debug)]
pub struct Allowed<P> {
    pub who: SignedIn,
    need: PhantomData<P>,
}

impl<P: Needs> FromRequestParts<AppState> for Allowed<P> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Session(who) = Session::from_request_parts(parts, state).await?;
        if !who.role.allows(P::PERMISSION) {
            tracing::warn!(user = %who.user_id, role = %who.role, permission = ?P::PERMISSION,
                "refused a request beyond the user's role");
            let client = state.pool.get().await?;
            who.scope()
                .record(
                    &**client,
                    "access_refused",
                    "permission",
                    &format!("{:?}", P::PERMISSION),
                    parts.uri.path(),
                )
                .await?;
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                format!("a {} may not do this at HQ", who.role),
            ));
        }
        Ok(Self {
            who,
            need: PhantomData,
        })
    }
}
