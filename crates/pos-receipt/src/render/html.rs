//! The receipt as a self-contained HTML page, for e-mail and reprints. Every piece of the
//! document's text is escaped: an item called `<script>` prints as those characters.

use std::fmt::Write;

use crate::layout::plain;
use crate::{AmountRow, Code128, ReceiptDocument, ReceiptLine, labels};

const STYLE: &str = "body{font-family:system-ui,sans-serif;color:#111;margin:0;padding:1rem}\
.receipt{max-width:26rem;margin:auto}header{text-align:center}h1{font-size:1.4rem;margin:0}\
header p{margin:.1rem 0}table{width:100%;border-collapse:collapse;margin:.5rem 0}\
td,th{padding:.1rem 0;vertical-align:top}th{text-align:left;font-weight:600}\
.amount{text-align:right;white-space:nowrap}.sub{color:#555;padding-left:1rem}\
.grand td{font-size:1.3rem;font-weight:700;border-top:1px solid #111}\
section{border-top:1px dashed #999}footer{text-align:center;margin-top:1rem}\
.barcode{text-align:center;margin-top:1rem}";

/// The receipt as a complete HTML document (UTF-8, inline style, the barcode as inline
/// SVG with the number under it in text, for mail clients that hide SVG).
pub fn html(doc: &ReceiptDocument) -> String {
    let mut out = String::with_capacity(8192);
    let title = format!("{} {}", doc.kind.title(), doc.number);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<div class=\"receipt\">\n",
        esc(&title)
    );
    header(&mut out, doc);
    if !doc.lines.is_empty() {
        out.push_str("<section>\n<table class=\"lines\">\n");
        for line in &doc.lines {
            line_rows(&mut out, line);
        }
        out.push_str("</table>\n</section>\n");
    }
    amounts(&mut out, "totals", &doc.totals);
    taxes(&mut out, doc);
    tenders(&mut out, doc);
    amounts(&mut out, "drawer", &doc.drawer);
    customer(&mut out, doc);
    if !doc.footer.is_empty() {
        out.push_str("<footer>\n");
        for paragraph in &doc.footer {
            let _ = writeln!(out, "<p>{}</p>", esc(paragraph));
        }
        out.push_str("</footer>\n");
    }
    if let Some(code) = &doc.barcode {
        barcode(&mut out, code);
    }
    out.push_str("</div>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, doc: &ReceiptDocument) {
    let h = &doc.header;
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", esc(&h.organization));
    if !h.location.is_empty() {
        let _ = writeln!(out, "<p><strong>{}</strong></p>", esc(&h.location));
    }
    for line in &h.address {
        let _ = writeln!(out, "<p>{}</p>", esc(line));
    }
    if let Some(tax_id) = &h.tax_id {
        let _ = writeln!(out, "<p>{}: {}</p>", labels::TAX_ID, esc(tax_id));
    }
    out.push_str("</header>\n<table class=\"meta\">\n");
    row(
        out,
        "",
        &format!("<strong>{}</strong>", doc.kind.title()),
        &esc(&doc.number),
    );
    let cashier = format!("{}: {}", labels::CASHIER, esc(&doc.cashier));
    row(out, "", &esc(&doc.issued_at), &cashier);
    for detail in &doc.details {
        row(
            out,
            "",
            &format!("{}:", esc(&detail.label)),
            &esc(&detail.value),
        );
    }
    out.push_str("</table>\n");
}

fn line_rows(out: &mut String, line: &ReceiptLine) {
    let letter = line.tax_letter.map(|l| format!(" {l}")).unwrap_or_default();
    let amount = format!("{}{letter}", line.gross);
    if line.quantity == pos_domain::Quantity::ONE {
        row(out, "", &esc(&line.name), &amount);
    } else {
        let each = format!(
            "{}<br><span class=\"sub\">{} x {}</span>",
            esc(&line.name),
            line.quantity,
            line.unit_price
        );
        row(out, "", &each, &amount);
    }
    if !line.discount.is_zero() {
        let label = format!("<span class=\"sub\">{}</span>", labels::DISCOUNT);
        row(out, "", &label, &(-line.discount).to_string());
    }
}

