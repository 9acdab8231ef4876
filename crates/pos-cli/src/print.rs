//! Plain-text renderings for people; `--json` prints the same values as JSON. Every text
//! that comes from the catalog, HQ or staff records goes through [`plain`].

use std::fmt::Write;

use pos_terminal::{
    InitReport, Item, Money, PrintRound, PrinterStatus, Receipt, ShiftSummary, Status, StockLine,
    Violation,
};
use serde::Serialize;

use crate::plain::plain;

/// An item as `items search` lists it.
#[derive(Debug, Serialize)]
pub struct ItemLine {
    pub sku: String,
    pub barcode: Option<String>,
    pub name: String,
    pub price: Money,
    pub price_includes_tax: bool,
    pub tax_rate: String,
}

impl From<&Item> for ItemLine {
    fn from(item: &Item) -> Self {
        Self {
            sku: item.row.sku.clone(),
            barcode: item.row.barcode.clone(),
            name: item.row.name.clone(),
            price: item.row.price,
            price_includes_tax: item.row.price_includes_tax,
            tax_rate: item.tax_rate.to_string(),
        }
    }
}

pub fn init(report: &InitReport) -> String {
    let mut out = format!(
        "Terminal {} created in {} with {} items.\n",
        plain(&report.code),
        plain(&report.data_dir.display().to_string()),
        report.items
    );
    for user in &report.users {
        let _ = writeln!(
            out,
            "  {:?} {}: PIN {}",
            user.role,
            plain(&user.name),
            user.pin
        );
    }
    if !report.users.is_empty() {
        let _ = writeln!(
            out,
            "  (a demo store: the app's sign-in screen shows these PINs too)"
        );
    }
    for customer in &report.customers {
        let _ = writeln!(
            out,
            "  Customer {} ({}) with {} store credit",
            plain(&customer.name),
            customer.id,
            customer.store_credit
        );
    }
    out
}

pub fn receipt(r: &Receipt) -> String {
    let mut out = format!(
        "{} {:?} by {} at {}\n",
        plain(&r.receipt_no),
        r.kind,
        plain(&r.cashier),
        r.occurred_at
    );
    for line in &r.lines {
        let _ = writeln!(
            out,
            "  {:<36} {:>8} x {:>9} {:>10}",
            plain(&line.name),
            line.quantity,
            line.unit_price,
            line.total
        );
    }
    let _ = writeln!(
        out,
        "  subtotal {}  discounts {}  tax {}  (incl. tax {})",
        r.subtotal, r.discount_total, r.tax_total, r.tax_included
    );
    let _ = writeln!(
        out,
        "  TOTAL {}  paid {}  change {}",
        r.total, r.paid, r.change
    );
    if !r.negative_stock.is_empty() {
        let _ = writeln!(
            out,
            "  note: now below zero in stock: {}",
            plain(&r.negative_stock.join(", "))
        );
    }
    out
}

pub fn items(rows: &[ItemLine]) -> String {
    if rows.is_empty() {
        return "No item matches.\n".to_owned();
    }
    rows.iter()
        .map(|i| {
            format!(
                "{:<10} {:<14} {:<40} {:>9}\n",
                plain(&i.sku),
                plain(i.barcode.as_deref().unwrap_or("-")),
                plain(&i.name),
                i.price
            )
        })
        .collect()
}

pub fn stock(rows: &[StockLine]) -> String {
    if rows.is_empty() {
        return "No item matches.\n".to_owned();
    }
    rows.iter()
        .map(|r| {
            let flag = if r.negative { "  NEGATIVE" } else { "" };
            format!(
                "{:<10} {:<40} {:>10}{flag}\n",
                plain(&r.sku),
                plain(&r.name),
                r.level
            )
        })
        .collect()
}

