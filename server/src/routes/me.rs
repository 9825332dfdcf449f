//! `GET /api/v1/me`: the signed-in account.

use axum::extract::State;
use axum::Json;
use shared::account::Me;
use shared::Problem;

use crate::auth::CurrentUser;
use crate::db::users;
use crate::error::ApiResult;
use crate::state::AppState;

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "comptes", security(("session" = [])),
    responses(
        (status = 200, description = "Le compte", body = Me),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn me(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Me>> {
    Ok(Json(users::me(&state.db, user.id).await?))
}
