//! `/api/v1/recruiter/applications…`: the recruiter's pipeline. As everywhere in the
//! recruiter space the entity comes from `CurrentRecruiter` only; another entity's
//! application answers 404.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use shared::api::recruiter::ApplicationFilter;
use shared::application::{
    ApplicationDetail, ApplicationStatus, ApplicationSummary, NewNote, StatusChange,
};
use shared::{ApplicationId, FieldError, Problem};

use crate::auth::CurrentRecruiter;
use crate::csv_export::{attachment, french_csv};
use crate::db::applications::{self, Move};
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::mail;
use crate::state::AppState;

/// `?offer=<id>|spontaneous&status=<status>`.
fn parse_filter(raw: Option<&str>) -> ApiResult<ApplicationFilter> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|_| {
            AppError::invalid(vec![FieldError::new(
                "query",
                "Chaîne de requête mal formée.",
            )])
        })?;
    ApplicationFilter::from_pairs(pairs).map_err(AppError::invalid)
}

/// The entity's applications, newest first.
#[utoipa::path(get, path = "/api/v1/recruiter/applications", tag = "espace recruteur", security(("session" = [])),
    params(
        ("offer" = Option<String>, Query, description = "Identifiant d'offre, ou `spontaneous` pour les candidatures spontanées."),
        ("status" = Option<ApplicationStatus>, Query, description = "Statut."),
    ),
    responses(
        (status = 200, description = "Les candidatures", body = Vec<ApplicationSummary>),
        (status = 400, description = "Filtre invalide", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_applications(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Vec<ApplicationSummary>>> {
    let filter = parse_filter(raw.as_deref())?;
    Ok(Json(
        applications::list(&state.db, recruiter.entity, filter).await?,
    ))
}

/// The entity's applications as CSV (same filters), for spreadsheets.
#[utoipa::path(get, path = "/api/v1/recruiter/applications.csv", tag = "espace recruteur", security(("session" = [])),
    params(
        ("offer" = Option<String>, Query, description = "Identifiant d'offre, ou `spontaneous`."),
        ("status" = Option<ApplicationStatus>, Query, description = "Statut."),
    ),
    responses((status = 200, description = "Fichier CSV (séparateur point-virgule, UTF-8)", content_type = "text/csv")))]
pub async fn export_applications(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    RawQuery(raw): RawQuery,
) -> ApiResult<impl IntoResponse> {
    let filter = parse_filter(raw.as_deref())?;
    let list = applications::list(&state.db, recruiter.entity, filter).await?;
    let rows = list.iter().map(|a| {
        [
            a.id.to_string(),
            a.offer_title
                .clone()
                .unwrap_or_else(|| "Candidature spontanée".to_owned()),
            a.first_name.clone(),
            a.last_name.clone(),
            a.email.clone(),
            a.status.label().to_owned(),
            a.created_at.format("%Y-%m-%d %H:%M").to_string(),
            a.updated_at.format("%Y-%m-%d %H:%M").to_string(),
        ]
    });
    let header = [
        "id",
        "offre",
        "prénom",
        "nom",
        "adresse",
        "statut",
        "reçue le",
        "mise à jour le",
    ];
    Ok(attachment("candidatures.csv", french_csv(&header, rows)?))
}

/// One application with its history.
#[utoipa::path(get, path = "/api/v1/recruiter/applications/{id}", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la candidature")),
    responses(
        (status = 200, description = "La candidature", body = ApplicationDetail),
        (status = 404, description = "Pas une candidature de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_application(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<ApplicationId>,
) -> ApiResult<Json<ApplicationDetail>> {
    Ok(Json(
        applications::find(&state.db, recruiter.entity, id).await?,
    ))
}

/// Download the CV (PDF).
#[utoipa::path(get, path = "/api/v1/recruiter/applications/{id}/cv", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la candidature")),
    responses(
        (status = 200, description = "Le CV", content_type = "application/pdf"),
        (status = 404, description = "Pas une candidature de l'entité, ou CV supprimé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn download_cv(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<ApplicationId>,
) -> ApiResult<impl IntoResponse> {
    let key = applications::cv_key(&state.db, recruiter.entity, id)
        .await?
        .ok_or_else(|| {
            AppError::not_found(
                "Ce CV a été supprimé (durée de conservation dépassée ou compte effacé).",
            )
        })?;
    let pdf = state.cvs.get(&key).await.map_err(|error| {
        tracing::error!(%error, key, "reading a CV failed");
        AppError::not_found("Ce CV est introuvable dans le stockage.")
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"cv-candidature-{id}.pdf\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        pdf,
    ))
}

/// Move an application forward; a rejection's reason is sent to the candidate.
#[utoipa::path(post, path = "/api/v1/recruiter/applications/{id}/status", operation_id = "change_application_status", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la candidature")),
    request_body = StatusChange,
    responses(
        (status = 200, description = "Candidature mise à jour", body = ApplicationDetail),
        (status = 400, description = "Transition interdite ou motif manquant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas une candidature de l'entité", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Modifiée entre-temps par un collègue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_status(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<ApplicationId>,
    AppJson(change): AppJson<StatusChange>,
) -> ApiResult<Json<ApplicationDetail>> {
    let current = applications::find(&state.db, recruiter.entity, id).await?;
    let from = current.summary.status;
    let errors = change.errors(from);
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let entity_name = crate::db::entities::entity_name(&state.db, recruiter.entity).await?;
    let about = mail::application_subject(current.summary.offer_title.as_deref(), &entity_name);
    let (to, first_name) = (&current.summary.email, current.summary.first_name.trim());
    let mail = match change.status {
        ApplicationStatus::Rejected => Some(mail::application_rejected(
            to,
            first_name,
            &about,
            change.reason.trim(),
        )),
        // Only news of a step forward: reopening an accepted application sends nothing.
        ApplicationStatus::Interview | ApplicationStatus::Accepted if !from.is_closed() => Some(
            mail::application_progress(to, first_name, &about, change.status.label()),
        ),
        ApplicationStatus::Interview | ApplicationStatus::Accepted => None,
        ApplicationStatus::New | ApplicationStatus::InReview | ApplicationStatus::Withdrawn => None,
    };
    let moved = Move {
        actor: recruiter.user.id,
        entity: recruiter.entity,
        id,
        from,
        to: change.status,
        reason: &change.reason,
        mail,
    };
    applications::change_status(&state.db, moved).await?;
    Ok(Json(
        applications::find(&state.db, recruiter.entity, id).await?,
    ))
}

/// Add a private note (never shown to the candidate).
#[utoipa::path(post, path = "/api/v1/recruiter/applications/{id}/notes", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la candidature")),
    request_body = NewNote,
    responses(
        (status = 200, description = "Candidature avec la note", body = ApplicationDetail),
        (status = 400, description = "Note vide ou trop longue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas une candidature de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_note(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<ApplicationId>,
    AppJson(note): AppJson<NewNote>,
) -> ApiResult<Json<ApplicationDetail>> {
    let errors = note.errors();
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    applications::add_note(
        &state.db,
        recruiter.user.id,
        recruiter.entity,
        id,
        &note.body,
    )
    .await?;
    Ok(Json(
        applications::find(&state.db, recruiter.entity, id).await?,
    ))
}
