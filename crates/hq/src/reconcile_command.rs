//! `hq reconcile --date D [--json]`.

use anyhow::{Context, bail};
use hq::db::DbTarget;
use hq::reconcile::{DayStatus, is_business_date, reconcile};

use crate::Refused;
use crate::commands::Outcome;

pub async fn run(target: &DbTarget, date: &str, json: bool) -> Outcome {
    if !is_business_date(date) {
        bail!("--date must be a business day written YYYY-MM-DD, not \"{date}\"");
    }
    let mut client = target.connect().await?;
    let days = reconcile(&mut client, date)
        .await
        .with_context(|| format!("cannot reconcile {date} in {target}"))?;
    let count = |status| days.iter().filter(|d| d.status == status).count();
    let (matched, pending, mismatched) = (
        count(DayStatus::Matched),
        count(DayStatus::Pending),
        count(DayStatus::Mismatched),
    );
    if json {
        let report = serde_json::json!({
            "date": date,
            "matched": matched,
            "pending": pending,
            "mismatched": mismatched,
            "terminals": days,
        });
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else if days.is_empty() {
        println!("No terminal recorded anything on {date}.");
    } else {
        for day in &days {
            let status = match day.status {
                DayStatus::Matched => "matched",
                DayStatus::Pending => "pending",
                DayStatus::Mismatched => "MISMATCHED",
            };
            println!(
                "{} {} ({}): {status}: {}",
                date, day.terminal_code, day.organization, day.detail
            );
        }
        println!(
            "{date}: {matched} matched, {pending} pending, {mismatched} mismatched terminal-day(s)."
        );
    }
    Ok(if mismatched == 0 {
        Ok(())
    } else {
        Err(Refused)
    })
}
