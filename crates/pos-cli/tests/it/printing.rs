//! Receipts through `pos` to a printer that is a TCP listener on loopback, a printer that
//! is not there (the sale stands, the receipt waits in the queue), and `file://` paths
//! that are no printer at all.

use std::io::Read;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Till, stderr};

/// A network printer on loopback that keeps every job it receives.
struct TestPrinter {
    address: String,
    jobs: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl TestPrinter {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("tcp://{}", listener.local_addr().unwrap());
        let jobs = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&jobs);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut job = Vec::new();
                if stream.read_to_end(&mut job).is_ok() {
                    sink.lock().unwrap().push(job);
                }
            }
        });
        Self { address, jobs }
    }

    /// The jobs received once `count` have arrived (the sender closes each connection).
    fn wait_for(&self, count: usize) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let jobs = self.jobs.lock().unwrap().clone();
            if jobs.len() >= count || Instant::now() > deadline {
                return jobs;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A loopback address nothing listens on.
fn dead_address() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    format!("tcp://{}", listener.local_addr().unwrap())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A well-formed receipt job: reset first, the receipt number as a Code 128 barcode, the
/// cut last.
fn assert_receipt(job: &[u8], receipt_no: &str) {
    assert!(job.starts_with(b"\x1b@"), "starts with ESC @");
    assert!(contains(job, b"\x1dk"), "has a GS k barcode");
    assert!(contains(job, receipt_no.as_bytes()), "names {receipt_no}");
    let cut = job
        .windows(2)
        .rposition(|w| w == b"\x1dV")
        .expect("a GS V cut");
    assert!(job.len() - cut <= 4, "the cut ends the job");
}

fn receipt_no(sale: &serde_json::Value) -> String {
    sale["receipt_no"].as_str().unwrap().to_owned()
}

#[test]
fn a_sale_prints_its_receipt_and_a_cash_sale_opens_the_drawer() {
    let till = Till::demo();
    let printer = TestPrinter::start();
    let set = till.ok_json(&[
        "printer",
        "set",
        &printer.address,
        "--paper",
        "58",
        "--store-name",
        "Corner Shop",
        "--footer",
        "Returns within 30 days",
    ]);
    assert_eq!(set["setup"]["address"], printer.address);
    assert_eq!(set["setup"]["paper_mm"], 58);

    let sale = till.sell(&[
        "--line",
        "GRO-0001",
        "--line",
        "GRO-0005*2",
        "--pay",
        "cash:50",
    ]);
    let jobs = printer.wait_for(1);
    assert_eq!(jobs.len(), 1);
    assert_receipt(&jobs[0], &receipt_no(&sale));
    assert!(contains(&jobs[0], b"Corner Shop"));
    assert!(contains(&jobs[0], b"Returns within 30 days"));
    assert!(
        contains(&jobs[0], b"\x1bp"),
        "cash opens the drawer (ESC p)"
    );
    let shown = till.ok_json(&["printer", "show"]);
    assert_eq!(shown["waiting"], 0);

    // A card sale does not kick the drawer; a reprint sends the receipt again.
    let card = till.sell(&["--line", "GRO-0001", "--pay", "card:3.80:AUTH-9"]);
    let reprint = till.pos(&["receipt", "print", "--receipt", &receipt_no(&card)]);
    assert!(reprint.status.success(), "{}", stderr(&reprint));
    let jobs = printer.wait_for(3);
    assert_eq!(jobs.len(), 3);
    assert!(!contains(&jobs[1], b"\x1bp"));
    assert_eq!(jobs[1], jobs[2], "a reprint is the same receipt");

    // Off paper: the same layout as text (32 columns on 58 mm), and an HTML page.
    let text = till.pos(&["receipt", "show", "--receipt", &receipt_no(&sale)]);
    assert!(text.status.success(), "{}", stderr(&text));
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Corner Shop") && text.contains(&receipt_no(&sale)),
        "{text}"
    );
    assert!(
        text.lines().all(|line| line.chars().count() <= 32),
        "{text}"
    );
    let html = till.pos(&["receipt", "show", "--receipt", &receipt_no(&sale), "--html"]);
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.contains("<html") && html.contains(&receipt_no(&sale)));
    let unknown = till.pos(&["receipt", "show", "--receipt", "T01-999999"]);
    assert!(!unknown.status.success());
}

