//! Turning what the cashier typed into domain values, with a sentence that names the field
//! when it cannot be.

use pos_terminal::{Discount, Money, Quantity};
use uuid::Uuid;

use crate::error::CommandError;

fn invalid(field: &str, typed: &str, error: impl std::fmt::Display) -> CommandError {
    CommandError::new(
        "invalid_input",
        format!("{field}: \"{}\" is not valid ({error})", typed.trim()),
    )
}

pub fn money(field: &str, typed: &str) -> Result<Money, CommandError> {
    Money::parse(typed.trim()).map_err(|e| invalid(field, typed, e))
}

pub fn quantity(field: &str, typed: &str) -> Result<Quantity, CommandError> {
    Quantity::parse(typed.trim()).map_err(|e| invalid(field, typed, e))
}

/// `10%` or an amount; empty takes the discount off.
pub fn discount(typed: &str) -> Result<Option<Discount>, CommandError> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    Discount::parse(typed.trim())
        .map(Some)
        .map_err(|e| invalid("discount", typed, e))
}

pub fn id(field: &str, typed: &str) -> Result<Uuid, CommandError> {
    Uuid::parse_str(typed.trim()).map_err(|e| invalid(field, typed, e))
}

/// A PIN the screen may leave empty when no approval is needed.
pub fn optional_pin(typed: &Option<String>) -> Option<&str> {
    typed.as_deref().filter(|pin| !pin.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_amounts_name_the_field() {
        let error = money("cash tendered", "12,5x").unwrap_err();
        assert_eq!(error.code, "invalid_input");
        assert!(
            error.message.starts_with("cash tendered: \"12,5x\""),
            "{}",
            error.message
        );
        assert_eq!(
            money("float", " 100.00 ").unwrap(),
            Money::parse("100").unwrap()
        );
    }

    #[test]
    fn an_empty_discount_is_none() {
        assert_eq!(discount("  ").unwrap(), None);
        assert!(discount("10%").unwrap().is_some());
        assert!(discount("ten").is_err());
    }
}
