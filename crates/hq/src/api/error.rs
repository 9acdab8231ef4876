//! Every error the API answers is `{code, message}` with a fitting status.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sync_protocol::api::ErrorBody;

use crate::sync::PushError;
use crate::terminals::{AuthError, PairError};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// Too many wrong pairing codes from this address; `wait` until it may try again.
    pub fn too_many_attempts(wait: std::time::Duration) -> Self {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!(
                "too many wrong pairing codes from this address; try again in {minutes} minute(s)"
            ),
        )
    }

    /// The database is down or busy: nothing was applied, the terminal retries later.
    pub fn unavailable(error: &dyn std::fmt::Display) -> Self {
        tracing::warn!(%error, "database unavailable");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "HQ's database is unavailable for a moment; nothing was applied, try again",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(ErrorBody {
                code: self.code.to_owned(),
                message: self.message,
            }),
        )
            .into_response()
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(error: tokio_postgres::Error) -> Self {
        ApiError::unavailable(&error)
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        ApiError::unavailable(&error)
    }
}

impl From<AuthError> for ApiError {
    fn from(error: AuthError) -> Self {
        match error {
            AuthError::Unknown => {
                ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", error.to_string())
            }
            AuthError::Revoked => {
                ApiError::new(StatusCode::UNAUTHORIZED, "revoked", error.to_string())
            }
            AuthError::Database(e) => e.into(),
        }
    }
}

impl From<PairError> for ApiError {
    fn from(error: PairError) -> Self {
        match error {
            PairError::InvalidCode => ApiError::new(
                StatusCode::UNAUTHORIZED,
                "pairing_code_invalid",
                error.to_string(),
            ),
            PairError::Database(e) => e.into(),
        }
    }
}

impl From<PushError> for ApiError {
    fn from(error: PushError) -> Self {
        let status = match &error {
            PushError::BadRequest(_) => StatusCode::BAD_REQUEST,
            PushError::SequenceReused { .. } | PushError::OutOfOrder { .. } => StatusCode::CONFLICT,
            PushError::Forbidden(_) => StatusCode::FORBIDDEN,
            PushError::Transient(e) => return ApiError::unavailable(e),
        };
        ApiError::new(status, error.code(), error.to_string())
    }
}
