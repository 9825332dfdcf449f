//! `/api/v1/admin/forum/…`: the talent team builds the forum — editions, sessions of the
//! four kinds — and reads its figures. Every handler takes `CurrentAdmin`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use shared::forum::{EditionFigures, ForumEdition, ForumEditionForm, ForumSession, SessionForm};
use shared::{ForumSessionId, Problem};

use crate::auth::CurrentAdmin;
use crate::db::forum::editions::{self, EditionRow};
use crate::db::forum::sessions::{self, Scope};
use crate::db::forum::{figures, registrations};
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::forum::promotion_mail;
use crate::json::{AppJson, AppPath};
use crate::state::AppState;

fn slug_taken(err: DbError) -> AppError {
    match err {
        DbError::Conflict => {
            Problem::conflict("Une autre édition porte déjà cet identifiant.").into()
        }
        other => other.into(),
    }
}

/// Every edition, unpublished ones included.
#[utoipa::path(get, path = "/api/v1/admin/forum/editions", operation_id = "admin_list_forum_editions", tag = "administration", security(("session" = [])),
    responses((status = 200, description = "Éditions", body = Vec<ForumEdition>)))]
pub async fn list_editions(
    State(state): State<AppState>,
    _: CurrentAdmin,
) -> ApiResult<Json<Vec<ForumEdition>>> {
    Ok(Json(editions::list(&state.db, true).await?))
}

/// Create an edition.
#[utoipa::path(post, path = "/api/v1/admin/forum/editions", operation_id = "create_forum_edition", tag = "administration", security(("session" = [])),
    request_body = ForumEditionForm,
    responses(
        (status = 201, description = "Édition créée", body = ForumEdition),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Identifiant déjà pris", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_edition(
    State(state): State<AppState>,
    _: CurrentAdmin,
    AppJson(form): AppJson<ForumEditionForm>,
) -> ApiResult<(StatusCode, Json<ForumEdition>)> {
    checked(form.errors())?;
    let id = editions::create(&state.db, &form)
        .await
        .map_err(slug_taken)?;
    let row = editions::find_by_id(&state.db, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(editions::edition(&state.db, &row).await?),
    ))
}

fn checked(errors: Vec<shared::FieldError>) -> ApiResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::invalid(errors))
    }
}

/// Change an edition (publish it, move its deadline…).
#[utoipa::path(put, path = "/api/v1/admin/forum/editions/{slug}", operation_id = "update_forum_edition", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = ForumEditionForm,
    responses(
        (status = 200, description = "Édition modifiée", body = ForumEdition),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Identifiant déjà pris", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_edition(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
    AppJson(form): AppJson<ForumEditionForm>,
) -> ApiResult<Json<ForumEdition>> {
    checked(form.errors())?;
    let row = editions::find(&state.db, &slug).await?;
    editions::update(&state.db, row.id, &form)
        .await
        .map_err(slug_taken)?;
    let row = editions::find_by_id(&state.db, row.id).await?;
    Ok(Json(editions::edition(&state.db, &row).await?))
}

/// The form's errors, the unknown entity or métier; else their ids.
async fn checked_session(
    state: &AppState,
    edition: &EditionRow,
    form: &SessionForm,
) -> ApiResult<sessions::References> {
    let mut errors = form.errors(edition.starts_at, edition.ends_at);
    match sessions::references(&state.db, form).await? {
        Ok(refs) if errors.is_empty() => Ok(refs),
        Ok(_) => Err(AppError::invalid(errors)),
        Err(unknown) => {
            errors.extend(unknown);
            Err(AppError::invalid(errors))
        }
    }
}

/// Every session of the edition.
#[utoipa::path(get, path = "/api/v1/admin/forum/editions/{slug}/sessions", operation_id = "admin_list_forum_sessions", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses((status = 200, description = "Sessions", body = Vec<ForumSession>)))]
pub async fn list_sessions(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Json<Vec<ForumSession>>> {
    let row = editions::find(&state.db, &slug).await?;
    let all = sessions::list(&state.db, Scope::Edition(row.id)).await?;
    Ok(Json(all.into_iter().map(|r| r.session).collect()))
}

/// Add a session (conference, recruiter presentation, job dating or workshop).
#[utoipa::path(post, path = "/api/v1/admin/forum/editions/{slug}/sessions", operation_id = "create_forum_session", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = SessionForm,
    responses(
        (status = 201, description = "Session ajoutée", body = ForumSession),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_session(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
    AppJson(form): AppJson<SessionForm>,
) -> ApiResult<(StatusCode, Json<ForumSession>)> {
    let row = editions::find(&state.db, &slug).await?;
    let refs = checked_session(&state, &row, &form).await?;
    let id = sessions::create(&state.db, row.id, &form, refs).await?;
    Ok((
        StatusCode::CREATED,
        Json(sessions::find(&state.db, id).await?.session),
    ))
}

/// Change a session; when its capacity grows, the first waiting get the new seats.
#[utoipa::path(put, path = "/api/v1/admin/forum/sessions/{id}", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    request_body = SessionForm,
    responses(
        (status = 200, description = "Session modifiée", body = ForumSession),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Session inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Capacité sous le nombre d'inscrits confirmés", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_session(
    State(state): State<AppState>,
    _: CurrentAdmin,
    AppPath(id): AppPath<ForumSessionId>,
    AppJson(form): AppJson<SessionForm>,
) -> ApiResult<Json<ForumSession>> {
    let record = sessions::find(&state.db, id).await?;
    let row = editions::find_by_id(&state.db, record.edition_id).await?;
    let refs = checked_session(&state, &row, &form).await?;
    sessions::update(&state.db, id, &form, refs)
        .await
        .map_err(|e| match e {
            DbError::Conflict => Problem::conflict(format!(
                "{} personnes sont déjà confirmées : la capacité ne peut pas descendre en dessous.",
                record.session.confirmed
            ))
            .into(),
            other => AppError::from(other),
        })?;
    // A larger capacity gives its new seats to those waiting.
    let session = sessions::find(&state.db, id).await?.session;
    let mail = promotion_mail(&state.config.public_url, &session);
    if registrations::promote_waiting(&state.db, id, mail).await? > 0 {
        return Ok(Json(sessions::find(&state.db, id).await?.session));
    }
    Ok(Json(session))
}

/// Remove a session (its registrations and slots go with it).
#[utoipa::path(delete, path = "/api/v1/admin/forum/sessions/{id}", operation_id = "delete_forum_session", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    responses(
        (status = 204, description = "Session supprimée"),
        (status = 404, description = "Session inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_session(
    State(state): State<AppState>,
    _: CurrentAdmin,
    AppPath(id): AppPath<ForumSessionId>,
) -> ApiResult<StatusCode> {
    sessions::delete(&state.db, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Registrations per session, fill rates, attendance (links opened), job-dating bookings.
#[utoipa::path(get, path = "/api/v1/admin/forum/editions/{slug}/figures", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Chiffres de l'édition", body = EditionFigures),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn figures(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Json<EditionFigures>> {
    let row = editions::find(&state.db, &slug).await?;
    let sessions = figures::of_edition(&state.db, row.id).await?;
    Ok(Json(EditionFigures {
        edition: editions::edition(&state.db, &row).await?,
        sessions,
    }))
}
