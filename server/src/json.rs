//! JSON request bodies whose rejections are problem documents, never axum's plain text.
//! Requiring `Content-Type: application/json` on writes is also what keeps cross-site HTML
//! forms out (they cannot send it without a CORS preflight, which we never grant).

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use shared::{ErrorCode, FieldError, Problem};

use crate::error::AppError;

pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(AppError::from(
                Problem::new(
                    415,
                    ErrorCode::UnsupportedRequest,
                    "Format non pris en charge",
                )
                .with_detail(
                    "Envoyez un corps JSON avec l'en-tête Content-Type: application/json.",
                ),
            )),
            Err(rejection) => Err(AppError::invalid(vec![FieldError::new(
                "body",
                format!("Corps JSON invalide : {}", rejection.body_text()),
            )])),
        }
    }
}
