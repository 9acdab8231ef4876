//! Just enough HTTP/1.1 to find where each message ends, so the proxy knows when a request
//! has wholly reached HQ and when HQ's answer is complete. Bytes pass through untouched.

use tokio::io::{AsyncRead, AsyncReadExt};

/// A head longer than this is refused rather than buffered forever.
const MAX_HEAD: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub(crate) enum HttpError {
    #[error("the connection closed in the middle of a message")]
    Truncated,
    #[error("message head longer than {MAX_HEAD} bytes")]
    HeadTooLarge,
    #[error("malformed message: {0}")]
    Malformed(&'static str),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Which side a message comes from: a response's framing depends on the request it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Request,
    Response { to_head: bool },
}

/// One complete message, byte for byte as it came off the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    pub(crate) bytes: Vec<u8>,
    /// The sender will close the connection after this message.
    pub(crate) closes: bool,
    /// A `HEAD` request, whose response has no body whatever its headers say.
    pub(crate) is_head: bool,
}

/// Reads successive messages from one stream, keeping any bytes that arrived early.
#[derive(Debug, Default)]
pub(crate) struct MessageReader {
    buf: Vec<u8>,
}

impl MessageReader {
    /// The next whole message, or `None` if the peer closed cleanly between messages.
    pub(crate) async fn next<R>(
        &mut self,
        stream: &mut R,
        kind: Kind,
    ) -> Result<Option<Message>, HttpError>
    where
        R: AsyncRead + Unpin,
    {
        loop {
            if let Frame::Complete { len, head } = frame(&self.buf, kind)? {
                let rest = self.buf.split_off(len);
                let bytes = std::mem::replace(&mut self.buf, rest);
                return Ok(Some(Message {
                    bytes,
                    closes: head.closes,
                    is_head: head.is_head,
                }));
            }
            self.buf.reserve(8 * 1024);
            if stream.read_buf(&mut self.buf).await? == 0 {
                return match frame(&self.buf, kind)? {
                    _ if self.buf.is_empty() => Ok(None),
                    Frame::UntilClose { head } => Ok(Some(Message {
                        bytes: std::mem::take(&mut self.buf),
                        closes: true,
                        is_head: head.is_head,
                    })),
                    _ => Err(HttpError::Truncated),
                };
            }
        }
    }
}

enum Frame {
    Incomplete,
    Complete {
        len: usize,
        head: Head,
    },
    /// The body runs until the sender closes (a response with no length).
    UntilClose {
        head: Head,
    },
}

fn frame(buf: &[u8], kind: Kind) -> Result<Frame, HttpError> {
    let Some(head_len) = find(buf, b"\r\n\r\n").map(|at| at + 4) else {
        return if buf.len() > MAX_HEAD {
            Err(HttpError::HeadTooLarge)
        } else {
            Ok(Frame::Incomplete)
        };
    };
    let head = Head::parse(&buf[..head_len], kind)?;
    let body = &buf[head_len..];
    if head.is_interim() {
        // A 1xx is followed by the real response; forward both as one.
        return Ok(match frame(body, kind)? {
            Frame::Complete { len, head } => Frame::Complete {
                len: head_len + len,
                head,
            },
            other => other,
        });
    }
    let body_len = match head.body(kind)? {
        Body::Length(len) => (body.len() >= len).then_some(len),
        Body::Chunked => chunked_len(body)?,
        Body::UntilClose => return Ok(Frame::UntilClose { head }),
    };
    Ok(match body_len {
        Some(len) => Frame::Complete {
            len: head_len + len,
            head,
        },
        None => Frame::Incomplete,
    })
}

enum Body {
    Length(usize),
    Chunked,
    UntilClose,
}

struct Head {
    status: Option<u16>,
    is_head: bool,
    content_length: Option<usize>,
    transfer_encoding: Option<String>,
    closes: bool,
}