fn amounts(out: &mut String, class: &str, rows: &[AmountRow]) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "<section>\n<table class=\"{class}\">");
    for r in rows {
        let class = if r.grand { "grand" } else { "" };
        row(out, class, &esc(&r.label), &r.amount.to_string());
    }
    out.push_str("</table>\n</section>\n");
}

fn taxes(out: &mut String, doc: &ReceiptDocument) {
    if doc.taxes.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section>\n<table class=\"taxes\">\n<tr><th>{}</th><th class=\"amount\">{}</th>\
         <th class=\"amount\">{}</th></tr>",
        labels::RATE,
        labels::NET,
        labels::TAX
    );
    for t in &doc.taxes {
        let net = t.net.map(|n| n.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td>{} {}</td><td class=\"amount\">{net}</td><td class=\"amount\">{}</td></tr>",
            t.letter, t.rate, t.tax
        );
    }
    out.push_str("</table>\n</section>\n");
}

fn tenders(out: &mut String, doc: &ReceiptDocument) {
    if doc.tenders.is_empty() && doc.change.is_zero() {
        return;
    }
    out.push_str("<section>\n<table class=\"tenders\">\n");
    for t in &doc.tenders {
        let label = match &t.reference {
            Some(reference) => format!("{} {}", esc(&t.label), esc(reference)),
            None => esc(&t.label),
        };
        row(out, "", &label, &t.amount.to_string());
    }
    if !doc.change.is_zero() {
        let label = format!("<strong>{}</strong>", labels::CHANGE);
        row(out, "", &label, &format!("<strong>{}</strong>", doc.change));
    }
    out.push_str("</table>\n</section>\n");
}

fn customer(out: &mut String, doc: &ReceiptDocument) {
    let Some(customer) = &doc.customer else {
        return;
    };
    out.push_str("<section>\n<table class=\"customer\">\n");
    let name = format!("{}: {}", labels::CUSTOMER, esc(&customer.name));
    row(out, "", &name, "");
    if let Some(balance) = customer.store_credit_balance {
        row(out, "", labels::CREDIT_BALANCE, &balance.to_string());
    }
    out.push_str("</table>\n</section>\n");
}

/// One table row: `left` and `right` are HTML already (escaped by the caller).
fn row(out: &mut String, class: &str, left: &str, right: &str) {
    if class.is_empty() {
        let _ = writeln!(
            out,
            "<tr><td>{left}</td><td class=\"amount\">{right}</td></tr>"
        );
    } else {
        let _ = writeln!(
            out,
            "<tr class=\"{class}\"><td>{left}</td><td class=\"amount\">{right}</td></tr>"
        );
    }
}

/// The bars as SVG rectangles, two units a module, with ten modules of quiet zone on
/// each side so a scanner finds the edges.
fn barcode(out: &mut String, code: &Code128) {
    const QUIET: u32 = 10;
    let widths = code.module_widths();
    let modules: u32 = widths.iter().map(|w| u32::from(*w)).sum::<u32>() + 2 * QUIET;
    let _ = write!(
        out,
        "<div class=\"barcode\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" \
         height=\"60\" viewBox=\"0 0 {modules} 30\" preserveAspectRatio=\"none\" \
         role=\"img\" aria-label=\"{label}\"><rect width=\"{modules}\" height=\"30\" \
         fill=\"#fff\"/>",
        w = modules * 2,
        label = esc(code.as_str())
    );
    let mut x = QUIET;
    for (i, width) in widths.iter().map(|w| u32::from(*w)).enumerate() {
        if i % 2 == 0 {
            let _ = write!(out, "<rect x=\"{x}\" width=\"{width}\" height=\"30\"/>");
        }
        x += width;
    }
    let _ = writeln!(out, "</svg>\n<p>{}</p>\n</div>", esc(code.as_str()));
}

/// Text as HTML: the five characters HTML gives meaning to are escaped, control
/// characters become spaces.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in plain(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_html_gives_meaning_to() {
        assert_eq!(
            esc("<b>\"Tom's\" & co</b>\u{1b}"),
            "&lt;b&gt;&quot;Tom&#39;s&quot; &amp; co&lt;/b&gt; "
        );
    }
}
