//! Public digital entities (ministry → directorate → service) and their showcase.

use serde::{Deserialize, Serialize};

use crate::EntityId;

/// Level of an entity in the State's organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumString, strum::AsRefStr,
)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EntityKind {
    /// A ministry (or the Prime Minister's services).
    Ministere,
    /// A directorate or agency under a ministry.
    Direction,
    /// A service, the finest level.
    Service,
}

impl EntityKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Ministere => "Ministère",
            Self::Direction => "Direction",
            Self::Service => "Service",
        }
    }

    /// Depth in the organisation: a parent always ranks strictly below its children, which
    /// also makes a cycle impossible.
    pub fn rank(self) -> u8 {
        match self {
            Self::Ministere => 0,
            Self::Direction => 1,
            Self::Service => 2,
        }
    }

    /// Why `self` cannot sit under a parent of kind `parent` (`None`: at the top).
    pub fn placement_error(self, parent: Option<EntityKind>) -> Option<crate::FieldError> {
        let message = match (self, parent) {
            (Self::Ministere, None) => return None,
            (Self::Ministere, Some(_)) => "Un ministère n'a pas d'entité de rattachement.",
            (_, None) => "Choisissez l'entité de rattachement.",
            (kind, Some(parent)) if parent.rank() >= kind.rank() => {
                "L'entité de rattachement doit être d'un niveau supérieur."
            }
            _ => return None,
        };
        Some(crate::FieldError::new("parent_slug", message))
    }
}

/// A flagship project shown on the showcase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Project {
    pub name: String,
    pub description: String,
}

/// A key figure ("250 agents dans le numérique").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct KeyFigure {
    pub label: String,
    pub value: String,
}

/// An agent's testimonial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Testimonial {
    pub author_name: String,
    pub job_title: String,
    pub quote: String,
}

/// The showcase blocks of an entity. Texts are Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Showcase {
    pub presentation: String,
    pub missions: String,
    pub values: Vec<String>,
    pub strengths: Vec<String>,
    pub projects: Vec<Project>,
    pub organisation: String,
    pub key_figures: Vec<KeyFigure>,
    pub recruitment_process: String,
}

/// An entity as listed (directory, breadcrumbs, offer cards).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "server", schema(example = json!({
    "id": 2,
    "slug": "dinum",
    "name": "Direction interministérielle du numérique",
    "acronym": "DINUM",
    "kind": "direction",
    "parent_slug": "premier-ministre",
    "city": "Paris",
    "departement_code": "75",
    "open_offers": 14
})))]
pub struct EntitySummary {
    pub id: EntityId,
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: EntityKind,
    pub parent_slug: Option<String>,
    pub city: Option<String>,
    pub departement_code: Option<String>,
    /// Published, unexpired offers of this entity and its sub-entities.
    pub open_offers: i64,
}

impl EntitySummary {
    /// "DINUM" when there is an acronym, else the full name.
    pub fn short_name(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.name)
    }
}

/// The full showcase page of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EntityDetail {
    #[serde(flatten)]
    pub summary: EntitySummary,
    pub website: Option<String>,
    pub showcase: Showcase,
    pub testimonials: Vec<Testimonial>,
    /// From the ministry down to the direct parent.
    pub ancestors: Vec<EntitySummary>,
    pub children: Vec<EntitySummary>,
}

/// What a recruiter sends to replace their entity's showcase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ShowcaseUpdate {
    pub showcase: Showcase,
    pub testimonials: Vec<Testimonial>,
}

pub const SHOWCASE_TEXT_MAX: usize = 10_000;
pub const SHOWCASE_ITEMS_MAX: usize = 12;

