//! Reading the CSV file into checked rows. Everything the schema would refuse is refused
//! here, with the row's line number, so a batch never fails on one bad row.

use std::collections::HashMap;
use std::path::Path;

use csv::{ByteRecord, ReaderBuilder, Trim};

use super::decimal::parse_scaled;
use super::limits::{BARCODE_MAX_CHARS, COLUMN_MAX_CHARS, SKU_MAX_CHARS};
use super::{ImportError, RejectedRow};

const COLUMNS: [&str; 7] = [
    "sku",
    "barcode",
    "name",
    "price",
    "tax_rate",
    "tax_included",
    "stock",
];

/// One row that passed every check, in the units the database writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub line: u64,
    pub sku: String,
    pub barcode: Option<String>,
    pub name: String,
    pub price_cents: i64,
    /// The tax rate as parts per million of the price (8.875% is 88_750).
    pub tax_ppm: i64,
    pub tax_included: bool,
    /// The counted quantity in thousandths; `None` leaves stock alone.
    pub stock_milli: Option<i64>,
}

#[derive(Debug, Default)]
pub struct ParsedFile {
    pub rows: Vec<ItemRow>,
    pub rejected: Vec<RejectedRow>,
}

/// Reads and checks the whole file. A missing or wrong header is an error; a bad row is
/// rejected with its line number and the rest is kept. A sku or barcode that appears again
/// is rejected on its later lines.
pub fn read_file(path: &Path) -> Result<ParsedFile, ImportError> {
    let read_error = |source: csv::Error| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(Trim::All)
        .from_path(path)
        .map_err(read_error)?;
    let mut record = ByteRecord::new();
    if !reader.read_byte_record(&mut record).map_err(read_error)? {
        return Err(ImportError::Header {
            found: String::new(),
        });
    }
    let with_stock = check_header(&record)?;
    let mut parsed = ParsedFile::default();
    while reader.read_byte_record(&mut record).map_err(read_error)? {
        let line = record.position().map_or(0, csv::Position::line);
        match parse_row(&record, with_stock, line) {
            Ok(row) => parsed.rows.push(row),
            Err(reason) => parsed.rejected.push(RejectedRow { line, reason }),
        }
    }
    parsed.rows = drop_repeats(parsed.rows, &mut parsed.rejected);
    Ok(parsed)
}

/// True when the optional stock column is there.
fn check_header(record: &ByteRecord) -> Result<bool, ImportError> {
    let found: Vec<String> = record
        .iter()
        .map(|field| {
            String::from_utf8_lossy(field)
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    if found == COLUMNS {
        Ok(true)
    } else if found == COLUMNS[..6] {
        Ok(false)
    } else {
        Err(ImportError::Header {
            found: found.join(","),
        })
    }
}

fn parse_row(record: &ByteRecord, with_stock: bool, line: u64) -> Result<ItemRow, String> {
    let expected = if with_stock { 7 } else { 6 };
    if record.len() != expected {
        return Err(format!(
            "expected {expected} fields, found {}",
            record.len()
        ));
    }
    let mut fields = Vec::with_capacity(expected);
    for ((field, column), max) in record.iter().zip(COLUMNS).zip(COLUMN_MAX_CHARS) {
        let text = std::str::from_utf8(field).map_err(|_| format!("{column} is not UTF-8"))?;
        // Before anything quotes the value back: the reason stays one readable line.
        let chars = text.chars().count();
        if chars > max {
            return Err(format!(
                "{column} is {chars} characters long; at most {max} are allowed"
            ));
        }
        if text.contains('\0') {
            return Err(format!("{column} contains a NUL character"));
        }
        fields.push(text);
    }
    let sku = fields[0];
    if sku.is_empty() {
        return Err("sku is empty".to_owned());
    }
    if sku.chars().any(char::is_whitespace) {
        return Err(format!(
            "sku \"{sku}\" must be at most {SKU_MAX_CHARS} characters without spaces"
        ));
    }
    let barcode = match fields[1] {
        "" => None,
        code if code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
            Some(code.to_owned())
        }
        code => {
            return Err(format!(
                "barcode \"{code}\" must be at most {BARCODE_MAX_CHARS} letters, digits or '-'"
            ));
        }
    };
    let name = fields[2].trim();
    if name.is_empty() {
        return Err("name is empty".to_owned());
    }
    Ok(ItemRow {
        line,
        sku: sku.to_owned(),
        barcode,
        name: name.to_owned(),
        price_cents: parse_price(fields[3])?,
        tax_ppm: parse_tax_rate(fields[4])?,
        tax_included: parse_bool(fields[5])?,
        stock_milli: match fields.get(6) {
            None | Some(&"") => None,
            Some(raw) => Some(parse_stock(raw)?),
        },
    })
}

fn parse_price(raw: &str) -> Result<i64, String> {
    if let Some(unsigned) = raw.strip_prefix('-')
        && parse_scaled(unsigned, 2).is_some()
    {
        return Err(format!("price {raw} is negative"));
    }
    parse_scaled(raw, 2)
        .ok_or_else(|| format!("price \"{raw}\" is not an amount with at most 2 decimal places"))
}

fn parse_tax_rate(raw: &str) -> Result<i64, String> {
    let percent = raw.strip_suffix('%').unwrap_or(raw).trim_end();
    let ppm = parse_scaled(percent, 4).ok_or_else(|| {
        format!("tax_rate \"{raw}\" is not a percentage with at most 4 decimal places")
    })?;
    if ppm >= 1_000_000 {
        return Err(format!("tax_rate {raw} must be below 100%"));
    }
    Ok(ppm)
}

fn parse_bool(raw: &str) -> Result<bool, String> {
    if raw.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if raw.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(format!("tax_included \"{raw}\" is neither true nor false"))
    }
}

