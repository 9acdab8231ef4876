//! Tax rates an import refers to by value: found among the organization's active rates, or
//! created (code `R8_875`, name `Tax 8.875%`).

use std::collections::HashMap;

use tokio_postgres::Transaction;
use uuid::Uuid;

use super::ImportError;
use super::decimal::percent_from_ppm;

/// Codes tried for one new rate: `R5`, then `R5-2` ... when an inactive or other rate
/// already holds the code.
const CODE_ATTEMPTS: u32 = 20;

/// Rate ids by parts per million, kept across the batches of one import.
#[derive(Debug, Default)]
pub struct TaxRates {
    ids: HashMap<i64, Uuid>,
}

impl TaxRates {
    /// The id of a rate [`TaxRates::resolve`] has seen.
    pub fn id(&self, ppm: i64) -> Option<Uuid> {
        self.ids.get(&ppm).copied()
    }

    /// Finds or creates every rate in `ppms` inside the batch's transaction, stamping a
    /// created rate with the batch's catalog `version`. Returns how many it created.
    pub async fn resolve(
        &mut self,
        tx: &Transaction<'_>,
        organization_id: Uuid,
        version: i64,
        ppms: impl IntoIterator<Item = i64>,
    ) -> Result<usize, ImportError> {
        let mut created = 0;
        for ppm in ppms {
            if self.ids.contains_key(&ppm) {
                continue;
            }
            let id = match find(tx, organization_id, ppm).await? {
                Some(id) => id,
                None => {
                    created += 1;
                    create(tx, organization_id, version, ppm).await?
                }
            };
            self.ids.insert(ppm, id);
        }
        Ok(created)
    }
}

async fn find(
    tx: &Transaction<'_>,
    organization_id: Uuid,
    ppm: i64,
) -> Result<Option<Uuid>, tokio_postgres::Error> {
    let row = tx
        .query_opt(
            "SELECT id FROM pos.tax_rates \
             WHERE organization_id = $1 AND is_active AND rate = ($2::bigint)::numeric / 1000000 \
             ORDER BY code LIMIT 1",
            &[&organization_id, &ppm],
        )
        .await?;
    Ok(row.map(|row| row.get(0)))
}

async fn create(
    tx: &Transaction<'_>,
    organization_id: Uuid,
    version: i64,
    ppm: i64,
) -> Result<Uuid, ImportError> {
    let percent = percent_from_ppm(ppm);
    let base = format!("R{}", percent.replace('.', "_"));
    let name = format!("Tax {percent}%");
    for attempt in 1..=CODE_ATTEMPTS {
        let code = match attempt {
            1 => base.clone(),
            n => format!("{base}-{n}"),
        };
        let inserted = tx
            .query_opt(
                "INSERT INTO pos.tax_rates (organization_id, code, name, rate, sync_version) \
                 VALUES ($1, $2, $3, ($4::bigint)::numeric / 1000000, $5) \
                 ON CONFLICT (organization_id, code) DO NOTHING RETURNING id",
                &[&organization_id, &code, &name, &ppm, &version],
            )
            .await?;
        if let Some(row) = inserted {
            return Ok(row.get(0));
        }
        // Another import may have just created the same rate under this code.
        if let Some(id) = find(tx, organization_id, ppm).await? {
            return Ok(id);
        }
    }
    Err(ImportError::NoTaxRateCode(percent))
}
