//! The public reads: offers, employers, métiers, geography, suggestions, and what third
//! parties download (exports, feed, sitemaps).

use super::{operations, QueryString};

/// The words typed so far, for [`Suggest`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SuggestQuery {
    pub q: String,
}

impl QueryString for SuggestQuery {
    const PARAMS: &'static [&'static str] = &["q"];
    fn to_query_string(&self) -> String {
        format!("q={}", crate::search::percent_encode(&self.q))
    }
}

/// Where a re-user's copy stands, for [`OfferChanges`].
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct ChangesSince {
    /// The `next_cursor` of the last answer; without it, the answer holds no change and the
    /// cursor of now (take it before loading the exports).
    pub since: Option<String>,
    /// Offers per answer, 1 to 500 (500 by default).
    pub limit: Option<i64>,
}

impl QueryString for ChangesSince {
    const PARAMS: &'static [&'static str] = &["since", "limit"];
    fn to_query_string(&self) -> String {
        let limit = self.limit.map(|l| l.to_string());
        super::encode_pairs([("since", self.since.clone()), ("limit", limit)])
    }
}

/// Which offers a feed follows, for [`OffersFeed`]: all, an entity's or a métier's.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct FeedFilter {
    /// Entity slug (its sub-entities included).
    pub entity: Option<String>,
    /// Métier slug.
    pub metier: Option<String>,
}

impl QueryString for FeedFilter {
    const PARAMS: &'static [&'static str] = &["entity", "metier"];
    fn to_query_string(&self) -> String {
        super::encode_pairs([
            ("entity", self.entity.clone()),
            ("metier", self.metier.clone()),
        ])
    }
}

operations! {
    /// Every entity, each followed by its sub-entities (depth first).
    ListEntities {} = GET "/api/v1/entities" => Vec<crate::entity::EntitySummary>;
    /// The showcase of an entity: blocks, testimonials, ancestors, sub-entities, open offers.
    ShowEntity { slug: String } = GET "/api/v1/entities/{slug}" => crate::entity::EntityDetail;
    /// The exports' Data Package: each column's type, format and allowed values (Table Schema),
    /// for table clients such as frictionless or data.gouv.fr's validation.
    DataPackage {} = GET "/api/v1/exports/datapackage.json" => crate::api::File;
    /// Every published offer as CSV (RFC 4180: commas, UTF-8, a header line).
    OffersCsv {} = GET "/api/v1/exports/offers.csv" => crate::api::File;
    /// Every published offer as JSON Lines (one `OfferExport` object per line).
    OffersJsonl {} = GET "/api/v1/exports/offers.jsonl" => crate::api::File;
    /// The families of métiers, each with its métiers and their open-offer counts.
    ListMetiers {} = GET "/api/v1/metiers" => Vec<crate::metier::MetierFamily>;
    /// One métier with its description.
    ShowMetier { slug: String } = GET "/api/v1/metiers/{slug}" => crate::metier::Metier;
    /// Regions with their départements.
    ListRegions {} = GET "/api/v1/geo/regions" => Vec<crate::geo::Region>;
    /// Search the published offers.
    ListOffers {} query crate::search::OfferSearch = GET "/api/v1/offers" => crate::search::OfferPage;
    /// The public offers' changes since a cursor, in order: each changed offer once, with its
    /// current state (`upsert`) or why it left the public list (`removed`). Changes are kept 90
    /// days: an older cursor answers 410, and the client loads everything again.
    OfferChanges {} query ChangesSince = GET "/api/v1/offers/changes" => crate::offer_changes::OfferChanges;
    /// One published offer.
    ShowOffer { id: crate::OfferId } = GET "/api/v1/offers/{id}" => crate::offer::Offer;
    /// Suggestions as a search is typed.
    Suggest {} query SuggestQuery = GET "/api/v1/suggest" => crate::search::Suggestions;
    /// The newest offers as Atom (all, or of an entity, or of a métier).
    OffersFeed {} query FeedFilter = GET "/feeds/offers.atom" => crate::api::File;
    /// The sitemap index: the pages' sitemap, then one per 50,000 offers.
    Sitemap {} = GET "/sitemap.xml" => crate::api::File;
    /// One sitemap of the index: `pages.xml`, or `offres-N.xml` (N from 1).
    SitemapFile { file: String } = GET "/sitemaps/{file}" => crate::api::File;
}
