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
/// reference to nothing, a value out of range, a value too big for an index): retrying
/// would fail the same way, so the record is refused and the records behind it go on.
/// What is really transient (a lost connection, a deadlock, a serialization failure, a
/// server shutting down, resources running out) answers 503 with nothing applied. So does
/// HQ's own fault (an undefined column after a botched upgrade, a bug in a statement): it is
/// not the record's, and the record must land once HQ is fixed, not become a dead letter.
pub fn is_permanent(error: &tokio_postgres::Error) -> bool {
    let Some(state) = error.code() else {
        return false;
    };
    if *state == SqlState::T_R_SERIALIZATION_FAILURE || *state == SqlState::T_R_DEADLOCK_DETECTED {
        return false;
    }
    // 22: data exception, 23: integrity constraint violation, 54: program limit exceeded
    // (an index row too large, too many columns).
    matches!(&state.code()[..2], "22" | "23" | "54")
}

/// The refusal for a permanent database error, in our own words: PostgreSQL's sentence
/// names constraints and columns, which is for HQ's log, not for a till's dead letters.
pub fn refusal_for(error: &tokio_postgres::Error) -> Refusal {
    let state = error.code().map(|s| s.code()).unwrap_or("");
    let (code, message) = match state {
        "23505" => (
            "duplicate",
            "HQ already holds a record with one of this record's ids",
        ),
        "23503" => (
            "unknown_reference",
            "the record names something HQ does not hold",
        ),
        "22001" | "22003" | "54000" => (
            pos_domain::limits::OUT_OF_RANGE,
            "a value of the record is beyond what HQ can store",
        ),
        "22007" | "22008" => ("bad_date", "a date or time of the record is not valid"),
        _ => (
            "bad_record",
            "the record breaks one of HQ's rules for its data",
        ),
    };
    Refusal::new(code, message)
}

/// The database's sentence, without the driver's prefix (for HQ's log).
pub fn db_message(error: &tokio_postgres::Error) -> String {
    error
        .as_db_error()
        .map(|db| db.message().to_owned())
        .unwrap_or_else(|| error.to_string())
}
