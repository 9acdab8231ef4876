//! Every error the API answers is `{code, message}` with a fitting status.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sync_protocol::api::ErrorBody;

use crate::item_price::PriceError;
use crate::sessions::{LoginError, SessionError};
use crate::sync::PushError;
use crate::terminals::{AuthError, PairError, RekeyError, TerminalAdminError};
use crate::users::UserError;

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

    /// Too many failures counted by a throttle; `wait` until it may try again. `what`:
    /// "wrong pairing codes from this address", "refused e-mail addresses".
    pub fn too_many_attempts(what: &str, wait: std::time::Duration) -> Self {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!("too many {what}; try again in {minutes} minute(s)"),
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
    /// A value the database refuses for good (a data or integrity error, such as a NUL
    /// character in a name) is the request's fault: 400. Anything else may pass on retry:
    /// 503. Either way the answer is our own sentence: PostgreSQL's wording names tables,
    /// constraints and sometimes other rows' values, which is for HQ's log, not for callers.
    fn from(error: tokio_postgres::Error) -> Self {
        if crate::sync::is_permanent(&error) {
            // Not the error's detail: for a failing row it lists every column, hashes included.
            let db = error.as_db_error();
            tracing::warn!(
                code = ?error.code().map(tokio_postgres::error::SqlState::code),
                table = ?db.and_then(|d| d.table()),
                column = ?db.and_then(|d| d.column()),
                constraint = ?db.and_then(|d| d.constraint()),
                error = %crate::sync::db_message(&error),
                "the database refused a value of a request"
            );
            return ApiError::bad_request(
                "HQ cannot store a value of this request (a control character such as NUL, \
                 or a value out of range); nothing was changed",
            );
        }
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

impl From<RekeyError> for ApiError {
    fn from(error: RekeyError) -> Self {
        match error {
            RekeyError::InvalidCode => ApiError::new(
                StatusCode::UNAUTHORIZED,
                "rekey_code_invalid",
                error.to_string(),
            ),
            RekeyError::Database(e) => e.into(),
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

impl From<LoginError> for ApiError {
    fn from(error: LoginError) -> Self {
        let message = error.to_string();
        let (status, code) = match error {
            LoginError::Invalid => (StatusCode::UNAUTHORIZED, "invalid_login"),
            LoginError::Locked { .. } => (StatusCode::TOO_MANY_REQUESTS, "account_locked"),
            LoginError::NameTheOrganization => (StatusCode::BAD_REQUEST, "name_organization"),
            LoginError::Database(e) => return e.into(),
        };
        ApiError::new(status, code, message)
    }
}

impl From<SessionError> for ApiError {
    fn from(error: SessionError) -> Self {
        let message = error.to_string();
        let code = match error {
            SessionError::Unknown => "unauthorized",
            SessionError::Expired => "session_expired",
            SessionError::Ended => "session_ended",
            SessionError::UnknownRole(e) => return ApiError::unavailable(&e),
            SessionError::Database(e) => return e.into(),
        };
        ApiError::new(StatusCode::UNAUTHORIZED, code, message)
    }
}

impl From<UserError> for ApiError {
    fn from(error: UserError) -> Self {
        let message = error.to_string();
        let (status, code) = match error {
            UserError::InvalidEmail(_)
            | UserError::BlankName
            | UserError::InvalidPin(_)
            | UserError::PinRequired
            | UserError::PasswordRequired(_)
            | UserError::NoWayToSignIn => (StatusCode::BAD_REQUEST, "bad_request"),
            UserError::EmailUnavailable => (StatusCode::CONFLICT, "email_unavailable"),
            UserError::NoUser(_) => (StatusCode::NOT_FOUND, "no_user"),
            UserError::BelongsElsewhere(_) | UserError::LastAdmin(_) | UserError::OwnAccount => {
                (StatusCode::CONFLICT, "refused")
            }
            UserError::UnknownRole(e) => return ApiError::unavailable(&e),
            UserError::Database(e) => return e.into(),
        };
        ApiError::new(status, code, message)
    }
}

impl From<TerminalAdminError> for ApiError {
    fn from(error: TerminalAdminError) -> Self {
        let message = error.to_string();
        let (status, code) = match error {
            TerminalAdminError::EmptyName => (StatusCode::BAD_REQUEST, "bad_request"),
            TerminalAdminError::NoLocation(_) | TerminalAdminError::NoDefaultLocation => {
                (StatusCode::NOT_FOUND, "no_location")
            }
            TerminalAdminError::NoTerminal(_) | TerminalAdminError::NotPaired(_) => {
                (StatusCode::NOT_FOUND, "no_terminal")
            }
            TerminalAdminError::Database(e) => return e.into(),
        };
        ApiError::new(status, code, message)
    }
}

impl From<PriceError> for ApiError {
    fn from(error: PriceError) -> Self {
        let message = error.to_string();
        let (status, code) = match error {
            PriceError::InvalidPrice(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            PriceError::NoItem(_) => (StatusCode::NOT_FOUND, "no_item"),
            PriceError::Database(e) => return e.into(),
        };
        ApiError::new(status, code, message)
    }
}
