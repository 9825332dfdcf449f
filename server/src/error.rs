//! The one error type of the HTTP layer, rendered once as RFC 9457 problem+json.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use shared::{ErrorCode, FieldError, Problem};

use crate::db::DbError;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An API failure; converts from problems and storage errors so handlers can use `?`.
#[derive(Debug)]
pub struct AppError {
    pub problem: Problem,
    /// Seconds for the `Retry-After` header (rate limits).
    pub retry_after: Option<u64>,
}

impl From<Problem> for AppError {
    fn from(problem: Problem) -> Self {
        Self {
            problem,
            retry_after: None,
        }
    }
}

pub type ApiResult<T> = Result<T, AppError>;

impl AppError {
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        Problem::invalid(errors).into()
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Problem::not_found(what).into()
    }

    /// A failure of ours (logged with `what` and `error`), shown as a 500 without detail.
    pub fn internal(what: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!(%error, "{what}");
        Problem::new(500, ErrorCode::Internal, "Erreur interne")
            .with_detail("L'incident a été enregistré ; réessayez plus tard.")
            .into()
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }
}

/// Storage errors as problems: not found → 404, pool trouble → 503, the rest → logged 500.
pub fn problem_from_db(err: DbError) -> Problem {
    match err {
        DbError::NotFound => {
            Problem::not_found("Aucune ressource ne correspond à cet identifiant.")
        }
        DbError::Unavailable(detail) => {
            tracing::warn!(%detail, "database unavailable");
            Problem::new(
                503,
                ErrorCode::Unavailable,
                "Service momentanément indisponible",
            )
            .with_detail("La base de données ne répond pas ; réessayez dans quelques instants.")
        }
        other => {
            tracing::error!(error = %other, "database error");
            Problem::new(500, ErrorCode::Internal, "Erreur interne")
                .with_detail("L'incident a été enregistré ; réessayez plus tard.")
        }
    }
}

impl From<crate::accounts::InviteError> for AppError {
    fn from(err: crate::accounts::InviteError) -> Self {
        use crate::accounts::InviteError;
        match err {
            InviteError::Invalid(errors) => AppError::invalid(errors),
            InviteError::Taken => Problem::conflict(
                "Un compte existe déjà avec cette adresse, ou la demande a déjà été traitée.",
            )
            .into(),
            InviteError::Storage(err) => err.into(),
        }
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        problem_from_db(err).into()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// `/api/...` paths that match no route.
pub async fn api_not_found() -> AppError {
    AppError::not_found("Aucune route de l'API ne correspond à ce chemin.")
}
