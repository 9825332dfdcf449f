//! `GET /api/v1/offers`, `GET /api/v1/offers/{id}` and `GET /api/v1/suggest`: public, no
//! authentication.

use axum::extract::{RawQuery, State};
use axum::Json;
use shared::offer::Offer;
use shared::search::{OfferPage, OfferSearch, Suggestions, QUERY_MAX_CHARS};
use shared::{FieldError, OfferId, Problem};

use crate::db::offers;
use crate::error::{ApiResult, AppError};
use crate::json::AppPath;
use crate::state::AppState;

/// Search the published offers.
#[utoipa::path(
    get,
    path = "/api/v1/offers",
    tag = "offres",
    security(()),
    params(
        ("q" = Option<String>, Query, description = "Recherche en français : accents, majuscules, pluriels et formes féminines confondus, synonymes et sigles, fautes de frappe tolérées (1 pour 5 lettres, 2 pour 9), chaque mot peut être un début de mot. Des mots vides seuls listent toutes les offres."),
        ("metier" = Option<String>, Query, description = "Slug de métier, ex. `developpeuse-developpeur`."),
        ("family" = Option<String>, Query, description = "Slug de famille de métiers, ex. `donnees`."),
        ("entity" = Option<String>, Query, description = "Slug d'entité ; inclut ses sous-entités."),
        ("region" = Option<String>, Query, description = "Code INSEE de région, ex. `11`."),
        ("departement" = Option<String>, Query, description = "Code de département, ex. `75`, `2A`, `971`."),
        ("contract" = Option<shared::offer::ContractType>, Query, description = "Type de contrat."),
        ("remote" = Option<shared::offer::Remote>, Query, description = "Télétravail."),
        ("experience" = Option<shared::offer::Experience>, Query, description = "Expérience attendue."),
        ("sort" = Option<shared::search::Sort>, Query, description = "`relevance` (défaut avec `q`), `recent` (défaut sans `q`) ou `salary` (salaire le plus haut d'abord, offres sans salaire en dernier)."),
        ("limit" = Option<u32>, Query, description = "Taille de page, 1 à 100 (défaut 20)."),
        ("cursor" = Option<String>, Query, description = "Valeur `next_cursor` de la page précédente."),
        ("page" = Option<u32>, Query, description = "Numéro de page à partir de 1, au lieu de `cursor` (pages numérotées) : 1 à 500, dans les 10 000 premiers résultats."),
        ("facets" = Option<String>, Query, description = "Facettes à compter, séparées par des virgules, parmi `region`, `departement`, `contract`, `remote`, `experience`, `family`, `metier`, `entity` : chaque facette est comptée avec les autres filtres, sans le sien."),
    ),
    responses(
        (status = 200, description = "Une page de résultats", body = OfferPage),
        (status = 400, description = "Paramètre invalide, nommé dans `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_offers(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<OfferPage>> {
    let search =
        OfferSearch::from_query(raw.as_deref().unwrap_or("")).map_err(AppError::invalid)?;
    Ok(Json(offers::search_offers(&state.db, &search).await?))
}

/// Parses an id path segment, naming the parameter when it is not a number.
pub fn parse_offer_id(raw: &str) -> Result<OfferId, AppError> {
    raw.parse::<OfferId>().map_err(|_| {
        AppError::invalid(vec![FieldError::new(
            "id",
            "L'identifiant d'offre doit être un nombre entier.",
        )])
    })
}

/// One published offer.
#[utoipa::path(
    get,
    path = "/api/v1/offers/{id}",
    tag = "offres",
    security(()),
    params(("id" = i64, Path, description = "Identifiant de l'offre")),
    responses(
        (status = 200, description = "L'offre", body = Offer),
        (status = 400, description = "Identifiant mal formé", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Offre inconnue, expirée ou non publiée", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_offer(
    State(state): State<AppState>,
    AppPath(id): AppPath<OfferId>,
) -> ApiResult<Json<Offer>> {
    let offer = offers::find_public_offer(&state.db, id).await?;
    state.views.hit(&state.db, id).await;
    Ok(Json(offer))
}

/// Suggestions as a search is typed.
#[utoipa::path(
    get,
    path = "/api/v1/suggest",
    tag = "offres",
    security(()),
    params(
        ("q" = Option<String>, Query, description = "Le début de la recherche, ex. `dév` ; chaque mot doit commencer un mot du nom proposé."),
    ),
    responses(
        (status = 200, description = "Au plus 10 métiers, 10 entités et 10 intitulés d'offres", body = Suggestions),
        (status = 400, description = "Paramètre invalide, nommé dans `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn suggest(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Suggestions>> {
    let q = form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    let q = q.as_str();
    if q.chars().count() > QUERY_MAX_CHARS {
        return Err(AppError::invalid(vec![FieldError::new(
            "q",
            format!("La recherche ne doit pas dépasser {QUERY_MAX_CHARS} caractères."),
        )]));
    }
    let engine = state.db.search.current(&state.db).await?;
    Ok(Json(engine.suggest(q).as_ref().clone()))
}
