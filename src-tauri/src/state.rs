//! What the app holds while it runs: the terminal, opened once at start.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use pos_sync::SyncWorker;
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
    /// The background sync with HQ, when the terminal is paired (see `start_sync`).
    sync: OnceLock<SyncWorker>,
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
            sync: OnceLock::new(),
        }
    }

    /// Starts the sync worker on the current tokio runtime when the terminal is paired;
    /// a terminal that is not (the demo store) just has none. A missing token is not
    /// fatal either: selling goes on and the status line says why sync cannot run.
    pub fn start_sync(&self, dir: &Path) {
        let db = dir.join(pos_terminal::DB_FILE);
        let client = match pos_store::Store::open(&db).map_err(pos_sync::SyncError::from) {
            Ok(store) => pos_sync::client_for(&store),
            Err(error) => Err(error),
        };
        match client {
            Ok(client) => {
                let _ = self.sync.set(SyncWorker::spawn(db, client));
            }
            Err(pos_sync::SyncError::NotPaired) => {}
            Err(error) => eprintln!("warning: sync with HQ cannot start: {error}"),
        }
    }

    /// Asks for a sync round now; false when this terminal does not sync.
    pub fn sync_now(&self) -> bool {
        self.sync.get().map(SyncWorker::wake).is_some()
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
