//! Job offers: their vocabulary (contract, remote work, experience…) and validation.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::{geo, FieldError, OfferId};

/// Declares a closed vocabulary: stable snake_case in JSON and URLs, a French label for people.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize,
            strum::EnumString, strum::AsRefStr, strum::EnumIter,
        )]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// French label shown in the interface.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// Every value, in display order.
            pub fn all() -> impl Iterator<Item = Self> {
                <Self as strum::IntoEnumIterator>::iter()
            }
        }
    };
}

vocabulary!(
    /// Kind of contract offered.
    ContractType {
        /// Open to civil servants (by transfer) and to contract agents.
        TitulaireOuContractuel => "Titulaire ou contractuel",
        /// Contract agents only.
        Contractuel => "Contractuel",
        /// Work-study (alternance).
        Alternance => "Alternance",
        /// Internship.
        Stage => "Stage",
        /// Apprenticeship.
        Apprentissage => "Apprentissage",
        /// Entrepreneur d'intérêt général (10-month programme).
        Eig => "Entrepreneur d'intérêt général",
    }
);

vocabulary!(
    /// Civil-service category of the position.
    Category {
        /// Catégorie A (design and management).
        A => "Catégorie A",
        /// Catégorie B (application).
        B => "Catégorie B",
        /// Catégorie C (execution).
        C => "Catégorie C",
    }
);

vocabulary!(
    /// How much remote work the position allows.
    Remote {
        /// On site only.
        None => "Sur site",
        /// Some days a week.
        Partial => "Télétravail partiel",
        /// Fully remote.
        Full => "Télétravail complet",
    }
);

vocabulary!(
    /// Experience expected.
    Experience {
        /// Less than 2 years, students and recent graduates welcome.
        Junior => "Débutant (moins de 2 ans)",
        /// 2 to 5 years.
        Confirmed => "Confirmé (2 à 5 ans)",
        /// More than 5 years.
        Senior => "Expert (plus de 5 ans)",
    }
);

vocabulary!(
    /// Life cycle of an offer. Only `published` offers are public.
    OfferStatus {
        /// Being written by the recruiter.
        Draft => "Brouillon",
        /// Public until it expires.
        Published => "Publiée",
        /// Somebody was recruited.
        Filled => "Pourvue",
        /// Withdrawn or expired.
        Archived => "Archivée",
    }
);

vocabulary!(
    /// Why an offer left the public list (`GET /api/v1/offers/changes`).
    RemovalReason {
        /// Withdrawn by its recruiters.
        Archived => "Retirée par le recruteur",
        /// Somebody was recruited.
        Filled => "Pourvue",
        /// Its closing date passed.
        Expired => "Date limite passée",
        /// Taken back to a draft by its recruiters.
        Unpublished => "Repassée en brouillon",
        /// Deleted from the platform.
        Deleted => "Supprimée",
    }
);

/// Yearly gross salary range in euros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SalaryRange {
    pub min: i32,
    pub max: i32,
}

/// The entity an offer belongs to, as shown on offer cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferEntity {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
}

/// The métier of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferMetier {
    pub slug: String,
    pub name: String,
    pub family_slug: String,
}

/// Where the position is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferLocation {
    pub region_code: String,
    pub departement_code: String,
    pub departement_name: String,
    pub city: String,
}