fn parse_stock(raw: &str) -> Result<i64, String> {
    if let Some(unsigned) = raw.strip_prefix('-')
        && parse_scaled(unsigned, 3).is_some()
    {
        return Err(format!("stock {raw} is negative"));
    }
    parse_scaled(raw, 3)
        .ok_or_else(|| format!("stock \"{raw}\" is not a quantity with at most 3 decimal places"))
}

/// Keeps the first row of each sku and of each barcode; later ones are rejected.
fn drop_repeats(rows: Vec<ItemRow>, rejected: &mut Vec<RejectedRow>) -> Vec<ItemRow> {
    let mut skus: HashMap<String, u64> = HashMap::with_capacity(rows.len());
    let mut barcodes: HashMap<String, u64> = HashMap::with_capacity(rows.len());
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(first) = skus.get(&row.sku) {
            rejected.push(RejectedRow {
                line: row.line,
                reason: format!("sku \"{}\" is repeated (first on line {first})", row.sku),
            });
            continue;
        }
        if let Some(barcode) = &row.barcode {
            if let Some(first) = barcodes.get(barcode) {
                rejected.push(RejectedRow {
                    line: row.line,
                    reason: format!("barcode \"{barcode}\" is repeated (first on line {first})"),
                });
                continue;
            }
            barcodes.insert(barcode.clone(), row.line);
        }
        skus.insert(row.sku.clone(), row.line);
        kept.push(row);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fields: &[&str]) -> Result<ItemRow, String> {
        parse_row(&ByteRecord::from(fields.to_vec()), true, 2)
    }

    #[test]
    fn a_good_row_is_read_exactly() {
        let item = row(&["A-1", "0123", "Tea", "3.50", "8.875", "true", "12.5"]).unwrap();
        assert_eq!(item.price_cents, 350);
        assert_eq!(item.tax_ppm, 88_750);
        assert!(item.tax_included);
        assert_eq!(item.stock_milli, Some(12_500));
        let item = row(&["A-1", "", "Tea", "12", "5%", "FALSE", ""]).unwrap();
        assert_eq!(
            (item.barcode, item.price_cents, item.tax_ppm),
            (None, 1200, 50_000)
        );
        assert_eq!(item.stock_milli, None);
    }

    #[test]
    fn every_column_is_bounded_and_named_when_too_long() {
        let good = ["A-1", "0123", "Tea", "3.50", "8.875", "true", "12.5"];
        for (index, column) in COLUMNS.iter().enumerate() {
            let max = COLUMN_MAX_CHARS[index];
            let mut fields = good.map(str::to_owned);
            fields[index] = "9".repeat(max + 1);
            let reason = row(&fields.each_ref().map(String::as_str)).unwrap_err();
            let expected = format!("{column} is {} characters long; at most {max}", max + 1);
            assert!(reason.starts_with(&expected), "{reason}");
        }
        let mut fields = good;
        let name = "é".repeat(crate::items_import::limits::NAME_MAX_CHARS);
        fields[2] = &name;
        assert_eq!(
            row(&fields).unwrap().name,
            name,
            "the limit counts characters"
        );
    }

    #[test]
    fn bad_rows_say_why() {
        let cases: [(&[&str], &str); 11] = [
            (&["A", "1", "Tea", "1"], "expected 7 fields"),
            (&["", "1", "Tea", "1", "5", "true", ""], "sku is empty"),
            (&["A B", "1", "Tea", "1", "5", "true", ""], "without spaces"),
            (&["A", "12 3", "Tea", "1", "5", "true", ""], "barcode"),
            (&["A", "1", " ", "1", "5", "true", ""], "name is empty"),
            (
                &["A", "1", "Tea", "1.005", "5", "true", ""],
                "2 decimal places",
            ),
            (&["A", "1", "Tea", "-1", "5", "true", ""], "negative"),
            (&["A", "1", "Tea", "1", "100", "true", ""], "below 100%"),
            (&["A", "1", "Tea", "1", "5.00001", "true", ""], "percentage"),
            (
                &["A", "1", "Tea", "1", "5", "yes", ""],
                "neither true nor false",
            ),
            (&["A", "1", "Tea", "1", "5", "true", "1.0005"], "stock"),
        ];
        for (fields, expected) in cases {
            let reason = row(fields).unwrap_err();
            assert!(reason.contains(expected), "{fields:?}: {reason}");
        }
    }
}
