//! Probes for orchestrators: `/healthz` (process up) and `/readyz` (database reachable).

use axum::extract::State;
use axum::http::StatusCode;

use crate::error::ApiResult;
use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> ApiResult<(StatusCode, &'static str)> {
    state.db.ping().await?;
    Ok((StatusCode::OK, "ready"))
}
