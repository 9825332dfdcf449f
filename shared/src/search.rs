//! Parameters of the offer search, shared by the API (query string) and the `/offres`
//! page (its URL), so that a link reproduces a search and both validate alike.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::entity::is_valid_slug;
use crate::geo::{is_departement_code, is_region_code};
use crate::offer::{ContractType, Experience, OfferSummary, Remote};
use crate::FieldError;

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;
pub const QUERY_MAX_CHARS: usize = 200;
/// Deepest page reachable by number (`page`): 10,000 results of 20 — as search engines
/// cap their windows; beyond, narrow the search, or walk `next_cursor`.
pub const MAX_PAGE: u32 = 500;
/// Offers reachable by `page` at most, whatever the page size.
pub const MAX_PAGE_WINDOW: u32 = 10_000;

/// Order of the results.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumString, strum::AsRefStr,
)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Sort {
    /// Most recently published first.
    Recent,
    /// Best full-text match first (same as `recent` without `q`).
    Relevance,
    /// Best paid first (the top of the salary range); offers without a salary last.
    Salary,
}

/// A filter whose values can be counted (`facets=` of the offer search).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::EnumIter,
)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Facet {
    Region,
    Departement,
    Contract,
    Remote,
    Experience,
    Family,
    Metier,
    Entity,
}

impl Facet {
    /// Every facet, in the order of the filters.
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
    }
}

/// How many offers one value of a facet would give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FacetValue {
    /// The value as the filter takes it (a code, a slug or a vocabulary value).
    pub value: String,
    /// Its French name.
    pub label: String,
    pub count: i64,
}

/// The counts of one facet: every value present among the offers matching the search with
/// all the other filters applied but not this facet's own, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FacetCounts {
    pub facet: Facet,
    pub values: Vec<FacetValue>,
}

/// A piece of text, matched by the search words or not: highlights are data, never HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TextSegment {
    pub text: String,
    /// Whether these words matched the search.
    pub matched: bool,
}

/// Where the search words occur in one offer of the page: its whole title cut into
/// segments, and a short passage of its description (empty when nothing matched there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferHighlight {
    pub id: crate::OfferId,
    pub title: Vec<TextSegment>,
    pub snippet: Vec<TextSegment>,
}

/// What `GET /api/v1/suggest` proposes for the beginning of a search.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Suggestions {
    /// At most 10 métiers.
    pub metiers: Vec<SuggestedMetier>,
    /// At most 10 entities.
    pub entities: Vec<SuggestedEntity>,
    /// At most 10 offer titles, with how many open offers carry each.
    pub titles: Vec<SuggestedTitle>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SuggestedMetier {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SuggestedEntity {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SuggestedTitle {
    pub title: String,
    pub offers: i64,
}

/// Where the next page starts. Opaque to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// Keyset position for `sort=recent`: after this (published_at, id).
    After { published_at_micros: i64, id: i64 },
    /// Position for `sort=relevance`, whose order has no stable key: a row offset among the
    /// offers published by `as_of` (the first page's time), so that offers published while a
    /// client walks the pages neither shift them nor show up twice.
    Ranked { offset: u32, as_of_micros: i64 },
}

impl Cursor {
    pub fn encode(&self) -> String {
        let raw = match self {
            Cursor::After {
                published_at_micros,
                id,
            } => format!("k:{published_at_micros}:{id}"),
            Cursor::Ranked {
                offset,
                as_of_micros,
            } => format!("r:{as_of_micros}:{offset}"),
        };
        URL_SAFE_NO_PAD.encode(raw)
    }

    pub fn decode(token: &str) -> Option<Self> {
        let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(token).ok()?).ok()?;
        let mut parts = raw.split(':');
        let cursor = match (parts.next()?, parts.next(), parts.next()) {
            ("k", Some(at), Some(id)) => Cursor::After {
                published_at_micros: at.parse().ok()?,
                id: id.parse().ok()?,
            },
            ("r", Some(at), Some(n)) => Cursor::Ranked {
                offset: n.parse().ok()?,
                as_of_micros: at.parse().ok()?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(cursor)
    }
}

/// A validated offer search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfferSearch {
    /// Free text, French full-text search.
    pub q: Option<String>,
    pub metier: Option<String>,
    pub family: Option<String>,
    /// Entity slug; includes its sub-entities.
    pub entity: Option<String>,
    pub region: Option<String>,
    pub departement: Option<String>,
    pub contract: Option<ContractType>,
    pub remote: Option<Remote>,
    pub experience: Option<Experience>,
    /// `None` means the default: relevance with `q`, recent without.
    pub sort: Option<Sort>,
    /// `None` means [`DEFAULT_LIMIT`].
    pub limit: Option<u32>,
    pub cursor: Option<Cursor>,
    /// Page number from 1 (`page=3`), instead of a cursor: numbered pages, as people browse.
    pub page: Option<u32>,
    /// Facets to count (`facets=region,contract`); empty: none.
    pub facets: Vec<Facet>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferPage {
    pub items: Vec<OfferSummary>,
    /// Pass it back as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// Number of offers matching the search (all pages).
    pub total: i64,
    /// The counts asked for with `facets`, in the order asked; absent when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<Vec<FacetCounts>>,
    /// With `q`: the matched words of each offer of the page, in the order of `items`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<OfferHighlight>,
    /// « Vouliez-vous dire … ? » : when `q` finds nothing, a close spelling that finds offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
}

impl OfferPage {
    /// A page without any offer.
    pub fn empty() -> Self {
        Self {
            items: Vec::new(),
            next_cursor: None,
            total: 0,
            facets: None,
            highlights: Vec::new(),
            did_you_mean: None,
        }
    }
}

fn parse_enum<T: FromStr>(
    field: &str,
    value: &str,
    message: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match T::from_str(value) {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError::new(field, message));
            None
        }
    }
}

