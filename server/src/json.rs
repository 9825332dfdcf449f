//! Request extractors whose rejections are problem documents, never axum's plain text: JSON
//! bodies, query strings, path parameters and multipart uploads. Text holding a NUL character is refused
//! (PostgreSQL cannot store it): here for bodies, by [`reject_nul_in_uri`] for paths and
//! query strings.
//! Requiring `Content-Type: application/json` on writes is also what keeps cross-site HTML
//! forms out (they cannot send it without a CORS preflight, which we never grant).

use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use shared::{ErrorCode, FieldError, Problem};

use crate::error::AppError;

pub struct AppJson<T>(pub T);

fn unsupported(detail: &str) -> AppError {
    AppError::from(
        Problem::new(
            415,
            ErrorCode::UnsupportedRequest,
            "Format non pris en charge",
        )
        .with_detail(detail),
    )
}

/// Largest JSON body of the API (`routes::api`): the longest valid one, an offer with its
/// five texts at 20,000 characters all of two bytes, is about 200 KB.
pub const JSON_BODY_LIMIT: usize = 512 * 1024;

fn too_large() -> AppError {
    AppError::from(
        Problem::new(413, ErrorCode::TooLarge, "Envoi trop volumineux").with_detail(format!(
            "Le corps JSON ne doit pas dépasser {} Ko.",
            JSON_BODY_LIMIT / 1024
        )),
    )
}

/// The 400 for text holding a NUL character, in `field`.
pub fn nul_character(field: &str) -> AppError {
    AppError::invalid(vec![FieldError::new(
        field,
        "Le texte ne doit pas contenir de caractère nul.",
    )])
}

/// Whether any string (or key) in `value` holds a NUL character.
fn holds_nul(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(text) => text.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(holds_nul),
        serde_json::Value::Object(map) => map
            .iter()
            .any(|(key, value)| key.contains('\0') || holds_nul(value)),
        _ => false,
    }
}

impl<S, T> FromRequest<S> for AppJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let invalid = |reason: String| {
            AppError::invalid(vec![FieldError::new(
                "body",
                format!("Corps JSON invalide : {reason}"),
            )])
        };
        match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(value)) if holds_nul(&value) => Err(nul_character("body")),
            Ok(axum::Json(value)) => serde_json::from_value(value)
                .map(Self)
                .map_err(|e| invalid(e.to_string())),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(too_large())
            }
            Err(JsonRejection::MissingJsonContentType(_)) => Err(unsupported(
                "Envoyez un corps JSON avec l'en-tête Content-Type: application/json.",
            )),
            Err(rejection) => Err(invalid(rejection.body_text())),
        }
    }
}

/// Middleware: a path or query string with a NUL character (`%00`) is a 400.
pub async fn reject_nul_in_uri(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let has_nul = |part: &str| part.to_ascii_lowercase().contains("%00");
    if has_nul(uri.path()) || uri.query().is_some_and(has_nul) {
        return nul_character("uri").into_response();
    }
    next.run(request).await
}

/// A query string read into `T`; a bad value is a 400 naming its parameter.
pub struct AppQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for AppQuery<T>
where
    axum::extract::Query<T>: FromRequestParts<S, Rejection = QueryRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => {
                // serde_urlencoded says "name: what is wrong".
                let text = rejection.body_text();
                let reason = text.trim_start_matches("Failed to deserialize query string: ");
                let field = reason
                    .split_once(": ")
                    .map(|(name, _)| name)
                    .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or("query");
                Err(AppError::invalid(vec![FieldError::new(
                    field,
                    format!("Paramètre invalide : {reason}"),
                )]))
            }
        }
    }
}

/// A `multipart/form-data` body (its parts are read by the handler).
pub struct AppMultipart(pub Multipart);

impl<S: Send + Sync> FromRequest<S> for AppMultipart {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match Multipart::from_request(req, state).await {
            Ok(multipart) => Ok(Self(multipart)),
            Err(MultipartRejection::InvalidBoundary(_)) => Err(unsupported(
                "Envoyez un formulaire multipart/form-data (avec son paramètre boundary).",
            )),
            Err(rejection) => Err(AppError::invalid(vec![FieldError::new(
                "body",
                format!("Formulaire multipart invalide : {}", rejection.body_text()),
            )])),
        }
    }
}

/// Path parameters read into `T` (an id, a slug, or a tuple of them); one that does not
/// parse is a 400 naming `id` — every number in our paths is an identifier.
pub struct AppPath<T>(pub T);

impl<S, T> FromRequestParts<S> for AppPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => {
                Err(AppError::invalid(vec![FieldError::new(
                    "id",
                    "L'identifiant doit être un nombre entier.",
                )]))
            }
            // The route and its extractor disagree: a fault of ours.
            Err(rejection) => Err(AppError::internal("path parameters", rejection.body_text())),
        }
    }
}
