//! A printer behind a device file (`/dev/usb/lp0`).
//!
//! A file has no write timeout of its own, and a USB printer that is out of paper can
//! block a write for as long as it likes. So the file is opened and written on a helper
//! thread and every step is waited for with a deadline: the caller gets its answer in
//! time, and a thread stuck in the kernel ends when the write does.
//!
//! Only a character device is written to (see `device.rs`): the path is checked before
//! opening, and the opened handle again before the first byte, since the path may have
//! been replaced in between.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::device;
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
    // Refused before opening: opening a named pipe would wait for a reader instead.
    device::check_path(path, name)?;
    let (chunk_tx, chunk_rx) = mpsc::channel::<Vec<u8>>();
    let (opened_tx, opened_rx) = mpsc::channel::<Result<(), PrintError>>();
    let (done_tx, done_rx) = mpsc::channel::<io::Result<()>>();
    let path: PathBuf = path.to_owned();
    let owned_name = name.to_owned();
    thread::Builder::new()
        .name("printer-file".to_owned())
        .spawn(move || writer(&path, &owned_name, &opened_tx, &chunk_rx, &done_tx))
        .map_err(unreachable)?;
    match wait(&opened_rx, options.connect_timeout, "opening the device") {
        Ok(opened) => opened?,
        Err(timeout) => return Err(unreachable(timeout)),
    }

    let mut chunks = 0;
    for chunk in bytes.chunks(options.chunk_size) {
        let step = chunk_tx
            .send(chunk.to_vec())
            .map_err(|_| io::Error::other("the device writer stopped"))
            .and_then(|()| wait(&done_rx, options.write_timeout, "writing")?);
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

/// Opens the device and checks that it is one, then writes each chunk it is handed until
/// the sender goes away or a write fails, answering every step. Write-only and never
/// created: a missing device is a printer that is off, not a file to make.
fn writer(
    path: &Path,
    name: &str,
    opened: &mpsc::Sender<Result<(), PrintError>>,
    chunks: &mpsc::Receiver<Vec<u8>>,
    done: &mpsc::Sender<io::Result<()>>,
) {
    let mut file = match open_device(path, name) {
        Ok(file) => file,
        Err(e) => {
            let _ = opened.send(Err(e));
            return;
        }
    };
    if opened.send(Ok(())).is_err() {
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

/// Opens `path` for writing and checks what was opened, not what the path named a moment
/// before. Never truncates or creates: a refused file is left exactly as it was.
fn open_device(path: &Path, name: &str) -> Result<File, PrintError> {
    let unreachable = |source| PrintError::Unreachable {
        address: name.to_owned(),
        source,
    };
    let mut options = OpenOptions::new();
    options.write(true);
    // A serial printer is a terminal device: it must never become this process's
    // controlling terminal, whose hang-up would end the app.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOCTTY);
    let file = options.open(path).map_err(unreachable)?;
    let meta = file.metadata().map_err(unreachable)?;
    device::check_metadata(&meta, name)?;
    Ok(file)
}

/// The next answer from the writer, or why none came in time.
fn wait<T>(answers: &mpsc::Receiver<T>, timeout: Duration, what: &str) -> io::Result<T> {
    match answers.recv_timeout(timeout) {
        Ok(answer) => Ok(answer),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("{what} took longer than {} ms", timeout.as_millis()),
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(io::Error::other("the device writer stopped"))
        }
    }
}