impl Head {
    fn parse(bytes: &[u8], kind: Kind) -> Result<Head, HttpError> {
        let text = String::from_utf8_lossy(bytes);
        let mut lines = text.split("\r\n");
        let start = lines.next().unwrap_or_default();
        let mut words = start.split_whitespace();
        let (version, status, is_head) = match kind {
            Kind::Request => {
                let method = words.next().unwrap_or_default();
                let version = words.nth(1).unwrap_or_default();
                (version, None, method == "HEAD")
            }
            Kind::Response { to_head } => {
                let version = words.next().unwrap_or_default();
                let status = words.next().and_then(|s| s.parse::<u16>().ok());
                let status = status.ok_or(HttpError::Malformed("no status code"))?;
                (version, Some(status), to_head)
            }
        };
        if !version.starts_with("HTTP/1.") {
            return Err(HttpError::Malformed("not HTTP/1.x"));
        }
        let mut head = Head {
            status,
            is_head,
            content_length: None,
            transfer_encoding: None,
            closes: version == "HTTP/1.0",
        };
        for line in lines.filter(|line| !line.is_empty()) {
            let (name, value) = line
                .split_once(':')
                .ok_or(HttpError::Malformed("header without a colon"))?;
            let value = value.trim().to_ascii_lowercase();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => {
                    let len = value
                        .parse()
                        .map_err(|_| HttpError::Malformed("content-length"))?;
                    if head.content_length.is_some_and(|seen| seen != len) {
                        return Err(HttpError::Malformed("conflicting content-length"));
                    }
                    head.content_length = Some(len);
                }
                "transfer-encoding" => head.transfer_encoding = Some(value),
                "connection" => {
                    let has = |token: &str| value.split(',').any(|t| t.trim() == token);
                    head.closes = has("close") || (head.closes && !has("keep-alive"));
                }
                _ => {}
            }
        }
        Ok(head)
    }

    fn is_interim(&self) -> bool {
        // 101 switches protocols: nothing follows that this proxy could frame.
        self.status
            .is_some_and(|s| (100..200).contains(&s) && s != 101)
    }

    fn body(&self, kind: Kind) -> Result<Body, HttpError> {
        let chunked = self
            .transfer_encoding
            .as_deref()
            .map(|te| te.rsplit(',').next().unwrap_or_default().trim() == "chunked");
        let no_body = matches!(self.status, Some(101 | 204 | 304)) || self.is_head;
        Ok(match (kind, chunked, self.content_length) {
            (Kind::Response { .. }, _, _) if no_body => Body::Length(0),
            (_, Some(true), _) => Body::Chunked,
            (Kind::Request, Some(false), _) => {
                return Err(HttpError::Malformed("request body not chunked"));
            }
            (Kind::Response { .. }, Some(false), _) => Body::UntilClose,
            (_, None, Some(len)) => Body::Length(len),
            (Kind::Request, None, None) => Body::Length(0),
            (Kind::Response { .. }, None, None) => Body::UntilClose,
        })
    }
}

/// Length of a complete chunked body (trailers included), or `None` if more must arrive.
fn chunked_len(body: &[u8]) -> Result<Option<usize>, HttpError> {
    let mut pos = 0;
    loop {
        let Some(line_len) = find(&body[pos..], b"\r\n") else {
            return Ok(None);
        };
        let line = String::from_utf8_lossy(&body[pos..pos + line_len]);
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size =
            usize::from_str_radix(size_text, 16).map_err(|_| HttpError::Malformed("chunk size"))?;
        pos += line_len + 2;
        if size == 0 {
            // Trailer lines, then the empty line that ends the message.
            loop {
                let Some(len) = find(&body[pos..], b"\r\n") else {
                    return Ok(None);
                };
                pos += len + 2;
                if len == 0 {
                    return Ok(Some(pos));
                }
            }
        }
        let end = pos
            .checked_add(size)
            .and_then(|end| end.checked_add(2))
            .ok_or(HttpError::Malformed("chunk size"))?;
        if body.len() < end {
            return Ok(None);
        }
        if &body[end - 2..end] != b"\r\n" {
            return Err(HttpError::Malformed("chunk not followed by CRLF"));
        }
        pos = end;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
