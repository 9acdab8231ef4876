//! A printer behind a device file (`/dev/usb/lp0`).
//!
//! A file has no write timeout of its own, and a USB printer that is out of paper can
//! block a write for as long as it likes. So the file is opened and written on a helper
//! thread and every step is waited for with a deadline: the caller gets its answer in
//! time, and a thread stuck in the kernel ends when the write does.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::send::SendOptions;
use crate::PrintError;

/// Sends `bytes` to the device at `path`; returns the number of chunks written.
pub(super) fn send(
    path: &Path,
    bytes: &[u8],
    options: &SendOptions,
    name: &str,
) -> Result<usize, PrintError> {
    let unreachable = |source| PrintError::Unreachable {
        address: name.to_owned(),
        source,
    };
    let (chunk_tx, chunk_rx) = mpsc::channel::<Vec<u8>>();
    let (done_tx, done_rx) = mpsc::channel::<io::Result<()>>();
    let path: PathBuf = path.to_owned();
    thread::Builder::new()
        .name("printer-file".to_owned())
        .spawn(move || writer(&path, &chunk_rx, &done_tx))
        .map_err(unreachable)?;
    wait(&done_rx, options.connect_timeout, "opening the device").map_err(unreachable)?;

    let mut chunks = 0;
    for chunk in bytes.chunks(options.chunk_size) {
        let step = chunk_tx
            .send(chunk.to_vec())
            .map_err(|_| io::Error::other("the device writer stopped"))
            .and_then(|()| wait(&done_rx, options.write_timeout, "writing"));
        if let Err(source) = step {
            return Err(PrintError::Interrupted {
                address: name.to_owned(),
                written: chunks * options.chunk_size,
                total: bytes.len(),
                source,
            });
        }
        chunks += 1;
    }
    Ok(chunks)
}

/// Opens the device, then writes each chunk it is handed until the sender goes away or a
/// write fails, answering every step. Write-only and never created: a missing device is
/// a printer that is off, not a file to make.
fn writer(path: &Path, chunks: &mpsc::Receiver<Vec<u8>>, done: &mpsc::Sender<io::Result<()>>) {
    let mut file = match OpenOptions::new().write(true).open(path) {
        Ok(file) => file,
        Err(e) => {
            let _ = done.send(Err(e));
            return;
        }
    };
    if done.send(Ok(())).is_err() {
        return;
    }
    for chunk in chunks {
        let result = file.write_all(&chunk).and_then(|()| file.flush());
        let failed = result.is_err();
        if done.send(result).is_err() || failed {
            return;
        }
    }
}

fn wait(done: &mpsc::Receiver<io::Result<()>>, timeout: Duration, what: &str) -> io::Result<()> {
    match done.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("{what} took longer than {} ms", timeout.as_millis()),
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(io::Error::other("the device writer stopped"))
        }
    }
}