impl ShowcaseUpdate {
    /// Field errors, named like the JSON (`showcase.missions`, `testimonials[1].quote`).
    pub fn errors(&self) -> Vec<crate::FieldError> {
        use crate::FieldError;
        let s = &self.showcase;
        let mut errors = Vec::new();
        if s.presentation.trim().chars().count() < 20 {
            errors.push(FieldError::new(
                "showcase.presentation",
                "Présentez l'entité en au moins 20 caractères.",
            ));
        }
        for (field, text) in [
            ("showcase.presentation", &s.presentation),
            ("showcase.missions", &s.missions),
            ("showcase.organisation", &s.organisation),
            ("showcase.recruitment_process", &s.recruitment_process),
        ] {
            if text.chars().count() > SHOWCASE_TEXT_MAX {
                errors.push(FieldError::new(
                    field,
                    format!("Ce texte ne doit pas dépasser {SHOWCASE_TEXT_MAX} caractères."),
                ));
            }
        }
        for (field, len) in [
            ("showcase.values", s.values.len()),
            ("showcase.strengths", s.strengths.len()),
            ("showcase.projects", s.projects.len()),
            ("showcase.key_figures", s.key_figures.len()),
            ("testimonials", self.testimonials.len()),
        ] {
            if len > SHOWCASE_ITEMS_MAX {
                errors.push(FieldError::new(
                    field,
                    format!("{SHOWCASE_ITEMS_MAX} éléments au plus."),
                ));
            }
        }
        for (i, t) in self.testimonials.iter().enumerate() {
            for (name, value, what) in [
                (
                    "author_name",
                    &t.author_name,
                    "le prénom et le nom de l'agent",
                ),
                ("job_title", &t.job_title, "son poste"),
                ("quote", &t.quote, "son témoignage"),
            ] {
                if value.trim().is_empty() {
                    errors.push(FieldError::new(
                        format!("testimonials[{i}].{name}"),
                        format!("Témoignage {} : indiquez {what}.", i + 1),
                    ));
                }
            }
        }
        errors
    }
}

/// `POST /api/v1/admin/entities` and `PUT /api/v1/admin/entities/{slug}`: an entity's
/// identity and its place in the hierarchy (the showcase is its recruiters' job).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EntityForm {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: EntityKind,
    /// Slug of the entity above; `None` for a ministry.
    pub parent_slug: Option<String>,
    pub departement_code: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
}

impl EntityForm {
    /// Errors that need no database (the parent's existence and kind are checked on save).
    pub fn errors(&self) -> Vec<crate::FieldError> {
        use crate::FieldError;
        let mut errors = Vec::new();
        if !is_valid_slug(&self.slug) {
            errors.push(FieldError::new(
                "slug",
                "Identifiant d'URL : 2 à 80 lettres minuscules, chiffres et tirets.",
            ));
        }
        if !(2..=200).contains(&self.name.trim().chars().count()) {
            errors.push(FieldError::new(
                "name",
                "Le nom compte de 2 à 200 caractères.",
            ));
        }
        if let Some(website) = self.website.as_deref().filter(|w| !w.is_empty()) {
            if !website.starts_with("https://") || website.contains(char::is_whitespace) {
                errors.push(FieldError::new(
                    "website",
                    "Le site doit être une adresse https:// complète.",
                ));
            }
        }
        if self.kind == EntityKind::Ministere && self.parent_slug.is_some() {
            errors.extend(self.kind.placement_error(Some(EntityKind::Ministere)));
        }
        if self.kind != EntityKind::Ministere && self.parent_slug.is_none() {
            errors.extend(self.kind.placement_error(None));
        }
        errors
    }
}

/// Rules for a slug: lowercase ASCII letters, digits and single hyphens, 2–80 characters.
pub fn is_valid_slug(slug: &str) -> bool {
    (2..=80).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("dinum"));
        assert!(is_valid_slug("ministere-interieur"));
        for bad in [
            "", "a", "Dinum", "-dinum", "dinum-", "din--um", "dïnum", "di num",
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn showcase_update_names_nested_fields() {
        let update = ShowcaseUpdate {
            showcase: Showcase::default(),
            testimonials: vec![Testimonial {
                author_name: "Camille".into(),
                job_title: String::new(),
                quote: "Une équipe formidable.".into(),
            }],
        };
        let fields: Vec<String> = update.errors().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["showcase.presentation", "testimonials[0].job_title"]
        );
    }

    #[test]
    fn hierarchy_goes_down_only() {
        use EntityKind::*;
        assert_eq!(Ministere.placement_error(None), None);
        assert_eq!(Direction.placement_error(Some(Ministere)), None);
        assert_eq!(Service.placement_error(Some(Ministere)), None);
        assert_eq!(Service.placement_error(Some(Direction)), None);
        assert!(Ministere.placement_error(Some(Ministere)).is_some());
        assert!(Direction.placement_error(Some(Direction)).is_some());
        assert!(Direction.placement_error(Some(Service)).is_some());
        assert!(Service.placement_error(None).is_some());
    }

    #[test]
    fn kind_round_trips() {
        use std::str::FromStr;
        assert_eq!(EntityKind::from_str("direction"), Ok(EntityKind::Direction));
        assert_eq!(EntityKind::Service.as_ref(), "service");
    }
}
