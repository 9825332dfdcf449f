//! `/api/v1/admin/webhooks`: the receivers to which an API key's holder gets the offers'
//! changes pushed (`crate::webhooks`). Admins only; the signing secret is shown once, at
//! creation.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::webhook::{CreatedWebhook, Webhook, WebhookDelivery, WebhookForm};
use shared::{Problem, WebhookId};

use crate::auth::CurrentAdmin;
use crate::db::{offer_changes, webhooks};
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::state::AppState;

/// How many of a receiver's latest messages are listed.
const DELIVERIES_SHOWN: i64 = 100;

/// Every receiver, the newest first.
#[utoipa::path(get, path = "/api/v1/admin/webhooks", tag = "administration", security(("session" = [])),
    responses(
        (status = 200, description = "Récepteurs", body = Vec<Webhook>),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_webhooks(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> ApiResult<Json<Vec<Webhook>>> {
    Ok(Json(webhooks::list(&state.db).await?))
}

/// Register a receiver for an active key: it hears of the changes made from now on, signed
/// with the secret in the answer (never shown again).
#[utoipa::path(post, path = "/api/v1/admin/webhooks", tag = "administration", security(("session" = [])),
    request_body = WebhookForm,
    responses(
        (status = 201, description = "Récepteur enregistré", body = CreatedWebhook),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Clé inconnue ou révoquée", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_webhook(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppJson(form): AppJson<WebhookForm>,
) -> ApiResult<(StatusCode, Json<CreatedWebhook>)> {
    let url = form.url.trim();
    let mut errors = form.errors();
    if errors.is_empty() {
        errors.extend(crate::webhooks::url_error(
            url,
            state.config.webhooks_allow_loopback,
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let mut events = form.events.clone();
    events.sort();
    events.dedup();
    let secret =
        crate::webhooks::new_secret().map_err(|e| AppError::internal("random source failed", e))?;
    // An offer published after `at` is new to the receiver; every change up to `from`
    // (read after `at`) was made before it existed.
    let at = chrono::Utc::now().naive_utc();
    let from = offer_changes::clock(&state.db).await?.latest;
    let webhook = webhooks::create(
        &state.db,
        admin.id,
        form.api_key_id,
        url,
        &events,
        &secret,
        from,
        at,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedWebhook { webhook, secret }),
    ))
}

/// Delete a receiver: nothing more is sent to it.
#[utoipa::path(delete, path = "/api/v1/admin/webhooks/{id}", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant du récepteur")),
    responses(
        (status = 204, description = "Récepteur supprimé"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Récepteur inconnu", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_webhook(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppPath(id): AppPath<WebhookId>,
) -> ApiResult<StatusCode> {
    webhooks::delete(&state.db, admin.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Switch deliveries back on after repeated failures stopped them: they resume where they
/// stopped.
#[utoipa::path(post, path = "/api/v1/admin/webhooks/{id}/reactivation", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant du récepteur")),
    responses(
        (status = 200, description = "Récepteur réactivé", body = Webhook),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Récepteur inconnu", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reactivate_webhook(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppPath(id): AppPath<WebhookId>,
) -> ApiResult<Json<Webhook>> {
    let clock = offer_changes::clock(&state.db).await?;
    Ok(Json(
        webhooks::reactivate(&state.db, admin.id, id, clock).await?,
    ))
}

/// A receiver's latest messages (100), the newest first, with how each delivery went.
#[utoipa::path(get, path = "/api/v1/admin/webhooks/{id}/deliveries", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant du récepteur")),
    responses(
        (status = 200, description = "Messages", body = Vec<WebhookDelivery>),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Récepteur inconnu", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_deliveries(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
    AppPath(id): AppPath<WebhookId>,
) -> ApiResult<Json<Vec<WebhookDelivery>>> {
    Ok(Json(
        webhooks::deliveries(&state.db, id, DELIVERIES_SHOWN).await?,
    ))
}
