//! `/api/v1/recruiter/…`: a recruiter's own entity — its offers and its team. Every handler
//! takes `CurrentRecruiter`, whose entity is the only one it can read or change; another
//! entity's offer answers 404 (its existence is not disclosed).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::account::normalize_email;
use shared::admin::{ColleagueInvitation, TeamMember};
use shared::offer::{Offer, OfferDraft, OfferStatus};
use shared::stats::{EntityFigures, OfferFigures};
use shared::{OfferId, Problem, UserId};

use crate::accounts::{invite_recruiter, Invitation};
use crate::auth::CurrentRecruiter;
use crate::db::offer_edits::{self, EditError};
use crate::db::offers::{self, Scope};
use crate::db::stats;
use crate::db::users::{self, RecruiterScope};
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::state::AppState;

impl From<EditError> for AppError {
    fn from(err: EditError) -> Self {
        match err {
            EditError::Invalid(errors) => AppError::invalid(errors),
            EditError::Db(db) => db.into(),
        }
    }
}

async fn own_offer(
    state: &AppState,
    recruiter: &CurrentRecruiter,
    id: OfferId,
) -> ApiResult<Offer> {
    Ok(offers::find_offer(&state.db, Scope::Entity(recruiter.entity), id).await?)
}

/// Every offer of the recruiter's entity, drafts included.
#[utoipa::path(get, path = "/api/v1/recruiter/offers", operation_id = "recruiter_list_offers", tag = "espace recruteur", security(("session" = [])),
    responses(
        (status = 200, description = "Les offres de l'entité", body = Vec<Offer>),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas un compte recruteur", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_offers(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
) -> ApiResult<Json<Vec<Offer>>> {
    Ok(Json(
        offers::list_entity_offers(&state.db, recruiter.entity).await?,
    ))
}

