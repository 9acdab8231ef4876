//! `verify`'s walk of the journal: each link must follow the one before it, hash to what
//! it says, and cover a record whose content, re-read from the tables now, still hashes
//! to the link's content hash. The walk stops at the first broken link, which it names.

use rusqlite::{Connection, OptionalExtension};
use sync_protocol::chain::{
    ChainBreak, ChainLink, check_link, sale_content, shift_close_content, void_content,
};
use sync_protocol::{NewSale, NewSaleLine, SALE_KIND, SHIFT_CLOSE_KIND, VOID_KIND, VoidRecord};
use uuid::Uuid;

use crate::sale_read::{StoredSale, read_sale};
use crate::shift::read_shift;
use crate::shift_summary::summarize;
use crate::terminal::{TerminalIdentity, read_terminal};
use crate::verify::Violation;
use crate::{StoreError, convert};

/// The rule name `verify` reports journal breaks under.
pub const RULE: &str = "journal_chain";

struct Stored {
    kind: String,
    record_id: String,
    link: ChainLink,
}

/// The first broken link, if any.
pub(crate) fn first_break(conn: &Connection) -> Result<Option<Violation>, StoreError> {
    let Some(terminal) = read_terminal(conn)? else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT kind, record_id, position, business_date, prev_hash, content_hash, hash \
         FROM journal_chain ORDER BY position",
    )?;
    let links = stmt
        .query_map([], |r| {
            Ok(Stored {
                kind: r.get(0)?,
                record_id: r.get(1)?,
                link: ChainLink {
                    position: r.get(2)?,
                    business_date: r.get(3)?,
                    prev_hash: r.get(4)?,
                    content_hash: r.get(5)?,
                    hash: r.get(6)?,
                },
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut head: Option<(i64, String)> = None;
    for stored in links {
        let (content, name) = match current_content(conn, &terminal, &stored)? {
            Ok(found) => found,
            Err(missing) => {
                return Ok(Some(Violation {
                    rule: RULE,
                    detail: format!("link {}: {missing}", stored.link.position),
                }));
            }
        };
        let checked = check_link(
            head.as_ref().map(|(p, h)| (*p, h.as_str())),
            &stored.kind,
            &content,
            &stored.link,
        );
        if let Err(broken) = checked {
            return Ok(Some(Violation {
                rule: RULE,
                detail: describe(&broken, &name),
            }));
        }
        head = Some((stored.link.position, stored.link.hash));
    }
    Ok(None)
}

fn describe(broken: &ChainBreak, name: &str) -> String {
    match broken {
        ChainBreak::Altered { position } => format!(
            "link {position} ({name}): what is stored now differs from what was recorded; \
             it was altered after it was committed"
        ),
        other => format!("{other} ({name})"),
    }
}

/// The record's content as the tables hold it now, and a name for a person; or why it
/// cannot be read.
fn current_content(
    conn: &Connection,
    terminal: &TerminalIdentity,
    stored: &Stored,
) -> Result<Result<(String, String), String>, StoreError> {
    let id = convert::uuid("journal_chain.record_id", &stored.record_id)?;
    Ok(match stored.kind.as_str() {
        SALE_KIND => match read_sale(conn, "id", &stored.record_id)? {
            Some(sale) => Ok((
                sale_content(terminal.terminal_id, &sale.receipt_no, &as_new_sale(&sale)),
                format!("{} {}", sale.kind.as_str(), sale.receipt_no),
            )),
            None => Err(format!("sale {id} is gone from the sales table")),
        },
        VOID_KIND => match read_void(conn, terminal, id)? {
            Some(void) => Ok((void_content(&void), format!("void {id}"))),
            None => Err(format!("void {id} is gone from the voids table")),
        },
        SHIFT_CLOSE_KIND => match read_shift(conn, id)? {
            Some(shift) => Ok((
                shift_close_content(&summarize(conn, shift)?),
                format!("Z report of shift {id}"),
            )),
            None => Err(format!("shift {id} is gone from the shifts table")),
        },
        other => Err(format!("a link of unknown kind \"{other}\"")),
    })
}

fn as_new_sale(sale: &StoredSale) -> NewSale {
    NewSale {
        id: sale.id,
        kind: sale.kind,
        refund_of: sale.refund_of,
        customer_id: sale.customer_id,
        cashier_id: sale.cashier_id,
        shift_id: sale.shift_id,
        lines: sale
            .lines
            .iter()
            .map(|l| NewSaleLine {
                id: l.id,
                item_id: l.item_id,
                name: l.name.clone(),
                unit_price: l.unit_price,
                quantity: l.quantity,
                tax_rate: l.tax_rate,
                price_includes_tax: l.price_includes_tax,
                gross: l.gross,
                line_discount: l.line_discount,
                cart_discount_share: l.cart_discount_share,
                tax: l.tax,
                total: l.total,
                refund_of_line: l.refund_of_line,
            })
            .collect(),
        payments: sale.payments.clone(),
        subtotal: sale.subtotal,
        discount_total: sale.discount_total,
        tax_total: sale.tax_total,
        tax_included: sale.tax_included,
        total: sale.total,
        paid_total: sale.paid_total,
        change_given: sale.change_given,
        occurred_at: sale.occurred_at.clone(),
        business_date: sale.business_date.clone(),
        catalog_version: None,
        approval: None,
    }
}

type RawVoid = (Option<String>, String, String, i64, i64, String, String);

fn read_void(
    conn: &Connection,
    terminal: &TerminalIdentity,
    id: Uuid,
) -> Result<Option<VoidRecord>, StoreError> {
    let raw: Option<RawVoid> = conn
        .query_row(
            "SELECT shift_id, cashier_id, approved_by, lines, total, occurred_at, business_date \
             FROM voids WHERE id = ?1",
            [id.to_string()],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?;
    let Some((shift, cashier, approver, lines, total, occurred_at, business_date)) = raw else {
        return Ok(None);
    };
    Ok(Some(VoidRecord {
        terminal_id: terminal.terminal_id,
        location_id: terminal.location_id,
        id,
        shift_id: shift
            .map(|s| convert::uuid("voids.shift_id", &s))
            .transpose()?,
        cashier_id: convert::uuid("voids.cashier_id", &cashier)?,
        approved_by: convert::uuid("voids.approved_by", &approver)?,
        lines: u32::try_from(lines).map_err(|e| StoreError::corrupt("voids.lines", e))?,
        total: convert::money("voids.total", total)?,
        occurred_at,
        business_date,
    }))
}
