//! A terminal's business day counted from what HQ holds: the records its journal links
//! name for that day, up to one link, as they are in the books now (so a sale deleted or
//! edited at HQ after it arrived shows).

use pos_domain::{Money, TaxRate};
use sync_protocol::{DayDigest, PaymentMethod};
use tokio_postgres::GenericClient;
use uuid::Uuid;

/// Why HQ's own figures cannot be read as a digest (a figure beyond what money holds).
#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
    #[error("HQ's figures for {what} cannot be read: {reason}")]
    Figures { what: &'static str, reason: String },
}

fn money(what: &'static str, minor: Option<i64>) -> Result<Money, DigestError> {
    Money::from_minor(minor.unwrap_or(0)).map_err(|e| DigestError::Figures {
        what,
        reason: e.to_string(),
    })
}

/// The records of `terminal`'s day `date` whose links are at or before `through`.
const OF_DAY: &str = "JOIN pos.journal_links l ON l.record_id = s.id::text AND l.kind = 'sale' \
     WHERE l.terminal_id = $1 AND l.business_date = $2::text::date AND l.position <= $3 \
       AND s.terminal_id = $1";

/// HQ's digest of `terminal`'s day `date` up to link `through`.
pub async fn hq_digest(
    db: &impl GenericClient,
    terminal: Uuid,
    date: &str,
    through: i64,
) -> Result<DayDigest, DigestError> {
    let args: [&(dyn tokio_postgres::types::ToSql + Sync); 3] = [&terminal, &date, &through];
    let last = db
        .query_opt(
            "SELECT position, hash FROM pos.journal_links \
             WHERE terminal_id = $1 AND business_date = $2::text::date AND position <= $3 \
             ORDER BY position DESC LIMIT 1",
            &args,
        )
        .await?;
    let (through_position, last_hash) = last.map_or((0, String::new()), |r| (r.get(0), r.get(1)));
    let mut digest = DayDigest::empty(terminal, date, through_position, last_hash);
    let sql = format!(
        "SELECT s.kind, count(*), (sum(s.total) * 100)::int8, (sum(s.change_given) * 100)::int8 \
         FROM pos.sales s {OF_DAY} GROUP BY s.kind"
    );
    let mut change = 0_i64;
    for row in db.query(&sql, &args).await? {
        let kind: String = row.get(0);
        let n = u64::try_from(row.get::<_, i64>(1)).unwrap_or(0);
        let total = money("sales", row.get(2))?;
        change += row.get::<_, Option<i64>>(3).unwrap_or(0);
        if kind == "refund" {
            digest.refunds_count = n;
            digest.refunds_total = total;
        } else {
            digest.sales_count = n;
            digest.sales_total = total;
        }
    }
    digest.change_given = money("change given", Some(change))?;
    let sql = format!(
        "SELECT p.method, (sum(p.amount) * 100)::int8 FROM pos.payments p \
         JOIN pos.sales s ON s.id = p.sale_id {OF_DAY} GROUP BY p.method"
    );
    for row in db.query(&sql, &args).await? {
        let method: String = row.get(0);
        let Some(method) = PaymentMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == method)
        else {
            return Err(DigestError::Figures {
                what: "payments",
                reason: format!("unknown method {method}"),
            });
        };
        digest
            .tenders
            .push((method, money("payments", row.get(1))?));
    }
    let sql = format!(
        "SELECT round(sl.tax_rate * 1000000)::int8, (sum(sl.tax) * 100)::int8 \
         FROM pos.sale_lines sl JOIN pos.sales s ON s.id = sl.sale_id {OF_DAY} \
         GROUP BY 1"
    );
    for row in db.query(&sql, &args).await? {
        let ppm = u32::try_from(row.get::<_, i64>(0)).map_err(|e| DigestError::Figures {
            what: "tax rates",
            reason: e.to_string(),
        })?;
        let rate = TaxRate::from_ppm(ppm).map_err(|e| DigestError::Figures {
            what: "tax rates",
            reason: e.to_string(),
        })?;
        digest.taxes.push((rate, money("tax", row.get(1))?));
    }
    let row = db
        .query_one(
            "SELECT count(*), (sum(v.total) * 100)::int8 FROM pos.voids v \
             JOIN pos.journal_links l ON l.record_id = v.id::text AND l.kind = 'void' \
             WHERE l.terminal_id = $1 AND l.business_date = $2::text::date \
               AND l.position <= $3 AND v.terminal_id = $1",
            &args,
        )
        .await?;
    digest.voids_count = u64::try_from(row.get::<_, i64>(0)).unwrap_or(0);
    digest.voids_total = money("voids", row.get(1))?;
    digest.normalize();
    Ok(digest)
}
