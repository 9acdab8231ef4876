//! Pages of changes after a cursor, each read in one REPEATABLE READ snapshot.
//!
//! The catalog is four tables sharing the organization's version counter; a page merges
//! them in `(version, kind, id)` order, kinds ranked so that a tax rate comes before the
//! items of the same version that use it. Each table is read with a row comparison on
//! `(sync_version, id)` that its index serves; the kind rank turns into the id bound.

use sync_protocol::api::{
    CatalogChange, CatalogCursor, CatalogPage, CatalogQuery, DEFAULT_PAGE, MAX_PAGE, StockCursor,
    StockLevelChange, StockPage, StockQuery,
};
use tokio_postgres::{Client, IsolationLevel, Transaction};
use uuid::Uuid;

use crate::terminals::AuthedTerminal;

const TAX_RATE: u8 = 0;
const ITEM: u8 = 1;
const CUSTOMER: u8 = 2;
const USER: u8 = 3;

fn page_size(limit: Option<u32>) -> i64 {
    i64::from(limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE))
}

/// The `(version, id)` bound for a table of rank `kind` after `cursor`: rows of a higher
/// rank at the cursor's version come after it, rows of a lower rank do not.
fn bound(cursor: &CatalogCursor, kind: u8) -> (i64, Uuid) {
    match kind.cmp(&cursor.kind) {
        std::cmp::Ordering::Greater => (cursor.version, Uuid::nil()),
        std::cmp::Ordering::Equal => (cursor.version, cursor.id),
        std::cmp::Ordering::Less => (cursor.version, Uuid::max()),
    }
}

async fn snapshot(client: &mut Client) -> Result<Transaction<'_>, tokio_postgres::Error> {
    client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await
}

async fn last_applied(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
) -> Result<i64, tokio_postgres::Error> {
    Ok(tx
        .query_one(
            "SELECT last_applied FROM pos.terminals WHERE id = $1",
            &[&terminal.terminal_id],
        )
        .await?
        .get(0))
}

