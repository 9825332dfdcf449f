//! `/sitemap.xml`: every public page — the fixed ones, each entity, métier and published
//! offer, the Vis mon job editions and the forum's sessions — for search engines.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use quick_xml::escape::escape;
use shared::forum::SessionFilters;

use crate::db::{entities, metiers, offers, vismonjob};
use crate::error::ApiResult;
use crate::state::AppState;

const FIXED: [&str; 11] = [
    "/",
    "/offres",
    "/entites",
    "/metiers",
    "/vis-mon-job",
    "/forum",
    "/accessibilite",
    "/mentions-legales",
    "/donnees-personnelles",
    "/api/docs",
    "/inscription",
];

/// The public pages' paths.
async fn paths(state: &AppState) -> ApiResult<Vec<String>> {
    let db = &state.db;
    let mut paths: Vec<String> = FIXED.iter().map(|p| (*p).to_owned()).collect();
    paths.extend(
        entities::list_entities(db)
            .await?
            .into_iter()
            .map(|e| format!("/entites/{}", e.slug)),
    );
    for family in metiers::list_families(db).await? {
        paths.extend(
            family
                .metiers
                .into_iter()
                .map(|m| format!("/metiers/{}", m.slug)),
        );
    }
    let mut ids: Vec<i64> = offers::list_public_offers(db)
        .await?
        .iter()
        .map(|o| o.summary.id.0)
        .collect();
    ids.sort_unstable();
    paths.extend(ids.into_iter().map(|id| format!("/offres/{id}")));
    paths.extend(
        vismonjob::editions::list(db, false)
            .await?
            .into_iter()
            .map(|e| format!("/vis-mon-job/{}", e.slug)),
    );
    for edition in crate::db::forum::editions::list(db, false).await? {
        let filters = SessionFilters {
            edition: Some(edition.slug),
            ..SessionFilters::default()
        };
        paths.extend(
            crate::forum::programme(db, &filters)
                .await?
                .into_iter()
                .map(|s| format!("/forum/sessions/{}", s.id)),
        );
    }
    Ok(paths)
}

/// The sitemap (sitemaps.org protocol 0.9).
#[utoipa::path(get, path = "/sitemap.xml", tag = "offres", security(()),
    responses((status = 200, description = "Plan du site : toutes les pages publiques", content_type = "application/xml")))]
pub async fn sitemap(State(state): State<AppState>) -> ApiResult<Response> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths(&state).await? {
        let url = format!("{}{path}", state.config.public_url);
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(url.as_str())
        ));
    }
    xml.push_str("</urlset>\n");
    Ok((
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        xml,
    )
        .into_response())
}
