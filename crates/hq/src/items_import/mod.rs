//! `hq items import FILE.csv`: the catalog from a spreadsheet.
//!
//! The file's header is exactly `sku,barcode,name,price,tax_rate,tax_included,stock` (the
//! stock column may be left out). Items are upserted by SKU; tax rates are matched by rate
//! among the organization's active rates and created when missing; a stock value is a
//! physical count at the organization's default store (its first store location by code).
//!
//! The whole file is read and checked first; a bad row (a value longer than [`limits`]
//! allows included) is rejected with its line number and never reaches the database, so
//! one typo cannot fail a batch. Rows are then written in batches of [`BATCH_ROWS`], each
//! in one transaction with one catalog version. Batches that committed stay committed if a
//! later one fails on a database error.

pub(crate) mod decimal;
pub mod limits;
mod parse;
mod stock;
mod tax;
mod write;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tokio_postgres::Client;
use uuid::Uuid;

/// Rows written per transaction.
pub const BATCH_ROWS: usize = 1_000;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    #[error(
        "the first line must be the header \"sku,barcode,name,price,tax_rate,tax_included,stock\" \
         (stock is optional), found \"{found}\"; nothing was imported"
    )]
    Header { found: String },
    #[error("there is no organization \"{0}\"")]
    NoOrganization(String),
    #[error("organization \"{0}\" has no store location to hold stock; nothing was imported")]
    NoStoreLocation(String),
    #[error("no free code for a new {0}% tax rate")]
    NoTaxRateCode(String),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// A row that was not imported, and why. Lines count from 1, the header being line 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedRow {
    pub line: u64,
    pub reason: String,
}

/// What an import did. `imported` counts every accepted row: `created + updated +
/// unchanged` (an unchanged item keeps its sync version, so terminals do not fetch it again).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub imported: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub tax_rates_created: usize,
    pub rejected: Vec<RejectedRow>,
}

/// Rows written so far, of the `total` accepted rows. Reported once before the first batch
/// and after every batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    pub done: u64,
    pub total: u64,
}

/// Imports the CSV file at `path` into the organization `org_slug`. A wrong header or an
/// unknown organization imports nothing; bad rows are listed in the report, sorted by line.
/// The file is read synchronously before any database work.
pub async fn import_items(
    client: &mut Client,
    org_slug: &str,
    path: &Path,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport, ImportError> {
    let organization_id: Uuid = client
        .query_opt(
            "SELECT id FROM core.organizations WHERE slug = $1",
            &[&org_slug],
        )
        .await?
        .ok_or_else(|| ImportError::NoOrganization(org_slug.to_owned()))?
        .get(0);
    let parsed = parse::read_file(path)?;
    let location_id = if parsed.rows.iter().any(|row| row.stock_milli.is_some()) {
        let store = client
            .query_opt(
                "SELECT id FROM inv.locations WHERE organization_id = $1 AND kind = 'store' \
                 ORDER BY code LIMIT 1",
                &[&organization_id],
            )
            .await?
            .ok_or_else(|| ImportError::NoStoreLocation(org_slug.to_owned()))?;
        Some(store.get(0))
    } else {
        None
    };

    let mut report = ImportReport {
        rejected: parsed.rejected,
        ..ImportReport::default()
    };
    let target = write::Target {
        organization_id,
        location_id,
    };
    let mut rates = tax::TaxRates::default();
    let total = parsed.rows.len() as u64;
    let mut done = 0;
    progress(ImportProgress { done, total });
    for batch in parsed.rows.chunks(BATCH_ROWS) {
        let outcome = write::write_batch(client, &target, &mut rates, batch).await?;
        report.created += outcome.created;
        report.updated += outcome.updated;
        report.unchanged += outcome.unchanged;
        report.tax_rates_created += outcome.tax_rates_created;
        report.rejected.extend(outcome.rejected);
        done += batch.len() as u64;
        progress(ImportProgress { done, total });
    }
    report.imported = report.created + report.updated + report.unchanged;
    report.rejected.sort_by_key(|row| row.line);
    Ok(report)
}

/// A progress bar for [`import_items`] on stderr, hidden when stderr is not a terminal.
pub fn progress_bar(total: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} items ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
}
