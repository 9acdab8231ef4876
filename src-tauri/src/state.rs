//! What the app holds while it runs: the terminal (opened at start, or created on first
//! run), the till session on it, and the background workers: sync with HQ, and printing.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use pos_sync::SyncWorker;
use pos_terminal::{PrintWorker, Terminal, TerminalError, Till};
use serde::Serialize;

use crate::error::{CommandError, CommandResult};

/// The data folder: `POS_DATA_DIR` when set (as for `pos`), else the OS data folder's `tally`.
pub fn data_dir() -> PathBuf {
    std::env::var_os("POS_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|dir| dir.join("tally")))
        .unwrap_or_else(|| PathBuf::from("tally-data"))
}

/// Whether there is a store to work on, for the first-run screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SetupState {
    Ready,
    /// No terminal in the data folder yet: offer the demo store or pairing with HQ.
    NeedsSetup {
        data_dir: String,
    },
    /// The store exists but cannot be opened; the message says why.
    Broken {
        message: String,
    },
}

struct Session {
    terminal: Result<Terminal, CommandError>,
    till: Till,
}

pub struct AppState {
    dir: PathBuf,
    session: Mutex<Session>,
    sync: OnceLock<SyncWorker>,
    printing: OnceLock<PrintWorker>,
}

fn poisoned() -> CommandError {
    CommandError::new(
        "internal",
        "the terminal is unavailable after an earlier failure; restart Tally",
    )
}

impl AppState {
    pub fn open(dir: &Path) -> Self {
        let mut terminal = Terminal::open(dir).map_err(CommandError::from);
        // The sale that was open when the app last stopped comes back, payments and all.
        let till = match terminal.as_mut() {
            Ok(terminal) => Till::restore(terminal).unwrap_or_else(|error| {
                eprintln!("warning: {error}; the till starts with a new sale");
                Till::new()
            }),
            Err(_) => Till::new(),
        };
        Self {
            dir: dir.to_owned(),
            session: Mutex::new(Session { terminal, till }),
            sync: OnceLock::new(),
            printing: OnceLock::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn session(&self) -> CommandResult<MutexGuard<'_, Session>> {
        self.session.lock().map_err(|_| poisoned())
    }

    pub fn setup_state(&self) -> CommandResult<SetupState> {
        Ok(match &self.session()?.terminal {
            Ok(_) => SetupState::Ready,
            Err(error) if error.code == "not_initialized" => SetupState::NeedsSetup {
                data_dir: self.dir.display().to_string(),
            },
            Err(error) => SetupState::Broken {
                message: error.message.clone(),
            },
        })
    }

    /// Puts a freshly created (demo or paired) store in place of "not set up yet".
    pub fn adopt(&self, terminal: Terminal) -> CommandResult<()> {
        let mut session = self.session()?;
        if session.terminal.is_ok() {
            return Err(TerminalError::AlreadyInitialized.into());
        }
        session.terminal = Ok(terminal);
        session.till = Till::new();
        Ok(())
    }

    /// Starts the sync worker on the current tokio runtime when the terminal is paired;
    /// a terminal that is not (the demo store) just has none. A missing token is not
    /// fatal either: selling goes on and the status line says why sync cannot run.
    pub fn start_sync(&self) {
        let db = self.dir.join(pos_terminal::DB_FILE);
        if !db.exists() {
            return; // not set up yet: the first-run screen starts sync after pairing
        }
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

    /// Starts the background printer thread once the store exists; it sends the print
    /// queue when woken and retries while receipts wait.
    pub fn start_printing(&self) {
        if !self.dir.join(pos_terminal::DB_FILE).exists() || self.printing.get().is_some() {
            return;
        }
        match PrintWorker::spawn(self.dir.clone()) {
            Ok(worker) => {
                let _ = self.printing.set(worker);
                self.print_now(); // whatever waited since the last run
            }
            Err(error) => eprintln!("warning: printing cannot start: {error}"),
        }
    }

    /// Asks the printer thread to send the queue now.
    pub fn print_now(&self) {
        if let Some(worker) = self.printing.get() {
            worker.wake();
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
    ) -> CommandResult<T> {
        let mut session = self.session()?;
        match session.terminal.as_mut() {
            Ok(terminal) => f(terminal).map_err(CommandError::from),
            Err(error) => Err(error.clone()),
        }
    }

    /// Runs `f` with the till session and its terminal.
    pub fn with_till<T>(
        &self,
        f: impl FnOnce(&mut Till, &mut Terminal) -> Result<T, TerminalError>,
    ) -> CommandResult<T> {
        let mut guard = self.session()?;
        let session = &mut *guard;
        match session.terminal.as_mut() {
            Ok(terminal) => f(&mut session.till, terminal).map_err(CommandError::from),
            Err(error) => Err(error.clone()),
        }
    }
}
