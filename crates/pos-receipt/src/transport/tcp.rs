//! Raw TCP to a network printer (port 9100).

use std::io::{self, Read};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::chunks::write_chunks;
use super::send::SendOptions;
use crate::PrintError;

/// Sends `bytes` to `host:port`; returns the number of chunks written.
pub(super) fn send(
    host: &str,
    port: u16,
    bytes: &[u8],
    options: &SendOptions,
    name: &str,
) -> Result<usize, PrintError> {
    let unreachable = |source| PrintError::Unreachable {
        address: name.to_owned(),
        source,
    };
    let addrs = resolve(host, port, options.connect_timeout).map_err(unreachable)?;
    let mut stream = connect(&addrs, options.connect_timeout).map_err(unreachable)?;
    stream
        .set_write_timeout(Some(options.write_timeout))
        .map_err(unreachable)?;
    // Small chunks should leave at once, not wait to be coalesced.
    let _ = stream.set_nodelay(true);
    let chunks =
        write_chunks(&mut stream, bytes, options.chunk_size).map_err(|(written, source)| {
            PrintError::Interrupted {
                address: name.to_owned(),
                written,
                total: bytes.len(),
                source,
            }
        })?;
    finish(stream);
    Ok(chunks)
}

/// The host's addresses. A name is looked up on a helper thread so that a resolver with
/// no network cannot hold the caller past the connect timeout; an IP address needs none.
fn resolve(host: &str, port: u16, timeout: Duration) -> io::Result<Vec<SocketAddr>> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let (tx, rx) = mpsc::channel();
    let query = (host.to_owned(), port);
    thread::Builder::new()
        .name("printer-resolve".to_owned())
        .spawn(move || {
            let found = query.to_socket_addrs().map(Iterator::collect::<Vec<_>>);
            let _ = tx.send(found);
        })?;
    match rx.recv_timeout(timeout) {
        Ok(Ok(addrs)) if !addrs.is_empty() => Ok(addrs),
        Ok(Ok(_)) => Err(io::Error::new(
            io::ErrorKind::NotFound,
            "the host name has no address",
        )),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!(
                "the host name was not resolved within {} ms",
                timeout.as_millis()
            ),
        )),
    }
}

/// The first address that accepts, each tried for at most `timeout`.
fn connect(addrs: &[SocketAddr], timeout: Duration) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no address to connect to");
    for addr in addrs {
        match TcpStream::connect_timeout(addr, timeout) {
            Ok(stream) => return Ok(stream),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Ends the job politely: half-close so the printer sees the end, then read what it has
/// sent back (status bytes) for a moment. Closing with unread data would reset the
/// connection, and some printers drop what they have not printed yet on a reset.
fn finish(mut stream: TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut buf = [0u8; 256];
    for _ in 0..8 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}
