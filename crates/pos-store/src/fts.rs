//! Turning what a cashier types into a safe FTS5 query, and keeping the name index in
//! step with a bulk catalog load.

use rusqlite::Connection;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::StoreError;

/// A batch at least this large may take the bulk path (see [`Store::upsert_items`]).
///
/// [`Store::upsert_items`]: crate::Store::upsert_items
pub(crate) const BULK_MIN_ROWS: usize = 10_000;

/// Whether loading `batch` rows into a catalog of `existing` rows is faster by rebuilding
/// the whole name index once than by updating it row by row: a rebuild reads every item,
/// so it pays off when the batch is at least half the size of what is already there.
pub(crate) fn bulk_pays_off(batch: usize, existing: i64) -> bool {
    let batch_i64 = i64::try_from(batch).unwrap_or(i64::MAX);
    batch >= BULK_MIN_ROWS && batch_i64.saturating_mul(2) >= existing
}

/// Drops the triggers that keep `items_fts` in step with `items` and returns their
/// definitions, for [`rebuild_and_restore`]. Only inside the caller's transaction: a
/// crash before commit leaves the triggers (and the index) as they were.
pub(crate) fn suspend_triggers(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'items' \
         ORDER BY name",
    )?;
    let triggers = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    for (name, _) in &triggers {
        // The name comes from sqlite_master; quoting keeps any name a single identifier.
        conn.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(triggers)
}

/// Rebuilds `items_fts` from `items` in one statement and recreates the triggers exactly
/// as they were defined (their stored SQL), in the caller's transaction.
pub(crate) fn rebuild_and_restore(
    conn: &Connection,
    triggers: &[(String, String)],
) -> Result<(), StoreError> {
    conn.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')", [])?;
    for (_, sql) in triggers {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// Builds the FTS5 query for search-as-you-type: every word typed is a prefix, and all
/// must match (`coca col` → `"coca"* "col"*`).
///
/// Each word is quoted as an FTS5 string (an inner `"` doubled), so no input — quotes,
/// `*`, `-`, `:`, parentheses, `AND`/`NOT` — can change the query's syntax. A word with
/// no letter or digit would tokenize to nothing (an empty phrase), so it is dropped.
/// Returns `None` when nothing searchable is left: the caller returns no rows.
/// A name as search compares it: diacritics removed ("Crème" → "creme"), lower case,
/// runs of whitespace as one space, trimmed. The same fold is applied to stored names and
/// to what is typed, so "CREME  fr" starts "Crème Fraîche".
pub(crate) fn name_key(text: &str) -> String {
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn prefix_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::prefix_query;

    #[test]
    fn every_word_is_a_quoted_prefix() {
        assert_eq!(
            prefix_query("coca col").as_deref(),
            Some("\"coca\"* \"col\"*")
        );
        assert_eq!(prefix_query("  c  ").as_deref(), Some("\"c\"*"));
    }

    #[test]
    fn quotes_are_doubled_and_bare_punctuation_dropped() {
        assert_eq!(prefix_query("a\"b").as_deref(), Some("\"a\"\"b\"*"));
        assert_eq!(prefix_query("\" * -"), None);
        assert_eq!(prefix_query(""), None);
        assert_eq!(prefix_query("NOT x*").as_deref(), Some("\"NOT\"* \"x*\"*"));
    }

    #[test]
    fn name_keys_fold_case_diacritics_and_spaces() {
        assert_eq!(
            super::name_key("  Crème   Fraîche 200ml "),
            "creme fraiche 200ml"
        );
        assert_eq!(super::name_key("CAFÉ Latte"), "cafe latte");
        assert_eq!(super::name_key("   "), "");
    }
}
