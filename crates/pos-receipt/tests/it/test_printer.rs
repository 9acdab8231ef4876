//! A receipt printer on the loopback interface: it accepts one job and records every byte
//! until the sender closes, reading as fast or as slowly as it is told.

use std::io::Read;
use std::net::TcpListener;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use pos_receipt::PrinterAddress;

pub struct TestPrinter {
    pub address: PrinterAddress,
    job: JoinHandle<Job>,
}

pub struct Job {
    pub bytes: Vec<u8>,
    /// From accepting the connection to the end of the job.
    pub took: Duration,
}

impl TestPrinter {
    /// Reads everything as it comes.
    pub fn start() -> TestPrinter {
        TestPrinter::reading(64 * 1024, Duration::ZERO)
    }

    /// Reads at most `piece` bytes at a time with a `pause` after each, like a printer
    /// whose buffer drains only as fast as it prints.
    pub fn reading(piece: usize, pause: Duration) -> TestPrinter {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let job = thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let started = Instant::now();
            // A guard so a broken sender fails the test instead of hanging it.
            stream
                .set_read_timeout(Some(Duration::from_secs(20)))
                .unwrap();
            let mut bytes = Vec::new();
            let mut buf = vec![0u8; piece];
            loop {
                match stream.read(&mut buf).unwrap() {
                    0 => break,
                    n => bytes.extend_from_slice(&buf[..n]),
                }
                thread::sleep(pause);
            }
            Job {
                bytes,
                took: started.elapsed(),
            }
        });
        TestPrinter {
            address: PrinterAddress::Tcp {
                host: "127.0.0.1".to_owned(),
                port,
            },
            job,
        }
    }

    /// The job, once the sender has closed the connection.
    pub fn job(self) -> Job {
        self.job.join().unwrap()
    }
}

/// A loopback port nobody listens on: connecting to it is refused at once.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
