//! `GET /api/v1/metiers` and `GET /api/v1/metiers/{slug}`: public.

use axum::extract::{Path, State};
use axum::Json;
use shared::metier::{Metier, MetierFamily};
use shared::Problem;

use crate::db::metiers;
use crate::error::ApiResult;
use crate::state::AppState;

/// The families of métiers, each with its métiers and their open-offer counts.
#[utoipa::path(
    get,
    path = "/api/v1/metiers",
    tag = "métiers",
    security(()),
    responses((status = 200, description = "Le référentiel", body = Vec<MetierFamily>))
)]
pub async fn list_metiers(State(state): State<AppState>) -> ApiResult<Json<Vec<MetierFamily>>> {
    Ok(Json(metiers::list_families(&state.db).await?))
}

/// One métier with its description.
#[utoipa::path(
    get,
    path = "/api/v1/metiers/{slug}",
    tag = "métiers",
    security(()),
    params(("slug" = String, Path, description = "Slug du métier, ex. `data-scientist`")),
    responses(
        (status = 200, description = "Le métier", body = Metier),
        (status = 404, description = "Métier inconnu", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_metier(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Metier>> {
    Ok(Json(metiers::find_metier(&state.db, &slug).await?))
}
