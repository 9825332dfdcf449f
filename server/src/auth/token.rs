//! Random secrets (session cookies, e-mailed links) and the hashes stored in their place.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe.
pub fn generate() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("getrandom: {e}"))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// `text` with every secret of ours (43 URL-safe characters, see [`generate`]) replaced by
/// « [masqué] »: what admins see of an e-mail, whose links must not let them in.
pub fn mask_secrets(text: &str) -> String {
    const SECRET_LEN: usize = 43;
    let url_safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(url_safe) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let end = run.find(|c: char| !url_safe(c)).unwrap_or(run.len());
        let word = &run[..end];
        // Slugs are long too, but never hold capitals or digits; a random secret does.
        let random = word
            .chars()
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if word.len() >= SECRET_LEN && random {
            out.push_str("[masqué]");
        } else {
            out.push_str(word);
        }
        rest = &run[end..];
    }
    out.push_str(rest);
    out
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
            Purpose::VerifyEmail => chrono::Duration::days(shared::account::CONFIRMATION_DAYS),
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

    #[test]
    fn secrets_are_masked_and_the_rest_kept() {
        let secret = generate().unwrap_or_default();
        let text = format!(
            "Choisissez : https://exemple.fr/compte/mot-de-passe?jeton={secret}\n\
             Duo : https://exemple.fr/vis-mon-job/duo/{secret}.\n\
             https://exemple.fr/entites/direction-interministerielle-du-numerique-et-plus"
        );
        assert_eq!(
            mask_secrets(&text),
            "Choisissez : https://exemple.fr/compte/mot-de-passe?jeton=[masqué]\n\
             Duo : https://exemple.fr/vis-mon-job/duo/[masqué].\n\
             https://exemple.fr/entites/direction-interministerielle-du-numerique-et-plus"
        );
    }
}
