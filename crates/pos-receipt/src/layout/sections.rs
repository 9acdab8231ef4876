//! The order a receipt reads in: header, title, lines, totals, tax, tenders, drawer,
//! customer, footer, barcode. A section with nothing in it prints nothing, rule included.

use pos_domain::Money;

use super::fit::{center, pair, wrap};
use super::{Row, Style, Target};
use crate::{AmountRow, ReceiptDocument, ReceiptLine, TaxRow, labels};

pub(super) struct Rows<'a> {
    target: &'a Target<'a>,
    rows: Vec<Row>,
    /// Room kept right of every amount for a line's tax letter (`" A"`), so that all
    /// amounts line up whether they carry a letter or not.
    letter_room: usize,
}

impl<'a> Rows<'a> {
    pub(super) fn new(target: &'a Target<'a>) -> Rows<'a> {
        Rows {
            target,
            rows: Vec::new(),
            letter_room: 0,
        }
    }

    pub(super) fn finish(self) -> Vec<Row> {
        self.rows
    }

    pub(super) fn document(&mut self, doc: &ReceiptDocument) {
        self.letter_room = if doc.lines.iter().any(|l| l.tax_letter.is_some()) {
            2
        } else {
            0
        };
        self.header(doc);
        self.rule();
        for line in &doc.lines {
            self.line(line);
        }
        if !doc.lines.is_empty() {
            self.rule();
        }
        self.amounts(&doc.totals);
        self.taxes(&doc.taxes);
        self.tenders(doc);
        if !doc.drawer.is_empty() {
            self.rule();
            self.amounts(&doc.drawer);
        }
        self.customer(doc);
        if !doc.footer.is_empty() {
            self.blank();
            for paragraph in &doc.footer {
                self.centered(paragraph, Style::Normal);
            }
        }
        if let Some(barcode) = &doc.barcode {
            self.blank();
            self.rows.push(Row::Barcode(barcode.clone()));
        }
    }

    fn header(&mut self, doc: &ReceiptDocument) {
        let h = &doc.header;
        self.centered(&h.organization, Style::Big);
        if !h.location.is_empty() {
            self.centered(&h.location, Style::Bold);
        }
        for line in &h.address {
            self.centered(line, Style::Normal);
        }
        if let Some(tax_id) = &h.tax_id {
            self.centered(&format!("{}: {tax_id}", labels::TAX_ID), Style::Normal);
        }
        self.blank();
        self.pair(doc.kind.title(), &doc.number, Style::Bold);
        let cashier = format!("{}: {}", labels::CASHIER, doc.cashier);
        self.pair(&doc.issued_at, &cashier, Style::Normal);
        for detail in &doc.details {
            self.pair(&format!("{}:", detail.label), &detail.value, Style::Normal);
        }
    }

    /// One quantity of one thing fits on a line with its amount; anything else gets its
    /// name, then quantity × price, then the discount.
    fn line(&mut self, line: &ReceiptLine) {
        let amount = self.amount_with_letter(line.gross, line.tax_letter);
        if line.quantity == pos_domain::Quantity::ONE {
            self.pair(&line.name, &amount, Style::Normal);
        } else {
            for name_line in wrap(
                &(self.target.prepare)(&line.name),
                self.width(Style::Normal),
            ) {
                self.text(name_line, Style::Normal);
            }
            let each = format!("  {} x {}", line.quantity, line.unit_price);
            self.pair(&each, &amount, Style::Normal);
        }
        if !line.discount.is_zero() {
            let discount = self.amount(-line.discount);
            self.pair(&format!("  {}", labels::DISCOUNT), &discount, Style::Normal);
        }
    }

    fn amounts(&mut self, rows: &[AmountRow]) {
        for row in rows {
            let style = if row.grand { Style::Big } else { Style::Normal };
            let amount = self.amount_in(row.amount, style);
            self.pair(&row.label, &amount, style);
        }
    }

    /// Rate, net and tax in three columns; the two amount columns are as wide as a
    /// 24-character receipt allows, the rate takes the rest. A report knows only the tax,
    /// so it gets two columns.
    fn taxes(&mut self, taxes: &[TaxRow]) {
        if taxes.is_empty() {
            return;
        }
        self.rule();
        if taxes.iter().all(|t| t.net.is_none()) {
            self.pair(labels::RATE, labels::TAX, Style::Normal);
            for t in taxes {
                let tax = self.amount(t.tax);
                self.pair(&format!("{} {}", t.letter, t.rate), &tax, Style::Normal);
            }
            return;
        }
        let width = self.width(Style::Normal);
        let col = 12.min((width - 10) / 2);
        let label = width - 2 * col;
        let mut row = |rate: &str, net: &str, tax: &str| {
            let text = format!("{rate:<label$}{net:>col$}{tax:>col$}");
            self.text(text, Style::Normal);
        };
        row(labels::RATE, labels::NET, labels::TAX);
        for t in taxes {
            let net = t.net.map(|n| n.to_string()).unwrap_or_default();
            row(
                &format!("{} {}", t.letter, t.rate),
                &net,
                &t.tax.to_string(),
            );
        }
    }

    fn tenders(&mut self, doc: &ReceiptDocument) {
        if doc.tenders.is_empty() && doc.change.is_zero() {
            return;
        }
        self.rule();
        for tender in &doc.tenders {
            let label = match &tender.reference {
                Some(reference) => format!("{} {reference}", tender.label),
                None => tender.label.clone(),
            };
            let amount = self.amount(tender.amount);
            self.pair(&label, &amount, Style::Normal);
        }
        if !doc.change.is_zero() {
            let change = self.amount(doc.change);
            self.pair(labels::CHANGE, &change, Style::Bold);
        }
    }

    fn customer(&mut self, doc: &ReceiptDocument) {
        let Some(customer) = &doc.customer else {
            return;
        };
        self.rule();
        let name = format!("{}: {}", labels::CUSTOMER, customer.name);
        for line in wrap(&(self.target.prepare)(&name), self.width(Style::Normal)) {
            self.text(line, Style::Normal);
        }
        if let Some(balance) = customer.store_credit_balance {
            let balance = self.amount(balance);
            self.pair(labels::CREDIT_BALANCE, &balance, Style::Normal);
        }
    }

    fn amount(&self, amount: Money) -> String {
        self.amount_in(amount, Style::Normal)
    }

    /// `amount` with the room a tax letter would take, in `style`'s characters (a double
    /// width character is two columns, so a big amount keeps half as many).
    fn amount_in(&self, amount: Money, style: Style) -> String {
        let room = self.letter_room * self.width(style) / self.target.columns.get();
        format!("{amount}{}", " ".repeat(room))
    }

    fn amount_with_letter(&self, amount: Money, letter: Option<char>) -> String {
        match letter {
            Some(letter) => format!("{amount} {letter}"),
            None => self.amount(amount),
        }
    }

    /// The width a row of `style` is laid out in.
    fn width(&self, style: Style) -> usize {
        let columns = self.target.columns.get();
        if style == Style::Big && self.target.double_width {
            columns / 2
        } else {
            columns
        }
    }

    fn pair(&mut self, left: &str, right: &str, style: Style) {
        let (left, right) = ((self.target.prepare)(left), (self.target.prepare)(right));
        for line in pair(&left, &right, self.width(style)) {
            self.text(line, style);
        }
    }

    fn centered(&mut self, text: &str, style: Style) {
        for line in center(&(self.target.prepare)(text), self.width(style)) {
            self.text(line, style);
        }
    }

    fn text(&mut self, text: String, style: Style) {
        let text = text.trim_end().to_owned();
        self.rows.push(Row::Text { text, style });
    }

    fn blank(&mut self) {
        self.text(String::new(), Style::Normal);
    }

    fn rule(&mut self) {
        self.rows.push(Row::Rule);
    }
}
