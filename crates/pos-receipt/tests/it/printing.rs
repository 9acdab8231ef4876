//! Sending to printers: a loopback TCP printer, a device (a pseudo-terminal), printers that
//! are off, and paths that are no printer at all.

use std::time::{Duration, Instant};

use pos_receipt::{
    Delivery, DrawerPin, EscPosOptions, Paper, PrintError, PrinterAddress, SendOptions,
    check_printer, escpos, send, send_with,
};

use crate::escpos_stream::{Cmd, parse};
use crate::fixtures::{long_doc, sale_doc};
#[cfg(unix)]
use crate::test_device::TestDevice;
use crate::test_printer::{TestPrinter, closed_port};

fn receipt_80mm(doc: &pos_receipt::ReceiptDocument) -> Vec<u8> {
    let options = EscPosOptions {
        drawer: Some(DrawerPin::Pin2),
        ..EscPosOptions::new(Paper::Mm80)
    };
    escpos(doc, &options)
}

#[test]
fn a_network_printer_receives_a_well_formed_job_with_the_cut_and_the_barcode() {
    let printer = TestPrinter::start();
    let bytes = receipt_80mm(&sale_doc());
    let delivery = send(&printer.address, &bytes).unwrap();
    assert_eq!(
        delivery,
        Delivery::Sent {
            bytes: bytes.len(),
            chunks: bytes.len().div_ceil(512)
        }
    );
    let job = printer.job();
    assert_eq!(job.bytes, bytes);
    let cmds = parse(&job.bytes, 48).unwrap();
    assert_eq!(cmds.first(), Some(&Cmd::Init));
    assert_eq!(cmds.last(), Some(&Cmd::Cut));
    assert!(cmds.contains(&Cmd::Code128 {
        set: b'B',
        data: "T01-000123".to_owned()
    }));
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Cmd::DrawerPulse { pin: 0, .. }))
    );
}

#[test]
fn a_hundred_line_receipt_prints_whole_on_a_slow_printer() {
    // The printer drains 64 bytes every 2 ms: the job takes far longer than one write may
    // wait, and still arrives whole, because only each write has a deadline.
    let printer = TestPrinter::reading(64, Duration::from_millis(2));
    let bytes = receipt_80mm(&long_doc(100));
    assert!(bytes.len() > 5_000, "{} bytes", bytes.len());
    let options = SendOptions {
        write_timeout: Duration::from_millis(100),
        ..SendOptions::default()
    };
    let Delivery::Sent { chunks, .. } = send_with(&printer.address, &bytes, &options).unwrap()
    else {
        panic!("a TCP printer is not `none`");
    };
    assert!(chunks >= 10, "{chunks} chunks");
    let job = printer.job();
    assert!(job.took > options.write_timeout, "took {:?}", job.took);
    assert_eq!(job.bytes.len(), bytes.len());
    assert_eq!(job.bytes, bytes);
    let cmds = parse(&job.bytes, 48).unwrap();
    let item_lines = cmds
        .iter()
        .filter(|c| matches!(c, Cmd::Text(t) if t.starts_with(b"Item number")))
        .count();
    assert_eq!(item_lines, 100);
}

#[test]
fn a_host_name_is_resolved_and_every_address_tried() {
    let printer = TestPrinter::start();
    let PrinterAddress::Tcp { port, .. } = printer.address else {
        unreachable!()
    };
    // `localhost` may resolve to ::1 first, where nothing listens: the next address works.
    let by_name = PrinterAddress::parse(&format!("tcp://localhost:{port}")).unwrap();
    send(&by_name, b"\x1b@hello\n").unwrap();
    assert_eq!(printer.job().bytes, b"\x1b@hello\n");
}

#[test]
fn a_printer_that_refuses_connections_fails_quickly_and_clearly() {
    let address = PrinterAddress::parse(&format!("tcp://127.0.0.1:{}", closed_port())).unwrap();
    let started = Instant::now();
    let err = send(&address, &receipt_80mm(&sale_doc())).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.code(), "printer_unreachable");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("the printer at {address} cannot be reached")),
        "{message}"
    );
    assert!(message.to_lowercase().contains("refused"), "{message}");
}

