//! Changing one item's price at HQ: the catalog edit the admin API and `hq items
//! set-price` offer besides the CSV import.

use serde::Serialize;
use tokio_postgres::Client;
use uuid::Uuid;

use crate::audit::Scope;
use crate::items_import::decimal::parse_scaled;
use crate::versions;

/// A price just changed (prices as decimal text, exact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PriceChange {
    pub item_id: Uuid,
    pub sku: String,
    pub old_price: String,
    pub new_price: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PriceError {
    #[error("\"{0}\" is not a price: write it as digits with at most two decimals, e.g. 12.50")]
    InvalidPrice(String),
    #[error("there is no item with SKU \"{0}\" in this organization")]
    NoItem(String),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

fn cents_text(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Sets the price of the item `sku` to `price` (decimal text). Terminals receive it on
/// their next pull; sales already rung keep the price they were rung at.
pub async fn set_price(
    client: &mut Client,
    scope: &Scope,
    sku: &str,
    price: &str,
) -> Result<PriceChange, PriceError> {
    let cents =
        parse_scaled(price.trim(), 2).ok_or_else(|| PriceError::InvalidPrice(price.to_owned()))?;
    let tx = client.transaction().await?;
    let row = tx
        .query_opt(
            "SELECT id, (price * 100)::int8 FROM inv.items \
             WHERE organization_id = $1 AND sku = $2 FOR UPDATE",
            &[&scope.organization_id, &sku.trim()],
        )
        .await?
        .ok_or_else(|| PriceError::NoItem(sku.to_owned()))?;
    let item_id: Uuid = row.get(0);
    let old: i64 = row.get(1);
    let change = PriceChange {
        item_id,
        sku: sku.trim().to_owned(),
        old_price: cents_text(old),
        new_price: cents_text(cents),
    };
    scope
        .record(
            &tx,
            "price_changed",
            "item",
            &item_id.to_string(),
            &format!(
                "{}: {} -> {}",
                change.sku, change.old_price, change.new_price
            ),
        )
        .await?;
    // Last: the counter stays locked until the commit.
    let version = versions::next_catalog_version(&tx, scope.organization_id).await?;
    tx.execute(
        "UPDATE inv.items SET price = $2::int8 / 100.0, sync_version = $3, updated_at = now() \
         WHERE id = $1",
        &[&item_id, &cents, &version],
    )
    .await?;
    tx.commit().await?;
    Ok(change)
}
