//! A printer behind a device file: a pseudo-terminal, which is a real character device
//! like `/dev/usb/lp0`. Its line discipline is set raw so every byte written to the device
//! arrives unchanged at the other end, where the test reads it.

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{OptionalActions, tcgetattr, tcsetattr};

pub struct TestDevice {
    /// The device a `file://` printer names (`/dev/pts/N`).
    pub path: PathBuf,
    received: mpsc::Receiver<Vec<u8>>,
}

impl TestDevice {
    pub fn open() -> TestDevice {
        let flags = OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC;
        let master = openpt(flags).expect("a pseudo-terminal");
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        // Set on the master, this applies to the device end: no newline translation, no
        // echo, nothing added or dropped.
        let mut mode = tcgetattr(&master).unwrap();
        mode.make_raw();
        tcsetattr(&master, OptionalActions::Now, &mode).unwrap();
        let path = PathBuf::from(ptsname(&master, Vec::new()).unwrap().into_string().unwrap());
        let (tx, received) = mpsc::channel();
        let mut master = File::from(master);
        // Reads until the device end is closed by the last writer (EIO), or the test ends.
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = master.read(&mut buf) {
                if tx.send(buf[..n].to_vec()).is_err() {
                    return;
                }
            }
        });
        TestDevice { path, received }
    }

    /// The `file://` address of the device.
    pub fn address(&self) -> String {
        format!("file://{}", self.path.display())
    }

    /// What arrived once `count` bytes have, or whatever had after ten seconds.
    pub fn bytes(&self, count: usize) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut bytes = Vec::new();
        while bytes.len() < count {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.received.recv_timeout(left) {
                Ok(piece) => bytes.extend(piece),
                Err(_) => break,
            }
        }
        bytes
    }
}
