//! Name search as the cashier types: fast on a 1,000,000-item catalog because neither step
//! sorts the whole match set.
//!
//! 1. Names that *start with* what was typed, in name order: a range scan of the
//!    `items_by_name_key` index that stops after `limit` rows.
//! 2. If that leaves room, names with a *word* starting with each typed word (FTS5 prefix
//!    query), taken in catalog order and stopped after a few times `limit` rows, then sorted
//!    by name. A one-letter prefix can match half the catalog; sorting all of it took tens
//!    of milliseconds (BENCHMARKS.md), this takes well under one.

use rusqlite::params;

use crate::catalog::{ITEM_COLUMNS, Item, item, raw_item};
use crate::{Store, StoreError, fts};

/// The greatest code point: `key || MAX_CHAR` bounds every string that starts with `key`.
const MAX_CHAR: char = '\u{10FFFF}';

impl Store {
    /// Up to `limit` active items whose name starts with `text` (diacritics and case
    /// ignored), then items with a word starting with each word of `text`.
    pub fn search_items(&self, text: &str, limit: usize) -> Result<Vec<Item>, StoreError> {
        let key = fts::name_key(text);
        if key.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let wanted = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut found = self.starting_with(&key, wanted)?;
        if found.len() < limit
            && let Some(query) = fts::prefix_query(text)
        {
            let mut more: Vec<Item> = self
                .with_words_starting(&query, wanted.saturating_mul(4))?
                .into_iter()
                .filter(|candidate| found.iter().all(|f| f.row.id != candidate.row.id))
                .collect();
            more.sort_by_cached_key(|i| fts::name_key(&i.row.name));
            more.truncate(limit - found.len());
            found.extend(more);
        }
        Ok(found)
    }

    fn starting_with(&self, key: &str, limit: i64) -> Result<Vec<Item>, StoreError> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items i \
             WHERE i.name_key >= ?1 AND i.name_key < ?2 AND i.deleted = 0 AND i.is_active = 1 \
             ORDER BY i.name_key LIMIT ?3"
        );
        let upper = format!("{key}{MAX_CHAR}");
        let raws = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![key, upper, limit], raw_item)?
            .collect::<Result<Vec<_>, _>>()?;
        raws.into_iter().map(item).collect()
    }

    fn with_words_starting(&self, query: &str, limit: i64) -> Result<Vec<Item>, StoreError> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items_fts f JOIN items i ON i.item_no = f.rowid \
             WHERE items_fts MATCH ?1 AND i.deleted = 0 AND i.is_active = 1 LIMIT ?2"
        );
        let raws = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![query, limit], raw_item)?
            .collect::<Result<Vec<_>, _>>()?;
        raws.into_iter().map(item).collect()
    }
}
