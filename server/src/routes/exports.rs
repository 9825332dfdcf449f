//! `/api/v1/exports/offers.csv` and `/api/v1/exports/offers.jsonl`: every published offer, for
//! open-data users and job boards, at stable URLs. The columns are [`OfferExport`]'s, in
//! its order (documented in the OpenAPI schema).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use shared::export::OfferExport;

use crate::db::offers::list_public_offers;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

/// The rows, by reference (the order is stable from one download to the next).
async fn rows(state: &AppState) -> ApiResult<Vec<OfferExport>> {
    let mut rows: Vec<OfferExport> = list_public_offers(&state.db)
        .await?
        .iter()
        .map(|o| OfferExport::new(&o.summary, &state.config.public_url))
        .collect();
    rows.sort_by_key(|r| r.reference);
    Ok(rows)
}

fn failed(error: impl std::fmt::Display) -> AppError {
    AppError::internal("offers export failed", error)
}

fn download(content_type: &'static str, filename: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, filename),
            (header::CACHE_CONTROL, "public, max-age=600"),
        ],
        body,
    )
        .into_response()
}

/// Every published offer as CSV (RFC 4180: commas, UTF-8, a header line).
#[utoipa::path(get, path = "/api/v1/exports/offers.csv", tag = "offres", security(()),
    responses((status = 200, description = "Les offres publiées, une par ligne ; colonnes : celles du schéma OfferExport", content_type = "text/csv", body = OfferExport)))]
pub async fn offers_csv(State(state): State<AppState>) -> ApiResult<Response> {
    let body = crate::csv_export::serialized_csv(&rows(&state).await?)?;
    Ok(download(
        "text/csv; charset=utf-8",
        "attachment; filename=\"offres.csv\"",
        body,
    ))
}

/// Every published offer as JSON Lines (one `OfferExport` object per line).
#[utoipa::path(get, path = "/api/v1/exports/offers.jsonl", tag = "offres", security(()),
    responses((status = 200, description = "Les offres publiées, un objet OfferExport par ligne", content_type = "application/jsonl", body = OfferExport)))]
pub async fn offers_jsonl(State(state): State<AppState>) -> ApiResult<Response> {
    let mut body = Vec::new();
    for row in rows(&state).await? {
        serde_json::to_writer(&mut body, &row).map_err(failed)?;
        body.push(b'\n');
    }
    Ok(download(
        "application/jsonl; charset=utf-8",
        "attachment; filename=\"offres.jsonl\"",
        body,
    ))
}
