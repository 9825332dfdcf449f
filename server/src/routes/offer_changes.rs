//! `GET /api/v1/offers/changes`: what changed in the public offers since a cursor — offers
//! published or edited (whole), and tombstones for those that left the public list, with the
//! reason and the time. A re-user asks once without `since` for the cursor, loads the exports,
//! then asks `since` that cursor as often as it likes. The log's order and why nothing is
//! skipped: `db::offer_changes`.

use axum::extract::State;
use axum::Json;
use shared::api::catalogue::ChangesSince;
use shared::offer_changes::{parse_cursor, OfferChanges, MAX_CHANGES};
use shared::{FieldError, Problem};

use crate::db::offer_changes;
use crate::error::{ApiResult, AppError};
use crate::json::AppQuery;
use crate::state::AppState;

/// The public offers' changes since a cursor, in order: each changed offer once, with its
/// current state (`upsert`) or why it left the public list (`removed`). Changes are kept 90
/// days: an older cursor answers 410, and the client loads everything again.
#[utoipa::path(get, path = "/api/v1/offers/changes", tag = "offres", security(()),
    params(ChangesSince),
    responses(
        (status = 200, description = "Les changements depuis le curseur", body = OfferChanges),
        (status = 400, description = "Curseur ou taille de page invalide", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Curseur plus ancien que les changements conservés : tout recharger", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offer_changes(
    State(state): State<AppState>,
    AppQuery(query): AppQuery<ChangesSince>,
) -> ApiResult<Json<OfferChanges>> {
    let limit = query.limit.unwrap_or(MAX_CHANGES);
    if !(1..=MAX_CHANGES).contains(&limit) {
        return Err(invalid("limit", "La taille de page va de 1 à 500."));
    }
    let clock = offer_changes::clock(&state.db).await?;
    let Some(since) = query.since else {
        return Ok(Json(OfferChanges {
            changes: Vec::new(),
            next_cursor: clock.latest.to_string(),
            has_more: false,
        }));
    };
    let cursor = parse_cursor(&since)
        .filter(|cursor| *cursor <= clock.latest)
        .ok_or_else(|| {
            invalid(
                "since",
                "Curseur inconnu : reprenez le `next_cursor` d'une réponse.",
            )
        })?;
    if cursor < clock.purged_through {
        return Err(Problem::cursor_expired().into());
    }
    let mut logged = offer_changes::latest_after(&state.db, cursor, limit + 1).await?;
    let has_more = logged.len() as i64 > limit;
    logged.truncate(limit as usize);
    let next_cursor = logged.last().map_or(cursor, |l| l.seq).to_string();
    Ok(Json(OfferChanges {
        changes: crate::offer_changes::describe(&state.db, &logged).await?,
        next_cursor,
        has_more,
    }))
}

fn invalid(field: &str, message: &str) -> AppError {
    AppError::invalid(vec![FieldError::new(field, message)])
}
