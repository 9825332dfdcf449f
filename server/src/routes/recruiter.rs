//! `/api/v1/recruiter/…`: a recruiter's own entity — its offers and its team. Every handler
//! takes `CurrentRecruiter`, whose entity is the only one it can read or change; another
//! entity's offer answers 404 (its existence is not disclosed).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use shared::account::{email_error, normalize_email, Role};
use shared::offer::{Offer, OfferDraft, OfferStatus};
use shared::{OfferId, Problem, UserId};

use crate::auth::token::Purpose;
use crate::auth::CurrentRecruiter;
use crate::db::offer_edits::{self, EditError};
use crate::db::offers::{self, Scope};
use crate::db::users::{self, Link, NewAccount};
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::json::AppJson;
use crate::mail;
use crate::routes::offers::parse_offer_id;
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
#[utoipa::path(get, path = "/api/v1/recruiter/offers", tag = "espace recruteur", security(("session" = [])),
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
#[utoipa::path(get, path = "/api/v1/recruiter/offers/{id}", tag = "espace recruteur", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de l'offre")),
    responses(
        (status = 200, description = "L'offre", body = Offer),
        (status = 404, description = "Pas une offre de l'entité", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_offer(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    Path(id): Path<String>,
) -> ApiResult<Json<Offer>> {
    Ok(Json(
        own_offer(&state, &recruiter, parse_offer_id(&id)?).await?,
    ))
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
    Path(id): Path<String>,
    AppJson(draft): AppJson<OfferDraft>,
) -> ApiResult<Json<Offer>> {
    let current = own_offer(&state, &recruiter, parse_offer_id(&id)?).await?;
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
    raw_id: &str,
    status: OfferStatus,
) -> ApiResult<Json<Offer>> {
    let offer = own_offer(state, recruiter, parse_offer_id(raw_id)?).await?;
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
    Path(id): Path<String>,
) -> ApiResult<Json<Offer>> {
    change_status(&state, &recruiter, &id, OfferStatus::Published).await
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
    Path(id): Path<String>,
) -> ApiResult<Json<Offer>> {
    change_status(&state, &recruiter, &id, OfferStatus::Filled).await
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
    Path(id): Path<String>,
) -> ApiResult<Json<Offer>> {
    change_status(&state, &recruiter, &id, OfferStatus::Archived).await
}

/// A colleague in the entity's team.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TeamMember {
    pub id: UserId,
    pub email: String,
    /// False while an invitation has not been accepted.
    pub active: bool,
}

/// An invitation by e-mail.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Invitation {
    pub email: String,
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

/// Invites a recruiter to `entity`: account, link, e-mail and audit entry in one transaction.
pub async fn invite_recruiter(
    state: &AppState,
    actor: UserId,
    entity: shared::EntityId,
    entity_name: &str,
    email: &str,
) -> ApiResult<UserId> {
    let email = normalize_email(email);
    if let Some(error) = email_error(&email) {
        return Err(AppError::invalid(vec![error]));
    }
    let link = Link::new(Purpose::Invitation)
        .map_err(|e| AppError::from(DbError::Corrupt(e.to_string())))?;
    let public_url = state.config.public_url.clone();
    let (to, name) = (email.clone(), entity_name.to_owned());
    users::create_account(
        &state.db,
        NewAccount {
            email,
            password_hash: None,
            role: Role::Recruiter,
            entity_id: Some(entity),
        },
        link,
        move |secret| mail::invitation(&public_url, &to, &name, secret),
        Some(actor),
    )
    .await
    .map_err(|e| match e {
        DbError::Conflict => AppError::from(Problem::conflict(
            "Un compte existe déjà avec cette adresse.",
        )),
        other => other.into(),
    })
}

/// Invite a colleague to the entity's team.
#[utoipa::path(post, path = "/api/v1/recruiter/team", tag = "espace recruteur", security(("session" = [])),
    request_body = Invitation,
    responses(
        (status = 201, description = "Invitation envoyée", body = TeamMember),
        (status = 400, description = "Adresse invalide", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Adresse déjà utilisée", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn invite_colleague(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppJson(body): AppJson<Invitation>,
) -> ApiResult<(StatusCode, Json<TeamMember>)> {
    let name = crate::db::entities::entity_name(&state.db, recruiter.entity).await?;
    let id = invite_recruiter(
        &state,
        recruiter.user.id,
        recruiter.entity,
        &name,
        &body.email,
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