/// An offer as listed in search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "server", schema(example = json!({
    "id": 128,
    "title": "Développeuse / Développeur Rust pour FranceConnect",
    "entity": { "slug": "dinum", "name": "Direction interministérielle du numérique", "acronym": "DINUM" },
    "metier": { "slug": "developpeuse-developpeur", "name": "Développeuse / Développeur", "family_slug": "developpement" },
    "contract_type": "contractuel",
    "category": "a",
    "location": { "region_code": "11", "departement_code": "75", "departement_name": "Paris", "city": "Paris" },
    "remote": "partial",
    "experience": "confirmed",
    "salary": { "min": 45000, "max": 55000 },
    "published_at": "2026-11-30T09:15:00",
    "expires_at": "2027-01-31T23:59:00",
    "updated_at": "2026-12-02T14:40:00"
})))]
pub struct OfferSummary {
    pub id: OfferId,
    pub title: String,
    pub entity: OfferEntity,
    pub metier: OfferMetier,
    pub contract_type: ContractType,
    pub category: Option<Category>,
    pub location: OfferLocation,
    pub remote: Remote,
    pub experience: Experience,
    pub salary: Option<SalaryRange>,
    /// UTC.
    #[serde(with = "crate::time::utc")]
    pub published_at: NaiveDateTime,
    /// UTC; the offer disappears from public listings after this instant.
    #[serde(with = "crate::time::utc")]
    pub expires_at: NaiveDateTime,
    /// UTC; the last change of the offer's own content or status.
    #[serde(with = "crate::time::utc")]
    pub updated_at: NaiveDateTime,
}

/// The full offer. Texts are Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Offer {
    #[serde(flatten)]
    pub summary: OfferSummary,
    pub status: OfferStatus,
    pub mission: String,
    pub profile: String,
    pub team: String,
    pub perks: String,
    pub process: String,
}

/// The editable content of an offer, checked before publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferDraft {
    /// Slug of the métier.
    pub metier: String,
    pub title: String,
    pub mission: String,
    pub profile: String,
    pub team: String,
    pub perks: String,
    pub process: String,
    pub contract_type: Option<ContractType>,
    pub category: Option<Category>,
    pub departement_code: String,
    pub city: String,
    pub remote: Option<Remote>,
    pub experience: Option<Experience>,
    pub salary: Option<SalaryRange>,
    #[serde(default, with = "crate::time::utc_option")]
    pub expires_at: Option<NaiveDateTime>,
}

impl From<&Offer> for OfferDraft {
    fn from(offer: &Offer) -> Self {
        let s = &offer.summary;
        Self {
            metier: s.metier.slug.clone(),
            title: s.title.clone(),
            mission: offer.mission.clone(),
            profile: offer.profile.clone(),
            team: offer.team.clone(),
            perks: offer.perks.clone(),
            process: offer.process.clone(),
            contract_type: Some(s.contract_type),
            category: s.category,
            departement_code: s.location.departement_code.clone(),
            city: s.location.city.clone(),
            remote: Some(s.remote),
            experience: Some(s.experience),
            salary: s.salary,
            expires_at: Some(s.expires_at),
        }
    }
}

pub const TITLE_MAX: usize = 160;
pub const TEXT_MAX: usize = 20_000;