impl OfferSearch {
    /// The query's parameters, as [`Self::to_pairs`] names them.
    pub const PARAMS: &'static [&'static str] = &[
        "q",
        "metier",
        "family",
        "entity",
        "region",
        "departement",
        "contract",
        "remote",
        "experience",
        "sort",
        "limit",
        "cursor",
        "page",
        "facets",
    ];

    /// Reads a search from a URL's query string (without its `?`), as [`Self::from_pairs`]:
    /// what `GET /api/v1/offers`, `/offres` and the job alerts accept.
    pub fn from_query(query: &str) -> Result<Self, Vec<FieldError>> {
        let pairs: Vec<_> = form_urlencoded::parse(query.as_bytes()).collect();
        Self::from_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
    }

    /// Reads a search from query-string pairs. Empty values count as absent (HTML forms send
    /// them); unknown parameters are ignored. Every invalid parameter is reported, by name.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut search = OfferSearch::default();
        let mut errors = Vec::new();
        let mut raw_cursor = None;
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let slug = |errors: &mut Vec<FieldError>| {
                if is_valid_slug(value) {
                    Some(value.to_owned())
                } else {
                    errors.push(FieldError::new(key, "Identifiant (slug) invalide."));
                    None
                }
            };
            match key {
                "q" => {
                    if value.chars().count() > QUERY_MAX_CHARS {
                        errors.push(FieldError::new(
                            "q",
                            format!(
                                "La recherche ne doit pas dépasser {QUERY_MAX_CHARS} caractères."
                            ),
                        ));
                    } else {
                        search.q = Some(value.to_owned());
                    }
                }
                "metier" => search.metier = slug(&mut errors),
                "family" => search.family = slug(&mut errors),
                "entity" => search.entity = slug(&mut errors),
                "region" => {
                    if is_region_code(value) {
                        search.region = Some(value.to_owned());
                    } else {
                        errors.push(FieldError::new(
                            "region",
                            "Code de région INSEE invalide (ex. « 11 »).",
                        ));
                    }
                }
                "departement" => {
                    if is_departement_code(value) {
                        search.departement = Some(value.to_owned());
                    } else {
                        errors.push(FieldError::new(
                            "departement",
                            "Code de département invalide (ex. « 75 », « 2A », « 971 »).",
                        ));
                    }
                }
                "contract" => {
                    search.contract =
                        parse_enum(key, value, "Type de contrat inconnu.", &mut errors)
                }
                "remote" => {
                    search.remote = parse_enum(
                        key,
                        value,
                        "Valeur de télétravail inconnue (none, partial, full).",
                        &mut errors,
                    )
                }
                "experience" => {
                    search.experience = parse_enum(
                        key,
                        value,
                        "Niveau d'expérience inconnu (junior, confirmed, senior).",
                        &mut errors,
                    )
                }
                "sort" => {
                    search.sort = parse_enum(
                        key,
                        value,
                        "Tri inconnu (recent, relevance, salary).",
                        &mut errors,
                    )
                }
                "limit" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_LIMIT).contains(&n) => search.limit = Some(n),
                    _ => errors.push(FieldError::new(
                        "limit",
                        format!(
                            "Le nombre de résultats doit être un entier entre 1 et {MAX_LIMIT}."
                        ),
                    )),
                },
                "cursor" => raw_cursor = Some(value),
                "page" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_PAGE).contains(&n) => search.page = Some(n),
                    _ => errors.push(FieldError::new(
                        "page",
                        format!("Le numéro de page doit être un entier entre 1 et {MAX_PAGE}."),
                    )),
                },
                "facets" => {
                    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        match Facet::from_str(name) {
                            Ok(facet) if !search.facets.contains(&facet) => {
                                search.facets.push(facet)
                            }
                            Ok(_) => {}
                            Err(_) => errors.push(FieldError::new(
                                "facets",
                                format!(
                                    "Facette inconnue « {name} » (region, departement, contract, remote, experience, family, metier, entity)."
                                ),
                            )),
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(page) = search.page {
            if (page - 1).saturating_mul(search.effective_limit()) >= MAX_PAGE_WINDOW {
                errors.push(FieldError::new(
                    "page",
                    format!(
                        "Les pages numérotées s'arrêtent aux {MAX_PAGE_WINDOW} premiers résultats : précisez la recherche, ou suivez « next_cursor »."
                    ),
                ));
            }
        }
        if let Some(token) = raw_cursor {
            if search.page.is_some() {
                errors.push(FieldError::new(
                    "page",
                    "Donnez « page » ou « cursor », pas les deux.",
                ));
            }
            match Cursor::decode(token) {
                Some(cursor) if cursor_fits(cursor, search.effective_sort()) => {
                    search.cursor = Some(cursor)
                }
                _ => errors.push(FieldError::new(
                    "cursor",
                    "Curseur invalide : reprenez la valeur « next_cursor » de la page précédente.",
                )),
            }
        }
        if errors.is_empty() {
            Ok(search)
        } else {
            Err(errors)
        }
    }

    /// Whether the search selects every open offer (it may still sort and page them).
    pub fn is_unfiltered(&self) -> bool {
        let Self {
            q,
            metier,
            family,
            entity,
            region,
            departement,
            contract,
            remote,
            experience,
            sort: _,
            limit: _,
            cursor: _,
            page: _,
            facets: _,
        } = self;
        q.is_none()
            && metier.is_none()
            && family.is_none()
            && entity.is_none()
            && region.is_none()
            && departement.is_none()
            && contract.is_none()
            && remote.is_none()
            && experience.is_none()
    }

    /// The sort actually applied.
    pub fn effective_sort(&self) -> Sort {
        match (self.sort, &self.q) {
            (Some(sort), Some(_)) => sort,
            (None, Some(_)) => Sort::Relevance,
            (Some(Sort::Salary), None) => Sort::Salary,
            (_, None) => Sort::Recent,
        }
    }

    pub fn effective_limit(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }

    /// The search as query-string pairs, defaults left out: the inverse of [`Self::from_pairs`].
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        let mut push = |key: &'static str, value: Option<String>| {
            if let Some(v) = value {
                pairs.push((key, v));
            }
        };
        push("q", self.q.clone());
        push("metier", self.metier.clone());
        push("family", self.family.clone());
        push("entity", self.entity.clone());
        push("region", self.region.clone());
        push("departement", self.departement.clone());
        push("contract", self.contract.map(|c| c.as_ref().to_owned()));
        push("remote", self.remote.map(|r| r.as_ref().to_owned()));
        push("experience", self.experience.map(|e| e.as_ref().to_owned()));
        push("sort", self.sort.map(|s| s.as_ref().to_owned()));
        push("limit", self.limit.map(|l| l.to_string()));
        push("cursor", self.cursor.map(|c| c.encode()));
        push("page", self.page.map(|p| p.to_string()));
        push(
            "facets",
            (!self.facets.is_empty()).then(|| {
                self.facets
                    .iter()
                    .map(|f| f.as_ref())
                    .collect::<Vec<_>>()
                    .join(",")
            }),
        );
        pairs
    }

    /// `a=1&b=2`, percent-encoded.
    pub fn to_query_string(&self) -> String {
        self.to_pairs()
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The last page number reachable for `total` matches (at least 1): numbered pages
    /// stop at the window of [`MAX_PAGE_WINDOW`] results.
    pub fn last_page(&self, total: i64) -> u32 {
        let limit = i64::from(self.effective_limit());
        let reachable = i64::from((MAX_PAGE_WINDOW - 1) / self.effective_limit() + 1);
        ((total + limit - 1) / limit).clamp(1, reachable.min(i64::from(MAX_PAGE))) as u32
    }

    /// The same search from its first page.
    pub fn first_page(&self) -> Self {
        Self {
            cursor: None,
            page: None,
            ..self.clone()
        }
    }

    /// Whether any filter other than the text is set.
    pub fn has_filters(&self) -> bool {
        self.metier.is_some()
            || self.family.is_some()
            || self.entity.is_some()
            || self.region.is_some()
            || self.departement.is_some()
            || self.contract.is_some()
            || self.remote.is_some()
            || self.experience.is_some()
    }
}

