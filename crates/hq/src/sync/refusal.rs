//! Why a record is refused for good, and which database failures mean that.

use tokio_postgres::error::SqlState;

/// A record HQ will never accept as it is: it becomes a dead letter on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// What applying one record can end in, besides success.
#[derive(Debug)]
pub enum ApplyError {
    /// This record, for good; the records behind it go on.
    Refused(Refusal),
    /// The record claims another terminal's or location's data: the whole request is
    /// refused with 403 and nothing is applied.
    Forbidden(String),
    /// The database failed; see [`is_permanent`].
    Database(tokio_postgres::Error),
}

impl From<tokio_postgres::Error> for ApplyError {
    fn from(error: tokio_postgres::Error) -> Self {
        ApplyError::Database(error)
    }
}

impl From<Refusal> for ApplyError {
    fn from(refusal: Refusal) -> Self {
        ApplyError::Refused(refusal)
    }
}

/// An integrity or data error says the record cannot be stored (a duplicate id, a
/// reference to nothing, a value out of range): retrying would fail the same way, so the
/// record is refused. Anything else (a lost connection, a deadlock, a serialization
/// failure, a server shutting down) may pass on retry, so nothing is applied and the
/// terminal is told to come back.
pub fn is_permanent(error: &tokio_postgres::Error) -> bool {
    let Some(state) = error.code() else {
        return false;
    };
    if *state == SqlState::T_R_SERIALIZATION_FAILURE || *state == SqlState::T_R_DEADLOCK_DETECTED {
        return false;
    }
    let class = &state.code()[..2];
    class == "23" || class == "22"
}

/// The database's sentence, without the driver's prefix.
pub fn db_message(error: &tokio_postgres::Error) -> String {
    error
        .as_db_error()
        .map(|db| db.message().to_owned())
        .unwrap_or_else(|| error.to_string())
}
