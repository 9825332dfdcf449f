//! Accounts: roles, the current user, and the rules for e-mail addresses and passwords.

use serde::{Deserialize, Serialize};

use crate::{ErrorCode, FieldError, Problem, UserId};

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

/// Days a new candidate account has to confirm its e-mail address before it is deleted
/// (the confirmation link lasts as long). Until then nothing is mailed to it but that link,
/// and recruiters do not see its profile.
pub const CONFIRMATION_DAYS: i64 = 7;

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

/// Why a sign-in or sign-up sent as a plain HTML form (before or without the WASM) was
/// refused: the server sends the browser back to the form's page with `?erreur=…`, and the
/// page says why, under the fields concerned.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::AsRefStr, strum::EnumIter,
)]
#[strum(serialize_all = "snake_case")]
pub enum FormRefusal {
    Credentials,
    MissingFields,
    InvalidEmail,
    WeakPassword,
    /// A confirmation link unknown, expired or used.
    ExpiredLink,
    TooManyAttempts,
    Unavailable,
}

impl FormRefusal {
    /// The refusal standing for a problem the API answered.
    pub fn of(problem: &Problem) -> Self {
        let names = |field: &str| problem.errors.iter().any(|e| e.field == field);
        match problem.status {
            401 => Self::Credentials,
            404 => Self::ExpiredLink,
            429 => Self::TooManyAttempts,
            400 if names("email") => Self::InvalidEmail,
            400 if names("password") => Self::WeakPassword,
            400 => Self::MissingFields,
            _ => Self::Unavailable,
        }
    }

    /// What the form's page shows.
    pub fn problem(self) -> Problem {
        let invalid =
            |field: &str, message: String| Problem::invalid(vec![FieldError::new(field, message)]);
        match self {
            Self::Credentials => Problem::new(401, ErrorCode::Unauthenticated, "Identifiants incorrects")
                .with_detail("Adresse électronique ou mot de passe incorrect."),
            Self::MissingFields => Problem::invalid(vec![
                FieldError::new("email", "Indiquez votre adresse électronique."),
                FieldError::new("password", "Indiquez votre mot de passe."),
            ]),
            Self::InvalidEmail => invalid(
                "email",
                "Adresse électronique invalide : le format attendu est nom@domaine.fr.".to_owned(),
            ),
            Self::WeakPassword => invalid(
                "password",
                format!("Le mot de passe doit compter de {PASSWORD_MIN} à {PASSWORD_MAX} caractères."),
            ),
            Self::ExpiredLink => Problem::new(404, ErrorCode::NotFound, "Lien invalide")
                .with_detail("Ce lien est inconnu, expiré ou a déjà servi : connectez-vous, puis demandez-en un nouveau depuis « Mon compte »."),
            Self::TooManyAttempts => Problem::new(429, ErrorCode::RateLimited, "Trop de tentatives")
                .with_detail("Trop de tentatives : réessayez dans quelques minutes."),
            Self::Unavailable => Problem::new(503, ErrorCode::Unavailable, "Service momentanément indisponible")
                .with_detail("Réessayez dans quelques instants."),
        }
    }
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
    fn a_form_refusal_round_trips_through_the_address_and_names_its_fields() {
        use std::str::FromStr;
        use strum::IntoEnumIterator;
        for refusal in FormRefusal::iter() {
            assert_eq!(FormRefusal::from_str(refusal.as_ref()), Ok(refusal));
        }
        // The API's answers to a sign-in, a sign-up or an address confirmation.
        let weak = Problem::invalid(password_error("court").into_iter().collect());
        let bad_email = Problem::invalid(email_error("camille").into_iter().collect());
        for (problem, refusal) in [
            (FormRefusal::Credentials.problem(), FormRefusal::Credentials),
            (Problem::rate_limited(30), FormRefusal::TooManyAttempts),
            (
                Problem::new(404, ErrorCode::NotFound, "Ressource introuvable"),
                FormRefusal::ExpiredLink,
            ),
            (weak, FormRefusal::WeakPassword),
            (bad_email, FormRefusal::InvalidEmail),
            (FormRefusal::Unavailable.problem(), FormRefusal::Unavailable),
        ] {
            assert_eq!(FormRefusal::of(&problem), refusal, "{problem:?}");
        }
        // Each names the fields it is about, for the page to mark them.
        let fields = |r: FormRefusal| -> Vec<String> {
            r.problem().errors.into_iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(FormRefusal::MissingFields), ["email", "password"]);
        assert_eq!(fields(FormRefusal::WeakPassword), ["password"]);
    }

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
