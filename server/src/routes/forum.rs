//! `/api/v1/forum/…`: the programme (public), a candidate's registration to the edition and
//! to sessions (with a waiting list), job-dating bookings, and `/api/v1/me/forum` — the
//! candidate's agenda and its calendar file.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use shared::forum::{
    Agenda, ForumEdition, ForumSession, Participant, Registration, SessionDetail, SessionFilters,
    SessionKind,
};
use shared::search::OfferPage;
use shared::{ForumSessionId, ForumSlotId, Problem, UserId};

use crate::auth::{CurrentCandidate, MaybeUser};
use crate::db::forum::editions::{self, EditionRow};
use crate::db::forum::sessions::SessionRecord;
use crate::db::forum::{registrations, slots};
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::forum::{self, agenda, ics, promotion_mail, sees_link};
use crate::json::{AppJson, AppPath, AppQuery};
use crate::paris_time::paris_now;
use crate::state::AppState;

/// A published edition (others are not found).
async fn public_edition(state: &AppState, slug: &str) -> ApiResult<EditionRow> {
    let row = editions::find(&state.db, slug).await?;
    if row.published {
        Ok(row)
    } else {
        Err(AppError::not_found(
            "Aucune édition du forum ne porte cet identifiant.",
        ))
    }
}

/// A session of a published edition, and its edition.
pub async fn public_session(
    state: &AppState,
    id: ForumSessionId,
) -> ApiResult<(SessionRecord, EditionRow)> {
    Ok(forum::public_session(&state.db, id).await?)
}

pub fn registrations_closed() -> AppError {
    Problem::conflict("Les inscriptions au forum sont closes.").into()
}

/// A candidate may act on the edition: registrations open, and (but for the edition's own
/// registration) registered to it.
async fn may_register(state: &AppState, edition: &EditionRow, user: UserId) -> ApiResult<()> {
    if paris_now() >= edition.registration_closes_at {
        return Err(registrations_closed());
    }
    if !registrations::is_participant(&state.db, edition.id, user).await? {
        return Err(
            Problem::conflict("Inscrivez-vous d'abord au forum, puis aux sessions.").into(),
        );
    }
    Ok(())
}

/// The forum's editions, latest first.
#[utoipa::path(get, path = "/api/v1/forum/editions", operation_id = "list_forum_editions", tag = "forum", security(()),
    responses((status = 200, description = "Éditions publiées", body = Vec<ForumEdition>)))]
pub async fn list_editions(State(state): State<AppState>) -> ApiResult<Json<Vec<ForumEdition>>> {
    Ok(Json(editions::list(&state.db, false).await?))
}

/// One edition: dates, registration deadline, counts.
#[utoipa::path(get, path = "/api/v1/forum/editions/{slug}", operation_id = "show_forum_edition", tag = "forum", security(()),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "L'édition", body = ForumEdition),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_edition(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<ForumEdition>> {
    let row = public_edition(&state, &slug).await?;
    Ok(Json(editions::edition(&state.db, &row).await?))
}

