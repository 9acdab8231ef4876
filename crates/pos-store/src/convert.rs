//! Reading stored columns back into checked domain values.
//!
//! The schema stores ids as TEXT and amounts as INTEGER minor units; these helpers turn
//! them back into [`Uuid`], [`Money`], [`Quantity`] and [`TaxRate`], reporting a
//! hand-edited or corrupted value as [`StoreError::Corrupt`] rather than panicking.

use pos_domain::{Money, Quantity, TaxRate};
use uuid::Uuid;

use crate::StoreError;

/// A TEXT UUID column.
pub(crate) fn uuid(column: &'static str, text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|e| StoreError::corrupt(column, e))
}

/// An INTEGER minor-units column.
pub(crate) fn money(column: &'static str, minor: i64) -> Result<Money, StoreError> {
    Money::from_minor(minor).map_err(|e| StoreError::corrupt(column, e))
}

/// An INTEGER thousandths column.
pub(crate) fn quantity(column: &'static str, milli: i64) -> Result<Quantity, StoreError> {
    Quantity::from_milli(milli).map_err(|e| StoreError::corrupt(column, e))
}

/// An INTEGER parts-per-million column.
pub(crate) fn tax_rate(column: &'static str, ppm: i64) -> Result<TaxRate, StoreError> {
    let ppm = u32::try_from(ppm).map_err(|e| StoreError::corrupt(column, e))?;
    TaxRate::from_ppm(ppm).map_err(|e| StoreError::corrupt(column, e))
}

/// A 0/1 INTEGER flag column.
pub(crate) fn flag(column: &'static str, value: i64) -> Result<bool, StoreError> {
    match value {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(StoreError::corrupt(
            column,
            format!("{other} is not 0 or 1"),
        )),
    }
}

/// A stored enum spelling (`kind`, `method`, `role`, ...): the one of `all` whose
/// `as_str` it is.
pub(crate) fn spelled<T: Copy>(
    column: &'static str,
    text: &str,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> Result<T, StoreError> {
    all.iter()
        .copied()
        .find(|v| as_str(*v) == text)
        .ok_or_else(|| StoreError::corrupt(column, format!("unknown value {text:?}")))
}
