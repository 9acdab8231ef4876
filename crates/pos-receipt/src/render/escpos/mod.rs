//! The receipt as ESC/POS bytes for a thermal printer.

mod commands;

use crate::layout::{Row, Style, Target, layout};
use crate::{Code128, CodePage, Columns, ReceiptDocument};

/// The paper roll, by its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paper {
    /// 58 mm: a 48 mm line of 384 dots.
    Mm58,
    /// 80 mm: a 72 mm line of 576 dots.
    Mm80,
}

impl Paper {
    /// Dots across the printable line at 203 dpi.
    pub fn dots(self) -> usize {
        match self {
            Paper::Mm58 => 384,
            Paper::Mm80 => 576,
        }
    }
}

/// Which pin of the printer's drawer port the drawer is wired to (pin 2 on most).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DrawerPin {
    /// Connector pin 2.
    #[default]
    Pin2,
    /// Connector pin 5 (a second drawer).
    Pin5,
}

/// How to print on one printer. Comes from the terminal's printer settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EscPosOptions {
    /// The roll's width.
    pub paper: Paper,
    /// Font B (9×17 dots) rather than A (12×24): 42 characters on 58 mm instead of 32,
    /// 64 on 80 mm instead of 48.
    pub small_font: bool,
    /// The characters the store's language needs.
    pub code_page: CodePage,
    /// `n` for `ESC t n` when the printer numbers its tables unlike Epson.
    pub code_table: Option<u8>,
    /// Open this drawer as the receipt starts printing (a cash payment), so the cashier
    /// counts change while the paper comes out.
    pub drawer: Option<DrawerPin>,
}

impl EscPosOptions {
    /// Font A, CP858, no drawer.
    pub fn new(paper: Paper) -> EscPosOptions {
        EscPosOptions {
            paper,
            small_font: false,
            code_page: CodePage::default(),
            code_table: None,
            drawer: None,
        }
    }

    /// Characters per line: the line's dots over the font's width.
    pub fn columns(&self) -> Columns {
        let font_dots = if self.small_font { 9 } else { 12 };
        // 384/12 = 32, 384/9 = 42, 576/12 = 48, 576/9 = 64: all within Columns' range.
        Columns::new(self.paper.dots() / font_dots).unwrap_or(Columns::NARROWEST)
    }
}

/// The receipt as one ESC/POS job: reset, code page, the drawer pulse if asked, the rows,
/// the barcode, and the cut. Nothing in it waits for an answer from the printer.
pub fn escpos(doc: &ReceiptDocument, options: &EscPosOptions) -> Vec<u8> {
    let page = options.code_page;
    let prepare = |text: &str| page.prepare(text);
    let target = Target {
        columns: options.columns(),
        double_width: true,
        prepare: &prepare,
    };
    let mut out = Vec::with_capacity(4096);
    out.extend(commands::INIT);
    out.extend(commands::ASCII_SET);
    out.extend(commands::code_table(
        options.code_table.unwrap_or(page.escpos_table()),
    ));
    out.extend(commands::font(options.small_font));
    if let Some(pin) = options.drawer {
        out.extend(commands::drawer_pulse(pin == DrawerPin::Pin5));
    }
    for row in layout(doc, &target) {
        match row {
            Row::Text { text, style } => text_row(&mut out, page, &text, style),
            Row::Rule => {
                out.extend(std::iter::repeat_n(b'-', target.columns.get()));
                out.push(commands::LF);
            }
            Row::Barcode(code) => barcode(&mut out, &code, options.paper),
        }
    }
    out.extend(commands::CUT);
    out
}

/// A drawer pulse on its own, for opening the drawer without a sale ("no sale").
pub fn open_drawer(pin: DrawerPin) -> Vec<u8> {
    let mut out = commands::INIT.to_vec();
    out.extend(commands::drawer_pulse(pin == DrawerPin::Pin5));
    out
}

fn text_row(out: &mut Vec<u8>, page: CodePage, text: &str, style: Style) {
    let (bold, double) = match style {
        Style::Normal => (false, false),
        Style::Bold => (true, false),
        Style::Big => (true, true),
    };
    if bold {
        out.extend(commands::bold(true));
    }
    if double {
        out.extend(commands::size(true));
    }
    out.extend(page.encode(text));
    out.push(commands::LF);
    if double {
        out.extend(commands::size(false));
    }
    if bold {
        out.extend(commands::bold(false));
    }
}

/// Bars two dots wide when the symbol (with its quiet zones) fits the line, one dot when
/// only that fits: a narrow barcode scans worse, a clipped one not at all.
fn barcode(out: &mut Vec<u8>, code: &Code128, paper: Paper) {
    let modules: usize = code
        .module_widths()
        .iter()
        .map(|w| usize::from(*w))
        .sum::<usize>()
        + 20;
    let module = if modules * 2 <= paper.dots() { 2 } else { 1 };
    out.extend(commands::align_center(true));
    out.extend(commands::code128(code.as_str(), module));
    out.push(commands::LF);
    out.extend(commands::align_center(false));
}
