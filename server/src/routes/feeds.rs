//! `/feeds/offers.atom`: the newest published offers as an Atom feed, for job aggregators and
//! feed readers; `?entity={slug}` (with its sub-entities) and `?metier={slug}` narrow it.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use shared::api::catalogue::FeedFilter;
use shared::search::{OfferSearch, Sort};

use crate::alerts::atom_feed;
use crate::db::offers::search_offers;
use crate::error::ApiResult;
use crate::json::AppQuery;
use crate::state::AppState;

/// Entries in the feed.
const FEED_LENGTH: u32 = 50;

/// The newest offers as Atom (all, or of an entity, or of a métier).
#[utoipa::path(get, path = "/feeds/offers.atom", tag = "offres", security(()),
    params(FeedFilter),
    responses((status = 200, description = "Flux Atom des dernières offres publiées", content_type = "application/atom+xml")))]
pub async fn offers_feed(
    State(state): State<AppState>,
    AppQuery(query): AppQuery<FeedFilter>,
) -> ApiResult<Response> {
    let search = OfferSearch {
        entity: query.entity.clone().filter(|e| !e.is_empty()),
        metier: query.metier.clone().filter(|m| !m.is_empty()),
        sort: Some(Sort::Recent),
        limit: Some(FEED_LENGTH),
        ..OfferSearch::default()
    };
    let offers = search_offers(&state.db, &search).await?.items;
    let public_url = &state.config.public_url;
    let filters = OfferSearch {
        sort: None,
        limit: None,
        ..search.clone()
    }
    .to_query_string();
    let (suffix, title) = match (&search.entity, &search.metier) {
        (None, None) => (
            String::new(),
            "Offres d'emploi numérique de l'État".to_owned(),
        ),
        _ => {
            let about = offers
                .first()
                .map(|o| match &search.entity {
                    Some(_) => o.entity.name.clone(),
                    None => o.metier.name.clone(),
                })
                .unwrap_or_else(|| filters.clone());
            (
                format!("?{filters}"),
                format!("Offres d'emploi numérique de l'État — {about}"),
            )
        }
    };
    let names = (
        format!("{public_url}/feeds/offers.atom{suffix}"),
        title,
        format!("{public_url}/offres{suffix}"),
    );
    let epoch = chrono::DateTime::UNIX_EPOCH.naive_utc();
    Ok((
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        atom_feed(public_url, names, &offers, epoch),
    )
        .into_response())
}
