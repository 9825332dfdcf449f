//! `GET /api/v1/geo/regions`: public reference data.

use axum::extract::State;
use axum::Json;
use shared::geo::Region;

use crate::db::geo;
use crate::error::ApiResult;
use crate::state::AppState;

/// Regions with their départements.
#[utoipa::path(
    get,
    path = "/api/v1/geo/regions",
    tag = "géographie",
    security(()),
    responses((status = 200, description = "Les régions", body = Vec<Region>))
)]
pub async fn list_regions(State(state): State<AppState>) -> ApiResult<Json<Vec<Region>>> {
    Ok(Json(geo::list_regions(&state.db).await?))
}
