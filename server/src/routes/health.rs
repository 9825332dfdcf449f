//! Probes for orchestrators: `/healthz` (process up) and `/readyz` (database reachable and
//! search index built).

use axum::extract::State;
use axum::http::StatusCode;

use crate::error::ApiResult;
use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> ApiResult<(StatusCode, &'static str)> {
    state.db.ping().await?;
    // Waits a little for the index (joining the build under way, or starting it).
    let built = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        state.db.search.core(&state.db),
    )
    .await;
    match built {
        Ok(result) => {
            result?;
            Ok((StatusCode::OK, "ready"))
        }
        Err(_) => Ok((StatusCode::SERVICE_UNAVAILABLE, "building the search index")),
    }
}
