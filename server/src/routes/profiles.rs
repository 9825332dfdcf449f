//! `/api/v1/me/profile` (the candidate's profile) and `/api/v1/recruiter/profiles` (the
//! visible profiles an entity's recruiters may contact).

use axum::extract::State;
use axum::Json;
use shared::api::recruiter::TalentFilter;
use shared::profile::{CandidateProfile, TalentProfile};
use shared::Problem;

use crate::auth::{CurrentCandidate, CurrentRecruiter};
use crate::db::profiles;
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppQuery};
use crate::state::AppState;

/// The candidate's profile (empty before the first save).
#[utoipa::path(get, path = "/api/v1/me/profile", tag = "comptes", security(("session" = [])),
    responses(
        (status = 200, description = "Mon profil", body = CandidateProfile),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas un compte candidat", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_profile(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
) -> ApiResult<Json<CandidateProfile>> {
    Ok(Json(
        profiles::load(&state.db, user.id)
            .await?
            .unwrap_or_default(),
    ))
}

/// Save the candidate's profile.
#[utoipa::path(put, path = "/api/v1/me/profile", tag = "comptes", security(("session" = [])),
    request_body = CandidateProfile,
    responses(
        (status = 200, description = "Profil enregistré", body = CandidateProfile),
        (status = 400, description = "Champs invalides, ou métier, région ou entité inconnus", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas un compte candidat", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_profile(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    AppJson(profile): AppJson<CandidateProfile>,
) -> ApiResult<Json<CandidateProfile>> {
    let errors = profile.errors();
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    profiles::save(&state.db, user.id, &profile)
        .await?
        .map_err(AppError::invalid)?;
    Ok(Json(
        profiles::load(&state.db, user.id)
            .await?
            .unwrap_or_default(),
    ))
}

/// Candidates who made their profile visible, except to entities they hide it from.
#[utoipa::path(get, path = "/api/v1/recruiter/profiles", tag = "espace recruteur", security(("session" = [])),
    params(TalentFilter),
    responses(
        (status = 200, description = "Profils visibles par l'entité", body = Vec<TalentProfile>),
        (status = 403, description = "Pas un compte recruteur", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_talents(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppQuery(filter): AppQuery<TalentFilter>,
) -> ApiResult<Json<Vec<TalentProfile>>> {
    let metier = filter.metier.as_deref().filter(|m| !m.is_empty());
    let region = filter.region.as_deref().filter(|r| !r.is_empty());
    Ok(Json(
        profiles::visible_to(&state.db, recruiter.entity, metier, region).await?,
    ))
}
