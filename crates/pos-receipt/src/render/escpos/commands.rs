//! The ESC/POS commands a receipt uses, as Epson's reference defines them. Each is the
//! plainest form printers have shared for decades, so clones print them too.

/// `ESC @`: forget whatever a previous job left set (styles, alignment, code page).
pub(super) const INIT: [u8; 2] = [0x1b, b'@'];

/// `ESC R 0`: the USA international set, so `#`, `$`, `@`, `[` and friends print as
/// themselves whatever the printer's switches say.
pub(super) const ASCII_SET: [u8; 3] = [0x1b, b'R', 0];

/// `ESC t n`: the code page for bytes 0x80 to 0xFF.
pub(super) fn code_table(n: u8) -> [u8; 3] {
    [0x1b, b't', n]
}

/// `ESC M n`: font A (12×24 dots) or B (9×17): how many characters fit on a line.
pub(super) fn font(small: bool) -> [u8; 3] {
    [0x1b, b'M', u8::from(small)]
}

/// `ESC E n`: bold on or off.
pub(super) fn bold(on: bool) -> [u8; 3] {
    [0x1b, b'E', u8::from(on)]
}

/// `GS ! n`: character size; 0x11 is double width and double height.
pub(super) fn size(double: bool) -> [u8; 3] {
    [0x1d, b'!', if double { 0x11 } else { 0x00 }]
}

/// `ESC a n`: left (0) or centered (1). Only the barcode needs it: text rows arrive
/// already padded.
pub(super) fn align_center(on: bool) -> [u8; 3] {
    [0x1b, b'a', u8::from(on)]
}

/// The Code 128 barcode: height 80 dots (10 mm), `module` dots per bar module, its text
/// printed below in font A, then `GS k 73 n` with `{B` (code set B) before the data.
pub(super) fn code128(payload: &str, module: u8) -> Vec<u8> {
    let data_len = u8::try_from(payload.len() + 2).unwrap_or(u8::MAX);
    let mut out = vec![
        0x1d, b'h', 80, // GS h: height
        0x1d, b'w', module, // GS w: module width
        0x1d, b'H', 2, // GS H: text below
        0x1d, b'f', 0, // GS f: text in font A
        0x1d, b'k', 73, data_len, b'{', b'B',
    ];
    out.extend_from_slice(payload.as_bytes());
    out
}

/// `GS V 66 0`: feed the paper up to the cutter, then cut it partially (the receipt
/// hangs by a hinge and cannot fall on the floor).
pub(super) const CUT: [u8; 4] = [0x1d, b'V', 66, 0];

/// `ESC p m 25 250`: a pulse on drawer pin 2 (m = 0) or 5 (m = 1), 50 ms on and 500 ms
/// off, within what drawer solenoids are rated for.
pub(super) fn drawer_pulse(pin5: bool) -> [u8; 5] {
    [0x1b, b'p', u8::from(pin5), 25, 250]
}

pub(super) const LF: u8 = b'\n';
