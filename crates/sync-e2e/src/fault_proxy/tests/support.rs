//! A tiny HQ stand-in and a raw client, so the proxy is tested against none of its own code.

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// How long a client waits before the test calls the proxy hung.
pub(super) const PATIENCE: Duration = Duration::from_secs(2);

/// Answers every request with its own body, and remembers every request it received.
pub(super) struct Upstream {
    pub(super) addr: SocketAddr,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
    task: JoinHandle<()>,
}

impl Upstream {
    pub(super) async fn start() -> Upstream {
        Upstream::on(TcpListener::bind("127.0.0.1:0").await.unwrap())
    }

    pub(super) fn on(listener: TcpListener) -> Upstream {
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let task = tokio::spawn(serve(listener, Arc::clone(&received)));
        Upstream {
            addr,
            received,
            task,
        }
    }

    /// Every request received so far, byte for byte.
    pub(super) fn requests(&self) -> Vec<Vec<u8>> {
        self.received.lock().unwrap().clone()
    }

    pub(super) fn count(&self) -> u64 {
        self.received.lock().unwrap().len() as u64
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(listener: TcpListener, received: Arc<Mutex<Vec<Vec<u8>>>>) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(answer(stream, Arc::clone(&received)));
    }
}

/// Serves the requests of one kept-alive connection until the peer closes it.
async fn answer(mut stream: TcpStream, received: Arc<Mutex<Vec<Vec<u8>>>>) {
    let mut buf = Vec::new();
    loop {
        let head_end = loop {
            if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            if !read_more(&mut stream, &mut buf).await {
                return;
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
        let body_len: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .map_or(0, |len| len.trim().parse().unwrap());
        while buf.len() < head_end + body_len {
            if !read_more(&mut stream, &mut buf).await {
                return;
            }
        }
        let request: Vec<u8> = buf.drain(..head_end + body_len).collect();
        let reply = response(&request[head_end..]);
        received.lock().unwrap().push(request);
        if stream.write_all(&reply).await.is_err() {
            return;
        }
    }
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> bool {
    let mut chunk = [0; 4096];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            true
        }
    }
}

/// What [`Upstream`] answers to a request with this body.
pub(super) fn response(body: &[u8]) -> Vec<u8> {
    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
    [head.as_bytes(), body].concat()
}

/// A push of `body`, asking to close the connection after the answer or to keep it.
pub(super) fn request(body: &str, close: bool) -> Vec<u8> {
    let connection = if close { "close" } else { "keep-alive" };
    format!(
        "POST /sync/push HTTP/1.1\r\nHost: hq\r\nConnection: {connection}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Sends one request on a new connection and reads until the proxy closes it.
pub(super) async fn send_once(addr: SocketAddr, request: &[u8]) -> io::Result<Vec<u8>> {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await?;
        stream.write_all(request).await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok(answer)
    };
    tokio::time::timeout(PATIENCE, exchange)
        .await
        .expect("the proxy neither answered nor closed the connection")
}

/// The client saw an error or an empty answer: no response at all.
pub(super) fn got_nothing(answer: &io::Result<Vec<u8>>) -> bool {
    answer.as_ref().map_or(true, Vec::is_empty)
}