/// Save a new draft offer.
#[utoipa::path(post, path = "/api/v1/recruiter/offers", tag = "espace recruteur", security(("session" = [])),
    request_body = OfferDraft,
    responses(
        (status = 201, description = "Brouillon enregistré", body = Offer),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_offer(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppJson(draft): AppJson<OfferDraft>,
) -> ApiResult<(StatusCode, Json<Offer>)> {
    let id =
        offer_edits::create_offer(&state.db, recruiter.user.id, recruiter.entity, &draft).await?;
    Ok((
        StatusCode::CREATED,
        Json(own_offer(&state, &recruiter, id).await?),
    ))
}

/// One offer of the entity, whatever its status.
#[utoipa::path(get, path = "/api/v1/recruiter/offers/{id}", operation_id = "recruiter_show_offer", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'offre")),
    responses(
        (status = 200, description = "L'offre", body = Offer),
        (status = 404, description = "Pas une offre de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_offer(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<OfferId>,
) -> ApiResult<Json<Offer>> {
    Ok(Json(own_offer(&state, &recruiter, id).await?))
}

/// Replace an offer's content (a published offer must stay complete).
#[utoipa::path(put, path = "/api/v1/recruiter/offers/{id}", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'offre")),
    request_body = OfferDraft,
    responses(
        (status = 200, description = "Offre modifiée", body = Offer),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas une offre de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_offer(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<OfferId>,
    AppJson(draft): AppJson<OfferDraft>,
) -> ApiResult<Json<Offer>> {
    let current = own_offer(&state, &recruiter, id).await?;
    let published = current.status == OfferStatus::Published;
    let id = current.summary.id;
    offer_edits::update_offer(
        &state.db,
        recruiter.user.id,
        recruiter.entity,
        id,
        &draft,
        published,
    )
    .await?;
    Ok(Json(own_offer(&state, &recruiter, id).await?))
}

async fn change_status(
    state: &AppState,
    recruiter: &CurrentRecruiter,
    id: OfferId,
    status: OfferStatus,
) -> ApiResult<Json<Offer>> {
    let offer = own_offer(state, recruiter, id).await?;
    if status == OfferStatus::Published {
        let errors = OfferDraft::from(&offer).publication_errors(chrono::Utc::now().naive_utc());
        if !errors.is_empty() {
            return Err(AppError::invalid(errors));
        }
    }
    offer_edits::set_status(
        &state.db,
        recruiter.user.id,
        recruiter.entity,
        offer.summary.id,
        status,
    )
    .await?;
    Ok(Json(own_offer(state, recruiter, offer.summary.id).await?))
}

/// Publish an offer; refused with field errors while required fields are missing.
#[utoipa::path(post, path = "/api/v1/recruiter/offers/{id}/publish", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'offre")),
    responses(
        (status = 200, description = "Offre publiée", body = Offer),
        (status = 400, description = "Champs manquants pour publier", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas une offre de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn publish_offer(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<OfferId>,
) -> ApiResult<Json<Offer>> {
    change_status(&state, &recruiter, id, OfferStatus::Published).await
}

/// Mark an offer as filled (it leaves the public listings).
#[utoipa::path(post, path = "/api/v1/recruiter/offers/{id}/fill", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'offre")),
    responses(
        (status = 200, description = "Offre pourvue", body = Offer),
        (status = 404, description = "Pas une offre de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn fill_offer(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<OfferId>,
) -> ApiResult<Json<Offer>> {
    change_status(&state, &recruiter, id, OfferStatus::Filled).await
}

/// Archive an offer (it leaves the public listings).
#[utoipa::path(post, path = "/api/v1/recruiter/offers/{id}/archive", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'offre")),
    responses(
        (status = 200, description = "Offre archivée", body = Offer),
        (status = 404, description = "Pas une offre de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn archive_offer(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<OfferId>,
) -> ApiResult<Json<Offer>> {
    change_status(&state, &recruiter, id, OfferStatus::Archived).await
}

/// The recruiters of the entity.
#[utoipa::path(get, path = "/api/v1/recruiter/team", tag = "espace recruteur", security(("session" = [])),
    responses((status = 200, description = "L'équipe", body = Vec<TeamMember>)))]
pub async fn list_team(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
) -> ApiResult<Json<Vec<TeamMember>>> {
    let members = users::list_entity_users(&state.db, recruiter.entity).await?;
    Ok(Json(
        members
            .into_iter()
            .map(|(id, email, active)| TeamMember { id, email, active })
            .collect(),
    ))
}

/// Invite a colleague to the entity's team.
#[utoipa::path(post, path = "/api/v1/recruiter/team", tag = "espace recruteur", security(("session" = [])),
    request_body = ColleagueInvitation,
    responses(
        (status = 201, description = "Invitation envoyée", body = TeamMember),
        (status = 400, description = "Adresse invalide", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Adresse déjà utilisée", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn invite_colleague(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppJson(body): AppJson<ColleagueInvitation>,
) -> ApiResult<(StatusCode, Json<TeamMember>)> {
    let id = invite_recruiter(
        &state.db,
        &state.config.public_url,
        Invitation {
            actor: recruiter.user.id,
            entity: recruiter.entity,
            email: &body.email,
            answers_request: None,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(TeamMember {
            id,
            email: normalize_email(&body.email),
            active: false,
        }),
    ))
}

/// Revoke a colleague: their account is disabled and their sessions closed (never oneself).
#[utoipa::path(delete, path = "/api/v1/recruiter/team/{id}", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant du compte")),
    responses(
        (status = 204, description = "Accès retiré"),
        (status = 404, description = "Pas un collègue de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke_colleague(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(target): AppPath<UserId>,
) -> ApiResult<StatusCode> {
    let scope = RecruiterScope::Colleague {
        entity: recruiter.entity,
        actor: recruiter.user.id,
    };
    users::set_disabled(&state.db, recruiter.user.id, target, scope, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Views of the entity's offers over the last 30 days, and offers by status.
#[utoipa::path(get, path = "/api/v1/recruiter/stats", tag = "espace recruteur", security(("session" = [])),
    responses((status = 200, description = "Statistiques de l'entité", body = EntityFigures)))]
pub async fn entity_stats(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
) -> ApiResult<Json<EntityFigures>> {
    Ok(Json(
        stats::entity_figures(&state.db, recruiter.entity).await?,
    ))
}

/// Daily views of one of the entity's offers over the last 30 days.
#[utoipa::path(get, path = "/api/v1/recruiter/offers/{id}/stats", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'offre")),
    responses(
        (status = 200, description = "Statistiques de l'offre", body = OfferFigures),
        (status = 404, description = "Pas une offre de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offer_stats(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath(id): AppPath<OfferId>,
) -> ApiResult<Json<OfferFigures>> {
    Ok(Json(
        stats::offer_figures(&state.db, recruiter.entity, id).await?,
    ))
}

/// The showcase of the recruiter's entity, as the public sees it.
#[utoipa::path(get, path = "/api/v1/recruiter/showcase", tag = "espace recruteur", security(("session" = [])),
    responses((status = 200, description = "La vitrine", body = shared::entity::EntityDetail)))]
pub async fn show_showcase(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
) -> ApiResult<Json<shared::entity::EntityDetail>> {
    Ok(Json(
        crate::db::entities::find_entity_by_id(&state.db, recruiter.entity).await?,
    ))
}

/// Replace the showcase blocks (Markdown) and testimonials of the recruiter's entity.
#[utoipa::path(put, path = "/api/v1/recruiter/showcase", tag = "espace recruteur", security(("session" = [])),
    request_body = shared::entity::ShowcaseUpdate,
    responses(
        (status = 200, description = "Vitrine enregistrée", body = shared::entity::EntityDetail),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_showcase(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppJson(update): AppJson<shared::entity::ShowcaseUpdate>,
) -> ApiResult<Json<shared::entity::EntityDetail>> {
    let errors = update.errors();
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    crate::db::entities::update_showcase(&state.db, recruiter.user.id, recruiter.entity, &update)
        .await?;
    Ok(Json(
        crate::db::entities::find_entity_by_id(&state.db, recruiter.entity).await?,
    ))
}
