//! Each line of a sale against HQ's own catalog as it was at the version the till priced
//! it with (`migrations/hq/V6__zero_trust.sql` keeps the history): the unit price, whether
//! it includes tax, and the tax rate. A till that was offline when a price changed is
//! right to sell at the old one; a line that matches no version the till could have had
//! is refused `price_mismatch`, unless a manager of the organization approved it in the
//! sale. Refunds are checked against the lines they give back instead (`refunds.rs`).

use deadpool_postgres::Transaction;
use sync_protocol::{NewSale, SaleKind};
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::people::{self, Named};
use crate::sync::Refusal;
use crate::sync::refusal::ApplyError;
use crate::terminals::AuthedTerminal;

/// The refusal code of a line priced off HQ's catalog without an approval.
pub const PRICE_MISMATCH: &str = "price_mismatch";
/// The refusal code of a catalog version HQ has not reached.
pub const UNKNOWN_CATALOG_VERSION: &str = "unknown_catalog_version";

/// What one line is checked against: the item's price, inclusiveness and tax rate in
/// effect at a version. `$6` (or a line's version) is that version.
const AT_VERSION: &str = "\
     LEFT JOIN LATERAL (SELECT h.price, h.price_includes_tax, h.tax_rate_id \
         FROM inv.item_prices h WHERE h.item_id = l.item AND h.from_version <= l.version \
         ORDER BY h.from_version DESC LIMIT 1) p ON true \
     LEFT JOIN LATERAL (SELECT t.rate FROM pos.tax_rate_history t \
         WHERE t.tax_rate_id = p.tax_rate_id AND t.from_version <= l.version \
         ORDER BY t.from_version DESC LIMIT 1) r ON true";

const DIFFERS: &str = "(p.price IS NULL OR r.rate IS NULL \
     OR p.price <> l.price::numeric / 100 OR p.price_includes_tax <> l.incl \
     OR r.rate <> l.ppm::numeric / 1000000)";

fn sale_sql() -> String {
    format!(
        "SELECT l.n::int8, (p.price * 100)::int8, p.price_includes_tax, \
           (r.rate * 1000000)::int8, c.version \
         FROM core.catalog_versions c \
         CROSS JOIN unnest($2::uuid[], $3::int8[], $4::bool[], $5::int8[]) WITH ORDINALITY \
           AS u (item, price, incl, ppm, n) \
         CROSS JOIN LATERAL (SELECT u.item, u.price, u.incl, u.ppm, u.n, $6::int8 AS version) l \
         {AT_VERSION} \
         WHERE c.organization_id = $1 AND (l.version > c.version OR (NOT $7 AND {DIFFERS})) \
         ORDER BY l.n"
    )
}

/// The version a sale was priced at, if HQ is to check its prices: `None` for a refund
/// and for a sale queued before its terminal sent versions (a terminal paired before HQ
/// asked for them, until its first sale that carries one).
pub fn version_to_check(terminal: AuthedTerminal, sale: &NewSale) -> Result<Option<i64>, Refusal> {
    if sale.kind == SaleKind::Refund {
        return Ok(None);
    }
    match sale.catalog_version {
        Some(version) if version < 0 => Err(Refusal::new(
            UNKNOWN_CATALOG_VERSION,
            format!("catalog version {version} does not exist"),
        )),
        Some(version) => Ok(Some(version)),
        None if terminal.requires_catalog_version => Err(Refusal::new(
            "bad_record",
            "this terminal's sales name the catalog version they were priced at; this one does \
             not",
        )),
        None => Ok(None),
    }
}

/// The approver of a sale's exceptions, who must be a manager of the organization.
pub fn approver(sale: &NewSale) -> Option<Named<'static>> {
    sale.approval
        .as_ref()
        .map(|a| ("the approver", a.approved_by, true))
}

