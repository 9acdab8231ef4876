//! The sales journal's hash chain: every completed sale or refund, every void and every
//! shift close a terminal records is one link, and each link's hash covers the link
//! before it. Altering, removing or inserting a record anywhere changes every hash after
//! it, so the terminal (`pos verify`) and HQ (as records arrive, and `hq ledger check`
//! at any time) can each prove the journal is the one that was written.
//!
//! # The serialization (version `tally-chain-v1`)
//!
//! A record's *content* is a JSON array of its fields in a fixed order, written by
//! `serde_json` with no whitespace: strings as JSON strings, ids as lower-case hyphenated
//! UUIDs, amounts as integer minor units, quantities as integer thousandths, tax rates as
//! integer parts per million, absent values as `null`. The first element names the kind.
//! The arrays are spelled out in [`sale_content`], [`void_content`] and
//! [`shift_close_content`]; a change to any of them is a new chain version.
//!
//! `content_hash` = lower-case hex SHA-256 of the content's UTF-8 bytes.
//!
//! `hash` = lower-case hex SHA-256 of the text
//! `tally-chain-v1\n{position}\n{kind}\n{business_date}\n{prev_hash}\n{content_hash}`,
//! where `position` counts links from 1 with no gap, `kind` is the outbox kind, and
//! `prev_hash` is the previous link's `hash` ([`GENESIS`] for position 1).

use pos_domain::Money;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::records::{SALE_KIND, SHIFT_CLOSE_KIND, VOID_KIND, VoidRecord};
use crate::sale::NewSale;
use crate::shift::ShiftSummary;

/// The serialization's version, the first line of every link's hashed text.
pub const CHAIN_VERSION: &str = "tally-chain-v1";

/// What position 1 names as the link before it.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Whether records of outbox `kind` are links of the chain.
pub fn is_chained(kind: &str) -> bool {
    kind == SALE_KIND || kind == VOID_KIND || kind == SHIFT_CLOSE_KIND
}

/// One link, as the terminal stores it and pushes it beside the record it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChainLink {
    /// 1, 2, 3, ... per terminal, with no gap.
    pub position: i64,
    /// The business day the record belongs to (`YYYY-MM-DD`, the store's calendar).
    pub business_date: String,
    /// The previous link's `hash`, or [`GENESIS`].
    pub prev_hash: String,
    /// SHA-256 of the record's content.
    pub content_hash: String,
    /// SHA-256 of this link (see the module documentation).
    pub hash: String,
}

impl ChainLink {
    /// The link after `head` (`None` for the first) for a record of `kind` with `content`.
    pub fn next(head: Option<(i64, &str)>, kind: &str, business_date: &str, content: &str) -> Self {
        let (position, prev_hash) = match head {
            Some((position, hash)) => (position + 1, hash.to_owned()),
            None => (1, GENESIS.to_owned()),
        };
        let content_hash = content_hash(content);
        let hash = link_hash(position, kind, business_date, &prev_hash, &content_hash);
        ChainLink {
            position,
            business_date: business_date.to_owned(),
            prev_hash,
            content_hash,
            hash,
        }
    }
}

/// Lower-case hex SHA-256 of `content`.
pub fn content_hash(content: &str) -> String {
    hex::encode(Sha256::digest(content.as_bytes()))
}

/// The hash of the link at `position` (see the module documentation).
pub fn link_hash(
    position: i64,
    kind: &str,
    business_date: &str,
    prev_hash: &str,
    content_hash: &str,
) -> String {
    let text = format!(
        "{CHAIN_VERSION}\n{position}\n{kind}\n{business_date}\n{prev_hash}\n{content_hash}"
    );
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Why a link does not continue a chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("link {got} arrived where link {expected} was due: records are missing")]
    Gap { expected: i64, got: i64 },
    #[error(
        "link {position} does not follow the link before it: the journal was forked or rewritten"
    )]
    Fork { position: i64 },
    #[error("link {position}'s record does not match its hash: the record was altered")]
    Altered { position: i64 },
    #[error("link {position}'s own hash is wrong: the link was altered")]
    BadLink { position: i64 },
}

