//! Why a sync round did not finish.

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("HQ at {url} cannot be reached: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("HQ refused the request ({code}): {message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    #[error("{0}")]
    BadAddress(String),
    #[error("HQ's answer could not be read: {0}")]
    BadAnswer(String),
    #[error("this terminal is not paired with HQ; run `pos pair --hq URL --code CODE`")]
    NotPaired,
    #[error("the terminal's token is not in the OS keyring: {0}")]
    Token(String),
    #[error(transparent)]
    Store(#[from] pos_store::StoreError),
    #[error(transparent)]
    Terminal(#[from] pos_terminal::TerminalError),
}

impl SyncError {
    /// A failure that may pass by itself (HQ away, busy, or restarting), as opposed to one
    /// that needs a person (revoked, too old, data restored).
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Unreachable { .. } | SyncError::BadAnswer(_) => true,
            SyncError::Refused { status, .. } => *status >= 500 || *status == 408,
            _ => false,
        }
    }
}