#[test]
fn a_dead_printer_changes_nothing_but_the_print_queue() {
    let till = Till::demo();
    let dead = dead_address();
    let set = till.pos(&["printer", "set", &dead]);
    assert!(set.status.success(), "{}", stderr(&set));
    let before = till.ok_json(&["status"])["queue_length"].as_i64().unwrap();

    let out = till.pos(&[
        "sale",
        "--cashier",
        &till.cashier_pin,
        "--line",
        "GRO-0001",
        "--pay",
        "cash:20",
        "--json",
    ]);
    assert!(out.status.success(), "the sale stands: {}", stderr(&out));
    assert!(stderr(&out).contains("print queue"), "{}", stderr(&out));
    let sale: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = till.ok_json(&["status"]);
    assert_eq!(
        status["queue_length"].as_i64().unwrap(),
        before + 1,
        "queued for HQ"
    );
    assert_eq!(till.ok_json(&["verify"])["ok"], true);
    let shown = till.ok_json(&["printer", "show"]);
    assert_eq!(shown["waiting"], 1);
    assert!(
        shown["last_error"]
            .as_str()
            .unwrap()
            .contains(&receipt_no(&sale))
    );

    // Retrying against the dead printer fails and keeps the job; a live one takes it.
    let retry = till.pos(&["printer", "retry"]);
    assert!(!retry.status.success());
    assert_eq!(till.ok_json(&["printer", "show"])["waiting"], 1);
    let printer = TestPrinter::start();
    till.ok_json(&["printer", "set", &printer.address]);
    let round = till.ok_json(&["printer", "retry"]);
    assert_eq!(round["printed"], 1);
    assert_eq!(round["waiting"], 0);
    assert_receipt(&printer.wait_for(1)[0], &receipt_no(&sale));
}

#[test]
fn the_drawer_opens_only_for_a_manager_and_bad_addresses_are_refused() {
    let till = Till::demo();
    let printer = TestPrinter::start();
    till.ok_json(&["printer", "set", &printer.address]);
    let refused = till.pos(&["drawer", "open", "--manager", &till.cashier_pin]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("not a manager"),
        "{}",
        stderr(&refused)
    );
    let opened = till.pos(&[
        "drawer",
        "open",
        "--manager",
        &till.manager_pin,
        "--reason",
        "float change",
    ]);
    assert!(opened.status.success(), "{}", stderr(&opened));
    let jobs = printer.wait_for(1);
    assert_eq!(
        jobs.len(),
        1,
        "only the manager's opening reached the printer"
    );
    assert!(contains(&jobs[0], b"\x1bp"));
    let openings: i64 = till
        .db()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'no_sale'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(openings, 1, "the opening is in the audit log");

    // Closing the shift prints its Z report.
    let closed = till.pos(&[
        "shift",
        "close",
        "--pin",
        &till.manager_pin,
        "--counted",
        "100.00",
    ]);
    assert!(closed.status.success(), "{}", stderr(&closed));
    let jobs = printer.wait_for(2);
    assert_eq!(jobs.len(), 2);
    assert!(contains(&jobs[1], b"Z REPORT"));
    assert!(contains(&jobs[1], b"\x1dV"), "cut");

    for bad in ["lpt1", "tcp://", "http://printer:9100"] {
        let out = till.pos(&["printer", "set", bad]);
        assert!(!out.status.success(), "{bad} was accepted");
    }
    assert_eq!(
        till.ok_json(&["printer", "show"])["setup"]["address"],
        printer.address
    );
    let none = till.ok_json(&["printer", "set", "none"]);
    assert_eq!(none["setup"]["address"], "none");
    let reprint = till.pos(&["receipt", "print", "--receipt", "T01-000001"]);
    assert!(!reprint.status.success());
    assert!(
        stderr(&reprint).contains("no printer"),
        "{}",
        stderr(&reprint)
    );
}

/// `pos printer set ADDRESS`, which must fail; its one line on stderr.
fn refused_printer(till: &Till, address: &str) -> String {
    let out = till.pos(&["printer", "set", address]);
    assert!(!out.status.success(), "{address} was accepted");
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    message
}

#[cfg(unix)]
#[test]
fn a_file_printer_must_be_a_device_when_set_and_when_printing() {
    let till = Till::demo();
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, b"someone's notes").unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success(), "mkfifo");
    for (path, found) in [
        (&notes, "a regular file"),
        (&fifo, "a named pipe"),
        (&dir.path().to_owned(), "a folder"),
    ] {
        let message = refused_printer(&till, &format!("file://{}", path.display()));
        assert!(
            message.contains(&format!("is {found}, not a device")),
            "{message}"
        );
    }
    let missing = dir.path().join("lp9");
    let message = refused_printer(&till, &format!("file://{}", missing.display()));
    assert!(message.contains("cannot be reached"), "{message}");
    assert_eq!(
        till.ok_json(&["printer", "show"])["setup"]["address"],
        "none"
    );

    // A character device is a printer: here a link to /dev/null, which every Unix has.
    let link = dir.path().join("lp0");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let address = format!("file://{}", link.display());
    till.ok_json(&["printer", "set", &address]);
    till.sell(&["--line", "GRO-0001", "--pay", "card:3.80:AUTH-1"]);
    assert_eq!(till.ok_json(&["printer", "show"])["waiting"], 0);

    // The path now leads to a regular file: printing refuses it, and the sale stands.
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&notes, &link).unwrap();
    let out = till.try_sell(&["--line", "GRO-0001", "--pay", "card:3.80:AUTH-2", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is a regular file, not a device"),
        "{}",
        stderr(&out)
    );
    let retry = till.pos(&["printer", "retry"]);
    assert!(!retry.status.success());
    assert_eq!(till.ok_json(&["printer", "show"])["waiting"], 1);
    assert_eq!(std::fs::read(&notes).unwrap(), b"someone's notes");
}
