//! Accounts: roles, the current user, and the rules for e-mail addresses and passwords.

use serde::{Deserialize, Serialize};

use crate::{FieldError, UserId};

/// What an account may do.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// A student or candidate (self sign-up).
    Candidate,
    /// Belongs to one entity; runs its showcase and offers.
    Recruiter,
    /// The DINUM talent team.
    Admin,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Self::Candidate => "Candidat",
            Self::Recruiter => "Recruteur",
            Self::Admin => "Administrateur",
        }
    }
}

/// The signed-in user, as returned by `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: UserId,
    pub email: String,
    pub role: Role,
    /// Slug of the recruiter's entity.
    pub entity_slug: Option<String>,
    pub email_verified: bool,
}

/// `GET /api/v1/auth/session`: who is signed in, if anyone. Unlike `GET /api/v1/me`, it
/// answers a visitor without an error, so pages can ask it on every load (the session
/// cookie is `HttpOnly`: the page cannot see whether there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Session {
    /// The signed-in account; null for a visitor.
    pub me: Option<Me>,
}

/// `POST /api/v1/auth/signup` and `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// `POST /api/v1/auth/password-reset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ResetRequest {
    pub email: String,
}

/// `POST /api/v1/auth/password-reset/confirm` (also used to accept an invitation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewPassword {
    pub token: String,
    pub password: String,
}

/// `POST /api/v1/auth/verify-email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EmailToken {
    pub token: String,
}

/// `POST /api/v1/me/password`: a signed-in user changes their password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;
pub const EMAIL_MAX: usize = 254;

/// Trimmed, lowercased e-mail address.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Whether `email` (normalized) looks like a deliverable address: one `@`, a non-empty local
/// part, a domain with a dot, no spaces.
pub fn email_error(email: &str) -> Option<FieldError> {
    let valid = email.len() <= EMAIL_MAX
        && !email.contains(char::is_whitespace)
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    (!valid).then(|| {
        FieldError::new(
            "email",
            "Adresse électronique invalide (ex. prenom.nom@exemple.fr).",
        )
    })
}

/// Length rules for a new password (ANSSI: long passphrases over composition rules).
pub fn password_error(password: &str) -> Option<FieldError> {
    let len = password.chars().count();
    if len < PASSWORD_MIN {
        Some(FieldError::new(
            "password",
            format!("Le mot de passe doit compter au moins {PASSWORD_MIN} caractères."),
        ))
    } else if len > PASSWORD_MAX {
        Some(FieldError::new(
            "password",
            format!("Le mot de passe ne doit pas dépasser {PASSWORD_MAX} caractères."),
        ))
    } else {
        None
    }
}

impl Credentials {
    /// Errors of a sign-up form.
    pub fn signup_errors(&self) -> Vec<FieldError> {
        email_error(&normalize_email(&self.email))
            .into_iter()
            .chain(password_error(&self.password))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["camille.martin@numerique.gouv.fr", "a@b.fr"] {
            assert_eq!(email_error(ok), None, "{ok}");
        }
        for bad in [
            "", "camille", "a@b", "a@@b.fr", "a b@c.fr", "@b.fr", "a@.fr", "a@b.",
        ] {
            assert!(email_error(bad).is_some(), "{bad}");
        }
        assert_eq!(
            normalize_email("  Camille@Beta.Gouv.FR "),
            "camille@beta.gouv.fr"
        );
    }

    #[test]
    fn passwords() {
        assert!(password_error("court").is_some());
        assert_eq!(password_error("une phrase de passe"), None);
        assert!(password_error(&"x".repeat(129)).is_some());
    }

    #[test]
    fn signup_reports_both_fields() {
        let c = Credentials {
            email: "nope".into(),
            password: "x".into(),
        };
        let fields: Vec<String> = c.signup_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["email", "password"]);
    }
}
