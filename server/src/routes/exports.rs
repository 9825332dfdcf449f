//! `/api/v1/exports/offers.csv` and `/api/v1/exports/offers.jsonl`: every published offer, for
//! open-data users and job boards, at stable URLs. The columns are [`OfferExport`]'s, in
//! its order (documented in the OpenAPI schema).
//!
//! Both are written as they are read: pages of offers by reference (keyset, so each page
//! costs the same at any depth), each page sent as soon as it is encoded — the server's
//! memory stays that of one page at any number of offers, on both databases. The
//! compression layer compresses the stream on the fly for clients that ask. `ETag` and
//! `Last-Modified` come from what the rows are made of (`offers::public_version`), read
//! before the body: a client whose copy is current gets a 304 without a single row read.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use shared::export::OfferExport;
use shared::OfferId;

use crate::db::offers::{public_offers_after, public_version};
use crate::error::ApiResult;
use crate::http_cache::Validators;
use crate::state::AppState;

/// The exports' Data Package (column types), as every export names it in its `Link` header.
const DESCRIBED_BY: &str = "</api/v1/exports/datapackage.json>; rel=\"describedby\"";

/// Offers read and sent at a time.
const PAGE: i64 = 500;

/// Turns a page of rows into bytes; `first` says it is the file's first page.
type Encode = fn(&[OfferExport], bool) -> anyhow::Result<Vec<u8>>;

/// Where the stream stands: the last reference sent, and whether a page went out.
struct Cursor {
    state: AppState,
    after: Option<OfferId>,
    first: bool,
    encode: Encode,
}

/// The next page's bytes, or the end. A failure once the answer has begun can only cut the
/// body short (the client sees an incomplete transfer): it is logged.
async fn next_page(mut cursor: Cursor) -> anyhow::Result<Option<(Bytes, Cursor)>> {
    let offers = public_offers_after(&cursor.state.db, cursor.after, PAGE).await?;
    let Some(last) = offers.last().map(|o| o.summary.id) else {
        return Ok(None);
    };
    let public_url = &cursor.state.config.public_url;
    let rows: Vec<OfferExport> = offers
        .iter()
        .map(|o| OfferExport::new(&o.summary, public_url))
        .collect();
    let bytes = (cursor.encode)(&rows, cursor.first)?;
    cursor.after = Some(last);
    cursor.first = false;
    Ok(Some((Bytes::from(bytes), cursor)))
}

/// The export as a streamed download, or a 304 when the client's copy is current.
async fn download(
    state: AppState,
    request: &HeaderMap,
    encode: Encode,
    content_type: &'static str,
    filename: &'static str,
) -> ApiResult<Response> {
    let version = public_version(&state.db).await?;
    let validators = Validators::of(&version, version.last_change());
    if validators.fresh(request) {
        return Ok((StatusCode::NOT_MODIFIED, validators.headers()).into_response());
    }
    let cursor = Cursor {
        state,
        after: None,
        first: true,
        encode,
    };
    let pages = futures_util::stream::try_unfold(cursor, |cursor| async move {
        next_page(cursor).await.map_err(|error| {
            tracing::error!(%error, "offers export cut short");
            std::io::Error::other(error.to_string())
        })
    });
    Ok((
        validators.headers(),
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, filename),
            (header::CACHE_CONTROL, "public, max-age=600"),
            (header::LINK, DESCRIBED_BY),
        ],
        Body::from_stream(pages),
    )
        .into_response())
}

fn csv_page(rows: &[OfferExport], first: bool) -> anyhow::Result<Vec<u8>> {
    crate::csv_export::serialized_csv_part(rows, first)
}

fn jsonl_page(rows: &[OfferExport], _first: bool) -> anyhow::Result<Vec<u8>> {
    let mut body = Vec::new();
    for row in rows {
        serde_json::to_writer(&mut body, row)?;
        body.push(b'\n');
    }
    Ok(body)
}

/// Every published offer as CSV (RFC 4180: commas, UTF-8, a header line).
#[utoipa::path(get, path = "/api/v1/exports/offers.csv", tag = "offres", security(()),
    responses(
        (status = 200, description = "Les offres publiées, une par ligne ; colonnes : celles du schéma OfferExport", content_type = "text/csv", body = OfferExport),
        (status = 304, description = "Inchangé depuis l'ETag (If-None-Match) ou la date (If-Modified-Since) envoyés"),
    ))]
pub async fn offers_csv(State(state): State<AppState>, request: HeaderMap) -> ApiResult<Response> {
    download(
        state,
        &request,
        csv_page,
        "text/csv; charset=utf-8",
        "attachment; filename=\"offres.csv\"",
    )
    .await
}

/// Every published offer as JSON Lines (one `OfferExport` object per line).
#[utoipa::path(get, path = "/api/v1/exports/offers.jsonl", tag = "offres", security(()),
    responses(
        (status = 200, description = "Les offres publiées, un objet OfferExport par ligne", content_type = "application/jsonl", body = OfferExport),
        (status = 304, description = "Inchangé depuis l'ETag (If-None-Match) ou la date (If-Modified-Since) envoyés"),
    ))]
pub async fn offers_jsonl(
    State(state): State<AppState>,
    request: HeaderMap,
) -> ApiResult<Response> {
    download(
        state,
        &request,
        jsonl_page,
        "application/jsonl; charset=utf-8",
        "attachment; filename=\"offres.jsonl\"",
    )
    .await
}

/// The exports' Data Package: each column's type, format and allowed values (Table Schema),
/// for table clients such as frictionless or data.gouv.fr's validation.
#[utoipa::path(get, path = "/api/v1/exports/datapackage.json", tag = "offres", security(()),
    responses((status = 200, description = "Data Package (Table Schema) des exports CSV et JSON Lines", content_type = "application/json")))]
pub async fn data_package() -> Response {
    let descriptor = shared::export::data_package("offers.csv", "offers.jsonl");
    (
        [(header::CACHE_CONTROL, "public, max-age=3600")],
        axum::Json(descriptor),
    )
        .into_response()
}
