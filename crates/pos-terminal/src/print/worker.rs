//! Printing in the background for the desktop app: a thread that sends the queue when
//! woken (after a sale) and retries every minute while jobs wait, on its own connection to
//! the store so a slow printer never holds up the till.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use crate::Terminal;

/// How long a failed job waits before the next try when nothing wakes the worker.
const RETRY: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct PrintWorker {
    wake: Sender<()>,
}

impl PrintWorker {
    /// Starts the thread for the terminal in `data_dir`.
    pub fn spawn(data_dir: PathBuf) -> std::io::Result<Self> {
        let (wake, woken) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("tally-printer".to_owned())
            .spawn(move || {
                loop {
                    match woken.recv_timeout(RETRY) {
                        Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                    while woken.try_recv().is_ok() {} // one round serves every wake so far
                    let round = Terminal::open(&data_dir).and_then(|mut t| t.print_waiting());
                    match round {
                        Ok(round) => {
                            if let Some(error) = round.error {
                                eprintln!("warning: {error}; it stays queued");
                            }
                        }
                        Err(error) => eprintln!("warning: printing failed: {error}"),
                    }
                }
            })?;
        Ok(Self { wake })
    }

    /// Asks for a round now.
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }
}
