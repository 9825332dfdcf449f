//! `/api/v1/admin/…`: the DINUM talent team. Every handler takes `CurrentAdmin`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use shared::admin::{
    AccessRequest, AccessStatus, Decline, InvitedRecruiter, RecruiterAccount, RecruiterInvitation,
};
use shared::entity::{EntityForm, EntitySummary};
use shared::stats::PlatformFigures;
use shared::{AccessRequestId, FieldError, Problem, UserId};

use crate::accounts::{invite_recruiter, Invitation};
use crate::auth::CurrentAdmin;
use crate::db::audit::{self, AuditEntry};
use crate::db::entities::{self, EntityTree};
use crate::db::outbox::{self, OutboxMessage};
use crate::db::users::{self, RecruiterScope};
use crate::db::{access_requests, entity_admin, stats, DbError};
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::mail;
use crate::state::AppState;

/// Invite a recruiter for any entity; they receive a link to choose their password.
#[utoipa::path(post, path = "/api/v1/admin/recruiters", tag = "administration", security(("session" = [])),
    request_body = RecruiterInvitation,
    responses(
        (status = 201, description = "Invitation envoyée", body = InvitedRecruiter),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Adresse déjà utilisée", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn invite(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppJson(body): AppJson<RecruiterInvitation>,
) -> ApiResult<(StatusCode, Json<InvitedRecruiter>)> {
    let tree = EntityTree::load(&state.db).await?;
    let entity = tree.find_slug(&body.entity_slug).ok_or_else(|| {
        AppError::invalid(vec![shared::FieldError::new(
            "entity_slug",
            "Entité inconnue.",
        )])
    })?;
    let id = invite_recruiter(
        &state.db,
        &state.config.public_url,
        Invitation {
            actor: admin.id,
            entity,
            email: &body.email,
            answers_request: None,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(InvitedRecruiter {
            id,
            email: shared::account::normalize_email(&body.email),
            entity_slug: body.entity_slug,
        }),
    ))
}

/// The e-mail outbox, most recent first, its links' secrets masked: reading it must not let
/// an admin into someone else's account (delivered messages are kept 30 days).
#[utoipa::path(get, path = "/api/v1/admin/outbox", tag = "administration", security(("session" = [])),
    responses((status = 200, description = "Messages, secrets des liens masqués", body = Vec<OutboxMessage>)))]
pub async fn list_outbox(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> ApiResult<Json<Vec<OutboxMessage>>> {
    let mut messages = outbox::list(&state.db, 200).await?;
    if !state.config.outbox_shows_links {
        for message in &mut messages {
            message.body = crate::auth::token::mask_secrets(&message.body);
        }
    }
    Ok(Json(messages))
}

/// The audit log of recruiter and admin changes, most recent first.
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "administration", security(("session" = [])),
    responses((status = 200, description = "Entrées", body = Vec<AuditEntry>)))]
pub async fn list_audit(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    Ok(Json(audit::list(&state.db, 500).await?))
}

/// Every recruiter account, with its entity and state.
#[utoipa::path(get, path = "/api/v1/admin/recruiters", tag = "administration", security(("session" = [])),
    responses((status = 200, description = "Comptes recruteurs", body = Vec<RecruiterAccount>)))]
