//! The secrets of pairing: a one-time code a person types, and the token a terminal keeps
//! in its OS keyring. HQ stores only their SHA-256: the token is 256 random bits, so a
//! fast hash is enough (a slow one protects guessable passwords, not random keys), and
//! a lookup by hash needs no per-row salt.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Letters and digits a person cannot confuse (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A pairing code like `K7QP-MX4D-2HWA`: 12 characters of 31, about 59 bits, and it
/// expires in minutes and works once.
pub fn new_pairing_code() -> String {
    let mut rng = rand::rng();
    let mut code = String::with_capacity(14);
    for i in 0..12 {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        let pick = (rng.next_u32() as usize) % CODE_ALPHABET.len();
        code.push(char::from(CODE_ALPHABET[pick]));
    }
    code
}

/// What a person typed, made comparable: upper case, separators and spaces dropped.
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A terminal's bearer token: `tly1_` and 64 hex digits of randomness.
pub fn new_token() -> String {
    random_token("tly1_")
}

/// An admin session's bearer token: `tlys_` and 64 hex digits of randomness (the prefix
/// tells the two kinds apart in a leaked log line or a secret scanner).
pub fn new_session_token() -> String {
    random_token("tlys_")
}

fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

/// The stored form of a code (normalized first) or a token.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_readable_and_normalize_to_what_was_hashed() {
        let code = new_pairing_code();
        assert_eq!(code.len(), 14);
        assert_eq!(
            normalize_code(&code.to_lowercase().replace('-', " ")).len(),
            12
        );
        assert_eq!(
            hash(&normalize_code(&code)),
            hash(&normalize_code(&code.to_lowercase()))
        );
        assert_ne!(new_pairing_code(), code);
    }

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = new_token();
        assert!(a.starts_with("tly1_") && a.len() == 69);
        assert_ne!(a, new_token());
        assert_eq!(hash(&a).len(), 64);
    }
}