fn cursor_fits(cursor: Cursor, sort: Sort) -> bool {
    matches!(
        (cursor, sort),
        (Cursor::After { .. }, Sort::Recent)
            | (Cursor::Ranked { .. }, Sort::Relevance | Sort::Salary)
    )
}

/// Percent-encodes a query-string value (RFC 3986 unreserved characters kept).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<OfferSearch, Vec<FieldError>> {
        OfferSearch::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn empty_values_are_absent_and_defaults_apply() {
        let search = parse(&[("q", ""), ("region", " ")]).unwrap_or_default();
        assert_eq!(search, OfferSearch::default());
        assert_eq!(search.effective_sort(), Sort::Recent);
        assert_eq!(search.effective_limit(), DEFAULT_LIMIT);
    }

    #[test]
    fn every_parameter_is_named_in_params() {
        let full = OfferSearch {
            q: Some("data".into()),
            metier: Some("data-scientist".into()),
            family: Some("donnees".into()),
            entity: Some("dinum".into()),
            region: Some("11".into()),
            departement: Some("75".into()),
            contract: Some(ContractType::TitulaireOuContractuel),
            remote: Some(Remote::Partial),
            experience: Some(Experience::Junior),
            sort: Some(Sort::Recent),
            limit: Some(10),
            cursor: Some(Cursor::Ranked {
                offset: 20,
                as_of_micros: 1,
            }),
            page: Some(2),
            facets: vec![Facet::Region],
        };
        let names: Vec<&str> = full.to_pairs().into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, OfferSearch::PARAMS);
    }

    #[test]
    fn text_search_sorts_by_relevance_by_default() {
        let search = parse(&[("q", "données")]).unwrap_or_default();
        assert_eq!(search.effective_sort(), Sort::Relevance);
    }

    #[test]
    fn every_bad_parameter_is_named() {
        let errors = parse(&[
            ("limit", "500"),
            ("region", "IDF"),
            ("contract", "cdi"),
            ("metier", "Dev Ops"),
            ("cursor", "!!"),
        ])
        .err()
        .unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["limit", "region", "contract", "metier", "cursor"]);
    }

    #[test]
    fn facets_are_a_comma_separated_list_of_known_names() {
        let search = parse(&[("facets", "region, contract,region")]).unwrap_or_default();
        assert_eq!(search.facets, [Facet::Region, Facet::Contract]);
        assert_eq!(search.to_query_string(), "facets=region%2Ccontract");
        let errors = parse(&[("facets", "region,salary")])
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "facets");
    }

    #[test]
    fn cursors_round_trip_and_must_match_the_sort() {
        let keyset = Cursor::After {
            published_at_micros: 1_700_000_000_000_000,
            id: 42,
        };
        assert_eq!(Cursor::decode(&keyset.encode()), Some(keyset));
        let ranked = Cursor::Ranked {
            offset: 40,
            as_of_micros: 1_700_000_000_000_000,
        };
        assert_eq!(Cursor::decode(&ranked.encode()), Some(ranked));
        assert_eq!(Cursor::decode("bm9wZQ"), None);
        let token = ranked.encode();
        assert!(
            parse(&[("cursor", &token)]).is_err(),
            "offset cursor with recent sort"
        );
        assert!(parse(&[("q", "rust"), ("cursor", &token)]).is_ok());
    }

    #[test]
    fn pages_are_numbered_within_a_window_and_not_beside_a_cursor() {
        let third = parse(&[("q", "data"), ("page", "3")]).unwrap_or_default();
        assert_eq!(third.page, Some(3));
        assert_eq!(third.to_query_string(), "q=data&page=3");
        assert_eq!(third.first_page().page, None);
        // 500 pages of 20 reach the window's end; 101 pages of 100 go past it.
        assert!(parse(&[("page", "500")]).is_ok());
        assert_eq!(OfferSearch::default().last_page(0), 1);
        assert_eq!(OfferSearch::default().last_page(41), 3);
        assert_eq!(OfferSearch::default().last_page(100_000), MAX_PAGE);
        let by_30 = parse(&[("limit", "30")]).unwrap_or_default();
        assert_eq!(by_30.last_page(100_000), 334);
        assert!(parse(&[("limit", "30"), ("page", "334")]).is_ok());
        assert!(parse(&[("limit", "30"), ("page", "335")]).is_err());
        for bad in [
            &[("page", "0")][..],
            &[("page", "501")],
            &[("page", "101"), ("limit", "100")],
        ] {
            let errors = parse(bad).err().unwrap_or_default();
            assert_eq!(errors.len(), 1, "{bad:?}");
            assert_eq!(errors[0].field, "page");
        }
        let token = Cursor::Ranked {
            offset: 20,
            as_of_micros: 1_700_000_000_000_000,
        }
        .encode();
        let errors = parse(&[("q", "data"), ("page", "2"), ("cursor", &token)])
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "page");
    }

    #[test]
    fn salary_order_applies_with_or_without_words() {
        for pairs in [
            &[("sort", "salary")][..],
            &[("q", "data"), ("sort", "salary")],
        ] {
            let search = parse(pairs).unwrap_or_default();
            assert_eq!(search.effective_sort(), Sort::Salary, "{pairs:?}");
        }
        // Relevance without words has nothing to measure: newest first.
        let search = parse(&[("sort", "relevance")]).unwrap_or_default();
        assert_eq!(search.effective_sort(), Sort::Recent);
    }

    #[test]
    fn query_string_round_trips() {
        let search = parse(&[
            ("q", "data & IA"),
            ("region", "11"),
            ("contract", "stage"),
            ("limit", "50"),
        ])
        .unwrap_or_default();
        let qs = search.to_query_string();
        assert_eq!(qs, "q=data%20%26%20IA&region=11&contract=stage&limit=50");
        assert_eq!(OfferSearch::from_query(&qs), Ok(search));
        // A form's spaces come as `+`; an empty or stray pair is no filter.
        let typed = OfferSearch::from_query("q=chef+de+projet&region=&=&contract=stage");
        assert_eq!(
            typed.as_ref().map(|s| s.q.as_deref()),
            Ok(Some("chef de projet"))
        );
        assert_eq!(typed.map(|s| s.region), Ok(None));
    }
}
