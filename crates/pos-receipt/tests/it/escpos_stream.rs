//! Reading ESC/POS back: a lossless readable form for golden files, and a strict parser
//! that accepts only the commands a receipt may contain.

use std::fmt::Write;

/// Bytes as text for golden files: printable ASCII as itself, `<ESC>`, `<GS>`, `<LF>`
/// plus a newline, a command's letter as itself and its parameters in hex (`<GS>h<50>`),
/// and every other byte as `<XX>` (`<` itself is `<3C>`).
pub fn readable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut params = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if params > 0 {
            let _ = write!(out, "<{b:02X}>");
            params -= 1;
        } else if matches!(b, 0x1b | 0x1d)
            && bytes.get(i + 1).is_some_and(|c| (0x21..=0x7e).contains(c))
        {
            let c = bytes[i + 1];
            out.push_str(if b == 0x1b { "<ESC>" } else { "<GS>" });
            out.push(char::from(c));
            params = match (b, c) {
                (0x1b, b'@') => 0,
                (0x1b, b'p') => 3,
                (0x1d, b'k') => 2,
                (0x1d, b'V') if matches!(bytes.get(i + 2), Some(65 | 66)) => 2,
                _ => 1,
            };
            i += 1;
        } else {
            match b {
                0x0a => out.push_str("<LF>\n"),
                b'<' => out.push_str("<3C>"),
                0x20..=0x7e => out.push(char::from(b)),
                _ => {
                    let _ = write!(out, "<{b:02X}>");
                }
            }
        }
        i += 1;
    }
    out
}

/// The bytes a [`readable`] text stands for.
pub fn from_readable(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').unwrap();
            match &rest[1..end] {
                "LF" => out.push(0x0a),
                "ESC" => out.push(0x1b),
                "GS" => out.push(0x1d),
                hex => out.push(u8::from_str_radix(hex, 16).unwrap()),
            }
            rest = &rest[end + 1..];
        } else {
            if c != '\n' {
                out.push(u8::try_from(c).unwrap());
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// One command or run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cmd {
    Init,
    CharacterSet(u8),
    CodeTable(u8),
    Font(u8),
    Bold(bool),
    Size(u8),
    Align(u8),
    DrawerPulse {
        pin: u8,
        on: u8,
        off: u8,
    },
    BarcodeSetting(u8, u8),
    /// `GS k 73`: the data after the code set selector, and the selector.
    Code128 {
        set: u8,
        data: String,
    },
    Cut,
    Text(Vec<u8>),
    LineFeed,
}

/// Parses a receipt's stream, refusing any byte that is not part of a command we know or
/// of printable text, and any line wider than `columns` at the size it prints in.
pub fn parse(bytes: &[u8], columns: usize) -> Result<Vec<Cmd>, String> {
    let mut cmds = Vec::new();
    let mut i = 0;
    let (mut width_factor, mut line_width) = (1, 0);
    let arg = |i: usize, n: usize| -> Result<&[u8], String> {
        bytes
            .get(i..i + n)
            .ok_or_else(|| format!("command at byte {i} is cut short"))
    };
    while i < bytes.len() {
        let b = bytes[i];
        let cmd = match b {
            0x1b => {
                let c = arg(i + 1, 1)?[0];
                let (cmd, len) = match c {
                    b'@' => (Cmd::Init, 2),
                    b'R' => (Cmd::CharacterSet(arg(i + 2, 1)?[0]), 3),
                    b't' => (Cmd::CodeTable(arg(i + 2, 1)?[0]), 3),
                    b'M' => (Cmd::Font(arg(i + 2, 1)?[0]), 3),
                    b'E' => (Cmd::Bold(arg(i + 2, 1)?[0] == 1), 3),
                    b'a' => (Cmd::Align(arg(i + 2, 1)?[0]), 3),
                    b'p' => {
                        let a = arg(i + 2, 3)?;
                        (
                            Cmd::DrawerPulse {
                                pin: a[0],
                                on: a[1],
                                off: a[2],
                            },
                            5,
                        )
                    }
                    other => return Err(format!("unknown command ESC {other:#04x} at byte {i}")),
                };
                i += len;
                cmd
            }
            0x1d => {
                let c = arg(i + 1, 1)?[0];
                let (cmd, len) = match c {
                    b'!' => {
                        let n = arg(i + 2, 1)?[0];
                        width_factor = usize::from(n >> 4) + 1;
                        (Cmd::Size(n), 3)
                    }
                    b'h' | b'w' | b'H' | b'f' => (Cmd::BarcodeSetting(c, arg(i + 2, 1)?[0]), 3),
                    b'k' => {
                        let head = arg(i + 2, 2)?;
                        if head[0] != 73 {
                            return Err(format!("barcode system {} is not Code 128", head[0]));
                        }
                        let data = arg(i + 4, usize::from(head[1]))?;
                        if data.len() < 2 || data[0] != b'{' || !b"ABC".contains(&data[1]) {
                            return Err(
                                "Code 128 data must start with a code set ({A, {B, {C)".into()
                            );
                        }
                        let text =
                            String::from_utf8(data[2..].to_vec()).map_err(|e| e.to_string())?;
                        (
                            Cmd::Code128 {
                                set: data[1],
                                data: text,
                            },
                            4 + data.len(),
                        )
                    }
                    b'V' => match arg(i + 2, 1)?[0] {
                        0 | 1 | 48 | 49 => (Cmd::Cut, 3),
                        65 | 66 => {
                            arg(i + 3, 1)?;
                            (Cmd::Cut, 4)
                        }
                        m => return Err(format!("unknown cut mode {m} at byte {i}")),
                    },
                    other => return Err(format!("unknown command GS {other:#04x} at byte {i}")),
                };
                i += len;
                cmd
            }
            b'\n' => {
                i += 1;
                line_width = 0;
                Cmd::LineFeed
            }
            0x20..=0x7e | 0x80..=0xff => {
                let start = i;
                while i < bytes.len() && (bytes[i] >= 0x80 || (0x20..=0x7e).contains(&bytes[i])) {
                    i += 1;
                }
                line_width += (i - start) * width_factor;
                if line_width > columns {
                    return Err(format!(
                        "a line ending at byte {i} is {line_width} columns wide, over {columns}"
                    ));
                }
                Cmd::Text(bytes[start..i].to_vec())
            }
            other => {
                return Err(format!(
                    "control byte {other:#04x} at byte {i} is not a command"
                ));
            }
        };
        cmds.push(cmd);
    }
    Ok(cmds)
}

/// The text of the stream, one string per printed line (bytes above 0x7F as `?`).
pub fn lines(cmds: &[Cmd]) -> Vec<String> {
    let mut lines = vec![String::new()];
    for cmd in cmds {
        match cmd {
            Cmd::Text(t) => lines.last_mut().unwrap().extend(
                t.iter()
                    .map(|&b| if b < 0x80 { char::from(b) } else { '?' }),
            ),
            Cmd::LineFeed => lines.push(String::new()),
            _ => {}
        }
    }
    lines
}