#[test]
fn a_printer_that_stops_taking_data_fails_within_the_write_timeout() {
    // Accepts the connection, then never reads: once the kernel's buffers are full, a
    // write waits for nothing.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
    let stalled = std::thread::spawn(move || {
        let (_stream, _) = listener.accept().unwrap();
        let _ = stop_rx.recv_timeout(Duration::from_secs(20));
    });
    let address = PrinterAddress::parse(&format!("tcp://127.0.0.1:{port}")).unwrap();
    let bytes = vec![b'x'; 64 * 1024 * 1024];
    let options = SendOptions {
        write_timeout: Duration::from_millis(200),
        chunk_size: 64 * 1024,
        ..SendOptions::default()
    };
    let started = Instant::now();
    let err = send_with(&address, &bytes, &options).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.code(), "printer_interrupted");
    let PrintError::Interrupted { written, total, .. } = err else {
        unreachable!()
    };
    assert!(written > 0 && written < total, "{written} of {total}");
    stop_tx.send(()).unwrap();
    stalled.join().unwrap();
}

#[cfg(unix)]
#[test]
fn a_device_file_receives_the_job() {
    let device = TestDevice::open();
    let address = PrinterAddress::parse(&device.address()).unwrap();
    check_printer(&address).unwrap();
    let bytes = receipt_80mm(&sale_doc());
    let options = SendOptions {
        chunk_size: 100,
        ..SendOptions::default()
    };
    let delivery = send_with(&address, &bytes, &options).unwrap();
    assert_eq!(
        delivery,
        Delivery::Sent {
            bytes: bytes.len(),
            chunks: bytes.len().div_ceil(100)
        }
    );
    assert_eq!(device.bytes(bytes.len()), bytes);
}

#[cfg(unix)]
#[test]
fn anything_but_a_device_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lp0");
    std::fs::write(&file, b"someone's notes").unwrap();
    let link = dir.path().join("lp1");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    let fifo = dir.path().join("lp2");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
    )
    .unwrap();
    for (path, found) in [
        (&file, "a regular file"),
        (&link, "a regular file"),
        (&fifo, "a named pipe"),
        (&dir.path().to_owned(), "a folder"),
    ] {
        let address = PrinterAddress::parse(&format!("file://{}", path.display())).unwrap();
        let started = Instant::now();
        let err = send(&address, &receipt_80mm(&sale_doc())).unwrap_err();
        // At once: a named pipe is never opened, so nothing waits for a reader.
        assert!(started.elapsed() < Duration::from_secs(1), "{found}");
        assert_eq!(err.code(), "printer_not_a_device", "{found}");
        assert_eq!(
            err.to_string(),
            format!(
                "the printer at {address} is {found}, not a device: a file:// printer must be \
                 a character device such as /dev/usb/lp0 (nothing was written to it)"
            )
        );
        assert_eq!(
            check_printer(&address).unwrap_err().code(),
            "printer_not_a_device"
        );
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"someone's notes");
}

#[test]
fn a_missing_device_is_unreachable_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let address = PrinterAddress::File(dir.path().join("usb/lp9"));
    let started = Instant::now();
    let err = send(&address, b"\x1b@").unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(err.code(), "printer_unreachable");
    assert!(err.to_string().contains("lp9"), "{err}");
    // The device is never created: a missing printer is not a file to make.
    assert!(!dir.path().join("usb").exists());
}

#[test]
fn no_printer_sends_nothing() {
    assert_eq!(
        send(&PrinterAddress::None, b"\x1b@").unwrap(),
        Delivery::NoPrinter
    );
}

#[test]
fn zero_deadlines_are_taken_as_the_shortest_not_refused() {
    let printer = TestPrinter::start();
    let options = SendOptions {
        connect_timeout: Duration::ZERO,
        write_timeout: Duration::ZERO,
        chunk_size: 0,
    };
    // Zero deadlines become 100 ms; a zero chunk size means one byte a write.
    let sent = send_with(&printer.address, b"\x1b@ok\n", &options).unwrap();
    assert_eq!(
        sent,
        Delivery::Sent {
            bytes: 5,
            chunks: 5
        }
    );
    assert_eq!(printer.job().bytes, b"\x1b@ok\n");
}
