//! Random secrets (session cookies, e-mailed links) and the hashes stored in their place.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe.
pub fn generate() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("getrandom: {e}"))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps: the SHA-256 of the secret, hex-encoded.
pub fn digest(secret: &str) -> String {
    digest_bytes(secret.as_bytes())
}

/// The SHA-256 of `bytes`, hex-encoded.
pub fn digest_bytes(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Purpose of a single-use link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::AsRefStr)]
#[strum(serialize_all = "snake_case")]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    /// An invited recruiter's first password.
    Invitation,
}

impl Purpose {
    /// How long the link stays valid.
    pub fn lifetime(self) -> chrono::Duration {
        match self {
            Purpose::VerifyEmail => chrono::Duration::days(7),
            Purpose::ResetPassword => chrono::Duration::hours(1),
            Purpose::Invitation => chrono::Duration::days(7),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_and_distinct() {
        let a = generate().unwrap_or_default();
        let b = generate().unwrap_or_default();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), a);
    }
}
