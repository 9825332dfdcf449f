//! `/api/v1/recruiter/forum/…`: a recruiter's forum sessions (their entity's only), the
//! job-dating slots they publish, who booked them, the attendee list as CSV.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use shared::forum::{RecruiterSession, SessionKind, SlotsForm};
use shared::{ForumSessionId, ForumSlotId, Problem};

use crate::auth::CurrentRecruiter;
use crate::csv_export::{attachment, french_csv};
use crate::db::forum::sessions::{self, Scope, SessionRecord};
use crate::db::forum::slots;
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::state::AppState;

/// The session, if it is the recruiter's entity's (else not found: no hint that it exists).
async fn own_session(
    state: &AppState,
    recruiter: &CurrentRecruiter,
    id: ForumSessionId,
) -> ApiResult<SessionRecord> {
    let record = sessions::find(&state.db, id).await?;
    if record.entity_id == Some(recruiter.entity) {
        Ok(record)
    } else {
        Err(AppError::not_found(
            "Aucune session de votre entité ne porte cet identifiant.",
        ))
    }
}

async fn with_bookings(
    state: &AppState,
    records: Vec<SessionRecord>,
) -> ApiResult<Vec<RecruiterSession>> {
    let ids: Vec<ForumSessionId> = records.iter().map(|r| r.id).collect();
    let mut bookings = slots::bookings(&state.db, &ids).await?;
    Ok(records
        .into_iter()
        .map(|r| RecruiterSession {
            slots: bookings.remove(&r.id).unwrap_or_default(),
            session: r.session,
        })
        .collect())
}

/// The entity's forum sessions, with their slots and who booked them.
#[utoipa::path(get, path = "/api/v1/recruiter/forum/sessions", operation_id = "recruiter_list_forum_sessions", tag = "espace recruteur", security(("session" = [])),
    responses(
        (status = 200, description = "Sessions de l'entité", body = Vec<RecruiterSession>),
        (status = 403, description = "Pas recruteur", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_sessions(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
) -> ApiResult<Json<Vec<RecruiterSession>>> {
    let records = sessions::list(&state.db, Scope::Entity(recruiter.entity)).await?;
    Ok(Json(with_bookings(&state, records).await?))
}

/// Publish job-dating slots: a time range of the session cut into 10 to 30 minutes.
#[utoipa::path(post, path = "/api/v1/recruiter/forum/sessions/{id}/slots", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    request_body = SlotsForm,
    responses(
        (status = 201, description = "Créneaux publiés ; la session", body = RecruiterSession),
        (status = 400, description = "Plage ou durée invalide", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas une session de l'entité", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Pas un job dating", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_slots(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<ForumSessionId>,
    AppJson(form): AppJson<SlotsForm>,
) -> ApiResult<(StatusCode, Json<RecruiterSession>)> {
    let record = own_session(&state, &recruiter, id).await?;
    if record.session.kind != SessionKind::JobDating {
        return Err(
            Problem::conflict("Les créneaux sont réservés aux sessions de job dating.").into(),
        );
    }
    let cut = form
        .slots(record.session.starts_at, record.session.ends_at)
        .map_err(AppError::invalid)?;
    slots::add(&state.db, record.id, &cut).await?;
    let mut list = with_bookings(&state, vec![record]).await?;
    let session = list.pop().ok_or(DbError::NotFound)?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// Remove a slot nobody booked.
#[utoipa::path(delete, path = "/api/v1/recruiter/forum/sessions/{id}/slots/{slot}", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la session"), ("slot" = i64, Path, description = "Identifiant du créneau")),
    responses(
        (status = 204, description = "Créneau retiré"),
        (status = 404, description = "Pas un créneau de l'entité", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Créneau réservé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove_slot(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath((id, slot)): AppPath<(ForumSessionId, ForumSlotId)>,
) -> ApiResult<StatusCode> {
    let record = own_session(&state, &recruiter, id).await?;
    slots::remove(&state.db, record.id, slot)
        .await
        .map_err(|e| match e {
            DbError::Conflict => {
                Problem::conflict("Ce créneau est réservé : il ne peut plus être retiré.").into()
            }
            other => AppError::from(other),
        })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The session's booked slots as CSV (semicolons, UTF-8 with BOM).
#[utoipa::path(get, path = "/api/v1/recruiter/forum/sessions/{id}/attendees.csv", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    responses(
        (status = 200, description = "Liste des inscrits", content_type = "text/csv"),
        (status = 404, description = "Pas une session de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_attendees(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<ForumSessionId>,
) -> ApiResult<impl IntoResponse> {
    let record = own_session(&state, &recruiter, id).await?;
    let title = record.session.title.clone();
    let list = with_bookings(&state, vec![record]).await?;
    let rows = list.iter().flat_map(|s| &s.slots).filter_map(|b| {
        let c = b.candidate.as_ref()?;
        Some(vec![
            title.clone(),
            b.slot.starts_at.format("%d/%m/%Y %H:%M").to_string(),
            b.slot.ends_at.format("%H:%M").to_string(),
            c.first_name.clone(),
            c.last_name.clone(),
            c.email.clone(),
        ])
    });
    let csv = french_csv(
        &["session", "début", "fin", "prénom", "nom", "adresse"],
        rows,
    )?;
    Ok(attachment("forum-inscrits.csv", csv))
}
