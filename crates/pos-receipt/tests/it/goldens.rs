//! The renderings of the fixture receipts, byte for byte.

use pos_receipt::{CodePage, Columns, DrawerPin, EscPosOptions, Paper, escpos, html, text};

use crate::escpos_stream::{from_readable, readable};
use crate::fixtures::{refund_doc, sale_doc, z_report_doc};
use crate::golden::check;

fn columns(n: usize) -> Columns {
    Columns::new(n).unwrap()
}

#[test]
fn sale_as_text_48_and_32_columns() {
    check("sale-48.txt", &text(&sale_doc(), columns(48)));
    check("sale-32.txt", &text(&sale_doc(), columns(32)));
}

#[test]
fn sale_as_escpos_on_80mm_with_the_drawer() {
    let options = EscPosOptions {
        drawer: Some(DrawerPin::Pin2),
        ..EscPosOptions::new(Paper::Mm80)
    };
    let bytes = escpos(&sale_doc(), &options);
    let golden = readable(&bytes);
    // The readable form is lossless: it is the bytes, not a picture of them.
    assert_eq!(from_readable(&golden), bytes);
    check("sale-80mm.escpos.txt", &golden);
}

#[test]
fn sale_as_escpos_on_58mm_small_font_cp437() {
    let options = EscPosOptions {
        small_font: true,
        code_page: CodePage::Cp437,
        ..EscPosOptions::new(Paper::Mm58)
    };
    assert_eq!(options.columns().get(), 42);
    check(
        "sale-58mm-42col-cp437.escpos.txt",
        &readable(&escpos(&sale_doc(), &options)),
    );
}

#[test]
fn refund_and_z_report_as_text() {
    check("refund-42.txt", &text(&refund_doc(), columns(42)));
    check("z-report-42.txt", &text(&z_report_doc(), columns(42)));
}

#[test]
fn sale_as_html() {
    check("sale.html", &html(&sale_doc()));
}
