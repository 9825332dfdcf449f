//! The error document of the API: RFC 9457 `application/problem+json`.
//!
//! The server renders every failure as a [`Problem`]; the front end parses the same
//! struct back, so a validation error names the same fields on both sides.

use serde::{Deserialize, Serialize};

/// Machine-readable error codes; stable, part of the public API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::AsRefStr)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorCode {
    /// One or more parameters or fields are invalid; see `errors`.
    InvalidParameters,
    /// The resource does not exist (or is not public).
    NotFound,
    /// Sign in first (no valid session).
    Unauthenticated,
    /// Signed in, but this account may not do that.
    Forbidden,
    /// The request conflicts with the current state (e.g. e-mail already used).
    Conflict,
    /// The request body is larger than the endpoint accepts.
    TooLarge,
    /// Too many attempts; retry after the delay given in `Retry-After`.
    RateLimited,
    /// Writes must be JSON sent from this site (CSRF protection).
    UnsupportedRequest,
    /// The database is unreachable or overloaded; retry later.
    Unavailable,
    /// The sync cursor is older than the changes kept (90 days): load everything again,
    /// then resume from a new cursor.
    CursorExpired,
    /// An unexpected failure, logged on the server.
    Internal,
    /// The server could not reach the API (front end only: network failure).
    Network,
}

/// One invalid field or parameter, with a French message meant for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Name of the field or query parameter, as sent by the client.
    pub field: String,
    /// Explanation in French.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "server", schema(example = json!({
    "type": "/api/v1/problems/invalid-parameters",
    "title": "Paramètres invalides",
    "status": 400,
    "detail": "contract : Type de contrat inconnu.",
    "code": "invalid_parameters",
    "errors": [{ "field": "contract", "message": "Type de contrat inconnu." }]
})))]
pub struct Problem {
    /// A URI reference identifying the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short French summary of the problem type.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// French explanation specific to this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine code.
    pub code: ErrorCode,
    /// Field-level details, for validation errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    pub fn new(status: u16, code: ErrorCode, title: impl Into<String>) -> Self {
        Self {
            kind: format!("/api/v1/problems/{}", code.as_ref().replace('_', "-")),
            title: title.into(),
            status,
            detail: None,
            code,
            errors: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn invalid(errors: Vec<FieldError>) -> Self {
        let mut problem = Self::new(400, ErrorCode::InvalidParameters, "Paramètres invalides");
        problem.detail = Some(
            errors
                .iter()
                .map(|e| format!("{} : {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join(" ; "),
        );
        problem.errors = errors;
        problem
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::new(404, ErrorCode::NotFound, "Ressource introuvable").with_detail(what)
    }

    pub fn unauthenticated() -> Self {
        Self::new(401, ErrorCode::Unauthenticated, "Authentification requise")
            .with_detail("Connectez-vous pour accéder à cette ressource.")
    }

    pub fn cursor_expired() -> Self {
        Self::new(410, ErrorCode::CursorExpired, "Curseur expiré").with_detail(
            "Ce curseur est plus ancien que les changements conservés (90 jours) : rechargez toutes les offres (exports), puis reprenez avec un nouveau curseur.",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(403, ErrorCode::Forbidden, "Accès refusé")
            .with_detail("Votre compte ne permet pas cette action.")
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(409, ErrorCode::Conflict, "Conflit").with_detail(detail)
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        Self::new(429, ErrorCode::RateLimited, "Trop de tentatives").with_detail(format!(
            "Trop de tentatives : réessayez dans {retry_after_secs} secondes."
        ))
    }

    /// The public API's quota per client is spent for now.
    pub fn quota_exceeded(retry_after_secs: u64) -> Self {
        Self::new(429, ErrorCode::RateLimited, "Trop de requêtes").with_detail(format!(
            "Quota de l'API dépassé : réessayez dans {retry_after_secs} secondes, ou demandez une clé d'API à l'équipe talents pour un quota plus élevé."
        ))
    }

    pub fn network(detail: impl Into<String>) -> Self {
        Self::new(0, ErrorCode::Network, "Serveur injoignable").with_detail(detail)
    }

    pub fn is_not_found(&self) -> bool {
        self.code == ErrorCode::NotFound
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.detail {
            Some(detail) => write!(f, "{} — {}", self.title, detail),
            None => f.write_str(&self.title),
        }
    }
}

impl std::error::Error for Problem {}
