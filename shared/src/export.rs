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
    /// Dernière modification de l'offre (contenu ou statut).
    pub date_modification: String,
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
            date_modification: iso(offer.updated_at),
        }
    }
}

/// The exports' Data Package (frictionless, Data Package v1 with Table Schema): each
/// column's type, format and allowed values, so that a table client reads « 2A » as a
/// département code, not a failed number. `csv` and `jsonl` are the files' paths, relative
/// to the descriptor's address.
pub fn data_package(csv: &str, jsonl: &str) -> serde_json::Value {
    use crate::offer::{Category, ContractType, Experience, Remote};
    use serde_json::json;
    let text = |name: &str, description: &str, required: bool| {
        json!({ "name": name, "type": "string", "description": description,
                "constraints": { "required": required } })
    };
    let choice = |name: &str, description: &str, required: bool, values: Vec<String>| {
        json!({ "name": name, "type": "string", "description": description,
                "constraints": { "required": required, "enum": values } })
    };
    let fields = vec![
        json!({ "name": "reference", "type": "integer", "description": "Identifiant stable de l'offre sur la plateforme (/api/v1/offers/{reference}).",
          "constraints": { "required": true, "unique": true, "minimum": 1 } }),
        text("intitule", "Intitulé du poste.", true),
        text(
            "employeur",
            "Employeur : l'entité publique au niveau le plus fin.",
            true,
        ),
        text(
            "employeur_sigle",
            "Sigle de l'employeur, quand il en a un.",
            false,
        ),
        text(
            "employeur_id",
            "Identifiant de l'employeur (/api/v1/entities/{employeur_id}).",
            true,
        ),
        text(
            "metier",
            "Métier du référentiel des métiers du numérique de l'État.",
            true,
        ),
        text(
            "metier_id",
            "Identifiant du métier (/api/v1/metiers/{metier_id}).",
            true,
        ),
        text(
            "famille_metier_id",
            "Identifiant de la famille de métiers.",
            true,
        ),
        choice(
            "nature_emploi",
            "Nature de l'emploi.",
            true,
            ContractType::all().map(|c| c.label().to_owned()).collect(),
        ),
        choice(
            "categorie",
            "Catégorie de la fonction publique, quand elle est indiquée.",
            false,
            Category::all().map(|c| c.as_ref().to_uppercase()).collect(),
        ),
        choice(
            "teletravail",
            "Télétravail possible.",
            true,
            Remote::all().map(|r| r.label().to_owned()).collect(),
        ),
        choice(
            "experience",
            "Expérience attendue.",
            true,
            Experience::all().map(|e| e.label().to_owned()).collect(),
        ),
        json!({ "name": "region_code", "type": "string", "description": "Code INSEE de la région (deux chiffres).",
          "constraints": { "required": true, "pattern": "[0-9]{2}" } }),
        json!({ "name": "departement_code", "type": "string", "description": "Code du département : 01 à 95, 2A, 2B, 971 à 976 — un texte, pas un nombre.",
          "constraints": { "required": true, "pattern": "[0-9]{2}|2[AB]|97[1-6]" } }),
        text("departement", "Nom du département.", true),
        text("localite", "Commune du poste.", true),
        json!({ "name": "remuneration_min", "type": "integer", "description": "Rémunération annuelle brute, fourchette basse, en euros.",
          "constraints": { "minimum": 0 } }),
        json!({ "name": "remuneration_max", "type": "integer", "description": "Rémunération annuelle brute, fourchette haute, en euros.",
          "constraints": { "minimum": 0 } }),
        json!({ "name": "date_publication", "type": "datetime", "description": "Première publication (UTC).",
          "constraints": { "required": true } }),
        json!({ "name": "date_limite", "type": "datetime", "description": "Date limite de candidature (UTC).",
          "constraints": { "required": true } }),
        json!({ "name": "url", "type": "string", "format": "uri", "description": "Page de l'offre, où candidater.",
          "constraints": { "required": true } }),
        json!({ "name": "date_modification", "type": "datetime", "description": "Dernière modification de l'offre, contenu ou statut (UTC). Les changements depuis un curseur : /api/v1/offers/changes.",
          "constraints": { "required": true } }),
    ];
    let schema = json!({ "fields": fields, "primaryKey": "reference", "missingValues": [""] });
    let resource = |name: &str, path: &str, format: &str, mediatype: &str| {
        json!({ "name": name, "path": path, "profile": "tabular-data-resource", "format": format,
                "mediatype": mediatype, "encoding": "utf-8", "schema": schema })
    };
    json!({
        "profile": "tabular-data-package",
        "name": "offres-emploi-numerique-etat",
        "title": "Offres d'emploi du numérique de l'État",
        "description": "Toutes les offres publiées sur la plateforme, une par ligne, dans un ordre stable (par référence).",
        "licenses": [{ "name": "etalab-2.0", "title": "Licence Ouverte / Open Licence version 2.0",
                       "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" }],
        "resources": [
            resource("offres", csv, "csv", "text/csv"),
            resource("offres-jsonl", jsonl, "jsonl", "application/jsonl"),
        ],
    })
}
