//! What the app holds while it runs: the terminal, opened once at start.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use pos_terminal::{Terminal, TerminalError};

use crate::commands::CommandError;

/// The data folder: `POS_DATA_DIR` when set (as for `pos`), else the OS data folder's `tally`.
pub fn data_dir() -> PathBuf {
    std::env::var_os("POS_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|dir| dir.join("tally")))
        .unwrap_or_else(|| PathBuf::from("tally-data"))
}

pub struct AppState {
    /// The open terminal, or why it could not be opened (shown to the user as is).
    terminal: Mutex<Result<Terminal, CommandError>>,
}

impl AppState {
    pub fn open(dir: &Path) -> Self {
        let terminal = Terminal::open(dir).map_err(|error| match error {
            TerminalError::NotInitialized => CommandError {
                code: error.code().to_owned(),
                message: format!(
                    "There is no terminal in {} yet: run `pos init --demo` (scripts/run.sh does).",
                    dir.display()
                ),
            },
            other => CommandError::from(other),
        });
        Self {
            terminal: Mutex::new(terminal),
        }
    }

    /// Runs `f` with the terminal; one command at a time, like one cashier at one till.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Terminal) -> Result<T, TerminalError>,
    ) -> Result<T, CommandError> {
        let mut guard = self.terminal.lock().map_err(|_| CommandError {
            code: "internal".to_owned(),
            message: "the terminal is unavailable after an earlier failure; restart Tally"
                .to_owned(),
        })?;
        match guard.as_mut() {
            Ok(terminal) => f(terminal).map_err(CommandError::from),
            Err(error) => Err(error.clone()),
        }
    }
}
