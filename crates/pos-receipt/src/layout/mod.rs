//! One layout for every fixed-width rendering: the document as rows of characters, the
//! same on the screen ([`crate::text`]) and on paper ([`crate::escpos`]). Renderers only
//! decide how a row's style looks.

mod fit;
mod sections;

use crate::{Code128, ReceiptDocument, ReceiptError};

/// How many characters fit across the receipt: 32 on 58 mm paper, 42 on 58 mm with the
/// small font (or an 80 mm printer with a 72 mm head), 48 on 80 mm paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Columns(usize);

impl Columns {
    /// The narrowest layout: below it amounts and labels no longer fit side by side.
    pub const MIN: usize = 24;
    /// The widest layout.
    pub const MAX: usize = 96;

    /// A width that is always valid, for fallbacks that cannot happen.
    pub(crate) const NARROWEST: Columns = Columns(Self::MIN);

    /// A width of `columns` characters, from [`Columns::MIN`] to [`Columns::MAX`].
    pub fn new(columns: usize) -> Result<Columns, ReceiptError> {
        if (Self::MIN..=Self::MAX).contains(&columns) {
            Ok(Columns(columns))
        } else {
            Err(ReceiptError::Columns {
                given: columns,
                min: Self::MIN,
                max: Self::MAX,
            })
        }
    }

    /// The width in characters.
    pub fn get(self) -> usize {
        self.0
    }
}

/// How a row is printed. On screen every style is plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Normal,
    Bold,
    /// Double width and height, bold: the total. Laid out at half the width when the
    /// target can print it.
    Big,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Row {
    /// Text already fitted to the width (centered rows carry their left padding).
    Text { text: String, style: Style },
    /// A dashed line across.
    Rule,
    /// The barcode, centered, with its text under it.
    Barcode(Code128),
}

/// What the rows are laid out for.
pub(crate) struct Target<'a> {
    pub columns: Columns,
    /// Whether `Style::Big` really prints double width (paper does, a screen does not).
    pub double_width: bool,
    /// Turns the document's text into what the target can show, one column per
    /// character: control characters become spaces (a name must never smuggle a printer
    /// command in) and, on paper, characters outside the code page are transliterated.
    pub prepare: &'a dyn Fn(&str) -> String,
}

/// The document's rows, top to bottom.
pub(crate) fn layout(doc: &ReceiptDocument, target: &Target<'_>) -> Vec<Row> {
    let mut rows = sections::Rows::new(target);
    rows.document(doc);
    rows.finish()
}

/// Control characters and odd spaces (tabs, newlines, no-break spaces) as plain spaces;
/// soft hyphens dropped. Every target starts from this.
pub(crate) fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '\u{ad}')
        .map(|c| {
            if c.is_control() || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_refuse_unusable_widths() {
        assert_eq!(Columns::new(42).unwrap().get(), 42);
        assert_eq!(
            Columns::new(23).unwrap_err().code(),
            "receipt_columns_invalid"
        );
        assert!(Columns::new(97).is_err());
    }

    #[test]
    fn plain_text_has_no_control_characters() {
        assert_eq!(plain("a\u{1b}p\u{0}b\tc\u{a0}d\u{ad}e"), "a p b c de");
    }
}