/// One page of catalog changes for the terminal's organization.
pub async fn catalog_page(
    client: &mut Client,
    terminal: AuthedTerminal,
    query: &CatalogQuery,
) -> Result<CatalogPage, tokio_postgres::Error> {
    let cursor = CatalogCursor {
        version: query.after_version,
        kind: query.after_kind,
        id: query.after_id.unwrap_or_default(),
    };
    let limit = page_size(query.limit);
    let org = terminal.organization_id;
    let tx = snapshot(client).await?;
    let balance_last_applied = last_applied(&tx, terminal).await?;
    let mut rows: Vec<(CatalogCursor, CatalogChange)> = Vec::new();

    let (v, id) = bound(&cursor, TAX_RATE);
    for r in tx
        .query(
            "SELECT id, sync_version, name, (rate * 1000000)::int8, NOT is_active \
             FROM pos.tax_rates WHERE organization_id = $1 AND (sync_version, id) > ($2, $3) \
             ORDER BY sync_version, id LIMIT $4",
            &[&org, &v, &id, &(limit + 1)],
        )
        .await?
    {
        rows.push((
            CatalogCursor {
                version: r.get(1),
                kind: TAX_RATE,
                id: r.get(0),
            },
            CatalogChange::TaxRate {
                id: r.get(0),
                name: r.get(2),
                rate_ppm: r.get(3),
                deleted: r.get(4),
            },
        ));
    }

    let (v, id) = bound(&cursor, ITEM);
    for r in tx
        .query(
            "SELECT id, sync_version, sku, barcode, name, (price * 100)::int8, \
               price_includes_tax, tax_rate_id, (reorder_level * 1000)::int8, is_active, \
               deleted_at IS NOT NULL \
             FROM inv.items WHERE organization_id = $1 AND (sync_version, id) > ($2, $3) \
             ORDER BY sync_version, id LIMIT $4",
            &[&org, &v, &id, &(limit + 1)],
        )
        .await?
    {
        let reorder: i64 = r.get(8);
        rows.push((
            CatalogCursor {
                version: r.get(1),
                kind: ITEM,
                id: r.get(0),
            },
            CatalogChange::Item {
                id: r.get(0),
                sku: r.get(2),
                barcode: r.get(3),
                name: r.get(4),
                price_minor: r.get(5),
                price_includes_tax: r.get(6),
                tax_rate_id: r.get(7),
                reorder_level_milli: (reorder > 0).then_some(reorder),
                is_active: r.get(9),
                deleted: r.get(10),
            },
        ));
    }

    let (v, id) = bound(&cursor, CUSTOMER);
    for r in tx
        .query(
            "SELECT c.id, c.sync_version, c.name, c.email::text, c.phone, \
               COALESCE((b.balance * 100)::int8, 0), c.deleted_at IS NOT NULL OR NOT c.is_active \
             FROM pos.customers c LEFT JOIN acct.customer_balances b ON b.customer_id = c.id \
             WHERE c.organization_id = $1 AND (c.sync_version, c.id) > ($2, $3) \
             ORDER BY c.sync_version, c.id LIMIT $4",
            &[&org, &v, &id, &(limit + 1)],
        )
        .await?
    {
        rows.push((
            CatalogCursor {
                version: r.get(1),
                kind: CUSTOMER,
                id: r.get(0),
            },
            CatalogChange::Customer {
                id: r.get(0),
                name: r.get(2),
                email: r.get(3),
                phone: r.get(4),
                store_credit_minor: r.get(5),
                balance_last_applied,
                deleted: r.get(6),
            },
        ));
    }

    // Owners and admins with a PIN work the till as managers.
    let (v, id) = bound(&cursor, USER);
    for r in tx
        .query(
            "SELECT r.id, r.sync_version, u.id, u.display_name, \
               CASE r.role WHEN 'cashier' THEN 'cashier' ELSE 'manager' END, \
               COALESCE(u.pin_hash, ''), NOT u.is_active OR u.pin_hash IS NULL \
             FROM core.user_org_roles r JOIN core.users u ON u.id = r.user_id \
             WHERE r.organization_id = $1 AND (r.sync_version, r.id) > ($2, $3) \
             ORDER BY r.sync_version, r.id LIMIT $4",
            &[&org, &v, &id, &(limit + 1)],
        )
        .await?
    {
        rows.push((
            CatalogCursor {
                version: r.get(1),
                kind: USER,
                id: r.get(0),
            },
            CatalogChange::User {
                id: r.get(2),
                name: r.get(3),
                role: r.get(4),
                pin_hash: r.get(5),
                deleted: r.get(6),
            },
        ));
    }
    tx.commit().await?;

    rows.sort_by_key(|(at, _)| (at.version, at.kind, at.id));
    let has_more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = rows.last().map_or(cursor, |(at, _)| *at);
    Ok(CatalogPage {
        changes: rows.into_iter().map(|(_, change)| change).collect(),
        next,
        has_more,
    })
}

/// One page of stock levels at the terminal's location, with its `last_applied` read in
/// the same snapshot.
pub async fn stock_page(
    client: &mut Client,
    terminal: AuthedTerminal,
    query: &StockQuery,
) -> Result<StockPage, tokio_postgres::Error> {
    let after = StockCursor {
        version: query.after_version,
        id: query.after_id.unwrap_or_default(),
    };
    let limit = page_size(query.limit);
    let tx = snapshot(client).await?;
    let last_applied = last_applied(&tx, terminal).await?;
    let rows = tx
        .query(
            "SELECT id, sync_version, item_id, (on_hand * 1000)::int8 FROM inv.stock_levels \
             WHERE location_id = $1 AND (sync_version, id) > ($2, $3) \
             ORDER BY sync_version, id LIMIT $4",
            &[
                &terminal.location_id,
                &after.version,
                &after.id,
                &(limit + 1),
            ],
        )
        .await?;
    tx.commit().await?;
    let has_more = rows.len() as i64 > limit;
    let rows = &rows[..rows.len().min(usize::try_from(limit).unwrap_or(usize::MAX))];
    let next = rows.last().map_or(after, |r| StockCursor {
        version: r.get(1),
        id: r.get(0),
    });
    Ok(StockPage {
        location_id: terminal.location_id,
        levels: rows
            .iter()
            .map(|r| StockLevelChange {
                item_id: r.get(2),
                on_hand_milli: r.get(3),
            })
            .collect(),
        next,
        has_more,
        last_applied,
    })
}