pub fn status(s: &Status, token_store: pos_sync::token::TokenStore) -> String {
    let mut out = format!(
        "Terminal {}: {}, {} record(s) waiting for HQ, {} dead letter(s), last sync {}{}\n",
        plain(&s.code),
        if s.online { "online" } else { "offline" },
        s.queue_length,
        s.dead_letters,
        plain(s.last_sync.as_deref().unwrap_or("never")),
        if s.paired {
            ""
        } else {
            " (not paired with HQ)"
        }
    );
    if s.paired {
        out.push_str(&if token_store.survives_reboot() {
            format!("Token kept in {}, across reboots.\n", token_store.as_str())
        } else {
            format!(
                "Token kept in {}, which forgets it at reboot: `hq terminal rekey` and `pos \
                 rekey` give a new one.\n",
                token_store.as_str()
            )
        });
    }
    if let Some(error) = &s.last_error {
        out.push_str(&format!("Last sync failed: {}\n", plain(error)));
    }
    if let Some(day) = &s.last_closed_day {
        let date = plain(&day.business_date);
        out.push_str(&match (day.status.as_str(), &day.detail) {
            ("matched", _) => format!("Last closed day {date}: HQ confirmed it to the cent.\n"),
            ("mismatched", Some(detail)) => format!(
                "Last closed day {date}: HQ counts it differently: {}\n",
                plain(detail)
            ),
            _ => format!("Last closed day {date}: waiting for HQ to confirm it.\n"),
        });
    }
    for dead in &s.recent_dead_letters {
        out.push_str(&format!(
            "Dead letter {} ({} {}): {} — {}\n",
            dead.seq,
            plain(&dead.kind),
            plain(&dead.record_id),
            plain(&dead.code),
            plain(&dead.reason)
        ));
    }
    out
}

pub fn paired(report: &pos_sync::PairReport, round: &pos_sync::RoundReport) -> String {
    format!(
        "Paired as terminal {} \"{}\" of {} at {} (HQ {}).\n{}",
        plain(&report.terminal_code),
        plain(&report.terminal_name),
        plain(&report.organization),
        plain(&report.location),
        plain(&report.hq_url),
        synced(round)
    )
}

pub fn rekeyed(report: &pos_sync::RekeyReport, round: &pos_sync::RoundReport) -> String {
    format!(
        "Terminal {} has a new token from HQ {}; {} record(s) were waiting for HQ.\n{}",
        plain(&report.terminal_code),
        plain(&report.hq_url),
        report.queued,
        synced(round)
    )
}

pub fn synced(r: &pos_sync::RoundReport) -> String {
    format!(
        "Synced: {} record(s) pushed, {} refused, {} catalog change(s) and {} stock level(s) pulled.\n",
        r.pushed, r.rejected, r.catalog_changes, r.stock_levels
    )
}

pub fn violations(violations: &[Violation]) -> String {
    if violations.is_empty() {
        return "Every local invariant holds.\n".to_owned();
    }
    violations
        .iter()
        .map(|v| format!("{}: {}\n", plain(v.rule), plain(&v.detail)))
        .collect()
}

pub fn shift_report(title: &str, r: &ShiftSummary) -> String {
    serde_json::to_string_pretty(r)
        .map(|body| format!("{title}\n{body}\n"))
        .unwrap_or_else(|e| format!("{title}: cannot render ({e})\n"))
}

pub fn printer(s: &PrinterStatus) -> String {
    let mut out = format!(
        "Printer: {} ({} mm paper)\n",
        plain(&s.setup.address),
        s.setup.paper_mm
    );
    let name = if s.setup.store_name.is_empty() {
        "(the location's name)"
    } else {
        &s.setup.store_name
    };
    let _ = writeln!(out, "Receipt header: {}", plain(name));
    for line in &s.setup.store_address {
        let _ = writeln!(out, "  {}", plain(line));
    }
    if !s.setup.tax_id.is_empty() {
        let _ = writeln!(out, "  Tax id {}", plain(&s.setup.tax_id));
    }
    let _ = writeln!(out, "Footer: {}", plain(&s.setup.footer.join(" / ")));
    let _ = writeln!(out, "Waiting to print: {}", s.waiting);
    if let Some(error) = &s.last_error {
        let _ = writeln!(out, "Last failure: {}", plain(error));
    }
    out
}

pub fn print_round(r: &PrintRound) -> String {
    let mut out = format!("Printed {}; {} still waiting.\n", r.printed, r.waiting);
    if let Some(error) = &r.error {
        let _ = writeln!(out, "Stopped: {}", plain(error));
    }
    out
}
