//! What a `file://` printer may be: a character device (`/dev/usb/lp0`, a serial port),
//! nothing else.
//!
//! A regular file would have its first bytes overwritten by every receipt, a folder or a
//! socket cannot print, and a named pipe would hand receipts to whatever reads it. The
//! path is checked when the printer is set and again at every print, both on the path
//! and on the handle that was opened (the path may have changed in between).

use std::fs::{self, Metadata};
use std::path::Path;

use crate::{PrintError, PrinterAddress};

/// Checks that a printer can be set to `address` now: a `file://` address must name a
/// character device that exists. A TCP address is not contacted (the printer may be off
/// while it is set up) and `none` needs nothing.
pub fn check_printer(address: &PrinterAddress) -> Result<(), PrintError> {
    match address {
        PrinterAddress::File(path) => check_path(path, &address.to_string()),
        PrinterAddress::Tcp { .. } | PrinterAddress::None => Ok(()),
    }
}

/// Refuses `path` unless it is a character device (symbolic links are followed: what
/// counts is what a write would reach). A missing path is an unreachable printer.
pub(super) fn check_path(path: &Path, name: &str) -> Result<(), PrintError> {
    let meta = fs::metadata(path).map_err(|source| PrintError::Unreachable {
        address: name.to_owned(),
        source,
    })?;
    check_metadata(&meta, name)
}

/// Refuses what `meta` describes unless it is a character device.
pub(super) fn check_metadata(meta: &Metadata, name: &str) -> Result<(), PrintError> {
    match not_a_device(meta) {
        None => Ok(()),
        Some(found) => Err(PrintError::NotADevice {
            address: name.to_owned(),
            found,
        }),
    }
}

/// What `meta` describes, in words, when it is not a character device.
#[cfg(unix)]
fn not_a_device(meta: &Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_char_device() {
        None
    } else if kind.is_file() {
        Some("a regular file")
    } else if kind.is_dir() {
        Some("a folder")
    } else if kind.is_fifo() {
        Some("a named pipe")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_block_device() {
        Some("a block device (a disk)")
    } else {
        Some("not a device")
    }
}

/// Elsewhere there are no device files to print to.
#[cfg(not(unix))]
fn not_a_device(_meta: &Metadata) -> Option<&'static str> {
    Some("not a device this system can print to")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn check(path: &Path) -> Result<(), PrintError> {
        check_printer(&PrinterAddress::File(path.to_owned()))
    }

    #[test]
    fn a_character_device_is_a_printer() {
        check(Path::new("/dev/null")).unwrap();
    }

    #[test]
    fn anything_else_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("receipt.txt");
        fs::write(&file, b"keep me").unwrap();
        let link = dir.path().join("lp0");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        for (path, found) in [
            (file.clone(), "a regular file"),
            (link, "a regular file"),
            (dir.path().to_owned(), "a folder"),
        ] {
            let err = check(&path).unwrap_err();
            assert_eq!(err.code(), "printer_not_a_device", "{}", path.display());
            let message = err.to_string();
            assert!(message.contains(found), "{message}");
            assert!(message.contains(&path.display().to_string()), "{message}");
        }
        assert_eq!(fs::read(&file).unwrap(), b"keep me");
    }

    #[test]
    fn a_missing_device_is_unreachable() {
        let err = check(&PathBuf::from("/dev/usb/no-such-lp9")).unwrap_err();
        assert_eq!(err.code(), "printer_unreachable");
    }

    #[test]
    fn network_and_no_printer_are_not_checked_here() {
        check_printer(&PrinterAddress::None).unwrap();
        check_printer(&PrinterAddress::parse("tcp://192.0.2.1:9100").unwrap()).unwrap();
    }
}
