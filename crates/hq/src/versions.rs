//! The pull cursor's counters (see `migrations/hq/V3__sync.sql`).
//!
//! A transaction that writes catalog rows takes ONE version from its organization's
//! counter and stamps every row it writes with it. The UPDATE row-locks the counter until
//! the transaction ends, so versions become visible in the order they were taken and a
//! pull can never skip a transaction that commits late. Take the version as late as the
//! transaction allows: the lock is held from here to COMMIT.

use tokio_postgres::GenericClient;
use uuid::Uuid;

/// Takes the next catalog version of `organization_id` (for items, tax rates, customers
/// and till users), inside the caller's transaction.
pub async fn next_catalog_version(
    client: &impl GenericClient,
    organization_id: Uuid,
) -> Result<i64, tokio_postgres::Error> {
    let row = client
        .query_one(
            "INSERT INTO core.catalog_versions (organization_id, version) VALUES ($1, 1) \
             ON CONFLICT (organization_id) DO UPDATE \
               SET version = core.catalog_versions.version + 1 \
             RETURNING version",
            &[&organization_id],
        )
        .await?;
    row.try_get(0)
}

/// Takes the next stock version of `location_id`, inside the caller's transaction.
pub async fn next_stock_version(
    client: &impl GenericClient,
    location_id: Uuid,
) -> Result<i64, tokio_postgres::Error> {
    let row = client
        .query_one(
            "INSERT INTO inv.stock_versions (location_id, version) VALUES ($1, 1) \
             ON CONFLICT (location_id) DO UPDATE SET version = inv.stock_versions.version + 1 \
             RETURNING version",
            &[&location_id],
        )
        .await?;
    row.try_get(0)
}
