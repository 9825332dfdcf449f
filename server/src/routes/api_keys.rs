//! `/api/v1/admin/api-keys`: the keys that give a third party a higher quota on the public
//! API. Admins only; the secret is shown once, at creation.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::api_key::{ApiKey, ApiKeyForm, CreatedApiKey};
use shared::{ApiKeyId, Problem};

use crate::api_quota::new_secret;
use crate::auth::token;
use crate::auth::CurrentAdmin;
use crate::db::api_keys;
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::state::AppState;

/// Every key, the newest first (revoked ones included).
#[utoipa::path(get, path = "/api/v1/admin/api-keys", tag = "administration", security(("session" = [])),
    responses(
        (status = 200, description = "Clés", body = Vec<ApiKey>),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_keys(
    State(state): State<AppState>,
    _admin: CurrentAdmin,
) -> ApiResult<Json<Vec<ApiKey>>> {
    Ok(Json(api_keys::list(&state.db).await?))
}

/// Create a key for a third party; the answer holds its secret, never shown again.
#[utoipa::path(post, path = "/api/v1/admin/api-keys", tag = "administration", security(("session" = [])),
    request_body = ApiKeyForm,
    responses(
        (status = 201, description = "Clé créée", body = CreatedApiKey),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_key(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppJson(form): AppJson<ApiKeyForm>,
) -> ApiResult<(StatusCode, Json<CreatedApiKey>)> {
    let form = form.validate().map_err(AppError::invalid)?;
    let secret = new_secret().map_err(|e| AppError::internal("random source failed", e))?;
    let prefix: String = secret.chars().take(10).collect();
    let key =
        api_keys::create(&state.db, admin.id, &form, &token::digest(&secret), &prefix).await?;
    Ok((StatusCode::CREATED, Json(CreatedApiKey { key, secret })))
}

/// Revoke a key: requests carrying it are refused (within a minute on every server).
#[utoipa::path(delete, path = "/api/v1/admin/api-keys/{id}", tag = "administration", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la clé")),
    responses(
        (status = 204, description = "Clé révoquée"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas administrateur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Clé inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke_key(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppPath(id): AppPath<ApiKeyId>,
) -> ApiResult<StatusCode> {
    api_keys::revoke(&state.db, admin.id, id).await?;
    state.rate_limits.api.forget_keys();
    Ok(StatusCode::NO_CONTENT)
}
