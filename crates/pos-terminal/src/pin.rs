//! Staff PINs: 4 to 8 digits, kept only as argon2 hashes.

use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Argon2, PasswordHash, PasswordVerifier};

use crate::TerminalError;

/// A PIN as typed. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    pub fn parse(raw: &str) -> Result<Self, TerminalError> {
        let pin = raw.trim();
        if (4..=8).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit()) {
            Ok(Self(pin.to_owned()))
        } else {
            Err(TerminalError::InvalidInput(
                "a PIN is 4 to 8 digits".to_owned(),
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An argon2id PHC string with a fresh salt.
    pub fn hash(&self) -> Result<String, TerminalError> {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(self.0.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| TerminalError::InvalidInput(format!("cannot hash the PIN: {error}")))
    }

    /// True when this PIN is the one behind `phc` (false for a malformed hash).
    pub fn matches(&self, phc: &str) -> bool {
        PasswordHash::new(phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(self.0.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(Pin::parse("1234").is_ok());
        assert!(Pin::parse("12345678").is_ok());
        for bad in ["123", "123456789", "12a4", "", "12 34"] {
            assert!(Pin::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_hash_matches_its_pin_only_and_debug_hides_it() {
        let pin = Pin::parse("4821").unwrap();
        let hash = pin.hash().unwrap();
        assert!(pin.matches(&hash));
        assert!(!Pin::parse("4822").unwrap().matches(&hash));
        assert!(!format!("{pin:?}").contains("4821"));
    }
}
