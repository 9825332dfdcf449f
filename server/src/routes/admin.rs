//! `/api/v1/admin/…`: the DINUM talent team. Every handler takes `CurrentAdmin`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::admin::{InvitedRecruiter, RecruiterInvitation};
use shared::Problem;

use crate::auth::CurrentAdmin;
use crate::db::audit::{self, AuditEntry};
use crate::db::entities::EntityTree;
use crate::db::outbox::{self, OutboxMessage};
use crate::error::{ApiResult, AppError};
use crate::json::AppJson;
use crate::routes::recruiter::invite_recruiter;
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
    let name = crate::db::entities::entity_name(&state.db, entity).await?;
    let id = invite_recruiter(&state, admin.id, entity, &name, &body.email).await?;
    Ok((
        StatusCode::CREATED,
        Json(InvitedRecruiter {
            id,
            email: shared::account::normalize_email(&body.email),
            entity_slug: body.entity_slug,
        }),
    ))
}

/// The e-mail outbox, most recent first (lets the flows be tried without SMTP).
#[utoipa::path(get, path = "/api/v1/admin/outbox", tag = "administration", security(("session" = [])),
    responses((status = 200, description = "Messages", body = Vec<OutboxMessage>)))]
pub async fn list_outbox(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> ApiResult<Json<Vec<OutboxMessage>>> {
    Ok(Json(outbox::list(&state.db, 200).await?))
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
