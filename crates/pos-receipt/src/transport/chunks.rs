//! Writing a receipt a chunk at a time, each write with its own deadline.

use std::io::{self, Write};

/// Writes `bytes` to `sink` in pieces of `chunk_size`. The sink's own timeout bounds each
/// write; there is no bound on the whole, so a long receipt on a slow printer finishes
/// as long as the printer keeps taking data. Returns how many chunks went out, or how
/// many bytes had when the sink stopped taking them.
pub(super) fn write_chunks(
    sink: &mut impl Write,
    bytes: &[u8],
    chunk_size: usize,
) -> Result<usize, (usize, io::Error)> {
    let mut written = 0;
    let mut chunks = 0;
    for chunk in bytes.chunks(chunk_size.max(1)) {
        let mut rest = chunk;
        while !rest.is_empty() {
            match sink.write(rest) {
                Ok(0) => {
                    let stopped =
                        io::Error::new(io::ErrorKind::WriteZero, "the printer took no more data");
                    return Err((written, stopped));
                }
                Ok(n) => {
                    written += n;
                    rest = &rest[n..];
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err((written, e)),
            }
        }
        chunks += 1;
    }
    sink.flush().map_err(|e| (written, e))?;
    Ok(chunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes at most `limit` bytes a write, and fails once `fail_after` bytes are in.
    struct Slow {
        got: Vec<u8>,
        limit: usize,
        fail_after: usize,
    }

    impl Write for Slow {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.got.len() >= self.fail_after {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "stalled"));
            }
            let n = buf
                .len()
                .min(self.limit)
                .min(self.fail_after - self.got.len());
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn sends_everything_through_short_writes() {
        let bytes: Vec<u8> = (0..=255).cycle().take(2000).collect();
        let mut sink = Slow {
            got: Vec::new(),
            limit: 100,
            fail_after: usize::MAX,
        };
        assert_eq!(write_chunks(&mut sink, &bytes, 512).unwrap(), 4);
        assert_eq!(sink.got, bytes);
    }

    #[test]
    fn reports_how_far_it_got() {
        let bytes = vec![b'x'; 2000];
        let mut sink = Slow {
            got: Vec::new(),
            limit: 300,
            fail_after: 900,
        };
        let (written, err) = write_chunks(&mut sink, &bytes, 512).unwrap_err();
        assert_eq!(written, 900);
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    }
}
