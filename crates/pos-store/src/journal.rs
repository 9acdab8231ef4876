//! The sales journal on the terminal: one hash-chain link per completed sale or refund,
//! void and shift close (see `sync_protocol::chain` for the serialization), and each
//! business day's digest as the Z report counts it.
//!
//! A link is appended inside the transaction that commits its record, right after the
//! record's outbox entry, so a record and its link exist together or not at all, and the
//! chain's order is the outbox's order.

use pos_domain::Money;
use rusqlite::{Connection, OptionalExtension, params};
use sync_protocol::chain::ChainLink;
use sync_protocol::{DayDigest, PaymentMethod};
use uuid::Uuid;

use crate::{StoreError, convert};

/// The last link, as `(position, hash)`.
pub(crate) fn head(conn: &Connection) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT position, hash FROM journal_chain ORDER BY position DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Appends the link for the record `(kind, record_id)` whose content is `content`, carried
/// by outbox record `outbox_seq`. Must run inside that record's transaction.
pub(crate) fn append_link(
    conn: &Connection,
    kind: &str,
    record_id: &str,
    business_date: &str,
    outbox_seq: i64,
    content: &str,
) -> Result<ChainLink, StoreError> {
    let head = head(conn)?;
    let link = ChainLink::next(
        head.as_ref().map(|(p, h)| (*p, h.as_str())),
        kind,
        business_date,
        content,
    );
    conn.prepare_cached(
        "INSERT INTO journal_chain (position, kind, record_id, business_date, outbox_seq, \
           prev_hash, content_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        link.position,
        kind,
        record_id,
        link.business_date,
        outbox_seq,
        link.prev_hash,
        link.content_hash,
        link.hash,
    ])?;
    Ok(link)
}

/// The business days with links after the shift close before `position` (the days a Z
/// report at `position` covers), in order.
pub(crate) fn days_since_last_close(
    conn: &Connection,
    position: i64,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT business_date FROM journal_chain WHERE position > \
           (SELECT COALESCE(MAX(position), 0) FROM journal_chain \
             WHERE kind = 'shift_close' AND position < ?1) \
         ORDER BY business_date",
    )?;
    let rows = stmt.query_map([position], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn money(column: &'static str, minor: Option<i64>) -> Result<Money, StoreError> {
    convert::money(column, minor.unwrap_or(0))
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The digest of `business_date` from what this terminal holds: every chained record of
/// that day (the sales tables, not the outbox payloads, so a record edited after the fact
/// shows here).
pub(crate) fn day_digest(
    conn: &Connection,
    terminal_id: Uuid,
    business_date: &str,
) -> Result<DayDigest, StoreError> {
    let (through_position, last_hash): (i64, String) = conn
        .prepare_cached(
            "SELECT position, hash FROM journal_chain WHERE business_date = ?1 \
             ORDER BY position DESC LIMIT 1",
        )?
        .query_row([business_date], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, String::new()));
    let mut digest = DayDigest::empty(terminal_id, business_date, through_position, last_hash);
    const OF_DAY: &str = "JOIN journal_chain j ON j.record_id = s.id AND j.kind = 'sale' \
         WHERE j.business_date = ?1";
    let mut change = 0_i64;
    let sql = format!(
        "SELECT s.kind, COUNT(*), SUM(s.total), SUM(s.change_given) FROM sales s {OF_DAY} \
         GROUP BY s.kind"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([business_date])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let total = money("sales.total", r.get(2)?)?;
        change += r.get::<_, Option<i64>>(3)?.unwrap_or(0);
        if kind == "refund" {
            digest.refunds_count = count(r.get(1)?);
            digest.refunds_total = total;
        } else {
            digest.sales_count = count(r.get(1)?);
            digest.sales_total = total;
        }
    }
    digest.change_given = convert::money("sales.change_given", change)?;
    let sql = format!(
        "SELECT p.method, SUM(p.amount) FROM payments p JOIN sales s ON s.id = p.sale_id \
         {OF_DAY} GROUP BY p.method"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([business_date])?;
    while let Some(r) = rows.next()? {
        let method: String = r.get(0)?;
        let method = convert::spelled(
            "payments.method",
            &method,
            &PaymentMethod::ALL,
            PaymentMethod::as_str,
        )?;
        digest
            .tenders
            .push((method, money("payments.amount", r.get(1)?)?));
    }
    let sql = format!(
        "SELECT l.tax_rate_ppm, SUM(l.tax) FROM sale_lines l JOIN sales s ON s.id = l.sale_id \
         {OF_DAY} GROUP BY l.tax_rate_ppm"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([business_date])?;
    while let Some(r) = rows.next()? {
        let rate = convert::tax_rate("sale_lines.tax_rate_ppm", r.get(0)?)?;
        digest
            .taxes
            .push((rate, money("sale_lines.tax", r.get(1)?)?));
    }
    let (voids, voids_total): (i64, Option<i64>) = conn
        .prepare_cached(
            "SELECT COUNT(*), SUM(v.total) FROM voids v \
             JOIN journal_chain j ON j.record_id = v.id AND j.kind = 'void' \
             WHERE j.business_date = ?1",
        )?
        .query_row([business_date], |r| Ok((r.get(0)?, r.get(1)?)))?;
    digest.voids_count = count(voids);
    digest.voids_total = money("voids.total", voids_total)?;
    digest.normalize();
    Ok(digest)
}
