//! The receipt as plain text, for the screen and for logs.

use crate::layout::{Row, Target, layout, plain};
use crate::{Columns, ReceiptDocument};

/// The receipt as lines of at most `columns` characters, each ending in `\n`. The same
/// layout as the printed receipt, in plain Unicode: no styles, and the barcode shown as
/// its text.
pub fn text(doc: &ReceiptDocument, columns: Columns) -> String {
    let target = Target {
        columns,
        double_width: false,
        prepare: &plain,
    };
    let width = columns.get();
    let mut out = String::new();
    for row in layout(doc, &target) {
        match row {
            Row::Text { text, .. } => out.push_str(&text),
            Row::Rule => out.push_str(&"-".repeat(width)),
            Row::Barcode(code) => {
                let pad = width.saturating_sub(code.as_str().len()) / 2;
                out.push_str(&" ".repeat(pad));
                out.push_str(code.as_str());
            }
        }
        out.push('\n');
    }
    out
}