pub async fn list_recruiters(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> ApiResult<Json<Vec<RecruiterAccount>>> {
    Ok(Json(users::list_recruiters(&state.db).await?))
}

async fn set_disabled(
    state: &AppState,
    admin: UserId,
    target: UserId,
    disabled: bool,
) -> ApiResult<StatusCode> {
    users::set_disabled(&state.db, admin, target, RecruiterScope::Any, disabled).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Disable a recruiter account: it can no longer sign in and its sessions are closed.
#[utoipa::path(post, path = "/api/v1/admin/recruiters/{id}/disable", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant du compte")),
    responses(
        (status = 204, description = "Compte désactivé"),
        (status = 404, description = "Pas un compte recruteur", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn disable_recruiter(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppPath(id): AppPath<UserId>,
) -> ApiResult<StatusCode> {
    set_disabled(&state, admin.id, id, true).await
}

/// Enable a disabled recruiter account again.
#[utoipa::path(post, path = "/api/v1/admin/recruiters/{id}/enable", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant du compte")),
    responses(
        (status = 204, description = "Compte réactivé"),
        (status = 404, description = "Pas un compte recruteur", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn enable_recruiter(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppPath(id): AppPath<UserId>,
) -> ApiResult<StatusCode> {
    set_disabled(&state, admin.id, id, false).await
}

/// Access requests: pending ones first, then the last decided.
#[utoipa::path(get, path = "/api/v1/admin/access-requests", tag = "administration", security(("session" = [])),
    responses((status = 200, description = "Demandes d'accès", body = Vec<AccessRequest>)))]
pub async fn list_access_requests(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> ApiResult<Json<Vec<AccessRequest>>> {
    Ok(Json(access_requests::list(&state.db, 200).await?))
}

async fn pending_request(state: &AppState, id: AccessRequestId) -> ApiResult<AccessRequest> {
    let request = access_requests::find(&state.db, id).await?;
    if request.status != AccessStatus::Pending {
        return Err(Problem::conflict("Cette demande a déjà été traitée.").into());
    }
    Ok(request)
}

/// Approve an access request: the requester is invited to the entity.
#[utoipa::path(post, path = "/api/v1/admin/access-requests/{id}/approve", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la demande")),
    responses(
        (status = 200, description = "Invitation envoyée", body = InvitedRecruiter),
        (status = 404, description = "Demande inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Demande déjà traitée, ou adresse déjà utilisée", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn approve_access_request(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppPath(id): AppPath<AccessRequestId>,
) -> ApiResult<Json<InvitedRecruiter>> {
    let request = pending_request(&state, id).await?;
    let entity = EntityTree::load(&state.db)
        .await?
        .find_slug(&request.entity_slug)
        .ok_or(DbError::NotFound)?;
    let id = invite_recruiter(
        &state.db,
        &state.config.public_url,
        Invitation {
            actor: admin.id,
            entity,
            email: &request.email,
            answers_request: Some(request.id),
        },
    )
    .await?;
    Ok(Json(InvitedRecruiter {
        id,
        email: request.email,
        entity_slug: request.entity_slug,
    }))
}

/// Decline an access request; the requester receives the reason by e-mail.
#[utoipa::path(post, path = "/api/v1/admin/access-requests/{id}/decline", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la demande")),
    request_body = Decline,
    responses(
        (status = 204, description = "Demande refusée, demandeur prévenu"),
        (status = 400, description = "Motif manquant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Demande inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Demande déjà traitée", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn decline_access_request(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppPath(id): AppPath<AccessRequestId>,
    AppJson(body): AppJson<Decline>,
) -> ApiResult<StatusCode> {
    let request = pending_request(&state, id).await?;
    let reason = body.reason.trim();
    if reason.chars().count() < 10 {
        return Err(AppError::invalid(vec![FieldError::new(
            "reason",
            "Expliquez le refus en une phrase au moins (10 caractères).",
        )]));
    }
    let mail = mail::access_declined(&request.email, &request.entity_name, reason);
    access_requests::decline(&state.db, admin.id, &request, mail)
        .await
        .map_err(|e| match e {
            DbError::Conflict => {
                AppError::from(Problem::conflict("Cette demande a déjà été traitée."))
            }
            other => other.into(),
        })?;
    Ok(StatusCode::NO_CONTENT)
}

async fn entity_summary(state: &AppState, slug: &str) -> ApiResult<EntitySummary> {
    Ok(entities::find_entity(&state.db, slug).await?.summary)
}

/// Create an entity in the hierarchy (its recruiters then write its showcase).
#[utoipa::path(post, path = "/api/v1/admin/entities", tag = "administration", security(("session" = [])),
    request_body = EntityForm,
    responses(
        (status = 201, description = "Entité créée", body = EntitySummary),
        (status = 400, description = "Champs invalides (identifiant pris, rattachement impossible…)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_entity(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppJson(form): AppJson<EntityForm>,
) -> ApiResult<(StatusCode, Json<EntitySummary>)> {
    entity_admin::create(&state.db, admin.id, &form).await?;
    Ok((
        StatusCode::CREATED,
        Json(entity_summary(&state, &form.slug).await?),
    ))
}

async fn entity_id(state: &AppState, slug: &str) -> ApiResult<shared::EntityId> {
    Ok(EntityTree::load(&state.db)
        .await?
        .find_slug(slug)
        .ok_or(DbError::NotFound)?)
}

/// Rename, re-attach or re-classify an entity.
#[utoipa::path(put, path = "/api/v1/admin/entities/{slug}", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant d'URL de l'entité")),
    request_body = EntityForm,
    responses(
        (status = 200, description = "Entité modifiée", body = EntitySummary),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Entité inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_entity(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    Path(slug): Path<String>,
    AppJson(form): AppJson<EntityForm>,
) -> ApiResult<Json<EntitySummary>> {
    let id = entity_id(&state, &slug).await?;
    entity_admin::update(&state.db, admin.id, id, &form).await?;
    Ok(Json(entity_summary(&state, &form.slug).await?))
}

/// Delete an entity that has no sub-entities, offers nor accounts.
#[utoipa::path(delete, path = "/api/v1/admin/entities/{slug}", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant d'URL de l'entité")),
    responses(
        (status = 204, description = "Entité supprimée"),
        (status = 404, description = "Entité inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "L'entité a des sous-entités, des offres ou des comptes", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_entity(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    let id = entity_id(&state, &slug).await?;
    entity_admin::delete(&state.db, admin.id, id, &slug)
        .await
        .map_err(|e| match e {
            DbError::Conflict => AppError::from(Problem::conflict(
                "Cette entité a des sous-entités, des offres ou des comptes : elle ne peut pas être supprimée.",
            )),
            other => other.into(),
        })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The platform at a glance: entities, open offers, accounts, weekly sign-ups and
/// publications, daily offer views.
#[utoipa::path(get, path = "/api/v1/admin/stats", tag = "administration", security(("session" = [])),
    responses((status = 200, description = "Chiffres clés", body = PlatformFigures)))]
pub async fn platform_stats(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> ApiResult<Json<PlatformFigures>> {
    Ok(Json(stats::platform_figures(&state.db).await?))
}
