//! The open-data exports of published offers (`/api/v1/exports/offers.csv` and `.jsonl`):
//! one row per offer, with French column names close to those of the civil-service job
//! board's open data (Place de l'emploi public) so that both can be joined.

use serde::{Deserialize, Serialize};

use crate::offer::OfferSummary;

/// One published offer. Dates are UTC, ISO 8601; empty cells mean "not stated".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferExport {
    /// Stable identifier of the offer on this platform.
    pub reference: i64,
    /// Intitulé du poste.
    pub intitule: String,
    /// Employeur (entité publique au niveau le plus fin).
    pub employeur: String,
    pub employeur_sigle: Option<String>,
    /// Identifiant de l'employeur (`/api/v1/entities/{id}`).
    pub employeur_id: String,
    /// Métier du référentiel des métiers du numérique de l'État.
    pub metier: String,
    pub metier_id: String,
    pub famille_metier_id: String,
    /// Nature de l'emploi : titulaire ou contractuel, contractuel, alternance, stage…
    pub nature_emploi: String,
    /// Catégorie de la fonction publique (A, B, C), quand elle est indiquée.
    pub categorie: Option<String>,
    pub teletravail: String,
    pub experience: String,
    /// Code INSEE de la région.
    pub region_code: String,
    /// Code du département (2A, 2B, 971…).
    pub departement_code: String,
    pub departement: String,
    pub localite: String,
    /// Rémunération annuelle brute en euros, fourchette basse et haute.
    pub remuneration_min: Option<i32>,
    pub remuneration_max: Option<i32>,
    /// Date de première publication.
    pub date_publication: String,
    /// Date limite de candidature.
    pub date_limite: String,
    /// Page de l'offre, où candidater.
    pub url: String,
}

impl OfferExport {
    pub fn new(offer: &OfferSummary, public_url: &str) -> Self {
        let iso = |at: chrono::NaiveDateTime| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        Self {
            reference: offer.id.0,
            intitule: offer.title.clone(),
            employeur: offer.entity.name.clone(),
            employeur_sigle: offer.entity.acronym.clone(),
            employeur_id: offer.entity.slug.clone(),
            metier: offer.metier.name.clone(),
            metier_id: offer.metier.slug.clone(),
            famille_metier_id: offer.metier.family_slug.clone(),
            nature_emploi: offer.contract_type.label().to_owned(),
            categorie: offer.category.map(|c| c.as_ref().to_uppercase()),
            teletravail: offer.remote.label().to_owned(),
            experience: offer.experience.label().to_owned(),
            region_code: offer.location.region_code.clone(),
            departement_code: offer.location.departement_code.clone(),
            departement: offer.location.departement_name.clone(),
            localite: offer.location.city.clone(),
            remuneration_min: offer.salary.map(|s| s.min),
            remuneration_max: offer.salary.map(|s| s.max),
            date_publication: iso(offer.published_at),
            date_limite: iso(offer.expires_at),
            url: format!("{public_url}/offres/{}", offer.id),
        }
    }
}
