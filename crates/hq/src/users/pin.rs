//! A till PIN: what it may be, and its hash (the only form HQ keeps or sends).

use std::fmt;

/// A PIN that met the rules: 4 to 8 ASCII digits. `Debug` never shows it.
pub struct Pin(String);

pub const PIN_MIN_LEN: usize = 4;
pub const PIN_MAX_LEN: usize = 8;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the PIN must be {PIN_MIN_LEN} to {PIN_MAX_LEN} digits (0-9)")]
pub struct InvalidPin;

impl Pin {
    pub fn parse(raw: &str) -> Result<Self, InvalidPin> {
        let valid = (PIN_MIN_LEN..=PIN_MAX_LEN).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_digit());
        if valid {
            Ok(Self(raw.to_owned()))
        } else {
            Err(InvalidPin)
        }
    }

    /// An argon2id PHC string with a fresh random salt (what terminals verify against).
    pub fn hash(&self) -> String {
        crate::password::argon2_hash(&self.0)
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_to_eight_ascii_digits() {
        for good in ["0000", "1234", "12345678"] {
            assert!(Pin::parse(good).is_ok(), "{good:?} was refused");
        }
        for bad in ["", "123", "123456789", "12a4", " 1234", "١٢٣٤", "12.4"] {
            assert_eq!(Pin::parse(bad).err(), Some(InvalidPin), "{bad:?}");
        }
    }

    #[test]
    fn debug_hides_the_pin() {
        assert!(!format!("{:?}", Pin::parse("918273").unwrap()).contains("918273"));
    }
}
