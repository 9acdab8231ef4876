//! Checking each pushed record's journal link against the chain HQ holds for its terminal.
//!
//! A link that does not continue the chain (a gap, a fork, an altered link) or does not
//! cover its record (the record was altered) refuses the record into the dead letters with
//! the break's code, and is stored as `broken`. HQ then continues the chain from that link,
//! so one bad record never blocks the records behind it; the break stays flagged for
//! `hq ledger check`. A record of a chained kind with no link is accepted only before the
//! terminal's first link (it was queued by a build that kept no journal).

use deadpool_postgres::Transaction;
use sync_protocol::api::PushRecord;
use sync_protocol::chain::{
    ChainLink, check_link, is_chained, sale_content, shift_close_content, void_content,
};
use sync_protocol::{SALE_KIND, SHIFT_CLOSE_KIND, SaleRecord, ShiftSummary, VOID_KIND, VoidRecord};

use super::Refusal;
use crate::reconcile::is_business_date;
use crate::terminals::AuthedTerminal;

/// A record's link with the content HQ computed for it.
pub struct Linked {
    pub link: ChainLink,
    pub content: String,
    /// Set when the link breaks the chain.
    pub break_code: Option<&'static str>,
}

/// What the chain says about one record.
pub struct Examined {
    pub linked: Option<Linked>,
    /// Refused before applying: a chain break, or a link missing or misplaced.
    pub refusal: Option<Refusal>,
}

/// The record's content by the chain's serialization, or `None` when the payload cannot
/// be read as its kind (its link then cannot cover it).
fn content_of(kind: &str, payload: &str) -> Option<String> {
    match kind {
        SALE_KIND => serde_json::from_str::<SaleRecord>(payload)
            .ok()
            .map(|r| sale_content(r.terminal_id, &r.receipt_no, &r.sale)),
        VOID_KIND => serde_json::from_str::<VoidRecord>(payload)
            .ok()
            .map(|v| void_content(&v)),
        SHIFT_CLOSE_KIND => serde_json::from_str::<ShiftSummary>(payload)
            .ok()
            .map(|z| shift_close_content(&z)),
        _ => None,
    }
}

fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// What the link table's constraints require, checked before anything is written.
fn well_formed(link: &ChainLink) -> Result<(), &'static str> {
    if link.position < 1 {
        return Err("positions start at 1");
    }
    if !(is_hash(&link.prev_hash) && is_hash(&link.content_hash) && is_hash(&link.hash)) {
        return Err("hashes are 64 lower-case hex digits");
    }
    if !is_business_date(&link.business_date) {
        return Err("the business date is not YYYY-MM-DD");
    }
    Ok(())
}

/// Checks `record` against the chain ending at `head`.
pub fn examine(head: Option<(i64, &str)>, record: &PushRecord) -> Examined {
    let refused = |code, message: String| Examined {
        linked: None,
        refusal: Some(Refusal::new(code, message)),
    };
    let chained = is_chained(&record.kind);
    let Some(link) = &record.chain else {
        return match (chained, head) {
            (true, Some((position, _))) => refused(
                "chain_missing",
                format!(
                    "this {} carries no journal link, but HQ holds this terminal's journal up \
                     to link {position}",
                    record.kind
                ),
            ),
            _ => Examined {
                linked: None,
                refusal: None,
            },
        };
    };
    if let Err(why) = well_formed(link) {
        return refused(
            "bad_record",
            format!("the record's journal link is malformed: {why}"),
        );
    }
    if !chained {
        return refused(
            "bad_record",
            format!("a {} record carries a journal link", record.kind),
        );
    }
    let content = content_of(&record.kind, &record.payload).unwrap_or_default();
    match check_link(head, &record.kind, &content, link) {
        Ok(()) => Examined {
            linked: Some(Linked {
                link: link.clone(),
                content,
                break_code: None,
            }),
            refusal: None,
        },
        Err(broken) => Examined {
            linked: Some(Linked {
                link: link.clone(),
                content,
                break_code: Some(broken.code()),
            }),
            refusal: Some(Refusal::new(
                broken.code(),
                format!("{broken}; HQ keeps the record aside and flags the break"),
            )),
        },
    }
}

/// Stores a link (see [`store`]).
pub const LINK_SQL: &str = "INSERT INTO pos.journal_links (terminal_id, position, seq, kind, record_id, \
           business_date, prev_hash, content_hash, hash, content, outcome, break_code) \
         VALUES ($1, $2, $3, $4, $5, $6::text::date, $7, $8, $9, $10, $11, $12)";

/// Stores `linked` for record `record` (logged in the push log already), with what
/// became of the record.
pub async fn store(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &PushRecord,
    linked: &Linked,
    refused: bool,
) -> Result<(), tokio_postgres::Error> {
    let outcome = match (linked.break_code, refused) {
        (Some(_), _) => "broken",
        (None, true) => "refused",
        (None, false) => "applied",
    };
    let link = &linked.link;
    tx.execute(
        &tx.prepare_cached(LINK_SQL).await?,
        &[
            &terminal.terminal_id,
            &link.position,
            &record.seq,
            &record.kind,
            &record.record_id,
            &link.business_date,
            &link.prev_hash,
            &link.content_hash,
            &link.hash,
            &linked.content,
            &outcome,
            &linked.break_code,
        ],
    )
    .await?;
    Ok(())
}