impl ChainBreak {
    /// Stable, snake_case.
    pub fn code(&self) -> &'static str {
        match self {
            ChainBreak::Gap { .. } => "chain_gap",
            ChainBreak::Fork { .. } => "chain_fork",
            ChainBreak::Altered { .. } => "chain_altered",
            ChainBreak::BadLink { .. } => "chain_bad_link",
        }
    }
}

/// Checks that `link` continues the chain whose last link is `head` (`None`: empty) and
/// covers a record of `kind` whose content is `content`.
pub fn check_link(
    head: Option<(i64, &str)>,
    kind: &str,
    content: &str,
    link: &ChainLink,
) -> Result<(), ChainBreak> {
    let (expected, prev) = match head {
        Some((position, hash)) => (position + 1, hash),
        None => (1, GENESIS),
    };
    if link.position != expected {
        return Err(ChainBreak::Gap {
            expected,
            got: link.position,
        });
    }
    if link.prev_hash != prev {
        return Err(ChainBreak::Fork {
            position: link.position,
        });
    }
    let own = link_hash(
        link.position,
        kind,
        &link.business_date,
        &link.prev_hash,
        &link.content_hash,
    );
    if own != link.hash {
        return Err(ChainBreak::BadLink {
            position: link.position,
        });
    }
    if content_hash(content) != link.content_hash {
        return Err(ChainBreak::Altered {
            position: link.position,
        });
    }
    Ok(())
}

fn money(m: Money) -> Value {
    json!(m.minor())
}

/// A sale's or refund's content: `["sale", terminal_id, receipt_no, id, kind, refund_of,
/// customer_id, cashier_id, shift_id, occurred_at, business_date, subtotal,
/// discount_total, tax_total, tax_included, total, paid_total, change_given, lines,
/// payments]`, where each line is `[line_no, id, item_id, name, unit_price, quantity,
/// tax_rate, price_includes_tax, gross, line_discount, cart_discount_share, tax, total,
/// refund_of_line]` (numbered from 1 in the sale's order) and each payment is `[id,
/// method, amount, reference]` in the order taken.
pub fn sale_content(terminal_id: uuid::Uuid, receipt_no: &str, sale: &NewSale) -> String {
    let lines: Vec<Value> = sale
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            json!([
                i + 1,
                l.id,
                l.item_id,
                l.name,
                l.unit_price.minor(),
                l.quantity.milli(),
                l.tax_rate.ppm(),
                l.price_includes_tax,
                l.gross.minor(),
                l.line_discount.minor(),
                l.cart_discount_share.minor(),
                l.tax.minor(),
                l.total.minor(),
                l.refund_of_line,
            ])
        })
        .collect();
    let payments: Vec<Value> = sale
        .payments
        .iter()
        .map(|p| json!([p.id, p.method.as_str(), p.amount.minor(), p.reference]))
        .collect();
    json!([
        SALE_KIND,
        terminal_id,
        receipt_no,
        sale.id,
        sale.kind.as_str(),
        sale.refund_of,
        sale.customer_id,
        sale.cashier_id,
        sale.shift_id,
        sale.occurred_at,
        sale.business_date,
        money(sale.subtotal),
        money(sale.discount_total),
        money(sale.tax_total),
        money(sale.tax_included),
        money(sale.total),
        money(sale.paid_total),
        money(sale.change_given),
        lines,
        payments,
    ])
    .to_string()
}

/// A void's content: `["void", terminal_id, id, shift_id, cashier_id, approved_by,
/// lines, total, occurred_at, business_date]`.
pub fn void_content(void: &VoidRecord) -> String {
    json!([
        VOID_KIND,
        void.terminal_id,
        void.id,
        void.shift_id,
        void.cashier_id,
        void.approved_by,
        void.lines,
        void.total.minor(),
        void.occurred_at,
        void.business_date,
    ])
    .to_string()
}

