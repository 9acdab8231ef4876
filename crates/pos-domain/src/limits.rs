//! The sane bounds of what one till may record, stated once for the till and for HQ.
//!
//! [`Money`] and [`Quantity`] already stop at what HQ's columns can hold, but sums of them
//! do not: a receipt of the largest quantity a column holds overflows the stock level it is
//! added to, and one absurd record must never be able to stop a till's queue. These bounds
//! are far below the columns' limits and far above any real shop's day (a pallet of a
//! million screws, a ten-million unit price, a hundred-million sale), so an honest record
//! never meets them and HQ's sums stay storable for as long as anyone keeps the books.
//! The till refuses input beyond them; HQ refuses a pushed record beyond them with the
//! code [`OUT_OF_RANGE`].

use crate::{Money, Quantity};

/// The refusal code HQ answers for a record beyond these bounds.
pub const OUT_OF_RANGE: &str = "out_of_range";

/// Most of one item on one line or in one stock movement: 1,000,000 units.
pub const MAX_LINE_MILLI: i64 = 1_000_000_000;
/// Highest price of one unit: 10,000,000.00.
pub const MAX_UNIT_PRICE_MINOR: i64 = 1_000_000_000;
/// Largest amount on a line, a sale or a payment: 100,000,000.00.
pub const MAX_AMOUNT_MINOR: i64 = 10_000_000_000;
/// Most lines on one sale.
pub const MAX_LINES: usize = 500;
/// Most payments on one sale.
pub const MAX_PAYMENTS: usize = 50;
/// The stock level of one item at one location stays within ± this: 10,000,000,000 units
/// (`NUMERIC(14,3)` holds ten times more, so many pushes at once cannot overflow it).
pub const MAX_STOCK_LEVEL_MILLI: i64 = 10_000_000_000_000;
/// Longest text a till may record in a name or a note, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

// Every bound fits HQ's columns many times over, or this does not compile.
const _: () = {
    assert!(MAX_LINE_MILLI * 1000 < crate::MAX_MILLI);
    assert!(MAX_STOCK_LEVEL_MILLI * 9 < crate::MAX_MILLI);
    assert!(MAX_AMOUNT_MINOR * 1000 < crate::MAX_MINOR);
    assert!(MAX_UNIT_PRICE_MINOR < MAX_AMOUNT_MINOR);
};

/// A value beyond one of the bounds, as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} {value} is beyond the limit of {limit}")]
pub struct LimitError {
    pub what: String,
    pub value: String,
    pub limit: String,
}

fn beyond(what: impl Into<String>, value: impl ToString, limit: impl ToString) -> LimitError {
    LimitError {
        what: what.into(),
        value: value.to_string(),
        limit: limit.to_string(),
    }
}

/// A quantity sold, refunded or moved, in thousandths and of either sign.
pub fn check_quantity_milli(what: &str, milli: i64) -> Result<(), LimitError> {
    if milli.unsigned_abs() > MAX_LINE_MILLI.unsigned_abs() {
        return Err(beyond(
            what,
            crate::format_thousandths(milli),
            crate::format_thousandths(MAX_LINE_MILLI),
        ));
    }
    Ok(())
}

/// A line's quantity.
pub fn check_quantity(what: &str, quantity: Quantity) -> Result<(), LimitError> {
    check_quantity_milli(what, quantity.milli())
}

/// The price of one unit.
pub fn check_unit_price(what: &str, price: Money) -> Result<(), LimitError> {
    if price.minor().unsigned_abs() > MAX_UNIT_PRICE_MINOR.unsigned_abs() {
        return Err(beyond(what, price, money(MAX_UNIT_PRICE_MINOR)));
    }
    Ok(())
}

/// An amount on a line, a sale or a payment, of either sign.
pub fn check_amount(what: &str, amount: Money) -> Result<(), LimitError> {
    if amount.minor().unsigned_abs() > MAX_AMOUNT_MINOR.unsigned_abs() {
        return Err(beyond(what, amount, money(MAX_AMOUNT_MINOR)));
    }
    Ok(())
}

/// A stock level after a movement, in thousandths.
pub fn check_stock_level_milli(what: &str, milli: i128) -> Result<(), LimitError> {
    if milli.unsigned_abs() > u128::from(MAX_STOCK_LEVEL_MILLI.unsigned_abs()) {
        return Err(LimitError {
            what: what.to_owned(),
            value: i64::try_from(milli)
                .map(crate::format_thousandths)
                .unwrap_or_else(|_| format!("{milli} thousandths")),
            limit: crate::format_thousandths(MAX_STOCK_LEVEL_MILLI),
        });
    }
    Ok(())
}

/// How many of something a sale holds.
pub fn check_count(what: &str, count: usize, max: usize) -> Result<(), LimitError> {
    if count > max {
        return Err(beyond(what, count, max));
    }
    Ok(())
}

/// A name or a note.
pub fn check_text(what: &str, text: &str) -> Result<(), LimitError> {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(beyond(
            format!("the length of {what}"),
            chars,
            format!("{MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

fn money(minor: i64) -> String {
    Money::from_minor(minor)
        .map(|m| m.to_string())
        .unwrap_or_else(|_| minor.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hold_at_the_edge_and_refuse_past_it() {
        assert!(check_quantity_milli("q", MAX_LINE_MILLI).is_ok());
        assert!(check_quantity_milli("q", -MAX_LINE_MILLI).is_ok());
        let err = check_quantity_milli("a receipt", MAX_LINE_MILLI + 1).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a receipt 1000000.001 is beyond the limit of 1000000"
        );
        assert!(check_amount("a", Money::from_minor(MAX_AMOUNT_MINOR).unwrap()).is_ok());
        assert!(check_amount("a", Money::from_minor(-MAX_AMOUNT_MINOR - 1).unwrap()).is_err());
        assert!(
            check_unit_price("p", Money::from_minor(MAX_UNIT_PRICE_MINOR + 1).unwrap()).is_err()
        );
        assert!(check_stock_level_milli("l", i128::from(MAX_STOCK_LEVEL_MILLI)).is_ok());
        assert!(check_stock_level_milli("l", -i128::from(MAX_STOCK_LEVEL_MILLI) - 1).is_err());
        assert!(check_count("lines", MAX_LINES + 1, MAX_LINES).is_err());
        assert!(check_text("a name", &"é".repeat(MAX_TEXT_CHARS)).is_ok());
        assert!(check_text("a name", &"é".repeat(MAX_TEXT_CHARS + 1)).is_err());
    }
}
