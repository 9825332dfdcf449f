//! `/sitemap.xml`, a sitemap index (sitemaps.org protocol 0.9), and the sitemaps it lists under
//! `/sitemaps/{file}`: `pages.xml` — the fixed pages, each entity, métier, Vis mon job
//! edition and forum session — and `offres-N.xml`, the published offers by id, 50,000 at
//! most per file (the protocol's limit), each with the day it last changed (`lastmod`).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use quick_xml::escape::escape;
use shared::forum::SessionFilters;

use crate::db::{entities, metiers, offers, vismonjob};
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

/// URLs in one sitemap file at most (sitemaps.org).
const URLS_PER_FILE: i64 = 50_000;

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

/// The public pages' paths, offers aside.
async fn page_paths(state: &AppState) -> ApiResult<Vec<String>> {
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

/// How many offers files `offers` public offers take (one at least: an empty one is valid).
fn offer_files(offers: i64) -> i64 {
    ((offers + URLS_PER_FILE - 1) / URLS_PER_FILE).max(1)
}

fn xml_response(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// `<url>` entries of `urls` (absolute, with their `lastmod` when known) in a `<urlset>`.
fn urlset<'a>(urls: impl Iterator<Item = (String, Option<String>)> + 'a) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in urls {
        xml.push_str(&format!("  <url><loc>{}</loc>", escape(url.as_str())));
        if let Some(day) = lastmod {
            xml.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The sitemap index: the pages' sitemap, then one per 50,000 offers.
#[utoipa::path(get, path = "/sitemap.xml", tag = "offres", security(()),
    responses((status = 200, description = "Index des plans du site (sitemaps.org) : pages, puis offres par fichiers de 50 000 adresses au plus", content_type = "application/xml")))]
pub async fn sitemap(State(state): State<AppState>) -> ApiResult<Response> {
    let files = offer_files(offers::count_public_offers(&state.db).await?);
    let base = format!("{}/sitemaps", state.config.public_url);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let names = std::iter::once("pages.xml".to_owned())
        .chain((1..=files).map(|n| format!("offres-{n}.xml")));
    for name in names {
        xml.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape(format!("{base}/{name}").as_str())
        ));
    }
    xml.push_str("</sitemapindex>\n");
    Ok(xml_response(xml))
}

/// One sitemap of the index: `pages.xml`, or `offres-N.xml` (N from 1).
#[utoipa::path(get, path = "/sitemaps/{file}", tag = "offres", security(()),
    params(("file" = String, Path, description = "`pages.xml`, ou `offres-N.xml` (N à partir de 1) : 50 000 offres au plus par fichier, par identifiant")),
    responses(
        (status = 200, description = "Plan du site (sitemaps.org), avec la date de dernière modification de chaque offre", content_type = "application/xml"),
        (status = 404, description = "Pas un fichier de l'index", body = shared::Problem, content_type = "application/problem+json"),
    ))]
pub async fn sitemap_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> ApiResult<Response> {
    let public_url = &state.config.public_url;
    if file == "pages.xml" {
        let paths = page_paths(&state).await?;
        return Ok(xml_response(urlset(
            paths
                .into_iter()
                .map(|p| (format!("{public_url}{p}"), None)),
        )));
    }
    let index = file
        .strip_prefix("offres-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n >= 1)
        .ok_or_else(|| AppError::not_found("Pas un fichier de ce plan du site."))?;
    let offers = offers::public_offer_dates(&state.db, index - 1, URLS_PER_FILE).await?;
    if offers.is_empty() && index > 1 {
        return Err(AppError::not_found("Pas un fichier de ce plan du site."));
    }
    Ok(xml_response(urlset(offers.into_iter().map(
        |(id, changed)| {
            (
                format!("{public_url}/offres/{id}"),
                Some(changed.format("%Y-%m-%d").to_string()),
            )
        },
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_take_a_file_per_fifty_thousand() {
        assert_eq!(
            [0, 1, 50_000, 50_001, 100_000, 1_000_000].map(offer_files),
            [1, 1, 1, 2, 2, 20]
        );
    }
}