/// A shift close's content: `["shift_close", shift_id, opened_by, opened_at,
/// opening_float, closed_by, closed_at, counted_cash, sales_count, refunds_count,
/// sales_total, refunds_total, discount_total, tax_total, tax_included, cash_payments,
/// cash_in, cash_out, change_given, expected_cash, taxes_by_rate, tenders]`, where
/// `taxes_by_rate` is `[[rate, tax], ...]` and `tenders` is `[[method, amount], ...]` in
/// the report's order.
pub fn shift_close_content(z: &ShiftSummary) -> String {
    let taxes: Vec<Value> = z
        .taxes_by_rate
        .iter()
        .map(|(rate, tax)| json!([rate.ppm(), tax.minor()]))
        .collect();
    let tenders: Vec<Value> = z
        .tenders
        .iter()
        .map(|(method, amount)| json!([method.as_str(), amount.minor()]))
        .collect();
    json!([
        SHIFT_CLOSE_KIND,
        z.shift.id,
        z.shift.opened_by,
        z.shift.opened_at,
        z.opening_float.minor(),
        z.shift.closed_by,
        z.shift.closed_at,
        z.counted_cash.map(Money::minor),
        z.sales_count,
        z.refunds_count,
        z.sales_total.minor(),
        z.refunds_total.minor(),
        z.discount_total.minor(),
        z.tax_total.minor(),
        z.tax_included.minor(),
        z.cash_payments.minor(),
        z.cash_in.minor(),
        z.cash_out.minor(),
        z.change_given.minor(),
        z.expected_cash.minor(),
        taxes,
        tenders,
    ])
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: &str = "sale";
    const DAY: &str = "2026-11-27";

    fn chain(contents: &[&str]) -> Vec<ChainLink> {
        let mut links: Vec<ChainLink> = Vec::new();
        for content in contents {
            let head = links.last().map(|l| (l.position, l.hash.as_str()));
            links.push(ChainLink::next(head, KIND, DAY, content));
        }
        links
    }

    #[test]
    fn the_first_link_follows_genesis_and_its_hash_is_pinned() {
        let first = ChainLink::next(None, KIND, DAY, "[\"sale\"]");
        assert_eq!(first.position, 1);
        assert_eq!(first.prev_hash, GENESIS);
        assert_eq!(first.content_hash, content_hash("[\"sale\"]"));
        // Pinned: a change to the serialization must be a new chain version.
        let text = format!(
            "tally-chain-v1\n1\nsale\n{DAY}\n{GENESIS}\n{}",
            first.content_hash
        );
        assert_eq!(first.hash, hex::encode(Sha256::digest(text.as_bytes())));
    }

    #[test]
    fn a_chain_checks_link_by_link() {
        let links = chain(&["a", "b", "c"]);
        let mut head = None;
        for (link, content) in links.iter().zip(["a", "b", "c"]) {
            assert_eq!(check_link(head, KIND, content, link), Ok(()));
            head = Some((link.position, link.hash.as_str()));
        }
    }

    #[test]
    fn gaps_forks_altered_records_and_altered_links_are_named() {
        let links = chain(&["a", "b", "c"]);
        let head = Some((1, links[0].hash.as_str()));
        assert_eq!(
            check_link(head, KIND, "c", &links[2]),
            Err(ChainBreak::Gap {
                expected: 2,
                got: 3
            })
        );
        let other = chain(&["x", "b"]);
        assert_eq!(
            check_link(head, KIND, "b", &other[1]),
            Err(ChainBreak::Fork { position: 2 })
        );
        assert_eq!(
            check_link(head, KIND, "B", &links[1]),
            Err(ChainBreak::Altered { position: 2 })
        );
        let mut moved = links[1].clone();
        moved.business_date = "2026-11-28".into();
        assert_eq!(
            check_link(head, KIND, "b", &moved),
            Err(ChainBreak::BadLink { position: 2 })
        );
        assert_eq!(
            check_link(head, "void", "b", &links[1]),
            Err(ChainBreak::BadLink { position: 2 })
        );
    }
}
