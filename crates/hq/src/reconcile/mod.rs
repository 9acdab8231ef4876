//! `hq reconcile`: every terminal-day of a business date, as matched, pending or
//! mismatched. A terminal's Z report queues its count of each day it covers (a
//! [`DayDigest`]); HQ counts the same records from its books now and compares, figure by
//! figure. Run at any time, so a record deleted or edited at HQ after the day was
//! confirmed turns the day to mismatched.

pub mod digest;

use serde::Serialize;
use sync_protocol::{DayDigest, Difference};
use uuid::Uuid;

use digest::{DigestError, hq_digest};

/// `YYYY-MM-DD`, a day that exists (PostgreSQL's `date` would refuse any other).
pub fn is_business_date(text: &str) -> bool {
    let shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return false;
    }
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}

/// Where one terminal-day stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayStatus {
    /// The terminal's count and HQ's agree on every figure.
    Matched,
    /// Not everything is in yet: no Z report covers the day, or records of the day
    /// arrived after the last one that did.
    Pending,
    /// The counts differ; `differences` names each figure.
    Mismatched,
}

/// One terminal's business day.
#[derive(Debug, Clone, Serialize)]
pub struct TerminalDay {
    pub terminal_id: Uuid,
    pub terminal_code: String,
    pub organization: String,
    pub status: DayStatus,
    /// One sentence: why pending, or what differs.
    pub detail: String,
    pub differences: Vec<Difference>,
    /// What the terminal counted (its newest digest of the day), if one arrived.
    pub terminal: Option<DayDigest>,
    /// What HQ counts now, up to the same journal link.
    pub hq: DayDigest,
}

/// Every terminal-day of `date` (`YYYY-MM-DD`) that has records or a digest at HQ.
pub async fn reconcile(
    client: &mut tokio_postgres::Client,
    date: &str,
) -> Result<Vec<TerminalDay>, DigestError> {
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let rows = tx
        .query(
            "SELECT t.id, t.code, o.name, d.digest, \
               (SELECT max(position) FROM pos.journal_links l \
                 WHERE l.terminal_id = t.id AND l.business_date = $1::text::date) \
             FROM pos.terminals t JOIN core.organizations o ON o.id = t.organization_id \
             LEFT JOIN pos.day_digests d ON d.terminal_id = t.id \
               AND d.business_date = $1::text::date \
             WHERE d.terminal_id IS NOT NULL OR EXISTS (SELECT 1 FROM pos.journal_links l \
                 WHERE l.terminal_id = t.id AND l.business_date = $1::text::date) \
             ORDER BY o.name, t.code",
            &[&date],
        )
        .await?;
    let mut days = Vec::with_capacity(rows.len());
    for row in rows {
        let terminal_id: Uuid = row.get(0);
        let last_link: Option<i64> = row.get(4);
        let theirs: Option<DayDigest> = row
            .get::<_, Option<serde_json::Value>>(3)
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| DigestError::Figures {
                what: "a stored day digest",
                reason: e.to_string(),
            })?;
        let through = theirs
            .as_ref()
            .map_or(last_link.unwrap_or(0), |d| d.through_position);
        let hq = hq_digest(&tx, terminal_id, date, through).await?;
        let (status, detail, differences) = judge(theirs.as_ref(), &hq, last_link);
        days.push(TerminalDay {
            terminal_id,
            terminal_code: row.get(1),
            organization: row.get(2),
            status,
            detail,
            differences,
            terminal: theirs,
            hq,
        });
    }
    tx.commit().await?;
    Ok(days)
}

fn judge(
    theirs: Option<&DayDigest>,
    hq: &DayDigest,
    last_link: Option<i64>,
) -> (DayStatus, String, Vec<Difference>) {
    let Some(theirs) = theirs else {
        return (
            DayStatus::Pending,
            "no Z report covering this day has arrived yet".to_owned(),
            Vec::new(),
        );
    };
    let differences = theirs.differences(hq);
    if !differences.is_empty() {
        let all: Vec<String> = differences.iter().map(ToString::to_string).collect();
        return (DayStatus::Mismatched, all.join("; "), differences);
    }
    match last_link {
        Some(last) if last > theirs.through_position => (
            DayStatus::Pending,
            format!(
                "matched up to journal link {}, but records of the day up to link {last} \
                 arrived after that Z report; the next Z report will cover them",
                theirs.through_position
            ),
            Vec::new(),
        ),
        _ => (
            DayStatus::Matched,
            format!(
                "{} sales, {} refunds and {} voids agree to the cent up to journal link {}",
                hq.sales_count, hq.refunds_count, hq.voids_count, hq.through_position
            ),
            Vec::new(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::is_business_date;

    #[test]
    fn only_real_days_are_dates() {
        assert!(is_business_date("2026-11-27"));
        assert!(is_business_date("2024-02-29"));
        for bad in [
            "2026-02-29",
            "+202-11-27",
            "0000-01-01",
            "2026-13-01",
            "2026-1-01",
            "26-11-27",
            "2026-11-27x",
            "",
        ] {
            assert!(!is_business_date(bad), "{bad}");
        }
    }
}
