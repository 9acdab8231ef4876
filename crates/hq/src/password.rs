//! Passwords: parsed once, hashed with argon2, never printed.

use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Argon2, PasswordHash, PasswordVerifier};

/// A password that met the rules. `Debug` never shows it.
pub struct Password(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("the password must be at least {MIN_LEN} characters long")]
    TooShort,
    #[error("the password must be at most {MAX_LEN} characters long")]
    TooLong,
    #[error("the two passwords do not match")]
    Mismatch,
}

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 1024;

impl Password {
    pub fn parse(raw: String) -> Result<Self, PasswordError> {
        match raw.chars().count() {
            n if n < MIN_LEN => Err(PasswordError::TooShort),
            n if n > MAX_LEN => Err(PasswordError::TooLong),
            _ => Ok(Self(raw)),
        }
    }

    /// An argon2id PHC string with a fresh random salt.
    pub fn hash(&self) -> String {
        argon2_hash(&self.0)
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// An argon2id PHC string of `secret` with a fresh random salt (passwords and PINs alike).
pub(crate) fn argon2_hash(secret: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_else(|error| unreachable!("argon2 with default parameters: {error}"))
}

/// True when `candidate` is the password behind `phc` (false for a malformed hash too).
pub fn verify(phc: &str, candidate: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(candidate.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            Password::parse("short".into()).err(),
            Some(PasswordError::TooShort)
        );
    }

    #[test]
    fn hash_verifies_and_debug_hides_the_secret() {
        let password = Password::parse("correct horse battery".into()).unwrap();
        let phc = password.hash();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify(&phc, "correct horse battery"));
        assert!(!verify(&phc, "correct horse battery!"));
        assert!(!format!("{password:?}").contains("horse"));
    }
}