/// Checks every line of `sale` (a sale, not a refund) at `version`.
pub async fn check_sale(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    sale: &NewSale,
    version: i64,
) -> Result<(), ApplyError> {
    if let Some(named) = approver(sale) {
        people::check(tx, terminal, &[named]).await?;
    }
    let items: Vec<Uuid> = sale.lines.iter().map(|l| l.item_id).collect();
    let prices: Vec<i64> = sale.lines.iter().map(|l| l.unit_price.minor()).collect();
    let inclusive: Vec<bool> = sale.lines.iter().map(|l| l.price_includes_tax).collect();
    let rates: Vec<i64> = sale
        .lines
        .iter()
        .map(|l| i64::from(l.tax_rate.ppm()))
        .collect();
    let approved = sale.approval.is_some();
    let params: [&(dyn ToSql + Sync); 7] = [
        &terminal.organization_id,
        &items,
        &prices,
        &inclusive,
        &rates,
        &version,
        &approved,
    ];
    let rows = tx
        .query(&tx.prepare_cached(&sale_sql()).await?, &params)
        .await?;
    let Some(row) = rows.first() else {
        return Ok(());
    };
    let current: i64 = row.get(4);
    if version > current {
        return Err(Refusal::new(
            UNKNOWN_CATALOG_VERSION,
            format!(
                "the sale was priced at catalog version {version}; HQ's catalog is at {current}"
            ),
        )
        .into());
    }
    let n = usize::try_from(row.get::<_, i64>(0)).unwrap_or(1);
    let line = &sale.lines[n.saturating_sub(1).min(sale.lines.len() - 1)];
    let hq = match (
        row.get::<_, Option<i64>>(1),
        row.get::<_, Option<bool>>(2),
        row.get::<_, Option<i64>>(3),
    ) {
        (Some(price), Some(inclusive), Some(ppm)) => format!(
            "{} ({}, tax {})",
            shown_money(price),
            if inclusive {
                "tax included"
            } else {
                "plus tax"
            },
            shown_rate(ppm)
        ),
        _ => "no such item".to_owned(),
    };
    Err(Refusal::new(
        PRICE_MISMATCH,
        format!(
            "line {n} ({}) is priced {} ({}, tax {}) but HQ's catalog at version {version} says \
             {hq}, and no manager approved the difference",
            line.item_id,
            line.unit_price,
            if line.price_includes_tax {
                "tax included"
            } else {
                "plus tax"
            },
            line.tax_rate,
        ),
    )
    .into())
}

/// The lines of a run of sales, for [`count_mismatches`]: one entry per line.
#[derive(Default)]
pub struct RunLines {
    pub items: Vec<Uuid>,
    pub prices: Vec<i64>,
    pub inclusive: Vec<bool>,
    pub rates: Vec<i64>,
    pub versions: Vec<i64>,
    /// The line needs no comparison (its sale was approved, or predates versions).
    pub skip: Vec<bool>,
}

impl RunLines {
    /// Adds `sale`'s lines, to be checked at `version` (`None`: not compared).
    pub fn add(&mut self, sale: &NewSale, version: Option<i64>) {
        let skip = version.is_none() || sale.approval.is_some();
        for line in &sale.lines {
            self.items.push(line.item_id);
            self.prices.push(line.unit_price.minor());
            self.inclusive.push(line.price_includes_tax);
            self.rates.push(i64::from(line.tax_rate.ppm()));
            self.versions.push(version.unwrap_or(0));
            self.skip.push(skip);
        }
    }
}

/// How many lines of a run break the rule, in one statement (a run with any such line is
/// taken again record by record, where the refusal says which).
pub fn run_sql() -> String {
    format!(
        "SELECT count(*) FROM core.catalog_versions c \
         CROSS JOIN unnest($2::uuid[], $3::int8[], $4::bool[], $5::int8[], $6::int8[], \
           $7::bool[]) AS l (item, price, incl, ppm, version, skip) \
         {AT_VERSION} \
         WHERE c.organization_id = $1 AND (l.version > c.version OR (NOT l.skip AND {DIFFERS}))"
    )
}

fn shown_money(minor: i64) -> String {
    pos_domain::Money::from_minor(minor)
        .map(|m| m.to_string())
        .unwrap_or_else(|_| minor.to_string())
}

fn shown_rate(ppm: i64) -> String {
    u32::try_from(ppm)
        .ok()
        .and_then(|ppm| pos_domain::TaxRate::from_ppm(ppm).ok())
        .map(|r| r.to_string())
        .unwrap_or_else(|| format!("{ppm} ppm"))
}
