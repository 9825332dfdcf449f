//! `/api/v1/me/alerts` (a candidate's saved searches) and `/feeds/alertes/{token}` (each
//! one's private Atom feed). The feed URL's secret is stored hashed: it is given once, when
//! the alert is made or its link renewed.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::alert::{AlertForm, JobAlert};
use shared::{AlertId, Problem};

use crate::alerts;
use crate::auth::CurrentCandidate;
use crate::db::alerts::{self as stored, AlertRow};
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::routes::auth::internal;
use crate::state::AppState;

/// The feed's URL for the secret `token`.
fn feed_url(public_url: &str, token: &str) -> String {
    format!("{public_url}/feeds/alertes/{token}")
}

/// The alert, with its feed URL when its secret was just made (`token`).
fn alert(public_url: &str, row: AlertRow, token: Option<&str>) -> JobAlert {
    JobAlert {
        feed_url: token.map(|token| feed_url(public_url, token)),
        id: row.id,
        name: row.name,
        query: row.query,
        created_at: row.created_at,
        checked_at: row.checked_at,
    }
}

/// The candidate's alerts.
#[utoipa::path(get, path = "/api/v1/me/alerts", tag = "comptes", security(("session" = [])),
    responses(
        (status = 200, description = "Mes alertes", body = Vec<JobAlert>),
        (status = 403, description = "Pas un compte candidat", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_alerts(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
) -> ApiResult<Json<Vec<JobAlert>>> {
    let rows = stored::list(&state.db, user.id).await?;
    let url = &state.config.public_url;
    Ok(Json(
        rows.into_iter().map(|r| alert(url, r, None)).collect(),
    ))
}

/// Save a search as an alert: a daily e-mail of its new offers, and a private feed.
#[utoipa::path(post, path = "/api/v1/me/alerts", tag = "comptes", security(("session" = [])),
    request_body = AlertForm,
    responses(
        (status = 201, description = "Alerte créée", body = JobAlert),
        (status = 400, description = "Nom manquant ou recherche invalide (paramètre nommé)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas un compte candidat", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "20 alertes au plus", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_alert(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppJson(form): AppJson<AlertForm>,
) -> ApiResult<(StatusCode, Json<JobAlert>)> {
    let errors = form.errors();
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let query = alerts::normalise(&form.query).map_err(AppError::invalid)?;
    let token = crate::auth::token::generate().map_err(internal)?;
    let id = stored::create(&state.db, user.id, &form.name, &query, &token)
        .await
        .map_err(|err| match err {
            DbError::Conflict => AppError::from(Problem::conflict(
                "Vous avez déjà 20 alertes : supprimez-en une d'abord.",
            )),
            other => other.into(),
        })?;
    let made = with_feed_url(&state, user.id, id, &token).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// One of the candidate's alerts, given the feed URL of `token`.
async fn with_feed_url(
    state: &AppState,
    user: shared::UserId,
    id: AlertId,
    token: &str,
) -> ApiResult<JobAlert> {
    let row = stored::list(&state.db, user)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(DbError::NotFound)?;
    Ok(alert(&state.config.public_url, row, Some(token)))
}

/// A new feed URL for one of the candidate's alerts, shown this once; the former stops working.
#[utoipa::path(post, path = "/api/v1/me/alerts/{id}/feed-link", tag = "comptes", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'alerte")),
    responses(
        (status = 200, description = "L'alerte, avec sa nouvelle adresse de flux", body = JobAlert),
        (status = 404, description = "Pas une alerte du compte", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn renew_feed_link(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppPath(id): AppPath<AlertId>,
) -> ApiResult<Json<JobAlert>> {
    let token = crate::auth::token::generate().map_err(internal)?;
    stored::renew_token(&state.db, user.id, id, &token).await?;
    Ok(Json(with_feed_url(&state, user.id, id, &token).await?))
}

/// Delete one of the candidate's alerts.
#[utoipa::path(delete, path = "/api/v1/me/alerts/{id}", tag = "comptes", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'alerte")),
    responses(
        (status = 204, description = "Alerte supprimée"),
        (status = 404, description = "Pas une alerte du compte", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_alert(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppPath(id): AppPath<AlertId>,
) -> ApiResult<StatusCode> {
    stored::delete(&state.db, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The alert's Atom feed; its unguessable URL is the only key.
pub async fn feed(State(state): State<AppState>, Path(token): Path<String>) -> ApiResult<Response> {
    let row = stored::by_token(&state.db, &token).await?;
    let offers = alerts::newest(&state.db, &row.query)
        .await
        .map_err(internal)?;
    let url = &state.config.public_url;
    let body = alerts::atom(url, &feed_url(url, &token), &row, &offers);
    Ok((
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=600"),
        ],
        body,
    )
        .into_response())
}
