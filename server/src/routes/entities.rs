//! `GET /api/v1/entities` and `GET /api/v1/entities/{slug}`: public.

use axum::extract::{Path, State};
use axum::Json;
use shared::entity::{EntityDetail, EntitySummary};
use shared::Problem;

use crate::db::entities;
use crate::error::ApiResult;
use crate::state::AppState;

/// Every entity, each followed by its sub-entities (depth first).
#[utoipa::path(
    get,
    path = "/api/v1/entities",
    tag = "employeurs",
    security(()),
    responses((status = 200, description = "Les entités", body = Vec<EntitySummary>))
)]
pub async fn list_entities(State(state): State<AppState>) -> ApiResult<Json<Vec<EntitySummary>>> {
    Ok(Json(entities::list_entities(&state.db).await?))
}

/// The showcase of an entity: blocks, testimonials, ancestors, sub-entities, open offers.
#[utoipa::path(
    get,
    path = "/api/v1/entities/{slug}",
    tag = "employeurs",
    security(()),
    params(("slug" = String, Path, description = "Slug de l'entité, ex. `dinum`")),
    responses(
        (status = 200, description = "La vitrine", body = EntityDetail),
        (status = 404, description = "Entité inconnue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_entity(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<EntityDetail>> {
    Ok(Json(entities::find_entity(&state.db, &slug).await?))
}
