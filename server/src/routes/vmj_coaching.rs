//! Ambassador coaching sessions: the team schedules them and records attendance
//! (`/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions…`, `CurrentAdmin`);
//! recruiters place their entity's ambassadors in them
//! (`/api/v1/recruiter/vis-mon-job/{slug}/…`, `CurrentRecruiter`, own entity only).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use shared::vismonjob::coaching::{
    Attendance, CoachingChoice, CoachingSession, CoachingSessionForm,
};
use shared::{AmbassadorId, CoachingSessionId, FieldError, Problem};

use crate::auth::{CurrentAdmin, CurrentRecruiter};
use crate::db::vismonjob::{coaching, editions};
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::state::AppState;
use crate::vismonjob::coaching_mail;

/// The edition's sessions and who attends them.
#[utoipa::path(get, path = "/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions", operation_id = "list_coaching_sessions", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Sessions de préparation", body = Vec<CoachingSession>),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_sessions(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Json<Vec<CoachingSession>>> {
    let row = editions::find(&state.db, &slug).await?;
    Ok(Json(coaching::list(&state.db, row.id, None).await?))
}

/// Schedule a one-hour coaching session before the day.
#[utoipa::path(post, path = "/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions", operation_id = "create_coaching_session", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = CoachingSessionForm,
    responses(
        (status = 201, description = "Session programmée ; les sessions de l'édition", body = Vec<CoachingSession>),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_session(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
    AppJson(form): AppJson<CoachingSessionForm>,
) -> ApiResult<(StatusCode, Json<Vec<CoachingSession>>)> {
    let row = editions::find(&state.db, &slug).await?;
    let errors = form.errors(row.starts_at);
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    coaching::create(&state.db, row.id, &form).await?;
    let sessions = coaching::list(&state.db, row.id, None).await?;
    Ok((StatusCode::CREATED, Json(sessions)))
}

/// Cancel a session nobody is placed in.
#[utoipa::path(delete, path = "/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions/{id}", operation_id = "delete_coaching_session", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition"), ("id" = i64, Path, description = "Identifiant de la session")),
    responses(
        (status = 204, description = "Session annulée"),
        (status = 404, description = "Session inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Des ambassadeurs y sont inscrits", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_session(
    State(state): State<AppState>,
    _: CurrentAdmin,
    AppPath((slug, id)): AppPath<(String, CoachingSessionId)>,
) -> ApiResult<StatusCode> {
    let row = editions::find(&state.db, &slug).await?;
    coaching::delete(&state.db, row.id, id)
        .await
        .map_err(|e| match e {
            DbError::Conflict => Problem::conflict(
                "Des ambassadeurs sont inscrits à cette session : leurs recruteurs doivent d'abord les placer ailleurs.",
            )
            .into(),
            other => AppError::from(other),
        })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Record who attended: they count as coached, the session's others do not.
#[utoipa::path(put, path = "/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions/{id}/attendance", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition"), ("id" = i64, Path, description = "Identifiant de la session")),
    request_body = Attendance,
    responses(
        (status = 200, description = "Présences enregistrées ; les sessions de l'édition", body = Vec<CoachingSession>),
        (status = 400, description = "Un ambassadeur nommé n'est pas inscrit à la session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Session inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn record_attendance(
    State(state): State<AppState>,
    _: CurrentAdmin,
    AppPath((slug, id)): AppPath<(String, CoachingSessionId)>,
    AppJson(mut attendance): AppJson<Attendance>,
) -> ApiResult<Json<Vec<CoachingSession>>> {
    let row = editions::find(&state.db, &slug).await?;
    attendance.present.sort_unstable();
    attendance.present.dedup();
    coaching::record_attendance(&state.db, row.id, id, &attendance.present)
        .await
        .map_err(|e| match e {
            DbError::Conflict => AppError::invalid(vec![FieldError::new(
                "present",
                "Cochez seulement des ambassadeurs inscrits à cette session.",
            )]),
            other => AppError::from(other),
        })?;
    Ok(Json(coaching::list(&state.db, row.id, None).await?))
}

/// The edition's sessions, with the recruiter's own ambassadors in each.
#[utoipa::path(get, path = "/api/v1/recruiter/vis-mon-job/{slug}/coaching-sessions", tag = "espace recruteur", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Sessions de préparation", body = Vec<CoachingSession>),
        (status = 403, description = "Pas recruteur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn entity_sessions(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    Path(slug): Path<String>,
) -> ApiResult<Json<Vec<CoachingSession>>> {
    let row = editions::find(&state.db, &slug).await?;
    Ok(Json(
        coaching::list(&state.db, row.id, Some(recruiter.entity)).await?,
    ))
}

/// Place one of the entity's ambassadors in a session (`null`: in none); the ambassador
/// gets the session's time and link by e-mail.
#[utoipa::path(put, path = "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors/{id}/coaching", tag = "espace recruteur", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition"), ("id" = i64, Path, description = "Identifiant de l'ambassadeur")),
    request_body = CoachingChoice,
    responses(
        (status = 200, description = "Placement enregistré ; les sessions de l'édition", body = Vec<CoachingSession>),
        (status = 403, description = "Pas recruteur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas un ambassadeur de l'entité, ou session inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Session complète", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn choose_session(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath((slug, id)): AppPath<(String, AmbassadorId)>,
    AppJson(choice): AppJson<CoachingChoice>,
) -> ApiResult<Json<Vec<CoachingSession>>> {
    let row = editions::find(&state.db, &slug).await?;
    let mail = coaching_mail(&row.title);
    coaching::place(
        &state.db,
        row.id,
        recruiter.entity,
        id,
        choice.session,
        mail,
    )
    .await
    .map_err(|e| match e {
        DbError::Conflict => {
            Problem::conflict("Cette session est complète : choisissez-en une autre.").into()
        }
        other => AppError::from(other),
    })?;
    Ok(Json(
        coaching::list(&state.db, row.id, Some(recruiter.entity)).await?,
    ))
}