impl OfferDraft {
    /// What even a draft needs to be saved — its structure: métier, title, contract, place,
    /// remote work, experience, expiry. Field by field, in French.
    pub fn draft_errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.metier.trim().is_empty() {
            errors.push(FieldError::new("metier", "Choisissez un métier."));
        }
        if self.title.trim().is_empty() {
            errors.push(FieldError::new("title", "Donnez un titre à l'offre."));
        } else if self.title.trim().chars().count() > TITLE_MAX {
            errors.push(FieldError::new(
                "title",
                format!("Le titre ne doit pas dépasser {TITLE_MAX} caractères."),
            ));
        }
        for (field, text) in [
            ("mission", &self.mission),
            ("profile", &self.profile),
            ("team", &self.team),
            ("perks", &self.perks),
            ("process", &self.process),
        ] {
            if text.chars().count() > TEXT_MAX {
                errors.push(FieldError::new(
                    field,
                    format!("Ce texte ne doit pas dépasser {TEXT_MAX} caractères."),
                ));
            }
        }
        if self.contract_type.is_none() {
            errors.push(FieldError::new(
                "contract_type",
                "Choisissez un type de contrat.",
            ));
        }
        if self.remote.is_none() {
            errors.push(FieldError::new(
                "remote",
                "Précisez les possibilités de télétravail.",
            ));
        }
        if self.experience.is_none() {
            errors.push(FieldError::new(
                "experience",
                "Précisez l'expérience attendue.",
            ));
        }
        if !geo::is_departement_code(&self.departement_code) {
            errors.push(FieldError::new(
                "departement_code",
                "Choisissez un département.",
            ));
        }
        if self.city.trim().is_empty() {
            errors.push(FieldError::new("city", "Indiquez la ville du poste."));
        }
        if let Some(salary) = self.salary {
            if salary.min <= 0 || salary.max < salary.min {
                errors.push(FieldError::new(
                    "salary",
                    "La rémunération maximale doit être supérieure ou égale à la minimale.",
                ));
            }
        }
        if self.expires_at.is_none() {
            errors.push(FieldError::new(
                "expires_at",
                "Indiquez une date d'expiration.",
            ));
        }
        errors
    }

    /// Everything that prevents publication: the draft rules plus a real title, mission and
    /// profile, and an expiry in the future.
    pub fn publication_errors(&self, now: NaiveDateTime) -> Vec<FieldError> {
        let mut errors = self.draft_errors();
        let title_len = self.title.trim().chars().count();
        if (1..5).contains(&title_len) {
            errors.push(FieldError::new(
                "title",
                "Le titre doit compter au moins 5 caractères.",
            ));
        }
        for (field, text, label) in [
            ("mission", &self.mission, "La mission"),
            ("profile", &self.profile, "Le profil recherché"),
        ] {
            if text.trim().chars().count() < 30 {
                errors.push(FieldError::new(
                    field,
                    format!("{label} doit être décrit(e) en au moins 30 caractères."),
                ));
            }
        }
        if matches!(self.expires_at, Some(at) if at <= now) {
            errors.push(FieldError::new(
                "expires_at",
                "La date d'expiration doit être dans le futur.",
            ));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn now() -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_790_000_000, 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default()
    }

    fn complete_draft() -> OfferDraft {
        OfferDraft {
            metier: "developpeuse-developpeur".into(),
            title: "Développeuse ou développeur Rust".into(),
            mission: "Vous développez les services numériques de l'administration fiscale.".into(),
            profile: "Vous maîtrisez Rust et PostgreSQL, et aimez le travail en équipe.".into(),
            contract_type: Some(ContractType::Contractuel),
            remote: Some(Remote::Partial),
            experience: Some(Experience::Confirmed),
            departement_code: "35".into(),
            city: "Rennes".into(),
            expires_at: Some(now() + chrono::Duration::days(30)),
            ..OfferDraft::default()
        }
    }

    #[test]
    fn complete_draft_can_be_published() {
        assert_eq!(complete_draft().publication_errors(now()), vec![]);
    }

    #[test]
    fn empty_draft_names_every_missing_field() {
        let fields: Vec<String> = OfferDraft::default()
            .publication_errors(now())
            .into_iter()
            .map(|e| e.field)
            .collect();
        for f in [
            "metier",
            "title",
            "mission",
            "profile",
            "contract_type",
            "remote",
            "experience",
            "departement_code",
            "city",
            "expires_at",
        ] {
            assert!(fields.iter().any(|x| x == f), "{f} missing from {fields:?}");
        }
    }

    #[test]
    fn inverted_salary_and_past_expiry_are_refused() {
        let mut draft = complete_draft();
        draft.salary = Some(SalaryRange {
            min: 50_000,
            max: 40_000,
        });
        draft.expires_at = Some(now() - chrono::Duration::days(1));
        let fields: Vec<String> = draft
            .publication_errors(now())
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["salary", "expires_at"]);
        assert_eq!(
            draft.draft_errors().len(),
            1,
            "a past expiry is fine for a draft"
        );
    }

    #[test]
    fn vocabularies_are_snake_case() {
        assert_eq!(
            ContractType::TitulaireOuContractuel.as_ref(),
            "titulaire_ou_contractuel"
        );
        assert_eq!(ContractType::from_str("eig"), Ok(ContractType::Eig));
        assert_eq!(
            serde_json::to_string(&Remote::Partial).ok().as_deref(),
            Some("\"partial\"")
        );
        assert_eq!(Category::from_str("a"), Ok(Category::A));
        assert_eq!(ContractType::all().count(), 6);
    }
}