/// The programme: sessions of an edition (by default the next one, else the latest), filtered
/// by kind, day, entity and métier. Online links are not listed.
#[utoipa::path(get, path = "/api/v1/forum/sessions", operation_id = "list_forum_sessions", tag = "forum", security(()),
    params(SessionFilters),
    responses(
        (status = 200, description = "Sessions, par heure de début", body = Vec<ForumSession>),
        (status = 400, description = "Filtre invalide", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_sessions(
    State(state): State<AppState>,
    AppQuery(filters): AppQuery<SessionFilters>,
) -> ApiResult<Json<Vec<ForumSession>>> {
    Ok(Json(forum::programme(&state.db, &filters).await?))
}

/// One session; the online link and the caller's place when registered, the slots of a
/// job dating.
#[utoipa::path(get, path = "/api/v1/forum/sessions/{id}", tag = "forum", security(()),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    responses(
        (status = 200, description = "La session", body = SessionDetail),
        (status = 404, description = "Session inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_session(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    AppPath(id): AppPath<ForumSessionId>,
) -> ApiResult<Json<SessionDetail>> {
    let (record, _) = public_session(&state, id).await?;
    let viewer = user.map(|u| u.id);
    let mine = match viewer {
        Some(u) => registrations::place_in(&state.db, record.id, u).await?,
        None => None,
    };
    let slots = slots::of_sessions(&state.db, &[record.id], viewer)
        .await?
        .remove(&record.id)
        .unwrap_or_default();
    let has_slot = slots.iter().any(|s| s.mine);
    let status = mine.map(|m| m.0);
    Ok(Json(SessionDetail {
        online_url: sees_link(status, has_slot).then(|| record.online_url.clone()),
        my_status: status,
        waiting_position: mine.and_then(|m| m.1),
        session: record.session,
        slots,
    }))
}

/// The open offers of the session's entity (and its sub-entities).
#[utoipa::path(get, path = "/api/v1/forum/sessions/{id}/offers", tag = "forum", security(()),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    responses(
        (status = 200, description = "Offres ouvertes de l'entité (aucune sans entité)", body = OfferPage),
        (status = 404, description = "Session inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn session_offers(
    State(state): State<AppState>,
    AppPath(id): AppPath<ForumSessionId>,
) -> ApiResult<Json<OfferPage>> {
    let (record, _) = public_session(&state, id).await?;
    Ok(Json(
        forum::entity_offers(&state.db, &record.session).await?,
    ))
}

/// Register for the edition (the names recruiters see on job-dating bookings); again to
/// change them.
#[utoipa::path(put, path = "/api/v1/forum/editions/{slug}/registration", tag = "forum", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = Participant,
    responses(
        (status = 200, description = "Inscrit au forum ; l'agenda", body = Agenda),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas candidat", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Inscriptions closes", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn join_edition(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    Path(slug): Path<String>,
    AppJson(form): AppJson<Participant>,
) -> ApiResult<Json<Agenda>> {
    let row = public_edition(&state, &slug).await?;
    let errors = form.errors();
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    if paris_now() >= row.registration_closes_at {
        return Err(registrations_closed());
    }
    registrations::join_edition(
        &state.db,
        row.id,
        user.id,
        &form.first_name,
        &form.last_name,
    )
    .await?;
    Ok(Json(agenda(&state.db, user.id).await?))
}

/// Register for a session: a seat when one is left, else the waiting list (a freed seat
/// goes to the first waiting, who is told by e-mail).
#[utoipa::path(post, path = "/api/v1/forum/sessions/{id}/registration", tag = "forum", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    responses(
        (status = 201, description = "Place confirmée ou en liste d'attente", body = Registration),
        (status = 403, description = "Pas candidat", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Session inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Déjà inscrit, inscriptions closes, pas inscrit au forum, ou job dating (réserver un créneau)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn register(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppPath(id): AppPath<ForumSessionId>,
) -> ApiResult<(StatusCode, Json<Registration>)> {
    let (record, edition) = public_session(&state, id).await?;
    may_register(&state, &edition, user.id).await?;
    let registration = register_to(&state, &record, user.id).await?;
    Ok((StatusCode::CREATED, Json(registration)))
}

/// Registers a participant of the session's edition (registrations open) to the session:
/// a seat, or a place in the waiting list. Also the plain form's (`routes::forum_form`).
pub async fn register_to(
    state: &AppState,
    record: &SessionRecord,
    user: UserId,
) -> ApiResult<Registration> {
    if record.session.kind == SessionKind::JobDating {
        return Err(Problem::conflict("Pour un job dating, réservez un créneau.").into());
    }
    registrations::register(&state.db, record.id, user)
        .await
        .map_err(|e| match e {
            DbError::Conflict => {
                Problem::conflict("Vous êtes déjà inscrit à cette session.").into()
            }
            other => AppError::from(other),
        })
}

/// Cancel a session registration (until the session starts); a freed seat goes to the
/// first waiting.
#[utoipa::path(delete, path = "/api/v1/forum/sessions/{id}/registration", tag = "forum", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    responses(
        (status = 204, description = "Inscription annulée"),
        (status = 403, description = "Pas candidat", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas inscrit à cette session", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "La session a commencé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cancel_registration(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppPath(id): AppPath<ForumSessionId>,
) -> ApiResult<StatusCode> {
    let (record, _) = public_session(&state, id).await?;
    if paris_now() >= record.session.starts_at {
        return Err(Problem::conflict("La session a commencé : elle ne s'annule plus.").into());
    }
    let promoted = promotion_mail(&state.config.public_url, &record.session);
    registrations::cancel(&state.db, record.id, user.id, promoted).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Book a job-dating slot: one per candidate and recruiter's session, one candidate per slot.
#[utoipa::path(post, path = "/api/v1/forum/slots/{id}/booking", tag = "forum", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant du créneau")),
    responses(
        (status = 201, description = "Créneau réservé ; l'agenda", body = Agenda),
        (status = 403, description = "Pas candidat", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Créneau inconnu", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Créneau pris, déjà un créneau avec ce recruteur, inscriptions closes ou pas inscrit au forum", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn book_slot(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppPath(slot): AppPath<ForumSlotId>,
) -> ApiResult<(StatusCode, Json<Agenda>)> {
    let (session, _, _) = slots::find(&state.db, slot).await?;
    let (_, edition) = forum::public_session(&state.db, session).await?;
    may_register(&state, &edition, user.id).await?;
    if slots::has_booking(&state.db, session, user.id).await? {
        return Err(Problem::conflict(
            "Vous avez déjà un créneau avec ce recruteur : annulez-le pour en choisir un autre.",
        )
        .into());
    }
    slots::book(&state.db, slot, session, user.id)
        .await
        .map_err(|e| match e {
            DbError::Conflict => {
                Problem::conflict("Ce créneau vient d'être réservé : choisissez-en un autre.")
                    .into()
            }
            other => AppError::from(other),
        })?;
    Ok((StatusCode::CREATED, Json(agenda(&state.db, user.id).await?)))
}

/// Cancel a booked slot (until it starts), which becomes free again.
#[utoipa::path(delete, path = "/api/v1/forum/slots/{id}/booking", tag = "forum", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant du créneau")),
    responses(
        (status = 204, description = "Réservation annulée"),
        (status = 403, description = "Pas candidat", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas votre créneau", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Le créneau a commencé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cancel_booking(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppPath(slot): AppPath<ForumSlotId>,
) -> ApiResult<StatusCode> {
    let (_, starts_at, _) = slots::find(&state.db, slot).await?;
    if paris_now() >= starts_at {
        return Err(Problem::conflict("Le créneau a commencé : il ne s'annule plus.").into());
    }
    slots::cancel(&state.db, slot, user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Open the session's online link (confirmed participants): counts the attendance of the
/// signed-in participant, only when they open it themselves — not a link followed from
/// another site, nor a browser's prefetch (a GET must not change state on someone's behalf).
#[utoipa::path(get, path = "/api/v1/forum/sessions/{id}/join", tag = "forum", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la session")),
    responses(
        (status = 303, description = "Redirection vers le lien de la session"),
        (status = 403, description = "Pas inscrit (ou en liste d'attente)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Session inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn join_session(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppPath(id): AppPath<ForumSessionId>,
    headers: axum::http::HeaderMap,
) -> ApiResult<Redirect> {
    let (record, _) = public_session(&state, id).await?;
    let status = registrations::place_in(&state.db, record.id, user.id)
        .await?
        .map(|(status, _)| status);
    let has_slot = slots::has_booking(&state.db, record.id, user.id).await?;
    if !sees_link(status, has_slot) {
        return Err(Problem::forbidden()
            .with_detail("Le lien est réservé aux inscrits confirmés.")
            .into());
    }
    let prefetch = headers.contains_key("sec-purpose") || headers.contains_key("purpose");
    if !prefetch && !crate::auth::extract::is_cross_site(&headers) {
        registrations::mark_joined(&state.db, record.id, user.id).await?;
    }
    Ok(Redirect::to(&record.online_url))
}

/// The candidate's forum agenda: editions, sessions (confirmed or waiting), booked slots,
/// overlaps flagged.
#[utoipa::path(get, path = "/api/v1/me/forum", tag = "forum", security(("session" = [])),
    responses(
        (status = 200, description = "L'agenda", body = Agenda),
        (status = 403, description = "Pas candidat", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_agenda(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
) -> ApiResult<Json<Agenda>> {
    Ok(Json(agenda(&state.db, user.id).await?))
}

/// The agenda as an iCalendar file (confirmed sessions and booked slots).
#[utoipa::path(get, path = "/api/v1/me/forum/agenda.ics", tag = "forum", security(("session" = [])),
    responses(
        (status = 200, description = "Fichier agenda", content_type = "text/calendar"),
        (status = 403, description = "Pas candidat", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn agenda_calendar(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
) -> ApiResult<Response> {
    let body = ics(&state.config.public_url, &agenda(&state.db, user.id).await?);
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"forum-agenda.ics\"",
            ),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response())
}
