//! Where the printer is, as the printer setting spells it.

use std::fmt;
use std::net::Ipv6Addr;
use std::path::PathBuf;
use std::str::FromStr;

use crate::PrintError;

/// The port raw-TCP ("JetDirect") printers listen on.
pub const DEFAULT_PORT: u16 = 9100;

const EXPECTED: &str = "expected tcp://HOST:PORT, file:///dev/usb/lp0 or none";

/// A receipt printer's address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrinterAddress {
    /// A network printer taking raw ESC/POS over TCP: `tcp://192.168.1.50:9100`
    /// (the port defaults to 9100; an IPv6 address goes in brackets).
    Tcp {
        /// Host name or IP address.
        host: String,
        /// TCP port.
        port: u16,
    },
    /// A printer behind a device file: `file:///dev/usb/lp0`.
    File(PathBuf),
    /// No printer: receipts are shown, not printed.
    None,
}

impl PrinterAddress {
    /// Reads a printer setting: `tcp://HOST[:PORT]`, `file:///ABSOLUTE/PATH` or `none`.
    /// Surrounding spaces are ignored; anything else is refused with what would be right.
    pub fn parse(input: &str) -> Result<PrinterAddress, PrintError> {
        let refuse = |reason: &str| PrintError::Address {
            input: input.to_owned(),
            reason: reason.to_owned(),
        };
        let s = input.trim();
        if s.eq_ignore_ascii_case("none") {
            return Ok(PrinterAddress::None);
        }
        if let Some(rest) = strip_scheme(s, "tcp://") {
            let (host, port) = host_port(rest).map_err(refuse)?;
            return Ok(PrinterAddress::Tcp { host, port });
        }
        if let Some(path) = strip_scheme(s, "file://") {
            if !path.starts_with('/') {
                return Err(refuse(
                    "the path must be absolute, with three slashes: file:///dev/usb/lp0",
                ));
            }
            return Ok(PrinterAddress::File(PathBuf::from(path)));
        }
        Err(refuse(EXPECTED))
    }
}

fn strip_scheme<'a>(s: &'a str, scheme: &str) -> Option<&'a str> {
    let head = s.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme)
        .then(|| &s[scheme.len()..])
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`.
fn host_port(rest: &str) -> Result<(String, u16), &'static str> {
    let (host, port) = if let Some(bracketed) = rest.strip_prefix('[') {
        let (v6, after) = bracketed
            .split_once(']')
            .ok_or("an IPv6 address needs its closing bracket: tcp://[fe80::1]:9100")?;
        v6.parse::<Ipv6Addr>()
            .map_err(|_| "the address in brackets is not an IPv6 address")?;
        let port = match after {
            "" => None,
            _ => Some(
                after
                    .strip_prefix(':')
                    .ok_or("expected :PORT after the bracket")?,
            ),
        };
        (v6, port)
    } else if rest.matches(':').count() > 1 {
        return Err("an IPv6 address goes in brackets: tcp://[fe80::1]:9100");
    } else {
        match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        }
    };
    if host.is_empty() {
        return Err("the host is missing: tcp://192.168.1.50:9100");
    }
    let plain_host = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_';
    if !rest.starts_with('[') && !host.chars().all(plain_host) {
        return Err("the host may hold letters, digits, dots and dashes only \
                    (an IPv6 address goes in brackets)");
    }
    let port = match port {
        None => DEFAULT_PORT,
        Some(p) => match p.parse::<u16>() {
            Ok(0) | Err(_) => return Err("the port must be a number from 1 to 65535"),
            Ok(p) => p,
        },
    };
    Ok((host.to_owned(), port))
}

impl fmt::Display for PrinterAddress {
    /// The setting's canonical spelling; parsing it gives the same address back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrinterAddress::Tcp { host, port } if host.contains(':') => {
                write!(f, "tcp://[{host}]:{port}")
            }
            PrinterAddress::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
            PrinterAddress::File(path) => write!(f, "file://{}", path.display()),
            PrinterAddress::None => f.write_str("none"),
        }
    }
}

impl FromStr for PrinterAddress {
    type Err = PrintError;

    fn from_str(s: &str) -> Result<PrinterAddress, PrintError> {
        PrinterAddress::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcp(host: &str, port: u16) -> PrinterAddress {
        PrinterAddress::Tcp {
            host: host.to_owned(),
            port,
        }
    }

    #[test]
    fn reads_every_kind_of_address() {
        let parse = |s| PrinterAddress::parse(s).unwrap();
        assert_eq!(parse("tcp://192.168.1.50:9100"), tcp("192.168.1.50", 9100));
        assert_eq!(parse(" TCP://printer.local "), tcp("printer.local", 9100));
        assert_eq!(parse("tcp://[fe80::1]:9101"), tcp("fe80::1", 9101));
        assert_eq!(parse("tcp://[::1]"), tcp("::1", 9100));
        assert_eq!(
            parse("file:///dev/usb/lp0"),
            PrinterAddress::File(PathBuf::from("/dev/usb/lp0"))
        );
        assert_eq!(parse("None"), PrinterAddress::None);
    }

    #[test]
    fn round_trips_through_its_spelling() {
        for s in [
            "tcp://10.0.0.7:9100",
            "tcp://[::1]:9100",
            "file:///dev/usb/lp0",
            "none",
        ] {
            let address = PrinterAddress::parse(s).unwrap();
            assert_eq!(address.to_string(), s);
            assert_eq!(s.parse::<PrinterAddress>().unwrap(), address);
        }
    }

    #[test]
    fn refuses_with_what_would_be_right() {
        let reason = |s: &str| {
            let err = PrinterAddress::parse(s).unwrap_err();
            assert_eq!(err.code(), "printer_address_invalid", "{s}");
            err.to_string()
        };
        assert!(reason("usb").contains(EXPECTED));
        assert!(reason("").contains(EXPECTED));
        assert!(reason("http://10.0.0.7").contains(EXPECTED));
        assert!(reason("tcp://:9100").contains("host is missing"));
        assert!(reason("tcp://10.0.0.7:0").contains("1 to 65535"));
        assert!(reason("tcp://10.0.0.7:http").contains("1 to 65535"));
        assert!(reason("tcp://10.0.0.7:9100/x").contains("1 to 65535"));
        assert!(reason("tcp://fe80::1").contains("brackets"));
        assert!(reason("tcp://[fe80::1").contains("closing bracket"));
        assert!(reason("tcp://[printer]:9100").contains("not an IPv6"));
        assert!(reason("tcp://user@host").contains("letters, digits"));
        assert!(reason("file://dev/usb/lp0").contains("absolute"));
    }
}
