//! Every error crosses to the UI in one shape: the UI acts on `code` and shows `message`.

use pos_terminal::TerminalError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl From<TerminalError> for CommandError {
    fn from(error: TerminalError) -> Self {
        Self::new(error.code(), error.to_string())
    }
}

impl From<pos_sync::SyncError> for CommandError {
    fn from(error: pos_sync::SyncError) -> Self {
        Self::new("sync", error.to_string())
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
