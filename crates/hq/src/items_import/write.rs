//! One batch of checked rows in one transaction: tax rates, items and stock counts.

use std::collections::{BTreeSet, HashMap};

use tokio_postgres::{Client, Transaction};
use uuid::Uuid;

use super::parse::ItemRow;
use super::tax::TaxRates;
use super::{ImportError, RejectedRow, stock};
use crate::versions;

/// Where a batch writes.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub organization_id: Uuid,
    /// The store that receives stock counts (`None` when the file counts nothing).
    pub location_id: Option<Uuid>,
}

#[derive(Debug, Default)]
pub struct BatchOutcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub tax_rates_created: usize,
    pub rejected: Vec<RejectedRow>,
}

/// Writes `rows` in one transaction with one catalog version (and one stock version when
/// the batch counts stock). The counters are taken once the rows are checked, stock before
/// catalog (the order a push takes them in, so the two never deadlock), and stay locked
/// until the commit.
pub async fn write_batch(
    client: &mut Client,
    target: &Target,
    rates: &mut TaxRates,
    rows: &[ItemRow],
) -> Result<BatchOutcome, ImportError> {
    let org = target.organization_id;
    let mut outcome = BatchOutcome::default();
    let tx = client.transaction().await?;
    let rows = drop_taken_barcodes(&tx, org, rows, &mut outcome.rejected).await?;
    if rows.is_empty() {
        return Ok(outcome);
    }
    let counts: Vec<(&str, i64)> = rows
        .iter()
        .filter_map(|row| Some((row.sku.as_str(), row.stock_milli?)))
        .collect();
    let stock = match target.location_id {
        Some(location_id) if !counts.is_empty() => Some((
            location_id,
            versions::next_stock_version(&tx, location_id).await?,
        )),
        _ => None,
    };
    let version = versions::next_catalog_version(&tx, org).await?;

    let ppms: BTreeSet<i64> = rows.iter().map(|row| row.tax_ppm).collect();
    outcome.tax_rates_created = rates.resolve(&tx, org, version, ppms).await?;
    let written = upsert_items(&tx, org, version, rates, &rows).await?;
    outcome.created = written.iter().filter(|inserted| **inserted).count();
    outcome.updated = written.len() - outcome.created;
    outcome.unchanged = rows.len() - written.len();
    if let Some((location_id, stock_version)) = stock {
        stock::set_counts(&tx, org, location_id, stock_version, &counts).await?;
    }
    tx.commit().await?;
    Ok(outcome)
}

/// Rejects rows whose barcode another SKU of the organization already has (deleted items
/// included: the unique index covers them), which would otherwise fail the whole batch.
async fn drop_taken_barcodes<'r>(
    tx: &Transaction<'_>,
    org: Uuid,
    rows: &'r [ItemRow],
    rejected: &mut Vec<RejectedRow>,
) -> Result<Vec<&'r ItemRow>, tokio_postgres::Error> {
    let barcodes: Vec<&str> = rows
        .iter()
        .filter_map(|row| row.barcode.as_deref())
        .collect();
    let owners: HashMap<String, String> = tx
        .query(
            // One index probe per barcode, whatever the planner's statistics say (a large
            // first import outruns them, and `barcode = ANY($2)` then scans the whole org).
            "SELECT i.barcode, i.sku FROM unnest($2::text[]) AS b (code) \
             CROSS JOIN LATERAL (SELECT barcode, sku FROM inv.items \
               WHERE organization_id = $1 AND barcode = b.code LIMIT 1) AS i",
            &[&org, &barcodes],
        )
        .await?
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        match row
            .barcode
            .as_ref()
            .and_then(|code| Some((code, owners.get(code)?)))
        {
            Some((code, owner)) if *owner != row.sku => rejected.push(RejectedRow {
                line: row.line,
                reason: format!("barcode \"{code}\" already belongs to sku \"{owner}\""),
            }),
            _ => kept.push(row),
        }
    }
    Ok(kept)
}

/// Inserts new items and updates changed ones (undeleting them), stamping them with
/// `version`; an item that is already exactly so is left alone, keeping its version.
/// Returns, for each written item, whether it was inserted.
async fn upsert_items(
    tx: &Transaction<'_>,
    org: Uuid,
    version: i64,
    rates: &TaxRates,
    rows: &[&ItemRow],
) -> Result<Vec<bool>, tokio_postgres::Error> {
    let skus: Vec<&str> = rows.iter().map(|row| row.sku.as_str()).collect();
    let barcodes: Vec<Option<&str>> = rows.iter().map(|row| row.barcode.as_deref()).collect();
    let names: Vec<&str> = rows.iter().map(|row| row.name.as_str()).collect();
    let cents: Vec<i64> = rows.iter().map(|row| row.price_cents).collect();
    let included: Vec<bool> = rows.iter().map(|row| row.tax_included).collect();
    let rate_ids: Vec<Option<Uuid>> = rows.iter().map(|row| rates.id(row.tax_ppm)).collect();
    let written = tx
        .query(
            "INSERT INTO inv.items AS i \
               (organization_id, sku, barcode, name, price, price_includes_tax, tax_rate_id, \
                sync_version) \
             SELECT $1, r.sku, r.barcode, r.name, r.cents::numeric / 100, r.included, r.rate, $8 \
               FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bool[], \
                           $7::uuid[]) AS r (sku, barcode, name, cents, included, rate) \
             ON CONFLICT (organization_id, sku) DO UPDATE \
                SET barcode = excluded.barcode, name = excluded.name, price = excluded.price, \
                    price_includes_tax = excluded.price_includes_tax, \
                    tax_rate_id = excluded.tax_rate_id, sync_version = excluded.sync_version, \
                    updated_at = now(), deleted_at = NULL \
              WHERE (i.barcode, i.name, i.price, i.price_includes_tax, i.tax_rate_id, \
                     i.deleted_at) IS DISTINCT FROM \
                    (excluded.barcode, excluded.name, excluded.price, \
                     excluded.price_includes_tax, excluded.tax_rate_id, NULL::timestamptz) \
             RETURNING i.xmax = 0",
            &[
                &org, &skus, &barcodes, &names, &cents, &included, &rate_ids, &version,
            ],
        )
        .await?;
    Ok(written.iter().map(|row| row.get(0)).collect())
}
