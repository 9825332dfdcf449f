//! The application pages' form posted as plain HTML (`POST /offres/{id}/postuler`,
//! `POST /entites/{slug}/candidature`): before the WASM has loaded, or without it, a person
//! still applies — progressive enhancement, as the DSFR expects. The checks and the storage
//! are the JSON API's (`routes::applications`). Sent: back to the page with `?envoyee=N`,
//! which shows the receipt (a 303, so a reload does not post again). Refused: the page again
//! with what was typed and why (`pages::refused_form`).

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use shared::application::ApplicationForm;

use super::applications::{read_upload, refusals, store, Destination};
use crate::auth::rate_limit::{Action, ClientIp};
use crate::auth::{MaybeCandidate, SameSite};
use crate::error::{ApiResult, AppError};
use crate::json::AppMultipart;
use crate::pages::{refused_form, typed_fields};
use crate::state::AppState;

/// `POST /offres/{id}/postuler`.
pub async fn apply_to_offer(
    State(state): State<AppState>,
    _: SameSite,
    candidate: MaybeCandidate,
    ip: ClientIp,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let destination = Destination::offer(&state, &id).await;
    post(state, candidate, ip, destination, request).await
}

/// `POST /entites/{slug}/candidature`.
pub async fn apply_to_entity(
    State(state): State<AppState>,
    _: SameSite,
    candidate: MaybeCandidate,
    ip: ClientIp,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let destination = Destination::entity(&state, &slug).await;
    post(state, candidate, ip, destination, request).await
}

async fn post(
    state: AppState,
    candidate: MaybeCandidate,
    ip: ClientIp,
    destination: ApiResult<Destination>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let page = parts.uri.path().to_owned();
    let read = read_form(&state, &ip, &parts, body).await;
    let mut typed = Vec::new();
    let outcome = match (destination, read) {
        (Err(error), _) | (_, Err(error)) => Err(error),
        (Ok(destination), Ok((form, cv))) => {
            typed = typed_fields(&form);
            let errors = refusals(&form, &cv);
            if errors.is_empty() {
                let key = idempotency_key(&destination, &form, &cv);
                store(&state, candidate, ip, &key, &form, cv, &destination).await
            } else {
                Err(AppError::invalid(errors))
            }
        }
    };
    match outcome {
        Ok(sent) => Redirect::to(&format!("{page}?envoyee={}", sent.receipt.id)).into_response(),
        Err(error) => refused_form(&state, parts, typed, error.problem).await,
    }
}

/// The form and the CV, within the per-minute limit of the address.
async fn read_form(
    state: &AppState,
    ip: &ClientIp,
    parts: &Parts,
    body: axum::body::Body,
) -> ApiResult<(ApplicationForm, Vec<u8>)> {
    state
        .rate_limits
        .check(&state.db, Action::Application, ip.0, None)
        .await?;
    let request = Request::from_parts(parts.clone(), body);
    let AppMultipart(multipart) = AppMultipart::from_request(request, state).await?;
    read_upload(multipart).await
}

/// A plain form has no idempotency key: the same form and CV posted again the same day (a
/// double click, a reload of the post) is the same application, answered with its receipt.
fn idempotency_key(destination: &Destination, form: &ApplicationForm, cv: &[u8]) -> String {
    #[derive(Serialize)]
    struct Sent<'a> {
        day: chrono::NaiveDate,
        destination: String,
        form: &'a ApplicationForm,
        cv: String,
    }
    let sent = Sent {
        day: chrono::Utc::now().date_naive(),
        destination: destination.describe(),
        form,
        cv: crate::auth::token::digest_bytes(cv),
    };
    let text = serde_json::to_string(&sent).unwrap_or_default();
    format!("page-{}", crate::auth::token::digest(&text))
}
