//! The manager's stock screen: every item's level at the terminal's location, searchable,
//! optionally only the low ones.

use rusqlite::ToSql;
use serde::Serialize;
use uuid::Uuid;

use crate::stock::{JOINED_LEVEL, LEVEL_JOINS, LEVEL_SQL};
use crate::terminal::read_terminal;
use crate::{Store, StoreError, convert, fts};

/// One item's stock at the terminal's location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StockRow {
    /// The item.
    pub item_id: Uuid,
    /// Its SKU.
    pub sku: String,
    /// Its name.
    pub name: String,
    /// The level shown (HQ's plus unacknowledged local movements), signed thousandths.
    pub level: i64,
    /// Its reorder level in thousandths, if it has one.
    pub reorder_level: Option<i64>,
    /// Below zero: sold offline beyond what was known to be there (allowed, flagged).
    pub negative: bool,
}

impl Store {
    /// Items (not deleted) at the terminal's location, at most `limit`.
    ///
    /// `filter` matches a SKU prefix, an exact barcode, or a name by word prefixes (as
    /// [`Store::search_items`]), all through indexes. With `low_only`, only items at or
    /// below their reorder level, furthest below first; otherwise by SKU.
    pub fn stock_list(
        &self,
        filter: Option<&str>,
        low_only: bool,
        limit: usize,
    ) -> Result<Vec<StockRow>, StoreError> {
        let terminal = read_terminal(&self.conn)?.ok_or(StoreError::NotInitialized)?;
        let location = terminal.location_id.to_string();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let filter = filter.map(str::trim).filter(|f| !f.is_empty());
        let fts_query = filter.and_then(fts::prefix_query);
        // SKU prefix as a range on the unique index: every SKU starting with `f` sorts
        // between `f` and `f` followed by the largest code point.
        let sku_end = filter.map(|f| format!("{f}\u{10FFFF}"));

        let mut conditions = vec!["i.deleted = 0".to_owned()];
        let mut params: Vec<(&str, &dyn ToSql)> = vec![(":loc", &location), (":limit", &limit)];
        if let (Some(f), Some(end)) = (&filter, &sku_end) {
            let mut any = "(i.sku >= :f AND i.sku < :f_end) OR i.barcode = :f".to_owned();
            params.push((":f", f));
            params.push((":f_end", end));
            if let Some(q) = &fts_query {
                any.push_str(
                    " OR i.item_no IN (SELECT rowid FROM items_fts WHERE items_fts MATCH :q)",
                );
                params.push((":q", q));
            }
            conditions.push(format!("({any})"));
        }
        if low_only {
            conditions.push("i.reorder_level IS NOT NULL".to_owned());
        }
        let (low, order) = if low_only {
            (
                "WHERE level <= reorder_level",
                "level - reorder_level, name, sku",
            )
        } else {
            ("", "sku")
        };
        // The low list reads every item's level: joined once. The full list reads levels only
        // for the rows it shows, in SKU order: looked up per row.
        let (level_sql, joins) = if low_only {
            (JOINED_LEVEL.to_owned(), LEVEL_JOINS.replace("?1", ":loc"))
        } else {
            (LEVEL_SQL.replace("?1", ":loc"), String::new())
        };
        let sql = format!(
            "SELECT id, sku, name, level, reorder_level FROM ( \
               SELECT i.id, i.sku, i.name, i.reorder_level, {level_sql} AS level \
               FROM items i {joins} WHERE {}) {low} ORDER BY {order} LIMIT :limit",
            conditions.join(" AND ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raws = stmt
            .query_map(params.as_slice(), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        raws.into_iter()
            .map(|(id, sku, name, level, reorder_level)| {
                Ok(StockRow {
                    item_id: convert::uuid("items.id", &id)?,
                    sku,
                    name,
                    level,
                    reorder_level,
                    negative: level < 0,
                })
            })
            .collect()
    }
}
