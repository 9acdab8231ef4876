//! The shape of every ESC/POS job, whatever the paper, font and code page.

use pos_receipt::{CodePage, DrawerPin, EscPosOptions, Paper, escpos, open_drawer};

use crate::escpos_stream::{Cmd, lines, parse};
use crate::fixtures::{long_doc, refund_doc, sale_doc, z_report_doc};

fn all_options() -> Vec<EscPosOptions> {
    let mut all = Vec::new();
    for paper in [Paper::Mm58, Paper::Mm80] {
        for small_font in [false, true] {
            for code_page in [
                CodePage::Cp437,
                CodePage::Cp852,
                CodePage::Cp858,
                CodePage::Cp866,
                CodePage::Wpc1252,
            ] {
                all.push(EscPosOptions {
                    small_font,
                    code_page,
                    ..EscPosOptions::new(paper)
                });
            }
        }
    }
    all
}

#[test]
fn every_job_is_well_formed_starts_clean_and_ends_with_the_cut() {
    for doc in [sale_doc(), refund_doc(), z_report_doc(), long_doc(100)] {
        for options in all_options() {
            let columns = options.columns().get();
            let cmds = parse(&escpos(&doc, &options), columns)
                .unwrap_or_else(|e| panic!("{options:?}: {e}"));
            assert_eq!(
                cmds[..4],
                [
                    Cmd::Init,
                    Cmd::CharacterSet(0),
                    Cmd::CodeTable(options.code_page.escpos_table()),
                    Cmd::Font(u8::from(options.small_font)),
                ]
            );
            assert_eq!(cmds.last(), Some(&Cmd::Cut), "{options:?}");
            assert_eq!(cmds.iter().filter(|c| **c == Cmd::Cut).count(), 1);
            // Bold and size are always switched back off.
            let bold_on = cmds.iter().filter(|c| **c == Cmd::Bold(true)).count();
            assert_eq!(
                bold_on,
                cmds.iter().filter(|c| **c == Cmd::Bold(false)).count()
            );
        }
    }
}

#[test]
fn the_receipt_number_is_a_code_128_barcode() {
    let cmds = parse(&escpos(&sale_doc(), &EscPosOptions::new(Paper::Mm80)), 48).unwrap();
    let barcodes: Vec<_> = cmds
        .iter()
        .filter(|c| matches!(c, Cmd::Code128 { .. }))
        .collect();
    assert_eq!(
        barcodes,
        [&Cmd::Code128 {
            set: b'B',
            data: "T01-000123".to_owned()
        }]
    );
    // Two-dot modules fit both papers for a receipt number this long.
    assert!(cmds.contains(&Cmd::BarcodeSetting(b'w', 2)));
    let z = parse(
        &escpos(&z_report_doc(), &EscPosOptions::new(Paper::Mm80)),
        48,
    )
    .unwrap();
    assert!(!z.iter().any(|c| matches!(c, Cmd::Code128 { .. })));
}

#[test]
fn the_total_prints_double_size_and_bold() {
    let cmds = parse(&escpos(&sale_doc(), &EscPosOptions::new(Paper::Mm58)), 32).unwrap();
    let at = cmds
        .iter()
        .position(|c| matches!(c, Cmd::Text(t) if t.starts_with(b"TOTAL")))
        .unwrap();
    assert_eq!(cmds[at - 2..at], [Cmd::Bold(true), Cmd::Size(0x11)]);
    assert_eq!(
        cmds[at + 1..at + 4],
        [Cmd::LineFeed, Cmd::Size(0), Cmd::Bold(false)]
    );
}

#[test]
fn the_drawer_opens_only_when_asked() {
    let plain = parse(&escpos(&sale_doc(), &EscPosOptions::new(Paper::Mm80)), 48).unwrap();
    assert!(!plain.iter().any(|c| matches!(c, Cmd::DrawerPulse { .. })));
    let options = EscPosOptions {
        drawer: Some(DrawerPin::Pin5),
        ..EscPosOptions::new(Paper::Mm80)
    };
    let cmds = parse(&escpos(&sale_doc(), &options), 48).unwrap();
    assert_eq!(
        cmds[4],
        Cmd::DrawerPulse {
            pin: 1,
            on: 25,
            off: 250
        }
    );
    assert_eq!(
        open_drawer(DrawerPin::Pin2),
        [0x1b, b'@', 0x1b, b'p', 0, 25, 250]
    );
}

#[test]
fn text_can_never_inject_a_command() {
    let mut doc = sale_doc();
    // ESC p 0 25 250 would open the drawer; GS V would cut mid-receipt.
    doc.lines[0].name = "Evil\u{1b}p\u{0}\u{19}\u{fa}\u{1d}V\u{0}name".to_owned();
    doc.cashier = "\u{1b}@\nreset".to_owned();
    let cmds = parse(&escpos(&doc, &EscPosOptions::new(Paper::Mm80)), 48).unwrap();
    assert!(!cmds.iter().any(|c| matches!(c, Cmd::DrawerPulse { .. })));
    assert_eq!(cmds.iter().filter(|c| **c == Cmd::Init).count(), 1);
    assert_eq!(cmds.iter().filter(|c| **c == Cmd::Cut).count(), 1);
    assert!(lines(&cmds).iter().any(|l| l.starts_with("Evil p")));
}

#[test]
fn text_outside_the_code_page_is_transliterated_not_dropped() {
    let mut doc = sale_doc();
    doc.lines[0].name = "Łask 5 €".to_owned();
    let options = EscPosOptions {
        code_page: CodePage::Cp437,
        ..EscPosOptions::new(Paper::Mm80)
    };
    let cmds = parse(&escpos(&doc, &options), 48).unwrap();
    assert!(
        lines(&cmds).iter().any(|l| l.starts_with("Lask 5 EUR")),
        "{:?}",
        lines(&cmds)
    );
}

#[test]
fn a_printer_numbering_its_tables_differently_gets_its_number() {
    let options = EscPosOptions {
        code_table: Some(47),
        ..EscPosOptions::new(Paper::Mm80)
    };
    let cmds = parse(&escpos(&sale_doc(), &options), 48).unwrap();
    assert_eq!(cmds[2], Cmd::CodeTable(47));
}
